/**
 * The baseline-artifact code and the report upload, in process, with the real `@actions/artifact` and
 * `@actions/github` clients talking to a loopback GitHub. Both clients read their endpoints and the run's
 * identity from the environment when they are first loaded, so the environment is set before the code
 * under test is imported.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import type { BaselineArtifact } from '../../src/action/inputs.js';
import { startActionsServer, type ActionsServer, type RecordedRequest } from '../servers/github-actions-server.js';
import { buildZip } from '../servers/zip-writer.js';

const OWNER = 'octo-org';
const REPO = 'churn-model';
const RUN_ID = 4242;

let server: ActionsServer;
let downloadBaseline: (artifact: BaselineArtifact, token: string) => Promise<string[]>;
let uploadReports: (name: string, files: string[], rootDirectory: string) => Promise<void>;
const scratch = mkdtempSync(join(tmpdir(), 'driftgate-artifact-'));
const savedEnv = { ...process.env };
/** What the action printed (core.info, workflow commands): checked for leaked tokens. */
let printed: string[] = [];
let runnerTemp: string;

beforeAll(async () => {
  server = await startActionsServer({ owner: OWNER, repo: REPO, runId: RUN_ID, workflow: 'drift.yml' });
  Object.assign(process.env, server.env, { GITHUB_WORKSPACE: join(scratch, 'workspace') });
  ({ downloadBaseline } = await import('../../src/action/baseline-artifact.js'));
  ({ uploadReports } = await import('../../src/action/upload.js'));
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  server.state.reset();
  runnerTemp = mkdtempSync(join(scratch, 'runner-temp-'));
  process.env.RUNNER_TEMP = runnerTemp;
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
});

afterEach(() => {
  jest.restoreAllMocks();
  const output = printed.join('');
  expect(output).not.toContain(server.githubToken);
  expect(output).not.toContain(server.runtimeToken);
});

const read = (path: string) => readFileSync(path, 'utf8');

/** The downloaded files as `{ path inside the artifact: content }`; each test downloads once, into its own RUNNER_TEMP. */
function contents(files: string[]): Record<string, string> {
  const [work] = readdirSync(runnerTemp);
  return Object.fromEntries(files.map((file) => [relative(join(runnerTemp, work, 'files'), file), read(file)]));
}

