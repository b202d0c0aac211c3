import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import * as github from '@actions/github';
import { InputError } from '../../src/core/errors.js';
import { getInputs } from '../../src/publish/inputs.js';

const savedEnv = { ...process.env };
let printed: string[];

/** The runner's view: every declared input present (defaults from action.yml), the given ones overriding. */
function setInputs(given: Record<string, string>): void {
  const defaults: Record<string, string> = {
    'model-files': '',
    'model-name': '',
    model: '',
    name: '',
    'registry-dir': 'models',
    version: 'auto',
    baseline: '',
    metrics: '',
    'drift-report': '',
    'promote-metric': '',
    'promote-margin': '0',
    base: '',
    branch: '',
    title: 'Publish model {model} {version}',
    'commit-message': 'Publish model {model} {version}',
    labels: '',
    reviewers: '',
    'team-reviewers': '',
    assignees: '',
    draft: 'false',
    'github-token': 'ghs_secret_token',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...given })) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

beforeEach(() => {
  process.env = {
    ...savedEnv,
    GITHUB_REPOSITORY: 'octo-org/churn-model',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.example.com',
    GITHUB_WORKSPACE: '/work/space',
    RUNNER_TEMP: '/work/_temp',
  };
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
});

const savedPayload = github.context.payload;

afterEach(() => {
  github.context.payload = savedPayload;
  jest.restoreAllMocks();
  process.env = savedEnv;
});

