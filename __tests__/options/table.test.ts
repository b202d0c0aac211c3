/**
 * The option table is the one source of the CLI's flags and the check action's inputs: every option is
 * well formed, and a flag and its input given the same text give the same settings.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getInputs } from '../../src/action/inputs.js';
import { parseCli, type CliCheckCommand } from '../../src/cli/args.js';
import { actionInputs, CHECK_OPTIONS, PROFILE_OPTIONS, type OptionSpec } from '../../src/options/table.js';
import { REPO_ROOT } from '../helpers/paths.js';

const checkOptions = Object.entries(CHECK_OPTIONS as Record<string, OptionSpec>);
const both = checkOptions.filter(([, option]) => option.flag !== undefined && option.input !== undefined);

/** A text each option shared by the CLI and the action accepts, other than its default. */
const SAMPLES: Record<string, string[]> = {
  baseline: ['a.csv', 'b.csv'],
  current: ['c.csv'],
  memoryBudget: ['2G'],
  columns: ['x', 'label'],
  ignoreColumns: ['id'],
  numericalColumns: ['unit price, EUR'],
  categoricalColumns: ['size'],
  naValues: ['-999', '?'],
  defaultNaValues: ['false'],
  method: ['psi'],
  numericalMethod: ['ks'],
  categoricalMethod: ['chi2'],
  columnMethods: ['x=y=psi'],
  pValueThreshold: ['0.01'],
  distanceThreshold: ['auto'],
  permutations: ['499'],
  permutationSeed: ['7'],
  threshold: ['0.2'],
  numericalThreshold: ['0.3'],
  categoricalThreshold: ['0.4'],
  columnThresholds: ['x=auto'],
  correction: ['fdr'],
  minRows: ['10'],
  missingShareThreshold: ['0.2'],
  driftShare: ['0.25'],
  prediction: ['pred'],
  target: ['label'],
  probabilities: ['proba'],
  positiveLabel: ['yes'],
  order: ['ts'],
  performanceMetric: ['roc_auc'],
  maxDegradation: ['0.02'],
  multivariate: ['mmd'],
  segment: ['region'],
  gateOn: ['data', 'performance'],
  insufficientData: ['fail'],
};

/** The same settings as CLI arguments: a list repeats its flag, a negated switch is its flag alone. */
function argvOf(samples: Record<string, string[]>): string[] {
  return [
    'check',
    ...Object.entries(samples).flatMap(([key, values]) => {
      const option = (CHECK_OPTIONS as Record<string, OptionSpec>)[key];
      if (option.kind === 'switch') return option.negated === (values[0] === 'false') ? [`--${option.flag}`] : [];
      return values.map((value) => `--${option.flag}=${value}`);
    }),
  ];
}

const savedEnv = { ...process.env };

/** The runner's view: every declared input, its default where not given. */
function setInputs(samples: Record<string, string[]>): void {
  const given = Object.fromEntries(
    Object.entries(samples).map(([key, values]) => [(CHECK_OPTIONS as Record<string, OptionSpec>)[key].input!.name, values.join('\n')]),
  );
  for (const [name, input] of actionInputs()) process.env[`INPUT_${name.toUpperCase()}`] = given[name] ?? input.default;
}

beforeEach(() => {
  process.env = { ...savedEnv, GITHUB_WORKSPACE: REPO_ROOT };
  jest.spyOn(process.stdout, 'write').mockImplementation((() => true) as typeof process.stdout.write);
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = savedEnv;
});

describe('the option table', () => {
  it('names each flag and each input once per command', () => {
    for (const options of [CHECK_OPTIONS, PROFILE_OPTIONS]) {
      const flags = Object.values(options as Record<string, OptionSpec>).flatMap((option) => (option.flag ? [option.flag] : []));
      expect(flags.filter((flag, index) => flags.indexOf(flag) !== index)).toEqual([]);
    }
    const inputs = actionInputs().map(([name]) => name);
    expect(inputs.filter((name, index) => inputs.indexOf(name) !== index)).toEqual([]);
  });

  it('gives every flag its help and every input its description, and a negated switch a default of true', () => {
    for (const [key, option] of checkOptions) {
      if (option.flag) expect({ key, help: Boolean(option.help) }).toEqual({ key, help: true });
      if (option.input) expect({ key, description: option.input.description.length > 10 }).toEqual({ key, description: true });
      if (option.negated) expect({ key, default: option.input?.default }).toEqual({ key, default: 'true' });
      if (option.kind === 'switch' && option.input) expect(['true', 'false']).toContain(option.input.default);
    }
  });

  it('is what action.yml declares, in its order', () => {
    const declared = (parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs;
    expect(Object.entries(declared)).toEqual(actionInputs());
  });

  it('has a sample for every option the CLI and the action share', () => {
    expect(both.map(([key]) => key).filter((key) => !(key in SAMPLES))).toEqual([]);
  });

  it('gives the same settings from the flags as from the inputs, option by option', () => {
    const sides = { baseline: SAMPLES.baseline, current: SAMPLES.current };
    // The model options depend on one another; each is given with the ones it needs.
    const model = { prediction: SAMPLES.prediction, target: SAMPLES.target };
    for (const [key] of both) {
      const samples = { ...sides, ...(key in model || ['baseline', 'current'].includes(key) ? {} : model), [key]: SAMPLES[key] };
      if (key === 'positiveLabel') Object.assign(samples, { probabilities: SAMPLES.probabilities });
      const fromFlags = (parseCli(argvOf(samples)) as CliCheckCommand).settings;
      setInputs(samples);
      const fromInputs = getInputs().check;
      const { baseline, current, drift, memoryBudget } = fromInputs;
      expect({ key, baseline, current, drift, memoryBudget }).toEqual({
        key,
        baseline: fromFlags.baseline,
        current: fromFlags.current,
        drift: fromFlags.drift,
        memoryBudget: fromFlags.memoryBudget,
      });
      // The sample is not the default: leaving it out changes the settings (the paths are required).
      if (key !== 'baseline' && key !== 'current') {
        const { drift: without, memoryBudget: budgetWithout } = (parseCli(argvOf({ ...samples, [key]: [] })) as CliCheckCommand).settings;
        expect({ key, drift: without, memoryBudget: budgetWithout }).not.toEqual({ key, drift, memoryBudget });
      }
    }
  });

  it('names a mistake as the user wrote it: the flag on the CLI, the input in the action', () => {
    expect(() => parseCli(argvOf({ baseline: ['a'], current: ['b'], minRows: ['0'] }))).toThrow(
      '--min-rows must be a whole number >= 1, not "0"',
    );
    setInputs({ baseline: ['a'], current: ['b'], minRows: ['0'] });
    expect(() => getInputs()).toThrow(/^min-rows must be a whole number >= 1, not "0"$/);
  });
});
