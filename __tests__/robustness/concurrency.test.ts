/**
 * Two publish runs for the same model at once (two workflow runs retraining on the same trigger, or a
 * re-run overlapping a slow first run): they end with one pull request, and both versions' commits on its
 * branch. Ref updates only fast-forward, so neither run moves the branch over a commit it did not make; the
 * run that loses the race builds again on top. The pull request describes the version at the branch head,
 * whichever run finished last.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import { publishModel, type PublishOutcome } from '../../src/publish/publish.js';
import type { GitHubClient } from '../../src/publish/git-commit.js';
import { parseIndex } from '../../src/registry/registry.js';
import { runAction } from '../helpers/runner.js';
import { clientFor, exampleDriftReport, makeWorkspace, publishSettings } from '../publish/fixtures.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { PUBLISH_ACTION_DIR } from './surfaces.js';

const BRANCH = 'driftgate/churn';
const MAY_14 = new Date('2026-05-14T10:00:00Z');

let server: GitServer;
let client: GitHubClient;
let report: JsonReport;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
  Object.assign(process.env, server.env);
  client = await clientFor(server);
  report = await exampleDriftReport();
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
});

beforeEach(() => server.state.reset());

/** A workspace with a freshly trained model of its own. */
const trained = () =>
  makeWorkspace({
    'out/model.pkl': randomBytes(4096),
    'out/metrics.json': JSON.stringify({ accuracy: 0.9 + Math.random() / 20 }),
    'data/train.csv': 'age,churned\n30,0\n41,1\n',
    'report/drift-report.json': renderJson(report),
  });

const publishFrom = (workspace: string, runId: string): Promise<PublishOutcome> =>
  publishModel(
    publishSettings(server, workspace, { run: { id: runId, url: `https://github.com/octo-org/churn-model/actions/runs/${runId}` } }),
    client,
    {
      now: MAY_14,
      sleep: async () => undefined,
    },
  );

const git = async (...args: string[]) => (await server.state.git(...args)).trim();
const branchCommits = async () => (await git('rev-list', '--first-parent', `main..${BRANCH}`)).split('\n').filter(Boolean);
const versionOf = async (sha: string) => /^Driftgate-Version: (.+)$/m.exec(await git('log', '-1', '--format=%B', sha))?.[1];
const refUpdates = () => server.state.requests.filter((request) => request.method === 'PATCH' && request.path.includes('/git/refs/'));

/** One open pull request, on the branch head, describing the version the head's index calls current. */
async function expectOnePullRequestOnTheHead(): Promise<void> {
  const head = (await server.state.branchSha(BRANCH))!;
  const current = parseIndex(await git('show', `${head}:models/churn/index.json`), 'index.json').current!;
  expect(server.state.pulls.map((pull) => ({ state: pull.state, headSha: pull.headSha, title: pull.title }))).toEqual([
    { state: 'open', headSha: head, title: `Publish model churn ${current}` },
  ]);
  expect(server.state.pulls[0].body).toBe((await git('show', `${head}:models/churn/${current}/MODEL_CARD.md`)) + '\n');
}

describe('two publish runs at once', () => {
  it('end with one pull request and both versions committed, one on top of the other, without force', async () => {
    const outcomes = await Promise.all([publishFrom(trained(), '5001'), publishFrom(trained(), '5002')]);

    expect(outcomes.map((outcome) => outcome.version).sort()).toEqual(['2026.05.14.1', '2026.05.14.2']);
    const commits = await branchCommits();
    expect(await Promise.all(commits.map(versionOf))).toEqual(['2026.05.14.2', '2026.05.14.1']);
    expect(commits.sort()).toEqual(outcomes.map((outcome) => outcome.commitSha).sort());
    const index = parseIndex(await git('show', `${BRANCH}:models/churn/index.json`), 'index.json');
    expect(index.versions.map((entry) => [entry.version, entry.run_id])).toEqual(
      outcomes.map((outcome, run) => [outcome.version, String(5001 + run)]).sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(refUpdates().every((request) => (request.body as { force?: boolean }).force === false)).toBe(true);
    await expectOnePullRequestOnTheHead();
  });

  it('leave the pull request describing the newer version when the older run reaches it last', async () => {
    // Hold the first look for the pull request (the run whose commit landed first makes it) until the other run is done.
    let otherDone!: () => void;
    server.state.injectFault({
      method: 'GET',
      path: /\/pulls$/,
      respond: { holdUntil: new Promise<void>((resolve) => (otherDone = resolve)) },
    });
    const runs = [publishFrom(trained(), '5001'), publishFrom(trained(), '5002')];
    void Promise.race(runs).finally(otherDone);
    const outcomes = await Promise.all(runs);
    const [older, newer] = [...outcomes].sort((a, b) => a.version.localeCompare(b.version));
    expect(await server.state.branchSha(BRANCH)).toBe(newer.commitSha);
    // The older run found the newer one's pull request only after the newer run had finished, and updated it.
    expect([older.pullRequestOperation, newer.pullRequestOperation]).toEqual(['updated', 'created']);
    await expectOnePullRequestOnTheHead();
  });

  it('keep a commit a person pushed in between, building on top of it', async () => {
    const first = await publishFrom(trained(), '5001');
    // The person pushes while the next two runs are between reading the branch and moving it.
    let pushed!: () => void;
    server.state.injectFault({
      method: 'POST',
      path: /\/git\/commits$/,
      respond: { holdUntil: new Promise<void>((resolve) => (pushed = resolve)) },
      after: true,
      times: 2,
    });
    const racing = Promise.all([publishFrom(trained(), '5002'), publishFrom(trained(), '5003')]);
    while (server.state.requests.filter((request) => request.path.endsWith('/git/commits')).length < 2)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const person = await server.state.pushCommit(BRANCH, { 'models/churn/NOTES.md': 'tuned by hand' }, 'Notes');
    pushed();
    const outcomes = await racing;

    const commits = await branchCommits();
    expect(commits).toContain(person);
    expect(commits).toContain(first.commitSha);
    for (const outcome of outcomes) expect(commits).toContain(outcome.commitSha);
    expect(commits).toHaveLength(4);
    expect(await git('show', `${BRANCH}:models/churn/NOTES.md`)).toBe('tuned by hand');
    expect(refUpdates().every((request) => (request.body as { force?: boolean }).force === false)).toBe(true);
    await expectOnePullRequestOnTheHead();
  });
});

describe('two publish action bundles at once', () => {
  it('end with one pull request and both versions committed', async () => {
    const run = (runId: string) =>
      runAction({
        actionDir: PUBLISH_ACTION_DIR,
        workspace: trained(),
        githubToken: server.token,
        env: { ...server.env, GITHUB_RUN_ID: runId },
        with: {
          'model-files': 'out/model.pkl',
          'model-name': 'churn',
          baseline: 'data/train.csv',
          metrics: 'out/metrics.json',
          'drift-report': 'report/drift-report.json',
        },
      });
    const runs = await Promise.all([run('6001'), run('6002')]);
    for (const finished of runs) expect({ exitCode: finished.exitCode, stderr: finished.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const commits = await branchCommits();
    expect(commits.sort()).toEqual(runs.map((finished) => finished.outputs['commit-sha']).sort());
    expect(runs.map((finished) => finished.outputs['pull-request-number'])).toEqual(['1', '1']);
    await expectOnePullRequestOnTheHead();
  });
});
