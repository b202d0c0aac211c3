/**
 * The check action as a workflow runs it: the committed bundle, started through `action.yml` by the
 * runner's contract (see helpers/runner.ts). What a workflow depends on is checked from the outside:
 * the exit code, the outputs a later job gates on, the report files, the job summary, the annotations,
 * and the artifacts exchanged with a loopback GitHub.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { writeProfileFile } from '../../src/io/profile-file.js';
import { profileData } from '../../src/io/profile-side.js';
import { extractZip } from '../../src/io/unzip.js';
import { ACTION_ROOT } from '../helpers/processes.js';
import { REPO_ROOT } from '../helpers/paths.js';
import {
  parseFileCommand,
  parseWorkflowCommands,
  readActionDefinition,
  runAction,
  type ActionRun,
  type RunActionOptions,
  type WorkflowCommand,
} from '../helpers/runner.js';
import { startActionsServer, type ActionsServer } from '../servers/github-actions-server.js';

const EXAMPLES = join(REPO_ROOT, 'examples', 'data');
const TOKEN = 'ghs_checkActionTestToken0123456789';
/** The example data was made so that these columns drift between baseline.csv and current.csv. */
const EXAMPLE_DRIFTED = ['age', 'tenure_months', 'monthly_charges', 'total_charges', 'contract', 'support_calls'];
const REPORT_OUTPUTS = ['report', 'report-markdown', 'report-html', 'metrics-file'] as const;
const SUMMARY_LIMIT = 1024 * 1024;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'driftgate-check-action-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let workspaces = 0;
/** A fresh checkout holding `files` (path in the workspace → content, or an `examples/data` file name to copy). */
function workspaceWith(files: Record<string, string | { example: string }>): string {
  const workspace = join(scratch, `workspace-${++workspaces}`);
  mkdirSync(workspace, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const target = join(workspace, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'string') writeFileSync(target, content);
    else copyFileSync(join(EXAMPLES, content.example), target);
  }
  return workspace;
}

const exampleWorkspace = (current: string) =>
  workspaceWith({ 'data/baseline.csv': { example: 'baseline.csv' }, 'data/current.csv': { example: current } });

function check(workspace: string, inputs: Record<string, string>, options: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  return runAction({ actionDir: ACTION_ROOT, workspace, with: inputs, githubToken: TOKEN, ...options });
}

const ofKind = (run: ActionRun, command: string): WorkflowCommand[] => run.commands.filter((found) => found.command === command);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const tree = (directory: string): string[] =>
  readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();

/** The token may appear only where the action asks the runner to mask it. */
function expectTokenNotPrinted(run: ActionRun): void {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.includes(TOKEN));
  expect(lines).toEqual(lines.length === 0 ? [] : [`::add-mask::${TOKEN}`]);
}

/** What a failing step must look like: exit 1, one error annotation, no trace, nothing half-done left behind. */
function expectCleanFailure(run: ActionRun, workspace: string): WorkflowCommand {
  expect(run.exitCode).toBe(1);
  const errors = ofKind(run, 'error');
  expect(errors).toHaveLength(1);
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr).toBe('');
  expect(run.outputs).toEqual({});
  expect(existsSync(join(workspace, 'driftgate-report'))).toBe(false);
  expectTokenNotPrinted(run);
  return errors[0];
}