describe('getInputs', () => {
  it('fills the defaults from the repository and the run, and masks the token', () => {
    setInputs({ 'model-files': 'out/model.pkl' });
    const { publish, githubToken } = getInputs();
    expect(githubToken).toBe('ghs_secret_token');
    expect(printed.join('')).toContain('::add-mask::ghs_secret_token');
    expect(publish).toEqual({
      content: {
        model: ['out/model.pkl'],
        baseline: [],
        baselineAs: 'profile',
        metrics: undefined,
        driftReport: undefined,
        cwd: '/work/space',
        runnerTemp: '/work/_temp',
      },
      repository: { owner: 'octo-org', repo: 'churn-model' },
      name: 'churn-model',
      registryDir: 'models',
      version: 'auto',
      base: undefined,
      branch: 'driftgate/churn-model',
      title: 'Publish model {model} {version}',
      commitMessage: 'Publish model {model} {version}',
      pullRequest: { labels: [], assignees: [], reviewers: [], teamReviewers: [], draft: false },
      run: { id: '4242', url: 'https://github.example.com/octo-org/churn-model/actions/runs/4242' },
    });
  });

  it('reads paths one per line and people or labels by comma or line', () => {
    setInputs({
      'model-files': 'out/model, v2.pkl\nout/extra/*.bin\n',
      baseline: 'data/train.csv',
      metrics: 'out/metrics.json',
      'drift-report': 'driftgate-report/drift-report.json',
      'model-name': 'churn',
      'registry-dir': './ml/registry/',
      version: '2026.05.14.7',
      base: 'develop',
      branch: 'models/churn',
      labels: 'model, retrain\nneeds review',
      reviewers: 'sam,  dana',
      'team-reviewers': 'ml',
      assignees: 'dana',
      draft: 'true',
    });
    const { publish } = getInputs();
    expect(publish.content).toMatchObject({
      model: ['out/model, v2.pkl', 'out/extra/*.bin'],
      baseline: ['data/train.csv'],
      metrics: 'out/metrics.json',
      driftReport: 'driftgate-report/drift-report.json',
    });
    expect(publish).toMatchObject({
      name: 'churn',
      registryDir: 'ml/registry',
      version: '2026.05.14.7',
      base: 'develop',
      branch: 'models/churn',
    });
    expect(publish.pullRequest).toEqual({
      labels: ['model', 'retrain', 'needs review'],
      reviewers: ['sam', 'dana'],
      teamReviewers: ['ml'],
      assignees: ['dana'],
      draft: true,
    });
    expect(publish.promotion).toBeUndefined();
  });

  it('reads the promotion rule, off by default', () => {
    setInputs({ 'model-files': 'm.pkl', metrics: 'out/metrics.json', 'promote-metric': 'log_loss', 'promote-margin': '0.005' });
    expect(getInputs().publish.promotion).toEqual({ metric: 'log_loss', margin: 0.005 });
    setInputs({ 'model-files': 'm.pkl', metrics: 'out/metrics.json', 'promote-metric': 'roc_auc', 'promote-margin': '' });
    expect(getInputs().publish.promotion).toEqual({ metric: 'roc_auc', margin: 0 });
  });

  it('refuses what cannot work, saying which input', () => {
    const refused = (given: Record<string, string>) => {
      setInputs({ 'model-files': 'm.pkl', ...given });
      try {
        getInputs();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ 'github-token': '' })).toMatch(/github-token/);
    expect(refused({ 'model-name': 'my model' })).toMatch(/^model-name must be/);
    expect(refused({ name: 'my model' })).toMatch(/^name must be/);
    expect(refused({ title: 'Publish {model} at {ref}' })).toBe(
      'input "title" has an unknown field {ref} in "Publish {model} at {ref}"; the fields are {model}, {version}, {path}',
    );
    expect(refused({ 'commit-message': '{Model} {version}' })).toMatch(/^input "commit-message" has an unknown field \{Model\}/);
    expect(refused({ version: '../1' })).toMatch(/^version must be/);
    expect(refused({ 'registry-dir': '../elsewhere' })).toMatch(/registry-dir/);
    expect(refused({ branch: 'bad..branch' })).toMatch(/branch "bad\.\.branch" is not a valid branch name/);
    expect(refused({ base: 'main', branch: 'main' })).toMatch(
      /^branch "main" is also the base; the model is proposed on a branch of its own/,
    );
    for (const registryDir of ['a/.git', 'models/.GIT/x', '.Git', 'a/../../b', 'a/..'])
      expect(refused({ 'registry-dir': registryDir })).toMatch(/^registry-dir must be a folder inside the repository/);
    expect(refused({ draft: 'yes' })).toMatch(/draft/);
    expect(refused({ 'promote-metric': 'roc_auc' })).toMatch(/^promote-metric roc_auc needs the metrics input/);
    expect(refused({ 'promote-metric': 'latency_ms', metrics: 'm.json' })).toMatch(
      /^promote-metric "latency_ms" is not a metric whose better direction driftgate knows/,
    );
    expect(refused({ 'promote-metric': 'roc_auc', metrics: 'm.json', 'promote-margin': '-0.01' })).toMatch(
      /^promote-margin must be a number >= 0, not "-0.01"/,
    );
    expect(refused({ 'promote-margin': '0.01' })).toMatch(/^promote-margin is set but promote-metric is empty/);
    github.context.payload = { repository: { default_branch: 'main', name: 'churn-model', owner: { login: 'octo-org' } } };
    expect(refused({ branch: 'main' })).toMatch(
      /^branch "main" is the repository's default branch, which the pull request goes to when base is not set/,
    );
    setInputs({ 'model-files': 'm.pkl', branch: 'main', base: 'develop' });
    expect(getInputs().publish).toMatchObject({ branch: 'main', base: 'develop' });
    process.env.GITHUB_REPOSITORY = '';
    expect(() => getInputs()).toThrow(/GITHUB_REPOSITORY/);
  });

  it('still reads the old input names and {name}, with one warning each naming the new one', () => {
    setInputs({ model: 'out/model.pkl', name: 'churn', title: 'Retrain {name} to {version}' });
    const { publish } = getInputs();
    expect(publish).toMatchObject({
      content: { model: ['out/model.pkl'] },
      name: 'churn',
      branch: 'driftgate/churn',
      title: 'Retrain {name} to {version}',
    });
    const warnings = printed
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('::warning'));
    expect(warnings).toEqual([
      '::warning::"name" is deprecated: rename it to "model-name", which means the same',
      '::warning::"model" is deprecated: rename it to "model-files", which means the same',
      '::warning::input "title" uses {name}, which is deprecated: write {model}, which means the same',
    ]);
  });

  it('refuses an old and a new name given together', () => {
    setInputs({ model: 'out/a.pkl', 'model-files': 'out/b.pkl' });
    expect(() => getInputs()).toThrow(
      new InputError('"model" and "model-files" are both given; "model" is the old name of "model-files": keep only "model-files"'),
    );
    setInputs({ 'model-files': 'out/b.pkl', name: 'a', 'model-name': 'b' });
    expect(() => getInputs()).toThrow(/"name" and "model-name" are both given/);
    expect(printed.join('')).not.toContain('::warning');
  });
});
