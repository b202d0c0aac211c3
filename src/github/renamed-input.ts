/**
 * Inputs renamed so every action says the same thing the same way (`model-name` for the model's name in
 * the registry, `model-files` for the files to publish): the old name keeps working, with one warning that
 * names the new one, so no workflow breaks before a major version drops it.
 */
import { InputError } from '../core/errors.js';
import { annotate } from './log.js';

export interface RenamedInput {
  name: string;
  /** The name it had. */
  old: string;
}

/** The name to read the input under: `name`, or `old` when only that is given (`given` tells). */
export function renamedInputName(input: RenamedInput, given: (name: string) => boolean): string {
  if (!given(input.old)) return input.name;
  if (given(input.name))
    throw new InputError(
      `"${input.old}" and "${input.name}" are both given; "${input.old}" is the old name of "${input.name}": keep only "${input.name}"`,
    );
  annotate('warning', `"${input.old}" is deprecated: rename it to "${input.name}", which means the same`);
  return input.old;
}
