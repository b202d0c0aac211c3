/**
 * Publishing end to end in process: the real `@actions/github` client against the loopback GitHub, whose
 * repository is a real bare git repository, so every claim is checked with git itself.
 *
 * The base branch starts with a deployed version 2026.05.01.1 of the model `churn` (accuracy 0.912).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import type { GitHubClient } from '../../src/publish/git-commit.js';
import { MAX_FILE_BYTES } from '../../src/publish/local-files.js';
import { publishModel, type PublishOptions, type PublishSettings } from '../../src/publish/publish.js';
import { emptyIndex, parseIndex, renderIndex, withVersion, type RegistryIndex } from '../../src/registry/registry.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { branchCommits, clientFor, commitsOf, exampleDriftReport, makeWorkspace, publishSettings, writeFiles } from './fixtures.js';

const BRANCH = 'driftgate/churn';
const DEPLOYED = '2026.05.01.1';
const MAY_14 = new Date('2026-05-14T10:00:00Z');
const deployedModel = Buffer.from('the deployed model');
const deployedMetrics = JSON.stringify({ accuracy: 0.912, f1: 0.83 });

let server: GitServer;
let client: GitHubClient;
let noRetryClient: GitHubClient;
let report: JsonReport;
let workspace: string;
const savedEnv = { ...process.env };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function deployedRegistry(): Record<string, string | Buffer> {
  const index = withVersion(emptyIndex('churn'), {
    version: DEPLOYED,
    published_at: '2026-05-01T08:00:00.000Z',
    run_id: '1000',
    files: [
      { path: 'model/model.pkl', role: 'model', size: deployedModel.length, sha256: sha256(deployedModel) },
      { path: 'metrics.json', role: 'metrics', size: deployedMetrics.length, sha256: sha256(deployedMetrics) },
    ],
  });
  return {
    'README.md': '# churn-model\n',
    [`models/churn/${DEPLOYED}/model/model.pkl`]: deployedModel,
    [`models/churn/${DEPLOYED}/metrics.json`]: deployedMetrics,
    'models/churn/index.json': renderIndex(index),
  };
}

beforeAll(async () => {
  server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model', defaultBranch: 'main', files: deployedRegistry() });
  Object.assign(process.env, server.env);
  client = await clientFor(server);
  noRetryClient = await clientFor(server, { retries: 0 });
  report = await exampleDriftReport();
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
});

beforeEach(async () => {
  await server.state.reset();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
  workspace = makeWorkspace({
    'out/model.pkl': randomBytes(4096),
    'out/metrics.json': JSON.stringify({ accuracy: 0.934, f1: 0.85 }),
    'data/train.csv': 'age,churned\n30,0\n41,1\n',
    'report/drift-report.json': renderJson(report),
  });
});

const settings = (overrides: Partial<PublishSettings> = {}) => publishSettings(server, workspace, overrides);
const publish = (overrides: Partial<PublishSettings> = {}, options: PublishOptions = {}, using = client) =>
  publishModel(settings(overrides), using, { now: MAY_14, sleep: async () => undefined, ...options });
const git = async (...args: string[]) => (await server.state.git(...args)).trim();
const indexAt = async (ref: string): Promise<RegistryIndex> => parseIndex(await git('show', `${ref}:models/churn/index.json`), ref);
const requestsTo = (method: string, ending: RegExp) =>
  server.state.requests.filter((request) => request.method === method && ending.test(request.path));
const commitsOn = () => branchCommits(server, BRANCH);
const commitsPublishing = (version: string) => commitsOf(server, BRANCH, version);
const newModel = () => writeFiles(workspace, { 'out/model.pkl': randomBytes(4096) });

describe('the first publish', () => {
  it('commits exactly the documented files on a new branch and opens a pull request with the model card', async () => {
    const outcome = await publish({
      pullRequest: { labels: ['model', 'retrain'], assignees: ['dana'], reviewers: ['sam'], teamReviewers: ['ml'], draft: true },
    });

    expect(outcome).toMatchObject({
      version: '2026.05.14.1',
      path: 'models/churn/2026.05.14.1',
      branch: BRANCH,
      pullRequestOperation: 'created',
      warnings: [],
    });
    expect(outcome.commitSha).toBe(await server.state.branchSha(BRANCH));
    expect(await commitsOn()).toEqual([outcome.commitSha]);
    expect(await git('rev-parse', `${outcome.commitSha}^`)).toBe(await server.state.branchSha('main'));
    expect((await git('ls-tree', '-r', '--name-only', outcome.commitSha, 'models/churn/2026.05.14.1/')).split('\n')).toEqual([
      'models/churn/2026.05.14.1/MODEL_CARD.md',
      'models/churn/2026.05.14.1/baseline/train.csv',
      'models/churn/2026.05.14.1/drift-report.json',
      'models/churn/2026.05.14.1/metrics.json',
      'models/churn/2026.05.14.1/model/model.pkl',
    ]);
    expect((await git('diff', '--name-only', 'main', outcome.commitSha)).split('\n')).toEqual([
      'models/churn/2026.05.14.1/MODEL_CARD.md',
      'models/churn/2026.05.14.1/baseline/train.csv',
      'models/churn/2026.05.14.1/drift-report.json',
      'models/churn/2026.05.14.1/metrics.json',
      'models/churn/2026.05.14.1/model/model.pkl',
      'models/churn/index.json',
    ]);
    expect(await git('cat-file', '-p', `${outcome.commitSha}:models/churn/2026.05.14.1/metrics.json`)).toBe(
      JSON.stringify({ accuracy: 0.934, f1: 0.85 }),
    );
    const message = await git('log', '-1', '--format=%B', outcome.commitSha);
    expect(message).toBe(
      'Publish model churn 2026.05.14.1\n\nDriftgate-Model: churn\nDriftgate-Version: 2026.05.14.1\nDriftgate-Run: 4242',
    );
    expect(await git('log', '-1', '--format=%G?%n%an', outcome.commitSha)).toMatch(/github-actions\[bot\]/);

    const [pull] = server.state.pulls;
    expect(server.state.pulls).toHaveLength(1);
    expect(pull).toMatchObject({
      number: outcome.pullRequest!.number,
      title: 'Publish model churn 2026.05.14.1',
      headRef: BRANCH,
      baseRef: 'main',
      draft: true,
      state: 'open',
    });
    expect(pull.labels).toEqual(['model', 'retrain']);
    expect(pull.assignees).toEqual(['dana']);
    expect(pull.requestedReviewers).toEqual(['sam']);
    expect(pull.requestedTeams).toEqual(['ml']);
    const body = pull.body!;
    expect(body).toBe((await git('cat-file', '-p', `${outcome.commitSha}:models/churn/2026.05.14.1/MODEL_CARD.md`)) + '\n');
    expect(body).toContain(escapeMarkdown(report.dataset.summary));
    for (const column of report.columns.filter((candidate) => candidate.drift_detected))
      expect(body).toContain(`| ${escapeMarkdown(column.name)} |`);
    expect(body).toContain('```mermaid');
    // The workspace's metrics file has no same-holdout numbers: the deployed version's own, from other data.
    expect(body).toContain('## Deployed vs new, on different data');
    expect(body).toContain(`| Metric | Deployed \`${DEPLOYED}\` | New | Change | Better or worse |`);
    expect(body).toContain('| accuracy | 0.912 | 0.934 | +0.022 | 🟢 better |');
    expect(body).toContain('https://github.com/octo-org/churn-model/actions/runs/4242');
    expect(body).toContain(
      sha256((await git('cat-file', '-p', `${outcome.commitSha}:models/churn/2026.05.14.1/baseline/train.csv`)) + '\n'),
    );
  });

  it('records every version with the sha256 and size of every file in the index', async () => {
    const outcome = await publish();
    const index = await indexAt(outcome.commitSha);
    expect(index.current).toBe('2026.05.14.1');
    expect(index.versions.map((entry) => entry.version)).toEqual([DEPLOYED, '2026.05.14.1']);
    const entry = index.versions[1];
    expect(entry).toMatchObject({
      published_at: MAY_14.toISOString(),
      run_id: '4242',
      run_url: 'https://github.com/octo-org/churn-model/actions/runs/4242',
    });
    expect(entry.files.map((file) => [file.path, file.role])).toEqual([
      ['model/model.pkl', 'model'],
      ['baseline/train.csv', 'baseline'],
      ['metrics.json', 'metrics'],
      ['drift-report.json', 'drift-report'],
      ['MODEL_CARD.md', 'model-card'],
    ]);
    const sources: Record<string, Buffer> = {
      'model/model.pkl': readFileSync(join(workspace, 'out/model.pkl')),
      'baseline/train.csv': readFileSync(join(workspace, 'data/train.csv')),
      'metrics.json': readFileSync(join(workspace, 'out/metrics.json')),
      'drift-report.json': readFileSync(join(workspace, 'report/drift-report.json')),
      'MODEL_CARD.md': Buffer.from(outcome.modelCard),
    };
    for (const file of entry.files) {
      expect(file).toMatchObject({ size: sources[file.path].length, sha256: sha256(sources[file.path]) });
      expect(Number(await git('cat-file', '-s', `${outcome.commitSha}:models/churn/2026.05.14.1/${file.path}`))).toBe(file.size);
    }
  });

  it('refuses an oversized file before sending anything', async () => {
    const handle = openSync(join(workspace, 'out/huge.bin'), 'w');
    ftruncateSync(handle, MAX_FILE_BYTES + 1);
    closeSync(handle);
    const failure = await publish({ content: { ...settings().content, model: ['out/model.pkl', 'out/huge.bin'] } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).describe()).toMatch(/^out\/huge\.bin: .*Git LFS.*release/);
    expect(requestsTo('POST', /\/git\/blobs$/)).toHaveLength(0);
    expect(server.state.requests).toHaveLength(0);
    expect(await server.state.branchSha(BRANCH)).toBeUndefined();
  });
});

describe('publishing again', () => {
  it('updates the same pull request with a second commit for a new model', async () => {
    const first = await publish();
    newModel();
    const second = await publish({ run: { id: '4243', url: 'https://github.com/octo-org/churn-model/actions/runs/4243' } });

    expect(second).toMatchObject({ version: '2026.05.14.2', pullRequestOperation: 'updated', pullRequest: first.pullRequest });
    expect(await commitsOn()).toEqual([second.commitSha, first.commitSha]);
    expect(server.state.pulls).toHaveLength(1);
    expect(server.state.pulls[0]).toMatchObject({ title: 'Publish model churn 2026.05.14.2', headSha: second.commitSha });
    expect(server.state.pulls[0].body).toContain('runs/4243');
    const index = await indexAt(second.commitSha);
    expect(index.versions.map((entry) => entry.version)).toEqual([DEPLOYED, '2026.05.14.1', '2026.05.14.2']);
    expect(index.current).toBe('2026.05.14.2');
  });

  it('makes no commit when the model files are the ones the branch already proposes', async () => {
    const first = await publish();
    server.state.requests.length = 0;
    const again = await publish({ run: { id: '5000' } }, { now: new Date('2026-05-15T09:00:00Z') });
    expect(again).toMatchObject({
      version: '2026.05.14.1',
      commitSha: first.commitSha,
      pullRequestOperation: 'unchanged',
      pullRequest: first.pullRequest,
    });
    expect(await commitsOn()).toEqual([first.commitSha]);
    expect(requestsTo('POST', /\/git\/(blobs|trees|commits)$/)).toHaveLength(0);
    expect(requestsTo('PATCH', /\/pulls\/\d+$/)).toHaveLength(0);
  });

  it('makes no commit and no pull request when the model is the deployed one', async () => {
    writeFiles(workspace, { 'out/model.pkl': deployedModel });
    const outcome = await publish();
    expect(outcome).toMatchObject({
      version: DEPLOYED,
      path: `models/churn/${DEPLOYED}`,
      commitSha: await server.state.branchSha('main'),
      pullRequestOperation: 'unchanged',
    });
    expect(outcome.pullRequest).toBeUndefined();
    expect(await server.state.branchSha(BRANCH)).toBeUndefined();
    expect(server.state.pulls).toHaveLength(0);
  });

  it('keeps a commit a person pushed to the branch and builds on top of it', async () => {
    const first = await publish();
    const person = await server.state.pushCommit(BRANCH, { 'models/churn/NOTES.md': 'tuned by hand' }, 'Add notes');
    newModel();
    const second = await publish({ run: { id: '4243' } });
    expect(await commitsOn()).toEqual([second.commitSha, person, first.commitSha]);
    expect(await git('show', `${second.commitSha}:models/churn/NOTES.md`)).toBe('tuned by hand');
    expect(server.state.pulls).toHaveLength(1);
  });

  it('builds again on top of a commit pushed while it was publishing, without force', async () => {
    await publish();
    newModel();
    // Hold the commit request until a person has pushed, so the branch moves between reading it and updating it.
    let pushed!: () => void;
    server.state.injectFault({
      method: 'POST',
      path: /\/git\/commits$/,
      respond: { holdUntil: new Promise<void>((resolve) => (pushed = resolve)) },
    });
    const publishing = publish({ run: { id: '4243' } });
    while (requestsTo('POST', /\/git\/commits$/).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const person = await server.state.pushCommit(BRANCH, { 'models/churn/NOTES.md': 'meanwhile' }, 'Meanwhile');
    pushed();
    const second = await publishing;
    expect(await git('rev-parse', `${second.commitSha}^`)).toBe(person);
    expect(await commitsPublishing('2026.05.14.2')).toEqual([second.commitSha]);
    expect(
      requestsTo('PATCH', /\/git\/refs\/heads\/driftgate\/churn$/).every(
        (request) => (request.body as { force?: boolean }).force === false,
      ),
    ).toBe(true);
  });

  it('refuses the default branch as the model branch before it writes anything', async () => {
    const mainBefore = await server.state.branchSha('main');
    await expect(publish({ branch: 'main' })).rejects.toThrow(
      new InputError(
        `branch "main" is the repository's default branch, which the pull request goes to when base is not set; the model is proposed on a branch of its own: leave branch empty (driftgate/<name>) or name another branch`,
      ),
    );
    await expect(publish({ branch: 'release', base: 'release' })).rejects.toThrow(/^branch "release" is also the base/);
    expect(server.state.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/octo-org/churn-model']);
    expect(await server.state.branchSha('main')).toBe(mainBefore);
    expect(server.state.pulls).toEqual([]);
  });

  it('gives a rerun’s pull request the labels, assignees and reviewers a stopped run did not get to add', async () => {
    const first = await publish();
    expect(server.state.pulls[0]).toMatchObject({ labels: [], assignees: [], requestedReviewers: [] });
    const rerun = await publish({
      pullRequest: { labels: ['model'], assignees: ['dana'], reviewers: ['sam'], teamReviewers: [], draft: false },
    });
    expect(rerun).toMatchObject({ commitSha: first.commitSha, pullRequestOperation: 'unchanged', warnings: [] });
    expect(server.state.pulls).toHaveLength(1);
    expect(server.state.pulls[0]).toMatchObject({ labels: ['model'], assignees: ['dana'], requestedReviewers: ['sam'] });
  });

  it('refuses to overwrite a version the base already has', async () => {
    await expect(publish({ version: DEPLOYED })).rejects.toThrow(/already in the registry on main/);
    await expect(publish({ version: '3.0' })).resolves.toMatchObject({ version: '3.0', path: 'models/churn/3.0' });
  });

  it('after a squash merge, proposes only the new version on the kept branch', async () => {
    const first = await publish();
    const changed = (await git('diff', '--name-only', 'main', first.commitSha)).split('\n');
    const squashed: Record<string, string | Buffer> = {};
    for (const path of changed)
      squashed[path] = path.endsWith('.pkl')
        ? readFileSync(join(workspace, 'out/model.pkl'))
        : await server.state.git('show', `${first.commitSha}:${path}`);
    await server.state.pushCommit('main', squashed, 'Publish model churn 2026.05.14.1 (#1)');
    await client.rest.pulls.update({ owner: 'octo-org', repo: 'churn-model', pull_number: first.pullRequest!.number, state: 'closed' });

    newModel();
    const second = await publish({ run: { id: '4300' } }, { now: new Date('2026-05-20T10:00:00Z') });
    expect(second).toMatchObject({ version: '2026.05.20.1', pullRequestOperation: 'created' });
    expect((await git('rev-list', '--parents', '-1', second.commitSha)).split(' ').slice(1)).toEqual([
      first.commitSha,
      await server.state.branchSha('main'),
    ]);
    expect((await git('diff', '--name-only', `main...${BRANCH}`)).split('\n')).toEqual([
      'models/churn/2026.05.20.1/MODEL_CARD.md',
      'models/churn/2026.05.20.1/baseline/train.csv',
      'models/churn/2026.05.20.1/drift-report.json',
      'models/churn/2026.05.20.1/metrics.json',
      'models/churn/2026.05.20.1/model/model.pkl',
      'models/churn/index.json',
    ]);
    expect((await indexAt(second.commitSha)).versions.map((entry) => entry.version)).toEqual([DEPLOYED, '2026.05.14.1', '2026.05.20.1']);
    expect(server.state.pulls.filter((pull) => pull.state === 'open')).toHaveLength(1);
  });
});

describe('champion and challenger', () => {
  const metricsWith = (values: Record<string, unknown>) => writeFiles(workspace, { 'out/metrics.json': JSON.stringify(values) });
  const writeRequests = () => server.state.requests.filter((request) => request.method !== 'GET');

  it('puts the same-holdout comparison first in the pull request, with the worse metric marked', async () => {
    metricsWith({ accuracy: 0.934, log_loss: 0.41, deployed: { version: DEPLOYED, accuracy: 0.9, log_loss: 0.38 } });
    const outcome = await publish();
    const body = server.state.pulls[0].body!;
    expect(body).toContain('## Deployed vs new, on the same data');
    expect(body).not.toContain('other data');
    expect(body).toContain('| accuracy | 0.9 | 0.934 | +0.034 | 🟢 better |');
    expect(body).toContain('| log\\_loss | 0.38 | 0.41 | +0.03 | 🔴 **worse** |');
    expect(body.indexOf('## Deployed vs new')).toBeLessThan(body.indexOf('## Why this version'));
    expect(outcome.promotion).toBeUndefined();
    // The file is stored as given, the deployed model's numbers included.
    expect(JSON.parse(await git('show', `${outcome.commitSha}:models/churn/2026.05.14.1/metrics.json`)).deployed.accuracy).toBe(0.9);
  });

  it('opens no pull request, writes nothing and says why when the new model is not better by the margin', async () => {
    metricsWith({ roc_auc: 0.905, accuracy: 0.95, deployed: { version: DEPLOYED, roc_auc: 0.9, accuracy: 0.9 } });
    const outcome = await publish({ promotion: { metric: 'roc_auc', margin: 0.01 } });
    expect(outcome).toMatchObject({ version: '', pullRequestOperation: 'none', promotion: { promoted: false } });
    expect(outcome.promotion!.reason).toBe(
      `roc_auc 0.9 → 0.905 (+0.005, higher is better) on the same holdout: not better than the deployed ${DEPLOYED} by at least 0.01, so no pull request is opened`,
    );
    expect(outcome.modelCard).toContain('# Model churn: not promoted');
    expect(outcome.modelCard).toContain('| roc\\_auc | 0.9 | 0.905 | +0.005 | 🟢 better |');
    expect(await server.state.branchSha(BRANCH)).toBeUndefined();
    expect(server.state.pulls).toEqual([]);
    expect(writeRequests()).toEqual([]);
  });

  it('holds back a model whose lower-is-better metric rose', async () => {
    metricsWith({ log_loss: 0.36, deployed: { log_loss: 0.35 } });
    const outcome = await publish({ promotion: { metric: 'log_loss', margin: 0 } });
    expect(outcome.promotion).toEqual({
      promoted: false,
      reason: expect.stringMatching(
        /^log_loss 0\.35 → 0\.36 \(\+0\.01, lower is better\) on the same holdout: not at least as good as the deployed/,
      ),
    });
    expect(server.state.pulls).toEqual([]);
  });

  it('proposes a model that is better by the margin, with the decision in the card', async () => {
    metricsWith({ roc_auc: 0.93, deployed: { version: DEPLOYED, roc_auc: 0.9 } });
    const outcome = await publish({ promotion: { metric: 'roc_auc', margin: 0.01 } });
    expect(outcome).toMatchObject({ version: '2026.05.14.1', pullRequestOperation: 'created', promotion: { promoted: true } });
    expect(outcome.promotion!.reason).toBe(
      `roc_auc 0.9 → 0.93 (+0.03, higher is better) on the same holdout: better than the deployed ${DEPLOYED} by at least 0.01, so it is proposed`,
    );
    expect(server.state.pulls[0].body).toContain(`**Promotion rule**: roc\\_auc 0.9 → 0.93`);
  });

  it('refuses to decide on numbers from other data, before writing anything', async () => {
    // The workspace's metrics have no "deployed" object; the deployed version's stored ones are from its own split.
    const failure = await publish({ promotion: { metric: 'accuracy', margin: 0 } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).describe()).toMatch(
      /^out\/metrics\.json: promote-metric needs the deployed model's accuracy on the same holdout .* numbers from other data/,
    );
    const stale = { accuracy: 0.99, deployed: { version: '2026.04.01.1', accuracy: 0.5 } };
    metricsWith(stale);
    await expect(publish({ promotion: { metric: 'accuracy', margin: 0 } })).rejects.toThrow(
      /the training scored 2026\.04\.01\.1, but 2026\.05\.01\.1 is deployed now/,
    );
    expect(writeRequests()).toEqual([]);
    expect(server.state.pulls).toEqual([]);
  });
});

describe('a rerun after a failure', () => {
  /** Fails the first run at one request, reruns the same workflow run, and checks the end state. */
  async function failThenRerun(fault: Parameters<GitServer['state']['injectFault']>[0], rerunAt = MAY_14) {
    server.state.injectFault(fault);
    await expect(publish({}, {}, noRetryClient)).rejects.toThrow();
    const rerun = await publish({}, { now: rerunAt }, noRetryClient);
    expect(rerun.version).toBe('2026.05.14.1');
    expect(await commitsPublishing('2026.05.14.1')).toEqual([rerun.commitSha]);
    expect(await commitsOn()).toEqual([rerun.commitSha]);
    expect(server.state.pulls).toHaveLength(1);
    expect(server.state.pulls[0]).toMatchObject({ state: 'open', headSha: rerun.commitSha, number: rerun.pullRequest!.number });
    return rerun;
  }

  it('after the blobs were sent', async () => {
    await failThenRerun({ method: 'POST', path: /\/git\/trees$/, respond: { status: 500 } });
  });

  it('after the tree was made', async () => {
    await failThenRerun({ method: 'POST', path: /\/git\/commits$/, respond: { status: 502 } });
  });

  it('after the commit was made but its answer was lost', async () => {
    await failThenRerun({ method: 'POST', path: /\/git\/commits$/, respond: 'reset', after: true });
  });

  it('after the branch was created, even on the next day', async () => {
    const rerun = await failThenRerun(
      { method: 'POST', path: /\/git\/refs$/, respond: { status: 500 }, after: true },
      new Date('2026-05-15T08:00:00Z'),
    );
    expect(rerun.pullRequestOperation).toBe('created');
  });

  it('before the pull request', async () => {
    await failThenRerun({ method: 'POST', path: /\/pulls$/, respond: { status: 503 } }, new Date('2026-05-15T08:00:00Z'));
  });

  it('after the pull request was opened but its answer was lost', async () => {
    const rerun = await failThenRerun({ method: 'POST', path: /\/pulls$/, respond: { status: 500 }, after: true });
    expect(rerun.pullRequestOperation).toBe('unchanged');
  });

  it('with a retrained model: replaces its own commit instead of adding a second one', async () => {
    const first = await publish();
    newModel();
    const rerun = await publish({}, { now: new Date('2026-05-15T08:00:00Z') });
    expect(rerun).toMatchObject({ version: '2026.05.14.1', pullRequestOperation: 'updated' });
    expect(await commitsOn()).toEqual([rerun.commitSha]);
    await expect(git('merge-base', '--is-ancestor', first.commitSha, BRANCH)).rejects.toThrow();
    const modelSha = (await indexAt(rerun.commitSha)).versions.find((entry) => entry.version === '2026.05.14.1')!.files[0].sha256;
    expect(modelSha).not.toBe((await indexAt(first.commitSha)).versions[1].files[0].sha256);
  });

  it('with a retrained model, after a person pushed on top: a new version, the person’s commit kept', async () => {
    await publish();
    const person = await server.state.pushCommit(BRANCH, { 'models/churn/NOTES.md': 'x' }, 'Notes');
    newModel();
    const rerun = await publish();
    expect(rerun.version).toBe('2026.05.14.2');
    expect(await git('rev-parse', `${rerun.commitSha}^`)).toBe(person);
    expect(requestsTo('PATCH', /\/git\/refs\//).every((request) => (request.body as { force?: boolean }).force === false)).toBe(true);
  });

  it('is invisible when a lost answer is retried', async () => {
    server.state.injectFault({ method: 'POST', path: /\/git\/refs$/, respond: { status: 502 }, after: true });
    server.state.injectFault({ method: 'POST', path: /\/pulls$/, respond: { status: 502 }, after: true });
    const outcome = await publish();
    expect(outcome.pullRequestOperation).toBe('created');
    expect(await commitsOn()).toEqual([outcome.commitSha]);
    expect(server.state.pulls).toHaveLength(1);
  });
});
