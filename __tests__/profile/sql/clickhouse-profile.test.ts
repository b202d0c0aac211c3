/** A two-shard ClickHouse 18.16 cluster: the profile of a Distributed table equals the file profiler's. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { clickhouse, connectClickHouse } from '../../../src/profile/sql/clickhouse.js';
import { profileInEngine } from '../../../src/profile/sql/engine-profile.js';
import { CLICKHOUSE_PASSWORD, startClickHouseCluster, type ClickHouseCluster } from '../../helpers/clickhouse-cluster.js';
import { expectSameProfile, HOSTILE, settings, writeRows } from './same-rows.js';

let cluster: ClickHouseCluster;
const rows = writeRows();

beforeAll(async () => {
  cluster = await startClickHouseCluster();
  const columns = `${clickhouse.quote(HOSTILE)} Nullable(Float64), level Int64, city Nullable(String), row UInt32`;
  for (const port of cluster.httpPorts) await cluster.query(port, `CREATE TABLE t_local (${columns}) ENGINE = MergeTree ORDER BY row`);
  await cluster.query(cluster.httpPorts[0], `CREATE TABLE t AS t_local ENGINE = Distributed(two_shards, default, t_local, row)`);
  // The data lines hold no quotes (only the header does): empty cells become \N.
  const lines = readFileSync(rows.csv, 'utf8').trimEnd().split('\n').slice(HOSTILE.split('\n').length);
  const tsv = lines.map((line, row) => [...line.split(',').map((cell) => (cell === '' ? '\\N' : cell)), row].join('\t')).join('\n');
  await cluster.query(cluster.httpPorts[0], 'INSERT INTO t FORMAT TabSeparated', `${tsv}\n`);
}, 300_000);

afterAll(() => cluster?.stop());

describe('profile inside a two-shard ClickHouse cluster', () => {
  it('matches the file profiler on the Distributed table, both shards holding rows', async () => {
    const shardRows = await Promise.all(cluster.httpPorts.map(async (port) => Number(await cluster.query(port, 'SELECT count() FROM t_local'))));
    expect(shardRows.every((count) => count > 0)).toBe(true);
    const connection = await connectClickHouse(`http://default:${CLICKHOUSE_PASSWORD}@127.0.0.1:${cluster.httpPorts[0]}/default`);
    const fromEngine = await profileInEngine(connection, { query: `SELECT ${clickhouse.quote(HOSTILE)}, level, city FROM t` }, settings, 'clickhouse:t');
    await connection.close();
    await expectSameProfile(fromEngine, rows.csv, rows.wide);
  }, 120_000);

  it('reports a wrong password as an input error without echoing it', async () => {
    const connection = await connectClickHouse(`http://default:wrong-pw@127.0.0.1:${cluster.httpPorts[0]}/default`);
    const failure = await connection.rows('SELECT 1').catch((error: Error) => error);
    await connection.close();
    expect(failure).toMatchObject({ name: 'InputError' });
    expect((failure as Error).message).toMatch(/password/i);
    expect((failure as Error).message).not.toMatch(/wrong-pw/);
  });
});
