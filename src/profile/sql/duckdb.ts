/**
 * DuckDB, in process through `@duckdb/node-api`: an optional engine, installed on demand and never bundled
 * (its native binary is about 68 MB). `--connection` is a database file (opened read-only), or absent for
 * an in-memory database that a `--query` reads files from (`SELECT * FROM 'data.parquet'`).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/errors.js';
import { quoteStandard, type SqlDialect } from './dialect.js';
import { inEngine, type SqlConnection } from './engine-profile.js';
import { fromClause, type SqlColumn, type SqlSource } from './statements.js';

export const duckdb: SqlDialect = {
  name: 'duckdb',
  quote: quoteStandard,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  finite: (expression) => `isfinite(${expression})`,
  percentiles: (expression, levels) => `quantile_disc(${expression}, [${levels.join(', ')}])`,
  // DuckDB compares VARCHAR bytewise unless a collation is configured: UTF-8 bytes are code point order.
  byCodePoint: (expression) => expression,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
};

const PACKAGE = '@duckdb/node-api';
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const TEXT_TYPE = /^(BOOLEAN|DATE|TIME|TIMESTAMP.*|UUID|INTERVAL|ENUM\(.*\))$/s;

type DuckDbModule = typeof import('@duckdb/node-api');

/** The package from wherever this driftgate is installed, else from the working directory's project. */
async function loadDuckDb(): Promise<DuckDbModule> {
  // webpackIgnore keeps the bundler (ncc) from packing the package in, or turning the import into its own
  // lookup among the modules it packed, which never finds it.
  try {
    return (await import(/* webpackIgnore: true */ PACKAGE)) as DuckDbModule;
  } catch {
    try {
      // Resolved from the working directory itself (a trailing slash): naming a file there would have the
      // bundler copy it into dist.
      const path = createRequire(pathToFileURL(`${process.cwd()}/`)).resolve(PACKAGE);
      return (await import(/* webpackIgnore: true */ pathToFileURL(path).href)) as DuckDbModule;
    } catch {
      throw new InputError(`--engine duckdb needs the DuckDB client, which driftgate does not bundle: npm install ${PACKAGE}`);
    }
  }
}

export async function connectDuckDb(location: string | undefined): Promise<SqlConnection> {
  const { DuckDBInstance } = await loadDuckDb();
  const path = location?.replace(/^duckdb:(\/\/)?/, '');
  const instance = await inEngine('duckdb', [], () =>
    path ? DuckDBInstance.create(path, { access_mode: 'READ_ONLY' }) : DuckDBInstance.create(':memory:'),
  );
  const connection = await instance.connect();
  const run = (statement: string) => inEngine('duckdb', [], () => connection.runAndReadAll(statement));
  return {
    dialect: duckdb,
    async columns(source: SqlSource): Promise<SqlColumn[]> {
      const reader = await run(`SELECT * ${fromClause(duckdb, source)} LIMIT 0`);
      const types = reader.columnTypes().map(String);
      return reader.columnNames().map((name, index) => {
        const type = types[index];
        if (NUMERIC_TYPE.test(type)) return { name, storage: 'numeric' };
        if (type === 'VARCHAR') return { name, storage: 'text' };
        if (TEXT_TYPE.test(type)) return { name, storage: 'text', castToText: true };
        throw new InputError(
          `column ${JSON.stringify(name)} is of type ${type}, which a profile cannot hold (numbers or text only); leave it out with --query`,
        );
      });
    },
    async rows(statement: string): Promise<unknown[][]> {
      return (await run(statement)).getRowsJson() as unknown[][];
    },
    async close(): Promise<void> {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
