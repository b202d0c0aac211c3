/**
 * The templates of the publish and rollout inputs (a pull request title, a commit message, an image tag, a
 * model URI), one rule for all: `{model}` is the model's name in the registry, `{version}` the version,
 * `{path}` its folder in the repository; any other field is a mistake the input's author should hear about.
 */
import { InputError } from '../core/errors.js';

export const TEMPLATE_FIELDS = ['model', 'version', 'path'] as const;

export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export type TemplateValues = Readonly<Record<TemplateField, string>>;

/** Older field names a template may still use, each the same as a field of today. */
export type TemplateAliases = Readonly<Record<string, TemplateField>>;

const FIELD = /\{([^{}]*)\}/g;

/**
 * Refuses an unknown field, naming the input, before anything is filled in (publish knows the version only
 * once it has read the registry); returns the aliases the template uses, so the caller can say they are old.
 */
export function checkTemplate(input: string, template: string, aliases: TemplateAliases = {}): string[] {
  const used = new Set<string>();
  for (const [whole, field] of template.matchAll(FIELD)) {
    if (Object.hasOwn(aliases, field)) used.add(field);
    else if (!(TEMPLATE_FIELDS as readonly string[]).includes(field)) {
      throw new InputError(
        `input "${input}" has an unknown field ${whole} in ${JSON.stringify(template)}; the fields are ${TEMPLATE_FIELDS.map((name) => `{${name}}`).join(', ')}`,
      );
    }
  }
  return [...used];
}

export function fillTemplate(input: string, template: string, values: TemplateValues, aliases: TemplateAliases = {}): string {
  checkTemplate(input, template, aliases);
  return template.replace(
    FIELD,
    (_whole, field: string) => values[Object.hasOwn(aliases, field) ? aliases[field] : (field as TemplateField)],
  );
}
