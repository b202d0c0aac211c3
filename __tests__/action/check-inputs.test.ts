import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getInputs } from '../../src/action/inputs.js';
import { parseCli, type CliCheckCommand } from '../../src/cli/args.js';
import { InputError } from '../../src/core/errors.js';
import { DEFAULT_NA_VALUES } from '../../src/core/missing-values.js';
import { REPO_ROOT } from '../helpers/paths.js';

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
    setInputs({
      baseline: 'a.csv',
      current: 'b.csv',
      'p-value-threshold': '0.01',
      'distance-threshold': 'auto',
      permutations: '499',
      'permutation-seed': '7',
    });
    expect(getInputs().check.drift).toMatchObject({
      pValueThreshold: 0.01,
      distanceThreshold: 'auto',
      permutations: 499,
      permutationSeed: 7,
    });
    setInputs({ baseline: 'a.csv', current: 'b.csv' });
    expect(getInputs().check.drift).toMatchObject({
      pValueThreshold: undefined,
      distanceThreshold: undefined,
      permutations: 999,
      permutationSeed: 42,
    });
  });

  it('refuses a p-value threshold outside (0, 1)', () => {
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'p-value-threshold': '1.5' });
    expect(() => getInputs()).toThrow('p-value-threshold must be a p-value between 0 and 1 (exclusive), not "1.5"');
  });

  it('reads one probability column with its positive-label, empty meaning the default', () => {
    const model = {
      baseline: 'a.csv',
      current: 'b.csv',
      'prediction-column': 'pred',
      'target-column': 'label',
      'probability-columns': 'proba',
    };
    setInputs({ ...model, 'positive-label': 'churn' });
    expect(getInputs().check.drift.model).toMatchObject({ probabilities: { kind: 'positive', column: 'proba' }, positiveLabel: 'churn' });
    setInputs(model);
    expect(getInputs().check.drift.model).not.toHaveProperty('positiveLabel');
    setInputs({ baseline: 'a.csv', current: 'b.csv', 'prediction-column': 'pred', 'positive-label': 'churn' });
    expect(() => getInputs()).toThrow(
      'positive-label is the class whose probability one probability-columns column holds: name that column too',
    );
  });

  it('gates on the estimate without labels when gate-on names estimated-performance, one word a line', () => {
    const model = {
      baseline: 'a.csv',
      current: 'b.csv',
      'prediction-column': 'pred',
      'target-column': 'label',
      'probability-columns': 'proba',
      'positive-label': 'churn',
    };
    setInputs({ ...model, 'gate-on': 'performance\nestimated-performance' });
    expect([...getInputs().check.drift.gateOn]).toEqual(['performance', 'estimated-performance']);
    setInputs({ ...model, 'probability-columns': 'proba.*', 'gate-on': 'estimated-performance' });
    expect(() => getInputs()).toThrow(/^gate-on estimated-performance needs the prediction and target columns and one probability column/);
  });

  it('turns the declared defaults into the settings the CLI gives the same files', () => {
    setInputs({ baseline: 'data/base.csv', current: 'data/cur.csv', 'github-token': 't0ken' });
    const cli = parseCli(['check', '--baseline', 'data/base.csv', '--current', 'data/cur.csv']) as CliCheckCommand;
    expect(getInputs()).toEqual({
      check: {
        baseline: ['data/base.csv'],
        current: ['data/cur.csv'],
        cwd: '/work/space',
        globRoots: ['/work/space'],
        drift: cli.settings.drift,
      },
      baselineArtifact: undefined,
      engine: undefined,
      githubToken: 't0ken',
      failOnDrift: false,
      reportDir: '/work/space/driftgate-report',
      uploadReport: '',
      summary: true,
      pushgatewayUrl: undefined,
      metricsJob: 'driftgate',
      metricsLabels: {},
    });
  });

  it('reads lists one item a line, trimmed, blank lines dropped, and resolves paths in the workspace or RUNNER_TEMP', () => {
    process.env.RUNNER_TEMP = '/runner/temp';
    setInputs({
      baseline: '  data/a.csv\n\n data/b.csv  \n',
      current: 'fresh/*.parquet',
      columns: 'x\n total, net \n',
      'numerical-columns': 'x',
      'categorical-columns': ' total, net ',
      'report-dir': '/runner/temp/report',
      'metrics-labels': 'team=risk\nregion=eu-west',
      'memory-budget': '2G',
      'fail-on-drift': 'True',
      summary: 'FALSE',
    });
    const inputs = getInputs();
    expect(inputs.check).toMatchObject({
      baseline: ['data/a.csv', 'data/b.csv'],
      current: ['fresh/*.parquet'],
      globRoots: ['/work/space', '/runner/temp'],
      memoryBudget: 2 * 1024 ** 3,
    });
    expect(inputs.check.drift.columns).toEqual(['x', 'total, net']);
    expect([...inputs.check.drift.declaredKinds]).toEqual([
      ['x', 'numerical'],
      ['total, net', 'categorical'],
    ]);
    expect(inputs).toMatchObject({
      reportDir: '/runner/temp/report',
      failOnDrift: true,
      summary: false,
      metricsLabels: { team: 'risk', region: 'eu-west' },
    });
  });

  it('reads the baseline artifact: this run, a run id, or the latest run of a workflow', () => {
    setInputs({ current: 'b.csv', 'baseline-artifact': 'profile' });
    expect(getInputs().baselineArtifact).toEqual({ name: 'profile' });
    setInputs({ current: 'b.csv', 'baseline-artifact': 'profile', 'baseline-run-id': '123' });
    expect(getInputs().baselineArtifact).toEqual({ name: 'profile', runId: 123 });
    setInputs({
      current: 'b.csv',
      'baseline-artifact': 'profile',
      'baseline-run-id': 'latest',
      'baseline-workflow': 'train.yml',
      'baseline-branch': 'main',
    });
    expect(getInputs().baselineArtifact).toEqual({ name: 'profile', runId: 'latest', workflow: 'train.yml', branch: 'main' });
  });

  it.each([
    ['no current data', { baseline: 'a.csv' }, 'input "current" is required'],
    ['no baseline', { current: 'b.csv' }, 'input "baseline" is required'],
    [
      'a baseline path and an artifact',
      { baseline: 'a.csv', current: 'b.csv', 'baseline-artifact': 'profile' },
      'set either "baseline" (a path in the workspace) or "baseline-artifact"',
    ],
    [
      '"latest" without its workflow',
      { current: 'b.csv', 'baseline-artifact': 'profile', 'baseline-run-id': 'latest' },
      'baseline-run-id "latest" needs baseline-workflow',
    ],
    [
      'a run id that is not one',
      { current: 'b.csv', 'baseline-artifact': 'profile', 'baseline-run-id': '12a' },
      'baseline-run-id must be a workflow run id (digits) or "latest", not "12a"',
    ],
    ['a path out of the workspace', { baseline: '../a.csv', current: 'b.csv' }, 'baseline "../a.csv" is outside the workspace'],
    [
      'a boolean YAML would not read as one',
      { baseline: 'a.csv', current: 'b.csv', 'fail-on-drift': 'yes' },
      'fail-on-drift must be true or false, not "yes"',
    ],
    [
      'a column declared both ways',
      { baseline: 'a.csv', current: 'b.csv', 'numerical-columns': 'x', 'categorical-columns': 'x' },
      'column "x" is declared both numerical and categorical (numerical-columns and categorical-columns)',
    ],
    [
      'a label without a value',
      { baseline: 'a.csv', current: 'b.csv', 'metrics-labels': 'team' },
      'metrics-labels takes NAME=VALUE, one per line, got "team"',
    ],
  ])('refuses %s as bad input', (_case, inputs, message) => {
    setInputs(inputs);
    expect(() => getInputs()).toThrow(InputError);
    expect(() => getInputs()).toThrow(message);
  });
});

