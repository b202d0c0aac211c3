/**
 * An engine named by the user, connected and asked for the profile of a table or query: what
 * `driftgate profile --engine` and the check action's engine inputs share.
 */
import type { Profile, ProfileSettings } from '../../core/profile.js';
import { connectClickHouse } from './clickhouse.js';
import { connectDuckDb } from './duckdb.js';
import { profileInEngine, type SqlConnection } from './engine-profile.js';
import { connectPostgres } from './postgres.js';
import type { SqlSource } from './statements.js';

export const SQL_ENGINES = ['postgres', 'clickhouse', 'duckdb'] as const;
export type SqlEngine = (typeof SQL_ENGINES)[number];

/** The connection is a URL for PostgreSQL and ClickHouse, a database file (or none) for DuckDB. */
function connect(engine: SqlEngine, connection: string | undefined): Promise<SqlConnection> {
  if (engine === 'duckdb') return connectDuckDb(connection);
  if (connection === undefined) throw new Error(`--engine ${engine} was given no connection`);
  return engine === 'postgres' ? connectPostgres(connection) : connectClickHouse(connection);
}

export async function profileFromEngine(
  engine: SqlEngine,
  connection: string | undefined,
  source: SqlSource,
  settings: ProfileSettings,
): Promise<Profile> {
  const live = await connect(engine, connection);
  try {
    return await profileInEngine(live, source, settings, 'table' in source ? `${engine}:${source.table}` : `${engine} query`);
  } finally {
    await live.close();
  }
}
