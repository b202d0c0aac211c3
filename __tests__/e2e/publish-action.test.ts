/**
 * The committed publish bundle, run the way the runner runs it (inputs from `with:` over action.yml's
 * defaults, outputs and summary through the file commands) against the loopback GitHub.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderJson } from '../../src/report/json.js';
import { MAX_FILE_BYTES } from '../../src/publish/local-files.js';
import { emptyIndex, parseIndex, renderIndex, withVersion } from '../../src/registry/registry.js';
import { ACTION_ROOT } from '../helpers/processes.js';
import { runAction, type ActionRun } from '../helpers/runner.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { exampleDriftReport, makeWorkspace, writeFiles } from '../publish/fixtures.js';

const ACTION_DIR = join(ACTION_ROOT, 'publish');
let server: GitServer;
let workspace: string;

beforeAll(async () => {
  server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
  workspace = makeWorkspace({
    'out/model.pkl': randomBytes(2048),
    'out/metrics.json': JSON.stringify({ accuracy: 0.93 }),
    'data/train.csv': 'age,churned\n30,0\n',
    'driftgate-report/drift-report.json': renderJson(await exampleDriftReport()),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(workspace, { recursive: true, force: true });
});

beforeEach(() => server.state.reset());

const publish = (given: Record<string, string> = {}, target = server): Promise<ActionRun> =>
  runAction({
    actionDir: ACTION_DIR,
    workspace,
    githubToken: target.token,
    env: target.env,
    with: {
      'model-files': 'out/model.pkl',
      'model-name': 'churn',
      baseline: 'data/train.csv',
      metrics: 'out/metrics.json',
      'drift-report': 'driftgate-report/drift-report.json',
      labels: 'model, retrain',
      ...given,
    },
  });

/** The token appears once, in the `add-mask` command the runner consumes; nowhere else. */
function expectNoTokenPrinted(run: ActionRun, token: string): void {
  expect(run.commands).toContainEqual({ command: 'add-mask', properties: {}, message: token });
  expect(run.stdout.replace(`::add-mask::${token}`, '')).not.toContain(token);
  expect(run.stderr).not.toContain(token);
  expect(run.summary).not.toContain(token);
}