describe('the inputs the action reads', () => {
  /** The INPUT_* variables getInputs reads, as the runner passes each input. */
  function inputsRead(given: Record<string, string>): Set<string> {
    setInputs(given);
    const read = new Set<string>();
    const environment = process.env;
    process.env = new Proxy(environment, {
      get(target, key) {
        if (typeof key === 'string' && key.startsWith('INPUT_')) read.add(key.slice('INPUT_'.length).toLowerCase());
        return Reflect.get(target, key);
      },
    });
    try {
      getInputs();
    } finally {
      process.env = environment;
    }
    return read;
  }

  it('are the ones action.yml declares, all of them across the ways to give a baseline', () => {
    const fromArtifact = inputsRead({
      current: 'b.csv',
      'baseline-artifact': 'profile',
      'baseline-run-id': 'latest',
      'baseline-workflow': 'train.yml',
    });
    const fromEngine = inputsRead({
      engine: 'postgres',
      connection: 'postgres://u:p@127.0.0.1/db',
      'baseline-table': 't',
      'current-table': 'u',
    });
    const read = new Set([...fromArtifact, ...fromEngine]);
    expect([...read].filter((name) => !(name in declared))).toEqual([]);
    expect(Object.keys(declared).filter((name) => !read.has(name))).toEqual([]);
  });
});
