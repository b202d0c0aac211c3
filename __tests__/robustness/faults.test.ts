/**
 * Faults in the services driftgate calls, injected by the loopback servers: server errors, rate limits
 * with `Retry-After`, dropped connections and no answer at all, at every step of a publish, answered either
 * instead of the operation or after it (the write happened, the answer was lost).
 *
 * Nothing here depends on how fast the machine is: the waits between retries are recorded instead of slept,
 * and an attempt's timeout is not a timer but the server's cue that it is holding the request unanswered,
 * so a slow but normal answer is never taken for a lost one however loaded the machine.
 *
 * - A passing fault is retried with backoff, waiting what GitHub asks, and the publish succeeds with one
 *   commit for the version and one pull request.
 * - A fault that outlasts the retries ends the publish within a bounded time and with a message that says
 *   what kept failing; re-running then ends with one commit for the version and one pull request.
 * - The publish and check action bundles show the give-up as one clear error, and a re-run recovers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import { publishModel, type PublishOutcome, type PublishSettings } from '../../src/publish/publish.js';
import { GitHubUnavailableError } from '../../src/github/retry.js';
import type { GitHubClient } from '../../src/publish/git-commit.js';
import { runAction } from '../helpers/runner.js';
import { branchCommits, clientFor, commitsOf, EXAMPLES, exampleDriftReport, makeWorkspace, publishSettings } from '../publish/fixtures.js';
import { startActionsServer, type ActionsFault, type ActionsServer } from '../servers/github-actions-server.js';
import { secondaryRateLimit, startGitHubServer, type FaultResponse, type GitServer } from '../servers/github-git-server.js';
import { CHECK_ACTION_DIR, expectOneError, ofKind, PUBLISH_ACTION_DIR } from './surfaces.js';
import { scratch, writeTree } from '../helpers/files.js';

const BRANCH = 'driftgate/churn';
const MAY_14 = new Date('2026-05-14T10:00:00Z');
/** Far beyond any real answer on a loaded machine; silent requests are ended by the server's cue instead. */
const TIMEOUT_MS = 30_000;

let server: GitServer;
let report: JsonReport;
let workspace: string;
let settings: PublishSettings;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
  Object.assign(process.env, server.env);
  report = await exampleDriftReport();
  workspace = makeWorkspace({
    'out/model.pkl': randomBytes(4096),
    'out/metrics.json': JSON.stringify({ accuracy: 0.93 }),
    'data/train.csv': 'age,churned\n30,0\n41,1\n',
    'report/drift-report.json': renderJson(report),
  });
  // Four blobs, one round of uploads: the matrix below publishes a hundred times.
  settings = publishSettings(server, workspace, {
    content: { model: ['out/model.pkl'], baseline: [], metrics: 'out/metrics.json', cwd: workspace },
  });
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
});

beforeEach(() => server.state.reset());

/**
 * The attempts' deadlines. When the server meets a request with silence, it ends them the way their timers
 * would; ending those of attempts already answered changes nothing, and other attempts in flight then
 * (blobs go up several at once) are of the same silenced kind.
 */
const deadlines = new Set<AbortController>();
beforeAll(() => {
  server.state.onSilent = () => {
    for (const deadline of deadlines) deadline.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    deadlines.clear();
  };
});
function deadline(): AbortSignal {
  const controller = new AbortController();
  deadlines.add(controller);
  return controller.signal;
}

/** The waits the retries asked for, in milliseconds; recorded instead of slept. */
let waits: number[] = [];
function retryingClient(): Promise<GitHubClient> {
  return clientFor(server, { timeoutMs: TIMEOUT_MS, deadline, sleep: async (milliseconds) => void waits.push(milliseconds) });
}

const publish = async (client: GitHubClient): Promise<PublishOutcome> =>
  publishModel(settings, client, { now: MAY_14, sleep: async () => undefined });

const git = async (...args: string[]) => (await server.state.git(...args)).trim();
const commitsOn = () => branchCommits(server, BRANCH);
const commitsPublishing = (version: string) => commitsOf(server, BRANCH, version);

