import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getInputs } from '../../src/action/inputs.js';
import { DEFAULT_NA_VALUES } from '../../src/io/missing-values.js';
import { REPO_ROOT } from '../helpers/processes.js';

const savedEnv = { ...process.env };
const declared = (parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;

/** The runner's view: every declared input present with its action.yml default, the given ones overriding. */
function setInputs(given: Record<string, string>): void {
  const defaults = Object.fromEntries(Object.entries(declared).map(([name, input]) => [name, input.default ?? '']));
  for (const [name, value] of Object.entries({ ...defaults, ...given })) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

beforeEach(() => {
  process.env = { ...savedEnv, GITHUB_WORKSPACE: '/work/space' };
  jest.spyOn(process.stdout, 'write').mockImplementation((() => true) as typeof process.stdout.write);
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = savedEnv;
});

describe('the check action inputs', () => {
  it('reads insufficient-data, pass by default (as action.yml declares), and refuses anything else', () => {
    setInputs({ baseline: 'a.csv', current: 'b.csv' });
    expect(getInputs().check.drift.insufficientData).toBe('pass');
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'insufficient-data': 'fail' });
    expect(getInputs().check.drift.insufficientData).toBe('fail');
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'insufficient-data': 'yes' });
    expect(() => getInputs()).toThrow('insufficient-data must be pass or fail, not "yes"');
  });

  it('reads the missing-value tokens, extending the default list or replacing it', () => {
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'na-values': '-999\n?' });
    expect(getInputs().check.drift.naValues).toEqual([...DEFAULT_NA_VALUES, '-999', '?']);
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'na-values': '?', 'default-na-values': 'false' });
    expect(getInputs().check.drift.naValues).toEqual(['?']);
  });

  it('reads p-value and distance thresholds apart, auto and the permutation settings', () => {
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'p-value-threshold': '0.01', 'distance-threshold': 'auto', permutations: '499', 'permutation-seed': '7' });
    expect(getInputs().check.drift).toMatchObject({ pValueThreshold: 0.01, distanceThreshold: 'auto', permutations: 499, permutationSeed: 7 });
    setInputs({ baseline: 'a.csv', current: 'b.csv' });
    expect(getInputs().check.drift).toMatchObject({ pValueThreshold: undefined, distanceThreshold: undefined, permutations: 999, permutationSeed: 42 });
  });

  it('refuses a p-value threshold outside (0, 1)', () => {
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'p-value-threshold': '1.5' });
    expect(() => getInputs()).toThrow('p-value-threshold must be a p-value between 0 and 1 (exclusive), not "1.5"');
  });

  it('reads one probability column with its positive-label, empty meaning the default', () => {
    const model = { baseline: 'a.csv', current: 'b.csv', 'prediction-column': 'pred', 'target-column': 'label', 'probability-columns': 'proba' };
    setInputs({ ...model, 'positive-label': 'churn' });
    expect(getInputs().check.drift.model).toMatchObject({ probabilities: { kind: 'positive', column: 'proba' }, positiveLabel: 'churn' });
    setInputs(model);
    expect(getInputs().check.drift.model).not.toHaveProperty('positiveLabel');
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'prediction-column': 'pred', 'positive-label': 'churn' });
    expect(() => getInputs()).toThrow('positive-label is the class whose probability one probability-columns column holds: name that column too');
  });

  it('gates on the estimate without labels when gate-on names estimated-performance, one word a line', () => {
    const model = { baseline: 'a.csv', current: 'b.csv', 'prediction-column': 'pred', 'target-column': 'label', 'probability-columns': 'proba', 'positive-label': 'churn' };
    setInputs({ ...model, 'gate-on': 'performance\nestimated-performance' });
    expect([...getInputs().check.drift.gateOn]).toEqual(['performance', 'estimated-performance']);
    setInputs({ ...model, 'probability-columns': 'proba.*', 'gate-on': 'estimated-performance' });
    expect(() => getInputs()).toThrow(/^gate-on estimated-performance needs the prediction and target columns and one probability column/);
  });
});
