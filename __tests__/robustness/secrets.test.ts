/**
 * The token never leaks. The CLI, check and publish bundles run with one distinctive token, on their
 * success paths and their failure paths (bad input, a refused token, GitHub failing past the retries, a
 * refused pull request), and every output of every run is collected: stdout and stderr, the file commands
 * (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH), the job summary, every file left in the workspace
 * and RUNNER_TEMP, the pull requests, every git object on the server, and the bodies and headers of every
 * request the servers received. The token may appear in exactly two places: the `::add-mask::` command that
 * tells the runner to hide it, and the Authorization headers that carry it to GitHub.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { renderJson } from '../../src/report/json.js';
import { CLI_BUNDLE, runNode } from '../helpers/processes.js';
import { runAction, type ActionRun, type RunActionOptions } from '../helpers/runner.js';
import { EXAMPLES, exampleDriftReport } from '../publish/fixtures.js';
import { startActionsServer, type ActionsServer } from '../servers/github-actions-server.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { CHECK_ACTION_DIR, ofKind, PUBLISH_ACTION_DIR } from './surfaces.js';
import { scratch, treeOf, writeTree } from '../helpers/files.js';

const TOKEN = 'ghs_SecretsTestToken7f3a9c2e51d84b06XyZ';
/** A secret as it would look if something encoded it on the way out. */
const disguises = (secret: string) => [
  secret,
  Buffer.from(secret).toString('base64'),
  encodeURIComponent(secret),
  secret.split('').reverse().join(''),
];
/** The token, and the artifact service's runtime tokens the runner hands the check action (added as the servers start). */
const SECRETS = [TOKEN];
/** An error body that quotes the request's credentials back, as some proxies and GitHub's own errors have done. */
const quotingBody = (status: string) => ({
  message: `Bad credentials: the request carried Authorization: token ${TOKEN} (also seen as Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}, ${Buffer.from(TOKEN).toString('base64')} and ?access_token=${encodeURIComponent(TOKEN)})`,
  documentation_url: 'https://docs.github.com/rest',
  status,
});

const root = scratch('secrets');
let runs = 0;

/** Everything a run left behind, labelled by where it was found. */
type Outputs = Array<[where: string, text: string]>;
const collected: Outputs = [];
/** How many requests carried the token in their Authorization header: proof the token was really used. */
let authorized = 0;

function collectRun(label: string, run: ActionRun, directories: string[]): void {
  // Telling the runner what to mask is the one place a secret must be written.
  const stdout = run.stdout.split('\n').filter((line) => !SECRETS.some((secret) => line === `::add-mask::${secret}`));
  collected.push(
    [`${label} stdout`, stdout.join('\n')],
    [`${label} stderr`, run.stderr],
    [`${label} GITHUB_OUTPUT`, JSON.stringify(run.outputs)],
    [`${label} GITHUB_ENV`, JSON.stringify(run.exportedEnv)],
    [`${label} GITHUB_STATE`, JSON.stringify(run.state)],
    [`${label} GITHUB_PATH`, run.addedPaths.join('\n')],
    [`${label} GITHUB_STEP_SUMMARY`, run.summary],
  );
  for (const directory of directories) {
    for (const file of treeOf(directory)) collected.push([`${label} file ${file}`, readFileSync(join(directory, file)).toString('latin1')]);
  }
}

interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

function collectRequests(label: string, requests: readonly SeenRequest[]): void {
  for (const request of requests) {
    const { authorization, ...headers } = request.headers;
    if (String(authorization).includes(TOKEN)) authorized++;
    const body = Buffer.isBuffer(request.body) ? request.body.toString('latin1') : JSON.stringify(request.body ?? '');
    // Blob contents travel base64-encoded; a token inside a committed file would hide there.
    const content = (request.body as { content?: unknown } | undefined)?.content;
    const decoded = typeof content === 'string' ? Buffer.from(content, 'base64').toString('latin1') : '';
    collected.push([
      `${label} request ${request.method} ${request.path}?${request.query}`,
      `${JSON.stringify(headers)}\n${body}\n${decoded}`,
    ]);
  }
}

async function collectRepository(label: string, server: GitServer): Promise<void> {
  collected.push([`${label} git objects`, await server.state.git('cat-file', '--batch-all-objects', '--batch')]);
  for (const pull of server.state.pulls) collected.push([`${label} pull request #${pull.number}`, JSON.stringify(pull)]);
}

