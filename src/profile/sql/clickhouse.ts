/**
 * ClickHouse over its HTTP interface through `@clickhouse/client`, which works against 18.16 (Debian's).
 * `--connection` is http(s)://user:password@host:8123/database (clickhouse:// is taken for http://).
 *
 * Only aggregates whose states cross shards intact in 18.16 are used: on a Distributed table that version's
 * sumKahan and varPopStable states desynchronise the protocol (the initiator crashes), so the spreads are
 * plain sums about a shift (statements.ts), which need neither.
 */
import { InputError } from '../../core/errors.js';
import type { SqlDialect } from './dialect.js';
import { inEngine, type SqlConnection } from './engine-profile.js';
import { secretsOf } from './postgres.js';
import { fromClause, type SqlColumn, type SqlSource } from './statements.js';

/** Backquoted, with ClickHouse's backslash escapes, so no character of the name can end it. */
function quoteClickHouse(identifier: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '`': '\\`', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };
  return `\`${identifier.replace(/[\\`\n\r\t\0]/g, (character) => escapes[character])}\``;
}

export const clickhouse: SqlDialect = {
  name: 'clickhouse',
  quote: quoteClickHouse,
  asDouble: (expression) => `toFloat64(${expression})`,
  finite: (expression) => `isFinite(${expression})`,
  percentiles: (expression, levels) => `quantilesExact(${levels.join(', ')})(${expression})`,
  // Strings compare bytewise: UTF-8 bytes are code point order.
  byCodePoint: (expression) => expression,
  // 18.16 has no window functions: the values sorted in one array, filtered by position. Its lambdas
  // capture no columns ("Unknown identifier"), so the step and n ride along as arrays of themselves.
  orderStatistics: (expression, rows, spacing) =>
    `SELECT arrayJoin(arrayFilter((v, p, s, m) -> (p - 1) % s = 0 OR p = m, sorted, arrayEnumerate(sorted), ` +
    `arrayResize(emptyArrayUInt64(), n, step), arrayResize(emptyArrayUInt64(), n, n))) ` +
    `FROM (SELECT sorted, length(sorted) AS n, toUInt64(floor(${spacing} * toFloat64(n))) + 1 AS step FROM (SELECT arraySort(groupArray(${expression})) AS sorted ${rows}))`,
  asText: (expression) => `toString(${expression})`,
};

const NUMERIC_TYPE = /^(U?Int(8|16|32|64)|Float(32|64)|Decimal(32|64|128)?\(.*\))$/;
const TEXT_TYPE = /^(FixedString\(\d+\)|Enum(8|16)\(.*\)|Date|DateTime(\(.*\))?|UUID)$/s;

/** The type without the wrappers that do not change what its values are. */
function bareType(type: string): string {
  const wrapped = /^(Nullable|LowCardinality)\((.*)\)$/s.exec(type);
  return wrapped ? bareType(wrapped[2]) : type;
}

export async function connectClickHouse(url: string): Promise<SqlConnection> {
  const secrets = secretsOf(url);
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^clickhouse:/, 'http:'));
  } catch {
    throw new InputError('--connection is not a URL; ClickHouse takes http://user:password@host:8123/database');
  }
  // Loaded here, not at the top: most runs never connect to an engine, and every start would parse the client.
  const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client');
  const client = createClient({
    url: `${parsed.protocol}//${parsed.host}`,
    username: decodeURIComponent(parsed.username) || 'default',
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.replace(/^\//, '') || 'default',
    log: { level: ClickHouseLogLevel.OFF },
    // The profile's scans of a large table take minutes (10M rows over two shards: see docs/benchmark.md);
    // the client's 30 s default is meant for interactive queries and would end them.
    request_timeout: 3_600_000,
  });
  const run = (statement: string) =>
    inEngine('clickhouse', secrets, async () => {
      const result = await client.query({ query: statement, format: 'JSONCompact' });
      return (await result.json()) as { meta: Array<{ name: string; type: string }>; data: unknown[][] };
    });
  return {
    dialect: clickhouse,
    async columns(source: SqlSource): Promise<SqlColumn[]> {
      const { meta } = await run(`SELECT * ${fromClause(clickhouse, source)} LIMIT 0`);
      return meta.map(({ name, type }): SqlColumn => {
        const bare = bareType(type);
        if (NUMERIC_TYPE.test(bare)) return { name, storage: 'numeric' };
        if (bare === 'String') return { name, storage: 'text' };
        if (TEXT_TYPE.test(bare)) return { name, storage: 'text', castToText: true };
        throw new InputError(
          `column ${JSON.stringify(name)} is of type ${type}, which a profile cannot hold (numbers or text only); leave it out with --query`,
        );
      });
    },
    async rows(statement: string): Promise<unknown[][]> {
      return (await run(statement)).data;
    },
    async close(): Promise<void> {
      await client.close();
    },
  };
}
