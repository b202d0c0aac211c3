/** A throwaway PostgreSQL cluster: the engine's profile of rows equals the file profiler's of the same rows. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { profileInEngine } from '../../../src/profile/sql/engine-profile.js';
import { connectPostgres, postgres } from '../../../src/profile/sql/postgres.js';
import { POSTGRES_BIN, startPostgres, type PostgresServer } from '../../../scripts/servers/postgres.js';
import { expectSameNumbers, profileFromPrintedSql, replaceShifts } from './printed-sql.js';
import { computedOnce, expectSameProfile, HOSTILE, ROWS, settings, writeRows } from './same-rows.js';

let server: PostgresServer;
const rows = writeRows();

beforeAll(async () => {
  server = await startPostgres();
  // The server reads the CSV itself: put it where its user can.
  const csv = join(server.dir, 'rows.csv');
  copyFileSync(rows.csv, csv);
  chmodSync(csv, 0o644);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(`CREATE TABLE t (${postgres.quote(HOSTILE)} double precision, level bigint, city text)`);
  await client.query(`COPY t FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
  await client.end();
}, 300_000);

afterAll(() => server?.stop());

const engineProfile = computedOnce(async () => {
  const connection = await connectPostgres(server.url);
  try {
    return await profileInEngine(connection, { table: 't' }, settings, 'postgres:t');
  } finally {
    await connection.close();
  }
});

describe('profile inside PostgreSQL', () => {
  it('matches the file profiler, and the hostile column name leaves the table standing', async () => {
    const connection = await connectPostgres(server.url);
    const [[count]] = await connection.rows('SELECT count(*) FROM t');
    await connection.close();
    expect(Number(count)).toBe(ROWS);
    await expectSameProfile(await engineProfile(), rows.csv, rows.wide);
  }, 600_000);

  it('gives the same numbers from the statements --print-sql postgres prints, psql filling the shifts', async () => {
    const fromEngine = await engineProfile();
    const connection = await connectPostgres(server.url);
    // psql as the header says: -v shift_K=… fills the placeholders (it would refuse a missing one).
    const psql = (file: string, shifts: ReadonlyMap<number, string>) =>
      execFileSync(
        `${POSTGRES_BIN}/psql`,
        [
          '-X',
          '-q',
          '-A',
          '-t',
          '-v',
          'ON_ERROR_STOP=1',
          ...[...shifts].flatMap(([position, shift]) => ['-v', `shift_${position}=${shift}`]),
          '-d',
          server.url,
          '-f',
          file,
        ],
        {
          encoding: 'utf8',
          // The order statistics of a million rows come back as one long line.
          maxBuffer: 256 * 1024 * 1024,
        },
      );
    const { profile, printed, statements, shifts, rowCounts } = await profileFromPrintedSql({
      dialect: 'postgres',
      source: ['--table', 't'],
      settings,
      rows: (statement) => connection.rows(statement),
      async rowsWithShifts(statement, filled) {
        const file = join(server.dir, 'spread.sql');
        writeFileSync(file, `${statement};\n`);
        return psql(file, filled)
          .trimEnd()
          .split('\n')
          .map((line) => line.split('|'));
      },
    });
    expectSameNumbers(profile, fromEngine);
    await expectSameProfile(profile, rows.csv, rows.wide);
    // The whole printed file runs in psql too, comments and all: as many rows as its statements give one by one.
    const file = join(server.dir, 'printed.sql');
    writeFileSync(file, printed);
    let expected = 0;
    for (const { sql } of statements) expected += rowCounts.get(sql) ?? (await connection.rows(replaceShifts(sql, shifts))).length;
    await connection.close();
    expect(psql(file, shifts).trimEnd().split('\n')).toHaveLength(expected);
  }, 600_000);

  it('reports a wrong database or failing query as an input error, the password blanked', async () => {
    const url = server.url.replace('driftgate@', 'driftgate:hunter2@').replace('/postgres', '/nosuchdb');
    const failure = await connectPostgres(url).catch((error: Error) => error);
    expect(failure).toMatchObject({ name: 'InputError' });
    expect((failure as Error).message).toMatch(/nosuchdb/);
    expect((failure as Error).message).not.toMatch(/hunter2/);
  });
});