describe('drift in the example data', () => {
  let workspace: string;
  let run: ActionRun;
  beforeAll(async () => {
    workspace = exampleWorkspace('current.csv');
    run = await check(workspace, { baseline: 'data/baseline.csv', current: 'data/current.csv' });
  });

  it('passes the step and sets the outputs a later job gates on', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'drift-detected': 'true', status: 'drift', 'drifted-count': '6', 'tested-count': '9' });
    expect(JSON.parse(run.outputs['drifted-columns']).sort()).toEqual([...EXAMPLE_DRIFTED].sort());
    expect(Number(run.outputs['drift-share'])).toBeCloseTo(6 / 9, 12);
  });

  it('writes the four reports inside the workspace, and the JSON report agrees with the outputs', () => {
    for (const output of REPORT_OUTPUTS) {
      const path = run.outputs[output];
      expect(relative(workspace, path).startsWith('..')).toBe(false);
      expect(existsSync(path)).toBe(true);
    }
    expect(tree(join(workspace, 'driftgate-report'))).toEqual([
      'drift-metrics.prom',
      'drift-report.html',
      'drift-report.json',
      'drift-report.md',
    ]);
    const report = readJson(run.outputs.report);
    expect(report.dataset).toMatchObject({
      drift_detected: true,
      status: run.outputs.status,
      drift_share: Number(run.outputs['drift-share']),
      drifted_count: Number(run.outputs['drifted-count']),
      tested_count: Number(run.outputs['tested-count']),
    });
    expect(JSON.stringify(report.dataset.drifted_columns)).toBe(run.outputs['drifted-columns']);
    expect(readFileSync(run.outputs['metrics-file'], 'utf8')).toContain('driftgate_');
  });

  it('writes a summary that opens with the verdict, lists drifted columns first and charts them', () => {
    expect(run.summary.split('\n')[0]).toMatch(/^## 🔴 Drift detected: 6 of 9 columns drifted/);
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Column'));
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 6).every((row) => row.includes('🔴'))).toBe(true);
    expect(rows.slice(6).some((row) => row.includes('🔴'))).toBe(false);
    expect(run.summary.match(/```mermaid\nxychart-beta\n/g)?.length).toBe(5);
  });

  it('raises one warning per drifted column, and no error', () => {
    const warnings = ofKind(run, 'warning');
    expect(warnings.map((warning) => warning.properties.title).sort()).toEqual(
      EXAMPLE_DRIFTED.map((name) => `Drift in column ${name}`).sort(),
    );
    expect(ofKind(run, 'error')).toEqual([]);
  });

  it('groups its log', () => {
    expect(ofKind(run, 'group').length).toBeGreaterThan(0);
    expect(ofKind(run, 'group').length).toBe(ofKind(run, 'endgroup').length);
  });
});

describe('a profile baseline', () => {
  it('checks against the profile of the training data, with the verdicts of the raw data', async () => {
    const workspace = exampleWorkspace('current.csv');
    await writeProfileFile(join(workspace, 'data/train.profile.json.gz'), await profileData([join(workspace, 'data/baseline.csv')]));
    const run = await check(workspace, { baseline: 'data/train.profile.json.gz', current: 'data/current.csv' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['drift-detected']).toBe('true');
    const report = readJson(run.outputs.report);
    expect(report.baseline).toMatchObject({ rows: 2000, profiled: 'file' });
    expect(
      report.columns
        .filter((column: { drift_detected: boolean }) => column.drift_detected)
        .map((column: { name: string }) => column.name)
        .sort(),
    ).toEqual([...EXAMPLE_DRIFTED].sort());
    expect(run.stdout).toMatch(/Read the profile of 2000 baseline rows × 10 columns/);
  });

  it('profiles data over memory-budget while reading it, and says so', async () => {
    const workspace = exampleWorkspace('current.csv');
    const run = await check(workspace, { baseline: 'data/baseline.csv', current: 'data/current.csv', 'memory-budget': '1K', method: 'ks' });
    expect(run.exitCode).toBe(0);
    expect(readJson(run.outputs.report).current).toMatchObject({ rows: 1500, profiled: 'streamed' });
    expect(run.stdout).toMatch(/Read and profiled \(over the memory budget\) 1500 current rows/);
    expect(run.summary).toContain('profiled while read, being over the memory budget');
  });

  it('refuses a memory-budget that is not an amount of memory', async () => {
    const workspace = exampleWorkspace('current.csv');
    const run = await check(workspace, { baseline: 'data/baseline.csv', current: 'data/current.csv', 'memory-budget': 'lots' });
    expect(expectCleanFailure(run, workspace).message).toMatch(/memory-budget must be an amount of memory such as 512M or 4G, not "lots"/);
  });
});

describe('no drift', () => {
  let run: ActionRun;
  beforeAll(async () => {
    run = await check(exampleWorkspace('current-stable.csv'), {
      baseline: 'data/baseline.csv',
      current: 'data/current.csv',
      'fail-on-drift': 'true',
    });
  });

  it('passes with drift-detected=false and raises no warning', () => {
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'drift-detected': 'false', status: 'no-drift', 'drifted-columns': '[]', 'drifted-count': '0' });
    expect(ofKind(run, 'warning')).toEqual([]);
    expect(ofKind(run, 'error')).toEqual([]);
    expect(run.summary).toMatch(/^## 🟢 No dataset drift/);
  });
});

describe('the gate', () => {
  it('sets drift-detected to exactly the strings "true" and "false", what `outputs.drift-detected == \'true\'` compares', async () => {
    const values: string[] = [];
    for (const current of ['current.csv', 'current-stable.csv']) {
      const run = await check(exampleWorkspace(current), { baseline: 'data/baseline.csv', current: 'data/current.csv' });
      values.push(run.outputs['drift-detected']);
    }
    expect(values).toStrictEqual(['true', 'false']);
  });

  it('fails the step on drift with fail-on-drift, with the verdict in the error, and still sets the outputs', async () => {
    const workspace = exampleWorkspace('current.csv');
    const run = await check(workspace, { baseline: 'data/baseline.csv', current: 'data/current.csv', 'fail-on-drift': 'true' });
    expect(run.exitCode).toBe(1);
    const errors = ofKind(run, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Drift detected: 6 of 9 columns drifted/);
    expect(errors[0].message).toContain('fail-on-drift');
    expect(run.outputs['drift-detected']).toBe('true');
    expect(existsSync(run.outputs.report)).toBe(true);
  });
});

