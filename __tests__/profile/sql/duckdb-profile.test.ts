/** DuckDB in process: the engine's profile of rows equals the file profiler's of the same rows as CSV. */
import { describe, it } from '@jest/globals';
import { connectDuckDb } from '../../../src/profile/sql/duckdb.js';
import { profileInEngine } from '../../../src/profile/sql/engine-profile.js';
import { expectSameNumbers, profileFromPrintedSql } from './printed-sql.js';
import { computedOnce, expectSameProfile, HOSTILE, settings, writeRows } from './same-rows.js';

const readRows = (csv: string) =>
  `SELECT * FROM read_csv('${csv}', header = true, columns = {'${HOSTILE.replaceAll("'", "''")}': 'DOUBLE', 'level': 'BIGINT', 'city': 'VARCHAR'})`;

describe('profile inside DuckDB', () => {
  const { csv, wide } = writeRows();
  const engineProfile = computedOnce(async () => {
    const connection = await connectDuckDb(undefined);
    try {
      return await profileInEngine(connection, { query: readRows(csv) }, settings, 'duckdb query');
    } finally {
      await connection.close();
    }
  });

  it('matches the file profiler: counts exact, moments to 1e-12, summaries within their bound', async () => {
    await expectSameProfile(await engineProfile(), csv, wide);
  }, 600_000);

  it('gives the same numbers from the statements --print-sql duckdb prints, the shifts replaced as its header says', async () => {
    const fromEngine = await engineProfile();
    const connection = await connectDuckDb(undefined);
    const { profile } = await profileFromPrintedSql({
      dialect: 'duckdb',
      source: ['--query', readRows(csv)],
      settings,
      rows: (statement) => connection.rows(statement),
    });
    await connection.close();
    expectSameNumbers(profile, fromEngine);
    await expectSameProfile(profile, csv, wide);
  }, 600_000);
});