/** The end state every publish must reach, however often it was interrupted: one commit for the version, one pull request on it. */
async function expectOneCommitOnePullRequest(outcome: PublishOutcome): Promise<void> {
  expect(outcome.version).toBe('2026.05.14.1');
  expect(await commitsOn()).toEqual([outcome.commitSha]);
  expect(await commitsPublishing(outcome.version)).toEqual([outcome.commitSha]);
  expect(server.state.pulls.map((pull) => ({ state: pull.state, head: pull.headSha, number: pull.number }))).toEqual([
    { state: 'open', head: outcome.commitSha, number: outcome.pullRequest!.number },
  ]);
  expect((await git('ls-tree', '-r', '--name-only', outcome.commitSha, 'models/churn/2026.05.14.1/')).split('\n')).toEqual([
    'models/churn/2026.05.14.1/MODEL_CARD.md',
    'models/churn/2026.05.14.1/metrics.json',
    'models/churn/2026.05.14.1/model/model.pkl',
  ]);
}

const STEPS: Array<[string, string, RegExp]> = [
  ['reading the branch', 'GET', /\/git\/ref\/heads\/driftgate\/churn$/],
  ['the blobs', 'POST', /\/git\/blobs$/],
  ['the tree', 'POST', /\/git\/trees$/],
  ['the commit', 'POST', /\/git\/commits$/],
  ['the branch', 'POST', /\/git\/refs$/],
  ['the pull request', 'POST', /\/pulls$/],
];

/** Each kind of fault, and the wait a retry should take for it (undefined: the client's own backoff). */
const KINDS: Array<[string, FaultResponse, number | undefined]> = [
  ['500', { status: 500 }, undefined],
  ['502', { status: 502 }, undefined],
  ['503 with Retry-After', { status: 503, headers: { 'retry-after': '2' } }, 2000],
  ['429 with Retry-After', secondaryRateLimit(3, 429), 3000],
  ['403 secondary rate limit with Retry-After', secondaryRateLimit(5), 5000],
  ['a reset connection', 'reset', undefined],
  ['no answer until the timeout', 'silent', undefined],
];

const MATRIX = STEPS.flatMap(([step, method, path]) => KINDS.map(([kind, respond]) => [step, kind, { method, path, respond }] as const));