describe('bad input: exit 1, one error annotation, no trace, no outputs, no reports', () => {
  const good = 'x,c\n' + Array.from({ length: 40 }, (_, index) => `${index},${index % 2 ? 'a' : 'b'}`).join('\n') + '\n';

  it('names the file and line of a ragged CSV row', async () => {
    const workspace = workspaceWith({ 'base.csv': good, 'data/ragged.csv': 'x,c\n1,a\n2,b,extra\n3,a\n' });
    const error = expectCleanFailure(await check(workspace, { baseline: 'base.csv', current: 'data/ragged.csv' }), workspace);
    expect(error.properties).toMatchObject({ file: 'data/ragged.csv', line: '3' });
    expect(error.message).toMatch(/^data\/ragged\.csv:3: /);
  });

  it('names a missing file', async () => {
    const workspace = workspaceWith({ 'base.csv': good });
    const error = expectCleanFailure(await check(workspace, { baseline: 'base.csv', current: 'data/missing.csv' }), workspace);
    expect(error.properties.file).toBe('data/missing.csv');
    expect(error.message).toContain('does not exist');
  });

  it('names the file, line and column of text in a declared numerical column', async () => {
    const workspace = workspaceWith({ 'base.csv': good, 'current.csv': good.replace('\n7,', '\nseven,') });
    const error = expectCleanFailure(
      await check(workspace, { baseline: 'base.csv', current: 'current.csv', 'numerical-columns': 'x' }),
      workspace,
    );
    expect(error.properties).toMatchObject({ file: 'current.csv', line: '9' });
    expect(error.message).toContain('"seven"');
  });

  it.each([
    ['an unknown method', { method: 'nope' }, /unknown method "nope"/],
    ['baseline and baseline-artifact both set', { 'baseline-artifact': 'baseline' }, /either "baseline".*or "baseline-artifact"/],
    ['a drift-share above 1', { 'drift-share': '1.5' }, /drift-share must be a number from 0 to 1, not "1\.5"/],
    ['a negative threshold', { threshold: '-0.1' }, /threshold must be a number >= 0/],
    [
      'a p-value threshold of 1 or more',
      { method: 'ks', threshold: '1.5' },
      /ks gives a p-value, so its threshold must be between 0 and 1/,
    ],
    ['a fail-on-drift that is not a boolean', { 'fail-on-drift': 'yes' }, /fail-on-drift/],
  ])('reports %s', async (_label, inputs, message) => {
    const workspace = workspaceWith({ 'base.csv': good, 'current.csv': good });
    const error = expectCleanFailure(await check(workspace, { baseline: 'base.csv', current: 'current.csv', ...inputs }), workspace);
    expect(error.message).toMatch(message);
    expect(error.properties.file).toBeUndefined();
  });
});