/** Runs an action with its own RUNNER_TEMP and collects what it left. */
async function runCollected(label: string, options: RunActionOptions): Promise<ActionRun> {
  const runnerTemp = join(root, `runner-temp-${++runs}`);
  writeTree(runnerTemp, {});
  const run = await runAction({ ...options, runnerTemp });
  collectRun(label, run, [options.workspace, runnerTemp]);
  return run;
}

describe('the CLI', () => {
  it('prints no token from its environment, on success or failure', async () => {
    const workspace = writeTree(join(root, 'cli'), {
      'baseline.csv': readFileSync(join(EXAMPLES, 'baseline.csv')),
      'current.csv': readFileSync(join(EXAMPLES, 'current.csv')),
      'ragged.csv': 'a,b\n1\n',
    });
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_TOKEN: TOKEN, GH_TOKEN: TOKEN, DRIFTGATE_DEBUG: '1' };
    for (const [label, args, status] of [
      [
        'CLI success',
        ['check', '--baseline', 'baseline.csv', '--current', 'current.csv', '--format', 'json', '--output', 'report.json'],
        1,
      ],
      ['CLI bad input', ['check', '--baseline', 'baseline.csv', '--current', 'ragged.csv'], 2],
      ['CLI missing file', ['check', '--baseline', 'baseline.csv', '--current', 'missing.csv'], 2],
    ] as const) {
      const child = await runNode(CLI_BUNDLE, args, { cwd: workspace, env });
      collected.push([`${label} stdout`, child.stdout], [`${label} stderr`, child.stderr]);
      expect(child.status).toBe(status);
    }
    for (const file of treeOf(workspace)) collected.push([`CLI file ${file}`, readFileSync(join(workspace, file), 'latin1')]);
  });
});

describe('the check action', () => {
  let actions: ActionsServer;
  let refusing: ActionsServer;
  beforeAll(async () => {
    actions = await startActionsServer({ owner: 'octo-org', repo: 'churn-model', runId: 4242, githubToken: TOKEN });
    refusing = await startActionsServer({ owner: 'octo-org', repo: 'churn-model', runId: 4242 });
    SECRETS.push(actions.runtimeToken, refusing.runtimeToken);
  });
  afterAll(async () => {
    collectRequests('check', actions.state.requests);
    collectRequests('check (refused token)', refusing.state.requests);
    await actions.close();
    await refusing.close();
  });

  const workspace = () =>
    writeTree(join(root, `check-${++runs}`), {
      'data/current.csv': readFileSync(join(EXAMPLES, 'current.csv')),
      'data/ragged.csv': 'a,b\n1\n',
    });
  const check = (label: string, server: ActionsServer, inputs: Record<string, string>) =>
    runCollected(label, {
      actionDir: CHECK_ACTION_DIR,
      workspace: workspace(),
      githubToken: TOKEN,
      env: { ...server.env, RUNNER_DEBUG: '1' },
      with: { current: 'data/current.csv', ...inputs },
    });

  it('succeeds with a baseline from another run and uploads its reports', async () => {
    actions.state.addArtifact({
      name: 'baseline',
      runId: 777,
      files: { 'baseline.csv': readFileSync(join(EXAMPLES, 'baseline.csv'), 'utf8') },
    });
    const run = await check('check success', actions, {
      'baseline-artifact': 'baseline',
      'baseline-run-id': '777',
      'upload-report': 'drift-report',
    });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    // The artifact client masks the signatures of its storage URLs too.
    expect(ofKind(run, 'add-mask')).toContainEqual({ command: 'add-mask', properties: {}, message: TOKEN });
  });

  /** Each failure: what to set up on the server, and the inputs that run into it. */
  const FAILURES: Array<[string, () => Record<string, string>]> = [
    [
      'an expired artifact',
      () => {
        actions.state.addArtifact({ name: 'old', runId: 778, files: { 'b.csv': 'x\n1\n' }, expired: true });
        return { 'baseline-artifact': 'old', 'baseline-run-id': '778' };
      },
    ],
    ['bad input', () => ({ baseline: 'data/ragged.csv' })],
    [
      'GitHub failing past the retries',
      () => {
        actions.state.addRun({ id: 779, workflow: 'train.yml' });
        actions.state.injectFault({ path: /\/runs\/779\/artifacts$/, respond: { status: 502, headers: { 'retry-after': '0' } }, times: 5 });
        return { 'baseline-artifact': 'baseline', 'baseline-run-id': '779' };
      },
    ],
  ];

  FAILURES.push([
    'an error body quoting the token',
    () => {
      actions.state.addRun({ id: 780, workflow: 'train.yml' });
      actions.state.injectFault({ path: /\/runs\/780\/artifacts$/, respond: { status: 401, body: quotingBody('401') } });
      return { 'baseline-artifact': 'baseline', 'baseline-run-id': '780' };
    },
  ]);

  it.each(FAILURES)('fails without printing it: %s', async (label, setUp) => {
    const run = await check(`check ${label}`, actions, setUp());
    expect(run.exitCode).toBe(1);
    expect(ofKind(run, 'error')).toHaveLength(1);
  });

  it('fails without printing it: a token GitHub refuses', async () => {
    refusing.state.addArtifact({ name: 'baseline', runId: 777, files: { 'baseline.csv': 'x\n1\n' } });
    const run = await check('check refused token', refusing, { 'baseline-artifact': 'baseline', 'baseline-run-id': '777' });
    expect(run.exitCode).toBe(1);
    expect(ofKind(run, 'error')[0].message).toMatch(/Bad credentials/);
  });
});

