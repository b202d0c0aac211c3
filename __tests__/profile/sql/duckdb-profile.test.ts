/** DuckDB in process: the engine's profile of rows equals the file profiler's of the same rows as CSV. */
import { describe, it } from '@jest/globals';
import { connectDuckDb } from '../../../src/profile/sql/duckdb.js';
import { profileInEngine } from '../../../src/profile/sql/engine-profile.js';
import { expectSameProfile, HOSTILE, settings, writeRows } from './same-rows.js';

describe('profile inside DuckDB', () => {
  it('matches the file profiler: counts exact, moments to 1e-12, summaries within their bound', async () => {
    const { csv, wide } = writeRows();
    const connection = await connectDuckDb(undefined);
    const query = `SELECT * FROM read_csv('${csv}', header = true, columns = {'${HOSTILE.replaceAll("'", "''")}': 'DOUBLE', 'level': 'BIGINT', 'city': 'VARCHAR'})`;
    const fromEngine = await profileInEngine(connection, { query }, settings, 'duckdb query');
    await connection.close();
    await expectSameProfile(fromEngine, csv, wide);
  });
});