describe('path inputs stay inside the workspace', () => {
  const data = 'x\n' + Array.from({ length: 40 }, (_, index) => String(index)).join('\n') + '\n';
  let outside: string;
  beforeAll(() => {
    outside = join(scratch, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.csv'), data);
  });

  it.each([
    ['baseline', '../outside/secret.csv'],
    ['current', 'data/../../outside/secret.csv'],
    ['current', '../outside/*.csv'],
    ['baseline', 'ABSOLUTE'],
    ['current', 'data/**/../../outside/*.csv'],
    ['report-dir', '../reports'],
    ['report-dir', 'ABSOLUTE'],
  ])('refuses %s %s', async (input, value) => {
    const workspace = workspaceWith({ 'data.csv': data });
    const path = value === 'ABSOLUTE' ? (input === 'report-dir' ? outside : join(outside, 'secret.csv')) : value;
    const inputs = { baseline: 'data.csv', current: 'data.csv', [input]: path };
    const error = expectCleanFailure(await check(workspace, inputs), workspace);
    expect(error.message).toContain(`${input} ${JSON.stringify(path)}`);
    expect(error.message).toMatch(/is outside the workspace|may not contain ".."/);
    expect(readdirSync(outside)).toEqual(['secret.csv']);
  });

  it('accepts absolute paths inside the workspace and RUNNER_TEMP, and ../ that stays inside', async () => {
    const workspace = workspaceWith({ 'data/current.csv': data });
    const runnerTemp = join(scratch, 'runner-temp');
    mkdirSync(runnerTemp, { recursive: true });
    writeFileSync(join(runnerTemp, 'baseline.csv'), data);
    const run = await check(
      workspace,
      {
        baseline: join(runnerTemp, 'baseline.csv'),
        current: join(workspace, 'data', '..', 'data', 'current.csv'),
        'report-dir': 'data/../out',
      },
      { runnerTemp },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.report).toBe(join(workspace, 'out', 'drift-report.json'));
  });
});

describe('a wide table', () => {
  const COLUMNS = 3000;
  const DRIFTED = 1600;
  let run: ActionRun;
  beforeAll(async () => {
    // Long names in a script of three bytes a character make the full table pass GitHub's 1 MiB limit.
    const names = Array.from({ length: COLUMNS }, (_, index) => `特徴量${String(index).padStart(4, '0')}${'測定値'.repeat(30)}`);
    const rows = (shift: (column: number) => number) =>
      Array.from({ length: 40 }, (_, row) => names.map((_, column) => row + shift(column)).join(','));
    const csv = (shift: (column: number) => number) => [names.join(','), ...rows(shift)].join('\n') + '\n';
    const workspace = workspaceWith({ 'baseline.csv': csv(() => 0), 'current.csv': csv((column) => (column < DRIFTED ? 100 : 0)) });
    run = await check(workspace, { baseline: 'baseline.csv', current: 'current.csv' });
  }, 60_000);

  it('keeps the summary under 1 MiB, with a note on the rows left out', () => {
    expect(run.exitCode).toBe(0);
    expect(run.outputs['drifted-count']).toBe(String(DRIFTED));
    expect(Buffer.byteLength(run.summary)).toBeLessThan(SUMMARY_LIMIT);
    expect(run.summary).toContain('xychart-beta');
    expect(run.summary).toMatch(/_\d+ more columns not shown \(\d+ of them drifted\); the JSON report has all of them\._/);
  });

  it('gives nine column warnings and one that summarizes the rest', () => {
    const warnings = ofKind(run, 'warning');
    expect(warnings).toHaveLength(10);
    expect(warnings.slice(0, 9).every((warning) => /^Drift in column 特徴量\d{4}/.test(warning.properties.title))).toBe(true);
    expect(warnings[9].properties.title).toBe(`Drift in ${DRIFTED - 9} more columns`);
  });
});

describe('artifacts, with a loopback GitHub', () => {
  const OWNER = 'octo-org';
  const REPO = 'churn-model';
  let server: ActionsServer;
  const baselineCsv = () => readFileSync(join(EXAMPLES, 'baseline.csv'), 'utf8');
  const currentCsv = () => readFileSync(join(EXAMPLES, 'current.csv'), 'utf8');

  beforeAll(async () => {
    server = await startActionsServer({ owner: OWNER, repo: REPO, runId: 4242, workflow: 'drift.yml', githubToken: TOKEN });
  });
  afterAll(() => server.close());
  beforeEach(() => server.state.reset());

  const checkWithServer = (inputs: Record<string, string>, workspace = workspaceWith({ 'data/current.csv': { example: 'current.csv' } })) =>
    check(workspace, { current: 'data/current.csv', ...inputs }, { env: server.env });

  it('takes the baseline from an artifact of this run', async () => {
    server.state.addArtifact({ name: 'baseline', files: { 'baseline.csv': baselineCsv() } });
    const run = await checkWithServer({ 'baseline-artifact': 'baseline' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs['drifted-columns']).sort()).toEqual([...EXAMPLE_DRIFTED].sort());
  });

  it('takes the baseline from an artifact of another run, by id', async () => {
    server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'data/baseline.csv': baselineCsv() } });
    server.state.addArtifact({ name: 'baseline', files: { 'baseline.csv': currentCsv() } });
    const run = await checkWithServer({ 'baseline-artifact': 'baseline', 'baseline-run-id': '777' });
    // Reading another run goes through the REST API with the `${{ github.token }}` default.
    expect(run.env['INPUT_GITHUB-TOKEN']).toBe(TOKEN);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['drift-detected']).toBe('true');
    expectTokenNotPrinted(run);
  });

  it('takes the baseline from the newest successful run of a workflow on a branch', async () => {
    const seed = (id: number, branch: string, conclusion: 'success' | 'failure', csv: string) => {
      server.state.addRun({ id, workflow: 'train.yml', branch, conclusion });
      server.state.addArtifact({ name: 'baseline', runId: id, files: { 'baseline.csv': csv } });
    };
    // Only run 802 holds the real baseline; choosing any other run would compare current with itself.
    seed(801, 'main', 'success', currentCsv());
    seed(802, 'main', 'success', baselineCsv());
    seed(803, 'main', 'failure', currentCsv());
    seed(804, 'release', 'success', currentCsv());
    const run = await checkWithServer({
      'baseline-artifact': 'baseline',
      'baseline-run-id': 'latest',
      'baseline-workflow': 'train.yml',
      'baseline-branch': 'main',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['drift-detected']).toBe('true');
    expect(run.stdout).toContain('Newest successful run of train.yml on main: 802');
  });

  it('fails with what to do when the artifact expired', async () => {
    server.state.addArtifact({ name: 'baseline', runId: 777, files: { 'baseline.csv': baselineCsv() }, expired: true });
    const workspace = workspaceWith({ 'data/current.csv': { example: 'current.csv' } });
    const run = await checkWithServer({ 'baseline-artifact': 'baseline', 'baseline-run-id': '777' }, workspace);
    const error = expectCleanFailure(run, workspace);
    expect(error.message).toMatch(
      new RegExp(`^artifact "baseline" of workflow run 777 of ${OWNER}/${REPO} expired on .+; rerun the workflow that produces it`),
    );
  });

  it('names a bad file from an artifact in the message only: it has no place in the repository', async () => {
    server.state.addArtifact({ name: 'baseline', files: { 'ragged.csv': 'x,c\n1,a\n2,b,extra\n' } });
    const workspace = workspaceWith({ 'data/current.csv': { example: 'current.csv' } });
    const error = expectCleanFailure(await checkWithServer({ 'baseline-artifact': 'baseline' }, workspace), workspace);
    expect(error.properties).toEqual({ title: 'driftgate: bad input' });
    expect(error.message).toMatch(/^\/.*\/files\/ragged\.csv:3: expected 2 fields/);
  });

  it('uploads the four reports as an artifact', async () => {
    const workspace = exampleWorkspace('current.csv');
    const run = await check(
      workspace,
      { baseline: 'data/baseline.csv', current: 'data/current.csv', 'report-dir': 'out/drift', 'upload-report': 'drift-report' },
      { env: server.env },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const uploaded = server.state.artifacts.find((artifact) => artifact.name === 'drift-report');
    expect(uploaded?.finalized).toBe(true);
    const zipPath = join(scratch, `uploaded-${uploaded!.id}.zip`);
    writeFileSync(zipPath, uploaded!.zip!);
    const extracted = join(scratch, `uploaded-${uploaded!.id}`);
    await extractZip(zipPath, extracted);
    expect(tree(extracted)).toEqual(['drift-metrics.prom', 'drift-report.html', 'drift-report.json', 'drift-report.md']);
    for (const output of REPORT_OUTPUTS) {
      const path = run.outputs[output];
      expect(readFileSync(join(extracted, relative(join(workspace, 'out', 'drift'), path)), 'utf8')).toBe(readFileSync(path, 'utf8'));
    }
  });
});

