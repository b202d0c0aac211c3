/**
 * `driftgate profile --engine` on bad input, as people run it (the committed bundle): a server that is not
 * there, a wrong password, a failing query and a column a profile cannot hold each exit 2 with the engine's
 * own message on stderr, the password nowhere, and no output file written; usage mistakes exit 2 too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CLICKHOUSE_PASSWORD, startClickHouseCluster, type ClickHouseCluster } from '../../../scripts/servers/clickhouse.js';
import { freePort } from '../../../scripts/servers/ports.js';
import { startPostgres, type PostgresServer } from '../../../scripts/servers/postgres.js';
import { runCli } from '../../helpers/processes.js';

const PASSWORD = 'Qu1et:Pass/word';
let postgresServer: PostgresServer;
let postgresUrl: string;
let cluster: ClickHouseCluster;
let clickhouseUrl: string;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'driftgate-engine-bad-'));
  [postgresServer, cluster] = await Promise.all([startPostgres(), startClickHouseCluster()]);
  const client = new pg.Client({ connectionString: postgresServer.url });
  await client.connect();
  await client.query(`CREATE TABLE t (x double precision, tags int[], doc jsonb)`);
  await client.query(`INSERT INTO t VALUES (1.5, '{1,2}', '{"a": 1}'), (2.5, '{3}', '{"b": 2}')`);
  await client.query('GRANT SELECT ON t TO PUBLIC');
  await client.end();
  postgresUrl = await postgresServer.addPasswordRole('reader', PASSWORD);
  await cluster.query(cluster.httpPorts[0], 'CREATE TABLE arr (id UInt32, tags Array(Int32)) ENGINE = Memory');
  await cluster.query(cluster.httpPorts[0], 'INSERT INTO arr VALUES (1, [1, 2]), (2, [3])');
  clickhouseUrl = `http://default:${encodeURIComponent(CLICKHOUSE_PASSWORD)}@127.0.0.1:${cluster.httpPorts[0]}/default`;
}, 300_000);

afterAll(() => {
  postgresServer?.stop();
  cluster?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

let runs = 0;
/** Runs `driftgate profile --engine ... -o FILE` in a fresh directory; exit 2, the message, and the directory left empty. */
async function refused(args: readonly string[], secrets: readonly string[] = []): Promise<string> {
  const dir = join(scratch, `run-${++runs}`);
  const output = join(dir, 'profile.json.gz');
  const run = await runCli(['profile', ...args, '-o', output]);
  expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
  expect(run.stderr).toMatch(/^driftgate: .+\n$/);
  expect(existsSync(output)).toBe(false);
  expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  for (const secret of secrets) expect(run.stderr).not.toContain(secret);
  return run.stderr;
}

describe('driftgate profile --engine postgres on bad input', () => {
  it('a server that is not there', async () => {
    const url = `postgres://reader:${encodeURIComponent(PASSWORD)}@127.0.0.1:${await freePort()}/postgres`;
    expect(await refused(['--engine', 'postgres', '--connection', url, '--table', 't'], [PASSWORD, encodeURIComponent(PASSWORD)])).toMatch(
      /^driftgate: postgres: connect ECONNREFUSED 127\.0\.0\.1:\d+\n$/,
    );
  });

  it('a wrong password', async () => {
    const wrong = 'Not/the:Password';
    const url = postgresUrl.replace(encodeURIComponent(PASSWORD), encodeURIComponent(wrong));
    expect(await refused(['--engine', 'postgres', '--connection', url, '--table', 't'], [wrong, encodeURIComponent(wrong)])).toBe(
      'driftgate: postgres: password authentication failed for user "reader"\n',
    );
  });

  it('a failing query, and one that quotes the password back', async () => {
    expect(await refused(['--engine', 'postgres', '--connection', postgresUrl, '--query', 'SELECT nosuch FROM t'])).toBe(
      'driftgate: postgres: column "nosuch" does not exist\n',
    );
    expect(
      await refused(['--engine', 'postgres', '--connection', postgresUrl, '--query', `SELECT '${PASSWORD}'::int AS x`], [PASSWORD]),
    ).toBe('driftgate: postgres: invalid input syntax for type integer: "***"\n');
  });

  it('an int[] column and a jsonb column', async () => {
    expect(await refused(['--engine', 'postgres', '--connection', postgresUrl, '--query', 'SELECT x, tags FROM t'])).toMatch(
      /^driftgate: column "tags" is of type integer\[\], which a profile cannot hold/,
    );
    expect(await refused(['--engine', 'postgres', '--connection', postgresUrl, '--query', 'SELECT x, doc FROM t'])).toMatch(
      /^driftgate: column "doc" is of type jsonb, which a profile cannot hold/,
    );
  });
});

