/**
 * PostgreSQL through `pg`. `--connection` is a libpq URL (postgres://user:password@host:port/database).
 * Column types come from the source's own result description and pg_type: numbers (integers, floats,
 * numeric) are numerical; text types, booleans, dates and times, enums and UUIDs are text; anything else
 * (arrays, JSON, composites) is refused.
 */
import { InputError } from '../../core/errors.js';
import { quoteStandard, type SqlDialect } from './dialect.js';
import { inEngine, type SqlConnection } from './engine-profile.js';
import { fromClause, type SqlColumn, type SqlSource } from './statements.js';

export const postgres: SqlDialect = {
  name: 'postgres',
  quote: quoteStandard,
  asDouble: (expression) => `CAST(${expression} AS double precision)`,
  // NaN sorts above every number in PostgreSQL, so it fails the upper bound; NULL fails both.
  finite: (expression) => `(${expression} > '-Infinity'::float8 AND ${expression} < 'Infinity'::float8)`,
  percentiles: (expression, levels) => `percentile_disc(ARRAY[${levels.join(', ')}]::float8[]) WITHIN GROUP (ORDER BY ${expression})`,
  byCodePoint: (expression) => `${expression} COLLATE "C"`,
  asText: (expression) => `CAST(${expression} AS text)`,
};

/** int2, int4, int8, float4, float8, numeric. */
const NUMERIC_TYPES = new Set([21, 23, 20, 700, 701, 1700]);
/** pg_type.typcategory of types whose text form is a category: string, boolean, date/time, enum, timespan. */
const TEXT_CATEGORIES = new Set(['S', 'B', 'D', 'E', 'T']);
const UUID_TYPE = 2950;

export async function connectPostgres(url: string): Promise<SqlConnection> {
  const secrets = secretsOf(url);
  // Loaded here, not at the top: most runs never connect to an engine, and every start would parse the driver.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  // An error after connecting (the server going away) must not crash the process; queries report it.
  client.on('error', () => undefined);
  await inEngine('postgres', secrets, () => client.connect());
  const run = (statement: string, values?: unknown[]) =>
    inEngine('postgres', secrets, () => client.query({ text: statement, values, rowMode: 'array' }));
  return {
    dialect: postgres,
    async columns(source: SqlSource): Promise<SqlColumn[]> {
      const { fields } = await run(`SELECT * ${fromClause(postgres, source)} LIMIT 0`);
      const types = await run('SELECT oid::int, format_type(oid, NULL), typcategory FROM pg_type WHERE oid = ANY($1::oid[])', [
        fields.map((field) => field.dataTypeID),
      ]);
      const byOid = new Map(
        types.rows.map(([oid, name, category]) => [oid as number, { name: name as string, category: category as string }]),
      );
      return fields.map((field): SqlColumn => {
        const type = byOid.get(field.dataTypeID);
        if (NUMERIC_TYPES.has(field.dataTypeID)) return { name: field.name, storage: 'numeric' };
        if (type && (TEXT_CATEGORIES.has(type.category) || field.dataTypeID === UUID_TYPE)) {
          return { name: field.name, storage: 'text', castToText: true };
        }
        throw new InputError(
          `column ${JSON.stringify(field.name)} is of type ${type?.name ?? field.dataTypeID}, which a profile cannot hold (numbers or text only); leave it out with --query`,
        );
      });
    },
    async rows(statement: string): Promise<unknown[][]> {
      return (await run(statement)).rows as unknown[][];
    },
    async close(): Promise<void> {
      await client.end();
    },
  };
}

/**
 * What of a connection URL is blanked from any message: the URL, its password as the URL spells it and
 * decoded, and `user:password` (what a Basic credential encodes).
 */
export function secretsOf(url: string): string[] {
  if (!URL.canParse(url)) return [url];
  const { username, password } = new URL(url);
  if (password === '') return [url];
  const decoded = decodeLeniently(password);
  return [...new Set([url, password, decoded, `${decodeLeniently(username)}:${decoded}`])];
}

/** A URL part decoded, or as written when it is not valid percent-encoding. */
function decodeLeniently(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