async function inputError(run: () => Promise<unknown>): Promise<InputError> {
  const outcome = await run().then(
    () => new Error('expected an InputError, but the call succeeded'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(InputError);
  return outcome as InputError;
}

const twirpCalls = () => server.state.requests.filter((request) => request.path.startsWith('/twirp/'));
const restCalls = () => server.state.requests.filter((request) => request.path.startsWith('/repos/'));
const blobCalls = () => server.state.requests.filter((request) => request.path.startsWith('/blob/'));
const jsonBody = (request: RecordedRequest) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;

/** Every file and link under RUNNER_TEMP, relative to it. */
function runnerTempTree(): string[] {
  return readdirSync(runnerTemp, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(runnerTemp, join(entry.parentPath, entry.name)))
    .sort();
}

describe('uploadReports and a same-run baseline', () => {
  it('uploads through the real client and downloads the same files back as this run’s baseline', async () => {
    const reports = join(scratch, 'reports-1');
    mkdirSync(join(reports, 'history'), { recursive: true });
    writeFileSync(join(reports, 'baseline.csv'), 'age,plan\n31,pro\n45,free\n');
    writeFileSync(join(reports, 'history', 'older.jsonl.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    writeFileSync(join(reports, 'README.txt'), 'not data');
    const files = ['baseline.csv', 'history/older.jsonl.gz', 'README.txt'].map((file) => join(reports, file));

    await uploadReports('drift-baseline', files, reports);

    const [create, finalize] = twirpCalls();
    expect(twirpCalls().map((request) => request.path.split('/').pop())).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    for (const call of twirpCalls()) expect(call.headers.authorization).toBe(`Bearer ${server.runtimeToken}`);
    expect(jsonBody(create)).toMatchObject({
      workflow_run_backend_id: server.state.currentRun.backendId,
      workflow_job_run_backend_id: server.state.jobBackendId,
      name: 'drift-baseline',
      version: 7,
    });
    const stored = server.state.artifacts.find((artifact) => artifact.name === 'drift-baseline')!;
    expect(stored.finalized).toBe(true);
    expect(jsonBody(finalize)).toEqual({
      workflow_run_backend_id: server.state.currentRun.backendId,
      workflow_job_run_backend_id: server.state.jobBackendId,
      name: 'drift-baseline',
      size: String(stored.zip!.length),
      hash: `sha256:${createHash('sha256').update(stored.zip!).digest('hex')}`,
    });
    expect(blobCalls().map((request) => request.query.get('comp'))).toEqual(['block', 'blocklist']);

    const baseline = await downloadBaseline({ name: 'drift-baseline' }, '');
    expect(contents(baseline)).toEqual({
      'baseline.csv': 'age,plan\n31,pro\n45,free\n',
      [join('history', 'older.jsonl.gz')]: read(files[1]),
    });
    for (const file of baseline) expect(file.startsWith(join(runnerTemp, 'driftgate-baseline-'))).toBe(true);
  });

  it('assembles a multi-block upload in block-list order', async () => {
    const reports = join(scratch, 'reports-2');
    mkdirSync(reports, { recursive: true });
    // Random bytes do not compress: over the client's 8 MiB block size, so the zip goes up in two blocks.
    const noise = randomBytes(9 * 1024 * 1024);
    writeFileSync(join(reports, 'noise.csv'), noise);

    await uploadReports('big', [join(reports, 'noise.csv')], reports);

    const blocks = blobCalls().filter((request) => request.query.get('comp') === 'block');
    expect(blocks.length).toBe(2);
    const blockList = blobCalls()
      .find((request) => request.query.get('comp') === 'blocklist')!
      .body.toString('utf8');
    expect(blockList).toMatch(/^<\?xml[^>]*\?><BlockList><Latest>[^<]+<\/Latest><Latest>[^<]+<\/Latest><\/BlockList>$/);
    const [file] = await downloadBaseline({ name: 'big' }, '');
    expect(readFileSync(file).equals(noise)).toBe(true);
  });

  it('downloads a baseline another job of this run uploaded', async () => {
    server.state.addArtifact({ name: 'baseline', files: { 'data/reference.csv': 'x\n1\n2\n', 'data/reference.parquet': 'PAR1' } });
    const files = await downloadBaseline({ name: 'baseline' }, '');
    expect(contents(files)).toEqual({ [join('data', 'reference.csv')]: 'x\n1\n2\n', [join('data', 'reference.parquet')]: 'PAR1' });
    expect(twirpCalls().map((request) => [request.path.split('/').pop(), jsonBody(request)])).toEqual([
      [
        'ListArtifacts',
        {
          workflow_run_backend_id: server.state.currentRun.backendId,
          workflow_job_run_backend_id: server.state.jobBackendId,
          name_filter: 'baseline',
        },
      ],
      [
        'ListArtifacts',
        {
          workflow_run_backend_id: server.state.currentRun.backendId,
          workflow_job_run_backend_id: server.state.jobBackendId,
          id_filter: String(server.state.artifacts[0].id),
        },
      ],
      [
        'GetSignedArtifactURL',
        {
          workflow_run_backend_id: server.state.currentRun.backendId,
          workflow_job_run_backend_id: server.state.jobBackendId,
          name: 'baseline',
        },
      ],
    ]);
    // Blob storage is reached through the signed URL alone: the runtime token stays with the results service.
    expect(blobCalls().map((request) => request.headers.authorization)).toEqual([undefined]);
  });

  it('says how to fix a missing artifact in this run', async () => {
    server.state.addArtifact({ name: 'something-else', files: { 'a.csv': 'a\n1\n' } });
    const error = await inputError(() => downloadBaseline({ name: 'baseline' }, ''));
    expect(error.message).toBe(
      `no artifact named "baseline" in this workflow run (${RUN_ID}). Upload it in an earlier job of this run (actions/upload-artifact), or set baseline-run-id to a run that has it (a run id, or "latest" with baseline-workflow).`,
    );
  });
});

describe('a baseline from another run', () => {
  it('downloads the artifact of a run given by id, through the REST API and the redirect', async () => {
    server.state.addRun({ id: 777, workflow: 'train.yml' });
    server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'reference.csv': 'score\n0.1\n0.2\n' } });
    server.state.addArtifact({ name: 'baseline', files: { 'reference.csv': 'from this run: wrong\n' } });

    const files = await downloadBaseline({ name: 'baseline', runId: 777 }, server.githubToken);

    expect(contents(files)).toEqual({ 'reference.csv': 'score\n0.1\n0.2\n' });
    expect(restCalls().map((request) => `${request.path}?${request.query}`)).toEqual([
      `/repos/${OWNER}/${REPO}/actions/runs/777/artifacts?name=baseline&per_page=100`,
      `/repos/${OWNER}/${REPO}/actions/artifacts/${server.state.artifacts[0].id}/zip?`,
    ]);
    for (const request of restCalls()) expect(request.headers.authorization).toBe(`token ${server.githubToken}`);
    expect(blobCalls().map((request) => request.headers.authorization)).toEqual([undefined]);
    expect(twirpCalls()).toEqual([]);
  });

  it('takes the newest successful run of the workflow on the branch, ignoring failed runs and other branches', async () => {
    const seed = (id: number, branch: string, conclusion: 'success' | 'failure', content: string, workflow = 'train.yml') => {
      server.state.addRun({ id, workflow, branch, conclusion });
      server.state.addArtifact({ name: 'baseline', runId: id, files: { 'reference.csv': content } });
    };
    seed(801, 'main', 'success', 'older success\n');
    seed(802, 'main', 'success', 'newest success on main\n');
    seed(803, 'main', 'failure', 'failed run\n');
    seed(804, 'feature/x', 'success', 'other branch\n');
    seed(805, 'main', 'success', 'other workflow\n', 'nightly.yml');
    server.state.addRun({ id: 806, workflow: 'train.yml', branch: 'main', status: 'in_progress' });

    const files = await downloadBaseline({ name: 'baseline', runId: 'latest', workflow: 'train.yml', branch: 'main' }, server.githubToken);

    expect(contents(files)).toEqual({ 'reference.csv': 'newest success on main\n' });
    const [runs] = restCalls();
    expect(runs.path).toBe(`/repos/${OWNER}/${REPO}/actions/workflows/train.yml/runs`);
    expect(Object.fromEntries(runs.query)).toEqual({ status: 'success', branch: 'main', per_page: '1' });
    expect(restCalls()[1].path).toBe(`/repos/${OWNER}/${REPO}/actions/runs/802/artifacts`);
  });

  it('without a branch, takes the newest successful run on any branch', async () => {
    server.state.addRun({ id: 811, workflow: 'train.yml', branch: 'main' });
    server.state.addArtifact({ name: 'baseline', runId: 811, files: { 'reference.csv': 'main\n' } });
    server.state.addRun({ id: 812, workflow: 'train.yml', branch: 'release' });
    server.state.addArtifact({ name: 'baseline', runId: 812, files: { 'reference.csv': 'release\n' } });

    const files = await downloadBaseline({ name: 'baseline', runId: 'latest', workflow: 'train.yml' }, server.githubToken);
    expect(contents(files)).toEqual({ 'reference.csv': 'release\n' });
  });

  it('says when the workflow has no successful run', async () => {
    server.state.addRun({ workflow: 'train.yml', branch: 'main', conclusion: 'failure' });
    server.state.addRun({ workflow: 'train.yml', branch: 'dev' });
    const error = await inputError(() =>
      downloadBaseline({ name: 'baseline', runId: 'latest', workflow: 'train.yml', branch: 'main' }, server.githubToken),
    );
    expect(error.message).toBe(
      `no successful run of workflow "train.yml" on branch "main" in ${OWNER}/${REPO}; run it once (it must upload the baseline artifact), or give baseline-run-id explicitly`,
    );
  });

  it('says when the workflow does not exist', async () => {
    const error = await inputError(() =>
      downloadBaseline({ name: 'baseline', runId: 'latest', workflow: 'trian.yml' }, server.githubToken),
    );
    expect(error.message).toBe(
      `workflow "trian.yml" not found in ${OWNER}/${REPO}; baseline-workflow takes the workflow's file name (e.g. train.yml) or its id, and the token needs the actions: read permission`,
    );
  });

  it('says when the run does not exist', async () => {
    const error = await inputError(() => downloadBaseline({ name: 'baseline', runId: 31337 }, server.githubToken));
    expect(error.message).toBe(
      `workflow run 31337 not found in ${OWNER}/${REPO}; check baseline-run-id (and that the token has the actions: read permission)`,
    );
  });

  it('names the run and says what to check when the artifact is missing there', async () => {
    server.state.addArtifact({ name: 'model', runId: 777, files: { 'model.onnx': 'bytes' } });
    const error = await inputError(() => downloadBaseline({ name: 'baseline', runId: 777 }, server.githubToken));
    expect(error.message).toBe(
      `workflow run 777 of ${OWNER}/${REPO} has no artifact named "baseline"; check the artifact name, or that this run uploaded it`,
    );
  });

  it('refuses an expired artifact and says what to do', async () => {
    const expired = server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'reference.csv': 'gone\n' }, expired: true });
    const error = await inputError(() => downloadBaseline({ name: 'baseline', runId: 777 }, server.githubToken));
    expect(error.message).toBe(
      `artifact "baseline" of workflow run 777 of ${OWNER}/${REPO} expired on ${expired.expiresAt}; rerun the workflow that produces it, or raise its retention-days, or keep the baseline in the repository (the publish step stores it beside the model)`,
    );
    // Refused from the listing: the archive is never asked for.
    expect(restCalls().some((request) => request.path.endsWith('/zip'))).toBe(false);
  });

  it('skips an expired copy when a live one has the same name', async () => {
    server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'reference.csv': 'expired\n' }, expired: true });
    server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'reference.csv': 'live\n' } });
    const files = await downloadBaseline({ name: 'baseline', runId: 777 }, server.githubToken);
    expect(contents(files)).toEqual({ 'reference.csv': 'live\n' });
  });

  it('needs a token to read another run', async () => {
    const error = await inputError(() => downloadBaseline({ name: 'baseline', runId: 777 }, ''));
    expect(error.message).toBe(
      'github-token is required to read artifacts of another workflow run (it needs the actions: read permission)',
    );
    expect(server.state.requests).toEqual([]);
  });

  it('refuses an archive that does not match the digest GitHub recorded', async () => {
    const artifact = server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'reference.csv': 'tampered\n' } });
    artifact.digest = `sha256:${'0'.repeat(64)}`;
    await expect(downloadBaseline({ name: 'baseline', runId: 777 }, server.githubToken)).rejects.toThrow(
      `the archive of artifact "baseline" downloaded from workflow run 777 of ${OWNER}/${REPO} does not match the digest GitHub recorded for it (sha256:${'0'.repeat(64)}); rerun the job to download it again`,
    );
    expect(runnerTempTree().filter((path) => path.includes(join('files', '')))).toEqual([]);
  });
});