describe('action.yml declares what the code reads and sets', () => {
  const source = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
  const action = readActionDefinition(REPO_ROOT);

  // That inputs.ts reads exactly the declared inputs: __tests__/action/check-inputs.test.ts, by the variables it reads.
  it('reads inputs nowhere but inputs.ts', () => {
    // The publish action is another action, with inputs of its own.
    const sources = readdirSync(join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (path) => path.endsWith('.ts') && !path.startsWith(`publish${sep}`),
    );
    const reading = sources.filter((path) => /core\.get\w*Input\(/.test(source(join('src', path))));
    expect(reading).toEqual([join('action', 'inputs.ts')]);
  });

  it('declares every output main.ts sets, and main.ts sets every declared output', () => {
    const calls = [...source('src/action/main.ts').matchAll(/core\.setOutput\(([^,)]*)/g)].map((match) => match[1].trim());
    expect(calls.every((argument) => /^'[^']*'$/.test(argument))).toBe(true);
    expect(calls.map((argument) => argument.slice(1, -1)).sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('runs the committed check bundle on node24', () => {
    const raw = parse(source('action.yml')) as { runs: { using: string; main: string } };
    expect(raw.runs).toEqual({ using: 'node24', main: 'dist/check/index.js' });
    expect(existsSync(join(REPO_ROOT, raw.runs.main))).toBe(true);
  });
});

describe('the runner helper', () => {
  it('reads both forms of the file commands', () => {
    const text = ['plain=a=b', 'multi<<EOF_1', 'line one', 'name=not a new output', 'EOF_1', 'empty=', ''].join('\n');
    expect(parseFileCommand(text, 'GITHUB_OUTPUT')).toEqual({ plain: 'a=b', multi: 'line one\nname=not a new output', empty: '' });
    expect(() => parseFileCommand('open<<END\nvalue\n', 'GITHUB_OUTPUT')).toThrow(/never closed/);
  });

  it('unescapes workflow command properties and messages', () => {
    const [command] = parseWorkflowCommands(
      'log line\n::warning file=a%2Cb%3Ac.csv,line=3,title=50%25 off::first%0Asecond: 3%25, %3A kept\n',
    );
    expect(command).toEqual({
      command: 'warning',
      properties: { file: 'a,b:c.csv', line: '3', title: '50% off' },
      message: 'first\nsecond: 3%, %3A kept',
    });
  });
});