describe('driftgate profile --engine clickhouse on bad input', () => {
  it('a server that is not there', async () => {
    const url = `http://default:${encodeURIComponent(CLICKHOUSE_PASSWORD)}@127.0.0.1:${await freePort()}/default`;
    expect(await refused(['--engine', 'clickhouse', '--connection', url, '--table', 'arr'], [CLICKHOUSE_PASSWORD])).toMatch(
      /^driftgate: clickhouse: connect ECONNREFUSED 127\.0\.0\.1:\d+\n$/,
    );
  });

  it('a wrong password', async () => {
    const wrong = 'Not/the:Password';
    const url = clickhouseUrl.replace(encodeURIComponent(CLICKHOUSE_PASSWORD), encodeURIComponent(wrong));
    expect(await refused(['--engine', 'clickhouse', '--connection', url, '--table', 'arr'], [wrong, encodeURIComponent(wrong)])).toMatch(
      /^driftgate: clickhouse: .*Wrong password for user default/,
    );
  });

  it('a failing query', async () => {
    expect(await refused(['--engine', 'clickhouse', '--connection', clickhouseUrl, '--query', 'SELECT nosuch FROM arr'])).toMatch(
      /^driftgate: clickhouse: .*nosuch/,
    );
  });

  it('an Array(Int32) column', async () => {
    expect(await refused(['--engine', 'clickhouse', '--connection', clickhouseUrl, '--table', 'arr'])).toMatch(
      /^driftgate: column "tags" is of type Array\(Int32\), which a profile cannot hold/,
    );
  });
});

describe('driftgate profile --engine duckdb on bad input', () => {
  it('a failing query', async () => {
    expect(await refused(['--engine', 'duckdb', '--query', 'SELECT nosuch'])).toMatch(
      /^driftgate: duckdb: Binder Error: Referenced column "nosuch" was not found/,
    );
  });

  it('a LIST column', async () => {
    expect(await refused(['--engine', 'duckdb', '--query', 'SELECT 1 AS id, [1, 2] AS tags'])).toMatch(
      /^driftgate: column "tags" is of type INTEGER\[\], which a profile cannot hold/,
    );
  });
});

describe('driftgate profile --engine usage errors', () => {
  it.each([
    [
      ['--engine', 'postgres', '--table', 't'],
      '--engine postgres needs --connection URL (or the DRIFTGATE_CONNECTION environment variable)',
    ],
    [
      ['--engine', 'postgres', '--connection', 'postgres://127.0.0.1/db', '--table', 't', '--query', 'SELECT 1'],
      '--engine takes either --table NAME or --query SQL',
    ],
    [['--engine', 'postgres', '--connection', 'postgres://127.0.0.1/db'], '--engine takes either --table NAME or --query SQL'],
    [
      ['--engine', 'mysql', '--connection', 'mysql://127.0.0.1/db', '--table', 't'],
      '--engine "mysql" is not one of postgres, clickhouse, duckdb',
    ],
  ])('%j', async (args, message) => {
    expect(await refused(args)).toBe(`driftgate: ${message}\n`);
  });
});