describe('what the artifact holds', () => {
  it('says when the artifact holds no data file, listing what it has', async () => {
    server.state.addArtifact({ name: 'baseline', files: { 'README.md': '# notes', 'model/weights.bin': 'w' } });
    const error = await inputError(() => downloadBaseline({ name: 'baseline' }, ''));
    expect(error.message).toBe(
      `artifact "baseline" from this workflow run (${RUN_ID}) holds no data file (.csv, .tsv, .tab, .jsonl, .ndjson, .json, .parquet, .pq, optionally .gz); it has: ${['README.md', join('model', 'weights.bin')].join(', ')}`,
    );
  });

  describe.each([
    ['a parent-directory entry', () => [{ name: '../escape.csv', content: 'pwned\n' }], /invalid relative path: \.\.\/escape\.csv/],
    ['a deep parent-directory entry', () => [{ name: 'data/../../../escape.csv', content: 'pwned\n' }], /invalid relative path/],
    ['an absolute entry', () => [{ name: join(runnerTemp, 'absolute-escape.csv'), content: 'pwned\n' }], /absolute path/],
    [
      'a symbolic link entry',
      () => [
        { name: 'data', kind: 'symlink' as const, content: runnerTemp },
        { name: 'data/escape.csv', content: 'pwned\n' },
      ],
      /archive entry "data" is a symbolic link; refusing to extract/,
    ],
  ])('a hostile archive with %s', (_label, entries, message) => {
    it.each([
      ['from this run', undefined],
      ['from another run', 777],
    ])('is refused %s, and nothing lands outside the extraction folder', async (_where, runId) => {
      server.state.addArtifact({ name: 'baseline', runId, zip: buildZip([{ name: 'reference.csv', content: 'x\n1\n' }, ...entries()]) });
      const error = await inputError(() => downloadBaseline({ name: 'baseline', runId }, server.githubToken));
      expect(error.message).toMatch(message);
      const tree = runnerTempTree();
      const [work] = readdirSync(runnerTemp);
      // The downloaded archive, and at most the harmless entry before the hostile one, inside files/.
      expect(tree.filter((path) => !path.startsWith(join(work, 'files', '')))).toEqual([join(work, 'archive', 'baseline.zip')]);
      expect(tree.filter((path) => basename(path).includes('escape'))).toEqual([]);
      expect(existsSync(join(runnerTemp, 'absolute-escape.csv'))).toBe(false);
      expect(() => lstatSync(join(runnerTemp, work, 'files', 'data'))).toThrow(/ENOENT/);
    });
  });
});
