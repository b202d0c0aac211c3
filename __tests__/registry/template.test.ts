import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { checkTemplate, fillTemplate } from '../../src/registry/template.js';

const VALUES = { model: 'churn', version: '2026.11.30.1', path: 'models/churn/2026.11.30.1' };

describe('fillTemplate', () => {
  it('fills every {model}, {version} and {path}, and leaves the rest as written', () => {
    expect(fillTemplate('model-uri', 'gs://b/{model}/{version}#{path} ({model})', VALUES)).toBe(
      'gs://b/churn/2026.11.30.1#models/churn/2026.11.30.1 (churn)',
    );
    expect(fillTemplate('title', 'no fields, a lone {', VALUES)).toBe('no fields, a lone {');
  });

  it('fills an alias as the field it stands for', () => {
    expect(fillTemplate('title', 'Publish {name} {version}', VALUES, { name: 'model' })).toBe('Publish churn 2026.11.30.1');
  });

  it('refuses an unknown field as an InputError naming the input and listing the fields', () => {
    const refusal = () => fillTemplate('image-tag', '{model}-{sha}', VALUES);
    expect(refusal).toThrow(InputError);
    expect(refusal).toThrow('input "image-tag" has an unknown field {sha} in "{model}-{sha}"; the fields are {model}, {version}, {path}');
    // Without the alias, {name} is as unknown as any other field; nor is an inherited property a field.
    expect(() => fillTemplate('image-tag', '{name}', VALUES)).toThrow(/unknown field \{name\}/);
    expect(() => fillTemplate('title', '{constructor}', VALUES, { name: 'model' })).toThrow(/unknown field \{constructor\}/);
    expect(() => fillTemplate('title', '{}', VALUES)).toThrow(/unknown field \{\}/);
  });
});

describe('checkTemplate', () => {
  it('returns the aliases a template uses, once each, so the caller can warn', () => {
    expect(checkTemplate('title', '{name} {name} {version}', { name: 'model' })).toEqual(['name']);
    expect(checkTemplate('title', '{model} {version}', { name: 'model' })).toEqual([]);
  });

  it('refuses before any value is known', () => {
    expect(() => checkTemplate('commit-message', 'Publish {model} {when}')).toThrow('input "commit-message" has an unknown field {when}');
  });
});