describe('the publish action', () => {
  let server: GitServer;
  let locked: GitServer;
  let refusing: GitServer;
  let report: string;
  beforeAll(async () => {
    server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model', token: TOKEN });
    locked = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model', token: TOKEN, actionsCanCreatePullRequests: false });
    refusing = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
    report = renderJson(await exampleDriftReport());
  });
  afterAll(async () => {
    for (const [label, target] of [
      ['publish', server],
      ['publish (locked)', locked],
      ['publish (refused token)', refusing],
    ] as const) {
      collectRequests(label, target.state.requests);
      await collectRepository(label, target);
      await target.close();
    }
  });

  const publish = (label: string, target: GitServer, inputs: Record<string, string> = {}) =>
    runCollected(label, {
      actionDir: PUBLISH_ACTION_DIR,
      workspace: writeTree(join(root, `publish-${++runs}`), {
        'out/model.pkl': `model ${runs}`,
        'out/metrics.json': '{"accuracy": 0.9}',
        'report/drift-report.json': report,
      }),
      githubToken: TOKEN,
      env: { ...target.env, RUNNER_DEBUG: '1' },
      with: {
        'model-files': 'out/model.pkl',
        'model-name': 'churn',
        metrics: 'out/metrics.json',
        'drift-report': 'report/drift-report.json',
        labels: 'model',
        ...inputs,
      },
    });

  it('succeeds, and publishes again', async () => {
    for (const label of ['publish success', 'publish update']) {
      const run = await publish(label, server);
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    }
    expect(server.state.pulls).toHaveLength(1);
  });

  it.each([
    ['bad input', () => server, { 'model-files': 'out/missing.pkl' }],
    [
      'GitHub failing past the retries',
      () => {
        server.state.injectFault({
          method: 'POST',
          path: /\/git\/trees$/,
          respond: { status: 503, headers: { 'retry-after': '0' } },
          times: 5,
        });
        return server;
      },
      {},
    ],
    ['a refused pull request', () => locked, {}],
    ['a token GitHub refuses', () => refusing, {}],
    [
      'an error body quoting the token',
      () => {
        server.state.injectFault({ method: 'POST', path: /\/git\/trees$/, respond: { status: 422, body: quotingBody('422') } });
        return server;
      },
      {},
    ],
  ] as const)('fails without printing it: %s', async (label, target, inputs) => {
    const run = await publish(`publish ${label}`, target(), inputs);
    expect(run.exitCode).toBe(1);
    expect(ofKind(run, 'error')).toHaveLength(1);
  });

  it('warns without printing it: a refused label whose message quotes the token', async () => {
    server.state.injectFault({ method: 'POST', path: /\/issues\/\d+\/labels$/, respond: { status: 403, body: quotingBody('403') } });
    const run = await publish('publish refused label', server, { labels: 'quoted' });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(ofKind(run, 'warning').map((warning) => warning.message)).toEqual([
      expect.stringMatching(
        /^Could not add the labels quoted on pull request #1: Bad credentials: the request carried Authorization: token \*\*\*/,
      ),
    ]);
  });
});

describe('everything collected above', () => {
  it('holds no secret anywhere, in any encoding', () => {
    expect(collected.length).toBeGreaterThan(100);
    expect(SECRETS).toHaveLength(3);
    const leaks = collected
      .filter(([, text]) => SECRETS.flatMap(disguises).some((disguise) => text.includes(disguise)))
      .map(([where]) => where);
    expect(leaks).toEqual([]);
  });

  it('really used the token: it went to GitHub in Authorization headers', () => {
    expect(authorized).toBeGreaterThan(20);
  });
});
