/**
 * The check action's engine inputs against a throwaway PostgreSQL cluster, in process as the runner would
 * start the action (inputs as INPUT_* variables): the baseline is profiled inside the engine and checked,
 * and the connection's password is masked before anything connects and absent from every message, also
 * when the engine quotes it. Then the committed bundle, through action.yml, with every output searched.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { parse } from 'yaml';
import { runCheck } from '../../src/check.js';
import { profileEngineSides } from '../../src/action/engine-sides.js';
import { getInputs } from '../../src/action/inputs.js';
import { redactSecrets } from '../../src/github/secrets.js';
import { InputError } from '../../src/core/errors.js';
import { freePort } from '../../scripts/servers/ports.js';
import { startPostgres, type PostgresServer } from '../../scripts/servers/postgres.js';
import { ACTION_ROOT } from '../helpers/processes.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runAction, type ActionRun } from '../helpers/runner.js';
import { treeOf } from '../helpers/files.js';
import { captureStdout } from '../helpers/stdout.js';

/** Characters a URL must percent-encode, so the decoded and the written forms differ. */
const PASSWORD = 'Wh1te/Rabbit@42%';
const ROWS = 600;
const savedEnv = { ...process.env };
const declared = (parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;

let server: PostgresServer;
let url: string;
let workspace: string;
let printed: string[];

/** Baseline rows in the table, and a current file whose rows moved: x shifted, the cities' mix changed. */
const baselineRow = (i: number) => [i / 4, i % 7, ['north', 'south', 'east'][i % 3]] as const;
const currentRow = (i: number) => [i / 4 + 40, i % 7, ['north', 'south', 'east'][i % 5 === 0 ? 0 : 1]] as const;
const csvOf = (row: (i: number) => readonly [number, number, string]) =>
  ['x,level,city', ...Array.from({ length: ROWS }, (_, i) => row(i).join(','))].join('\n') + '\n';

beforeAll(async () => {
  server = await startPostgres();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(
    "CREATE TABLE t AS SELECT i / 4.0::float8 AS x, (i % 7)::bigint AS level, (ARRAY['north', 'south', 'east'])[i % 3 + 1] AS city FROM generate_series(0, $1::int - 1) AS i",
    [ROWS],
  );
  await client.query('GRANT SELECT ON t TO PUBLIC');
  await client.end();
  url = await server.addPasswordRole('reader', PASSWORD);
  workspace = mkdtempSync(join(tmpdir(), 'driftgate-engine-action-'));
  mkdirSync(join(workspace, '_temp'));
  writeFileSync(join(workspace, 'baseline.csv'), csvOf(baselineRow));
  writeFileSync(join(workspace, 'current.csv'), csvOf(currentRow));
}, 300_000);

afterAll(() => {
  server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

beforeEach(() => {
  process.env = { ...savedEnv, GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(workspace, '_temp') };
  printed = captureStdout();
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = savedEnv;
});

/** The runner's view: every declared input present with its action.yml default, the given ones overriding. */
function setInputs(given: Record<string, string>): void {
  const defaults = Object.fromEntries(Object.entries(declared).map(([name, input]) => [name, input.default ?? '']));
  for (const [name, value] of Object.entries({ ...defaults, ...given })) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

/** What the step printed, but for the commands that tell the runner what to mask. */
const unmasked = () =>
  printed
    .join('')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');

/** The command that masks `value` (its `%` escaped, which the runner undoes). */
const maskCommand = (value: string) => `::add-mask::${value.replaceAll('%', '%25')}\n`;

function expectMasked(connection: string, password: string): void {
  expect(printed).toEqual(expect.arrayContaining([connection, password, encodeURIComponent(password)].map(maskCommand)));
}

async function failureOf(inputs: Record<string, string>): Promise<InputError> {
  setInputs(inputs);
  const settings = getInputs();
  const failure = await profileEngineSides(settings.engine!, settings.check).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect({ failure }).toEqual({ failure: expect.any(InputError) });
  return failure as InputError;
}

describe('the check action with engine inputs', () => {
  it('masks the connection before connecting, profiles the baseline table in PostgreSQL, and checks it like the same rows from a file', async () => {
    setInputs({ engine: 'postgres', connection: url, 'baseline-table': 't', current: 'current.csv' });
    const settings = getInputs();
    // Nothing has connected yet: getInputs only reads the environment.
    expectMasked(url, PASSWORD);
    expect(settings.engine).toEqual({ engine: 'postgres', connection: url, sides: { baseline: { table: 't' } } });

    const check = await profileEngineSides(settings.engine!, settings.check);
    expect(check.baseline).toEqual([expect.stringMatching(/_temp\/driftgate-engine-\w+\/baseline\.profile\.json\.gz$/)]);
    const fromEngine = await runCheck(check);
    const fromFile = await runCheck({ ...settings.check, baseline: ['baseline.csv'] });

    expect(fromEngine.baseline).toMatchObject({ rows: ROWS, profiled: 'file' });
    expect([...fromEngine.dataset.drifted_columns].sort()).toEqual(['city', 'x']);
    expect(fromEngine.dataset).toEqual(fromFile.dataset);
    for (const [index, column] of fromEngine.columns.entries()) {
      const file = fromFile.columns[index];
      expect([column.name, column.method, column.drift_detected]).toEqual([file.name, file.method, file.drift_detected]);
      expect(Math.abs(column.score! - file.score!)).toBeLessThanOrEqual(1e-12 * Math.abs(file.score!));
    }
    expect(unmasked()).toMatch(/Profiled in \d+ ms: 600 rows × 3 columns/);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), url]) expect(unmasked()).not.toContain(secret);
  }, 120_000);

  it('refuses a wrong password with the engine message, the password masked and absent', async () => {
    const wrong = 'N0t-the/Password!';
    const connection = url.replace(encodeURIComponent(PASSWORD), encodeURIComponent(wrong));
    const failure = await failureOf({ engine: 'postgres', connection, 'baseline-table': 't', current: 'current.csv' });
    expectMasked(connection, wrong);
    expect(failure.message).toMatch(/^postgres: password authentication failed for user "reader"/);
    for (const secret of [wrong, encodeURIComponent(wrong)]) expect(redactSecrets(failure.describe()) + unmasked()).not.toContain(secret);
  }, 60_000);

  it('blanks the password where the engine quotes it back in an error', async () => {
    // PostgreSQL quotes the text it could not read as a number: here, the password.
    const failure = await failureOf({
      engine: 'postgres',
      connection: url,
      'baseline-query': `SELECT '${PASSWORD}'::int AS x`,
      current: 'current.csv',
    });
    expect(failure.message).toBe('postgres: invalid input syntax for type integer: "***"');
    expect(unmasked()).not.toContain(PASSWORD);
  }, 60_000);

  it('refuses a server that is not there, naming the refusal and not the password', async () => {
    const closed = `postgres://reader:${encodeURIComponent(PASSWORD)}@127.0.0.1:${await freePort()}/postgres`;
    const failure = await failureOf({ engine: 'postgres', connection: closed, 'baseline-table': 't', current: 'current.csv' });
    expect(failure.message).toMatch(/^postgres: connect ECONNREFUSED 127\.0\.0\.1:\d+/);
    expect(failure.message).not.toContain(PASSWORD);
  }, 60_000);
});

describe('the engine inputs, refused before anything connects', () => {
  it.each([
    [
      { engine: 'postgres', 'baseline-table': 't', current: 'c.csv' },
      'engine postgres needs the connection input, its URL (pass it from a secret)',
    ],
    [
      { engine: 'mysql', connection: 'mysql://h/db', 'baseline-table': 't', current: 'c.csv' },
      'engine must be postgres, clickhouse or duckdb, not "mysql"',
    ],
    [
      { engine: 'postgres', connection: 'postgres://h/db', current: 'c.csv', baseline: 'b.csv' },
      'engine postgres needs baseline-table or baseline-query',
    ],
    [{ 'baseline-table': 't', current: 'c.csv' }, 'connection and the *-table / *-query inputs need the engine input'],
    [
      { engine: 'postgres', connection: 'postgres://h/db', 'baseline-table': 't', 'baseline-query': 'SELECT 1', current: 'c.csv' },
      'set either baseline-table or baseline-query, not both',
    ],
    [
      { engine: 'postgres', connection: 'postgres://h/db', 'baseline-table': 't', baseline: 'b.csv', current: 'c.csv' },
      'set either baseline-table / baseline-query (profiled in the engine) or "baseline", not both',
    ],
    [
      { engine: 'postgres', connection: 'postgres://h/db', 'baseline-query': 'SELECT 1', 'baseline-artifact': 'base', current: 'c.csv' },
      'or "baseline-artifact", not both',
    ],
    [
      { engine: 'postgres', connection: 'postgres://h/db', 'current-table': 't', baseline: 'b.csv', current: 'c.csv' },
      'set either "current" (a path in the workspace) or current-table / current-query',
    ],
    [{ engine: 'postgres', connection: 'postgres://h/db', 'baseline-table': 't' }, 'input "current" is required'],
  ])('%j: %s', (inputs, message) => {
    setInputs(inputs);
    expect(() => getInputs()).toThrow(message);
  });

  it('takes both sides from the engine, and DuckDB without a connection', () => {
    setInputs({ engine: 'duckdb', 'baseline-query': "SELECT * FROM 'b.parquet'", 'current-table': 'fresh' });
    expect(getInputs().engine).toEqual({
      engine: 'duckdb',
      connection: undefined,
      sides: { baseline: { query: "SELECT * FROM 'b.parquet'" }, current: { table: 'fresh' } },
    });
  });
});

describe('the bundled check action with engine inputs', () => {
  /** Runs the bundle; everything it left (but the masking commands), files gunzipped, as one text. */
  async function runBundle(inputs: Record<string, string>): Promise<{ run: ActionRun; everything: string; reportFiles: string[] }> {
    const step = mkdtempSync(join(workspace, 'step-'));
    const [checkout, runnerTemp] = [join(step, 'checkout'), join(step, 'temp')];
    mkdirSync(checkout);
    mkdirSync(runnerTemp);
    writeFileSync(join(checkout, 'current.csv'), csvOf(currentRow));
    const run = await runAction({ actionDir: ACTION_ROOT, workspace: checkout, runnerTemp, with: { ...inputs, 'report-dir': 'report' } });
    const files = [checkout, runnerTemp].flatMap((dir) => treeOf(dir).map((file) => join(dir, file)));
    const contents = files.map((file) => (file.endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file)).toString('utf8'));
    const stdout = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    const everything = [...stdout, run.stderr, JSON.stringify(run.outputs), run.summary, ...contents].join('\n');
    return { run, everything, reportFiles: treeOf(checkout).filter((file) => file.startsWith('report')) };
  }
  const secrets = () => [PASSWORD, encodeURIComponent(PASSWORD), url, Buffer.from(`reader:${PASSWORD}`).toString('base64')];

  it('checks a baseline profiled in PostgreSQL, the connection nowhere in its log, outputs, summary or reports', async () => {
    const { run, everything, reportFiles } = await runBundle({
      engine: 'postgres',
      connection: url,
      'baseline-table': 't',
      current: 'current.csv',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'drift-detected': 'true', 'drifted-count': '2', 'tested-count': '3' });
    expect(run.commands.filter((command) => command.command === 'add-mask').map((command) => command.message)).toEqual(
      expect.arrayContaining([url, PASSWORD]),
    );
    expect(reportFiles.sort()).toEqual([
      'report/drift-metrics.prom',
      'report/drift-report.html',
      'report/drift-report.json',
      'report/drift-report.md',
    ]);
    expect(JSON.parse(readFileSync(run.outputs.report, 'utf8')).baseline).toMatchObject({ rows: ROWS, profiled: 'file' });
    expect(everything).toMatch(/Profiled in \d+ ms: 600 rows × 3 columns[^]*"schema_version"/);
    for (const secret of secrets()) expect(everything).not.toContain(secret);
  }, 120_000);

  it('fails the step on an engine error that quotes the password, with the message blanked and no report', async () => {
    const { run, everything, reportFiles } = await runBundle({
      engine: 'postgres',
      connection: url,
      'baseline-query': `SELECT '${PASSWORD}'::int AS x`,
      current: 'current.csv',
    });
    expect(run.exitCode).toBe(1);
    const errors = run.commands.filter((command) => command.command === 'error');
    expect(errors.map((command) => [command.properties.title, command.message])).toEqual([
      ['driftgate: bad input', 'postgres: invalid input syntax for type integer: "***"'],
    ]);
    expect(reportFiles).toEqual([]);
    for (const secret of secrets()) expect(everything).not.toContain(secret);
  }, 120_000);
});