describe('the publish action bundle', () => {
  it('commits the version, opens the pull request and sets every output', async () => {
    const run = await publish();
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const head = await server.state.branchSha('driftgate/churn');
    expect(run.outputs).toEqual({
      version: expect.stringMatching(/^\d{4}\.\d{2}\.\d{2}\.1$/),
      path: `models/churn/${run.outputs.version}`,
      'commit-sha': head,
      branch: 'driftgate/churn',
      'pull-request-number': '1',
      'pull-request-url': 'https://github.com/octo-org/churn-model/pull/1',
      'pull-request-operation': 'created',
      promoted: 'true',
      'promotion-reason': 'no promotion rule is set (promote-metric is empty)',
    });
    expect((await server.state.git('ls-tree', '-r', '--name-only', head!)).trim().split('\n')).toEqual([
      'README.md',
      `models/churn/${run.outputs.version}/MODEL_CARD.md`,
      `models/churn/${run.outputs.version}/baseline/baseline.profile.json.gz`,
      `models/churn/${run.outputs.version}/drift-report.json`,
      `models/churn/${run.outputs.version}/metrics.json`,
      `models/churn/${run.outputs.version}/model/model.pkl`,
      'models/churn/index.json',
    ]);
    const index = parseIndex(await server.state.git('show', `${head}:models/churn/index.json`), 'index.json');
    expect(index.current).toBe(run.outputs.version);
    expect(index.versions[0].run_url).toBe('https://github.com/octo-org/churn-model/actions/runs/4242');
    expect(server.state.pulls[0]).toMatchObject({ labels: ['model', 'retrain'], title: `Publish model churn ${run.outputs.version}` });
    expect(run.summary).toBe(server.state.pulls[0].body);
    expect(run.summary).toContain('## Why this version');
    expect(run.commands.filter((command) => command.command === 'error')).toEqual([]);
    expectNoTokenPrinted(run, server.token);
  });

  it('reports unchanged, without a commit, when the model is already proposed', async () => {
    const first = await publish();
    const again = await publish();
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({
      version: first.outputs.version,
      'commit-sha': first.outputs['commit-sha'],
      'pull-request-number': '1',
      'pull-request-operation': 'unchanged',
    });
    expect((await server.state.git('rev-list', '--count', 'main..driftgate/churn')).trim()).toBe('1');
  });

  it('refuses an oversized model file before any request, with an annotation on the file', async () => {
    const handle = openSync(join(workspace, 'out/huge.onnx'), 'w');
    ftruncateSync(handle, MAX_FILE_BYTES + 1);
    closeSync(handle);
    try {
      const run = await publish({ 'model-files': 'out/model.pkl\nout/huge.onnx' });
      expect(run.exitCode).toBe(1);
      const error = run.commands.find((command) => command.command === 'error');
      expect(error?.properties).toMatchObject({ file: 'out/huge.onnx', title: 'driftgate: bad input' });
      expect(error?.message).toMatch(/Git LFS/);
      expect(server.state.requests).toEqual([]);
      expect(await server.state.branchSha('driftgate/churn')).toBeUndefined();
    } finally {
      rmSync(join(workspace, 'out/huge.onnx'));
    }
  });

  it('holds back a model the promotion rule refuses: outputs, a notice and the summary say why', async () => {
    const deployedModel = 'the deployed model';
    const index = withVersion(emptyIndex('churn'), {
      version: '2026.05.01.1',
      published_at: '2026-05-01T08:00:00.000Z',
      files: [{ path: 'model/model.pkl', role: 'model', size: deployedModel.length, sha256: '0'.repeat(64) }],
    });
    const deployed = await startGitHubServer({
      owner: 'octo-org',
      repo: 'churn-model',
      files: { 'models/churn/index.json': renderIndex(index), 'models/churn/2026.05.01.1/model/model.pkl': deployedModel },
    });
    writeFiles(workspace, {
      'out/challenger.json': JSON.stringify({ roc_auc: 0.88, deployed: { version: '2026.05.01.1', roc_auc: 0.9 } }),
    });
    try {
      const run = await publish({ metrics: 'out/challenger.json', 'promote-metric': 'roc_auc', 'promote-margin': '0.01' }, deployed);
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      const reason =
        'roc_auc 0.9 → 0.88 (-0.02, higher is better) on the same holdout: not better than the deployed 2026.05.01.1 by at least 0.01, so no pull request is opened';
      expect(run.outputs).toMatchObject({
        promoted: 'false',
        'promotion-reason': reason,
        'pull-request-operation': 'none',
        version: '',
        'pull-request-url': '',
      });
      expect(run.commands).toContainEqual({ command: 'notice', properties: { title: 'driftgate: not promoted' }, message: reason });
      expect(run.summary).toContain('# Model churn: not promoted');
      expect(run.summary).toContain('| roc\\_auc | 0.9 | 0.88 | -0.02 | 🔴 **worse** |');
      expect(await deployed.state.branchSha('driftgate/churn')).toBeUndefined();
      expect(deployed.state.pulls).toEqual([]);
    } finally {
      await deployed.close();
    }
  });

  it('names the repository setting when GitHub Actions may not open pull requests', async () => {
    const locked = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model', actionsCanCreatePullRequests: false });
    try {
      const run = await publish({}, locked);
      expect(run.exitCode).toBe(1);
      const failure = run.commands.find((command) => command.command === 'error');
      expect(failure?.message).toMatch(/Allow GitHub Actions to create and approve pull requests/);
      expectNoTokenPrinted(run, locked.token);
    } finally {
      await locked.close();
    }
  });
});