describe('each kind of fault at each step: the publish gives up with a clear message, and a re-run publishes once', () => {
  it.each(MATRIX)('%s: %s', async (_step, _kind, fault) => {
    // More than enough for every attempt; blobs go up several at once, and each must keep failing.
    server.state.injectFault({ ...fault, times: 100 });
    const failure = await publish(await retryingClient()).then(
      () => new Error('the publish succeeded through a fault on every attempt'),
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GitHubUnavailableError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^(GitHub answered \\d{3} to|GitHub gave no answer to|the connection to GitHub failed during) ${fault.method} /repos/\\{owner\\}/\\{repo\\}/\\S+(,| within 30 s,| \\(.+\\),) 5 times in a row$`,
      ),
    );
    server.state.faults.length = 0;
    await expectOneCommitOnePullRequest(await publish(await retryingClient()));
  });

  it.each(STEPS)('%s, done but its answer lost on every attempt', async (_step, method, path) => {
    server.state.injectFault({ method, path, respond: { status: 502 }, after: true, times: 100 });
    await expect(publish(await retryingClient())).rejects.toThrow(/5 times in a row$/);
    server.state.faults.length = 0;
    await expectOneCommitOnePullRequest(await publish(await retryingClient()));
  });
});

describe('a passing fault is retried, waiting what GitHub asks, and the publish ends as if nothing happened', () => {
  const CASES = KINDS.flatMap(([kind, respond, wait]) => [
    [kind, 'instead of the tree', { method: 'POST', path: /\/git\/trees$/, respond }, wait] as const,
    [kind, 'after the commit was made', { method: 'POST', path: /\/git\/commits$/, respond, after: true }, wait] as const,
  ]);
  it.each(CASES)('%s, %s', async (_kind, _where, fault, wait) => {
    waits = [];
    server.state.injectFault(fault);
    await expectOneCommitOnePullRequest(await publish(await retryingClient()));
    expect(waits).toEqual([wait ?? 1000]);
    expect(server.state.faults).toEqual([]);
  });
});

describe('giving up is bounded', () => {
  it('waits 1, 2, 4 and 8 s between five attempts, then stops', async () => {
    waits = [];
    server.state.injectFault({ method: 'POST', path: /\/git\/trees$/, respond: { status: 502 }, times: 100 });
    await expect(publish(await retryingClient())).rejects.toThrow(
      /GitHub answered 502 to POST \/repos\/\{owner\}\/\{repo\}\/git\/trees, 5 times in a row/,
    );
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(server.state.requests.filter((request) => request.path.endsWith('/git/trees'))).toHaveLength(5);
  });

  it('stops waiting for a silent GitHub after five timeouts', async () => {
    server.state.injectFault({ method: 'POST', path: /\/git\/trees$/, respond: 'silent', times: 100 });
    await expect(publish(await retryingClient())).rejects.toThrow(
      `GitHub gave no answer to POST /repos/{owner}/{repo}/git/trees within 30 s, 5 times in a row`,
    );
    expect(server.state.requests.filter((request) => request.path.endsWith('/git/trees'))).toHaveLength(5);
  });

  it('does not wait an hour when a rate limit asks for one', async () => {
    waits = [];
    server.state.injectFault({ method: 'POST', path: /\/pulls$/, respond: secondaryRateLimit(3600) });
    await expect(publish(await retryingClient())).rejects.toThrow(
      'GitHub answered 403 to POST /repos/{owner}/{repo}/pulls and asked to wait 3600 s, longer than the 300 s driftgate waits',
    );
    expect(waits).toEqual([]);
    await expectOneCommitOnePullRequest(await publish(await retryingClient()));
  });
});

describe('the publish action bundle', () => {
  const inputs = {
    'model-files': 'out/model.pkl',
    'model-name': 'churn',
    baseline: 'data/train.csv',
    metrics: 'out/metrics.json',
    'drift-report': 'report/drift-report.json',
  };
  const run = () => runAction({ actionDir: PUBLISH_ACTION_DIR, workspace, githubToken: server.token, env: server.env, with: inputs });

  it('gives up with one error that says what failed and what to do, and the re-run publishes once', async () => {
    // `Retry-After: 0` makes the retries immediate, so the bundle's own waits do not slow the test.
    server.state.injectFault({
      method: 'POST',
      path: /\/git\/commits$/,
      respond: { status: 503, headers: { 'retry-after': '0' } },
      times: 5,
      after: true,
    });
    const failed = await run();
    const error = expectOneError(failed);
    expect(error.message).toMatch(
      /^driftgate publish gave up: GitHub answered 503 to POST \/repos\/\{owner\}\/\{repo\}\/git\/commits, 5 times in a row\. .*Re-running the failed job finishes the publish/,
    );
    expect(failed.stdout).toContain('GitHub answered 503 to POST /repos/{owner}/{repo}/git/commits; retrying in 0 s');
    expect(ofKind(failed, 'warning')).toEqual([]);
    expect(await server.state.branchSha(BRANCH)).toBeUndefined();

    const rerun = await run();
    expect({ exitCode: rerun.exitCode, stderr: rerun.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(rerun.outputs).toMatchObject({ version: expect.stringMatching(/\.1$/), 'pull-request-operation': 'created' });
    expect(await commitsPublishing(rerun.outputs.version)).toEqual([rerun.outputs['commit-sha']]);
    expect(server.state.pulls).toHaveLength(1);
  });
});

describe('the check action bundle and the services it calls', () => {
  const root = scratch('faults');
  let actions: ActionsServer;
  const baselineCsv = () => readFileSync(join(EXAMPLES, 'baseline.csv'), 'utf8');
  const workspaceOf = () =>
    writeTree(join(root, `workspace-${Math.random().toString(36).slice(2)}`), {
      'data/current.csv': readFileSync(join(EXAMPLES, 'current.csv')),
    });

  beforeAll(async () => {
    actions = await startActionsServer({ owner: 'octo-org', repo: 'churn-model', runId: 4242 });
  });
  afterAll(() => actions.close());
  beforeEach(() => actions.state.reset());

  const checkWith = (inputs: Record<string, string>, workspace = workspaceOf()) =>
    runAction({
      actionDir: CHECK_ACTION_DIR,
      workspace,
      githubToken: actions.githubToken,
      env: actions.env,
      with: { current: 'data/current.csv', ...inputs },
    });

  it.each<[string, ActionsFault['respond']]>([
    ['a 502', { status: 502 }],
    // The same answer GitHub gives on any endpoint; this server has no delays, so no timeout case here.
    ['a secondary rate limit', secondaryRateLimit(1) as ActionsFault['respond']],
    ['a reset connection', 'reset'],
  ])('retries %s from the REST API while finding another run’s artifact', async (_label, respond) => {
    actions.state.addArtifact({ name: 'baseline', runId: 777, files: { 'baseline.csv': baselineCsv() } });
    actions.state.injectFault({ path: /\/actions\/runs\/777\/artifacts$/, respond });
    const run = await checkWith({ 'baseline-artifact': 'baseline', 'baseline-run-id': '777' });
    expect({ exitCode: run.exitCode, stderr: run.stderr, errors: ofKind(run, 'error') }).toEqual({ exitCode: 0, stderr: '', errors: [] });
    expect(run.outputs['drift-detected']).toBe('true');
    expect(run.stdout).toMatch(
      /^(GitHub answered (502|403) to|the connection to GitHub failed during) GET \/repos\/\{owner\}\/\{repo\}\/actions\/runs\/\{run_id\}\/artifacts( \(.+\))?; retrying in 1 s$/m,
    );
  });

  it('gives up on a REST API that keeps failing with one clear error, and no outputs or reports', async () => {
    actions.state.addArtifact({ name: 'baseline', runId: 777, files: { 'baseline.csv': baselineCsv() } });
    actions.state.injectFault({
      path: /\/actions\/runs\/777\/artifacts$/,
      respond: { status: 503, headers: { 'retry-after': '0' } },
      times: 5,
    });
    const workspace = workspaceOf();
    const error = expectOneError(await checkWith({ 'baseline-artifact': 'baseline', 'baseline-run-id': '777' }, workspace));
    expect(error.message).toMatch(
      /GitHub answered 503 to GET \/repos\/\{owner\}\/\{repo\}\/actions\/runs\/\{run_id\}\/artifacts, 5 times in a row.*githubstatus.*re-run/,
    );
    expect(existsSync(join(workspace, 'driftgate-report'))).toBe(false);
  });

  it('fails the step saying what was already done when the report upload is refused', async () => {
    actions.state.injectFault({
      path: /\/CreateArtifact$/,
      respond: { status: 403, body: { code: 'permission_denied', msg: 'artifact storage quota exceeded' } },
    });
    const workspace = writeTree(join(root, 'upload'), {
      'data/baseline.csv': baselineCsv(),
      'data/current.csv': readFileSync(join(EXAMPLES, 'current.csv')),
    });
    const run = await runAction({
      actionDir: CHECK_ACTION_DIR,
      workspace,
      env: actions.env,
      with: { baseline: 'data/baseline.csv', current: 'data/current.csv', 'upload-report': 'drift-report' },
    });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 1, stderr: '' });
    const errors = ofKind(run, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(
      /^driftgate failed: uploading the reports as artifact "drift-report" failed: .*artifact storage quota exceeded.*\. The check itself is done: its outputs are set and the reports are in .+; re-run the job to upload them$/,
    );
    expect(run.outputs['drift-detected']).toBe('true');
  });

  describe('a Pushgateway that keeps failing', () => {
    let gateway: Server;
    let url = '';
    let pushes = 0;
    beforeAll(async () => {
      gateway = createServer((request, response) => {
        pushes++;
        request.resume();
        response.writeHead(500, { 'content-type': 'text/plain' }).end('storage full');
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      url = `http://pusher:s3cr3t-push-password@127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => gateway.close(resolve)));

    it('fails the step after four attempts, naming the group without its credentials', async () => {
      const workspace = writeTree(join(root, 'pushgateway'), {
        'data/baseline.csv': baselineCsv(),
        'data/current.csv': readFileSync(join(EXAMPLES, 'current.csv')),
      });
      const run = await runAction({
        actionDir: CHECK_ACTION_DIR,
        workspace,
        with: { baseline: 'data/baseline.csv', current: 'data/current.csv', 'pushgateway-url': url },
      });
      expect(run.exitCode).toBe(1);
      const errors = ofKind(run, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(
        /^driftgate failed: pushing metrics to http:\/\/127\.0\.0\.1:\d+\/metrics\/job\/driftgate failed after 4 attempt\(s\): HTTP 500 Internal Server Error: storage full$/,
      );
      expect(pushes).toBe(4);
      // Only the `::add-mask::` command that hides it from the log may name it.
      const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
      expect([...printed, run.stderr, run.summary].join('\n')).not.toContain('s3cr3t-push-password');
      expect(ofKind(run, 'add-mask').map((mask) => mask.message)).toContain('s3cr3t-push-password');
    });
  });
});
