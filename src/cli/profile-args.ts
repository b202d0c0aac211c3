/**
 * `driftgate profile`: its arguments, parsed into what the profile command does. Usage mistakes are
 * InputErrors, as for `check`.
 */
import { InputError } from '../core/errors.js';
import type { ColumnKind } from '../core/table.js';
import { DEFAULT_PROFILE_SETTINGS, type ProfileSettings } from '../core/profile.js';
import { optionalNumber, positiveInteger, type NumberRule } from '../options/values.js';
import { declaredKindsOf } from '../options/check-options.js';
import { PROFILE_OPTIONS as P, type OptionSpec } from '../options/table.js';
import { missingValueTokens } from '../core/missing-values.js';
import type { SqlDialect } from '../profile/sql/dialect.js';
import { SQL_DIALECTS } from '../profile/sql/print-sql.js';
import type { SqlColumn, SqlSource } from '../profile/sql/statements.js';
import { parseFlags } from './flags.js';
import { SQL_ENGINES, type SqlEngine } from '../profile/sql/connect.js';

/** A profile computed inside a SQL engine (src/profile/sql/). */
export interface CliEngineSource {
  engine: SqlEngine;
  /** The connection URL (or DuckDB file); from --connection or DRIFTGATE_CONNECTION, never printed. */
  connection?: string;
  source: SqlSource;
}

/** `--print-sql`: the statements for a dialect, printed without connecting, for the columns given. */
export interface CliPrintSql {
  dialect: SqlDialect;
  source: SqlSource;
  columns: SqlColumn[];
}

export interface CliProfileCommand {
  command: 'profile';
  /** Data files to profile, or profiles to merge. */
  inputs: readonly string[];
  mode: 'data' | 'merge' | 'engine' | 'print-sql';
  engine?: CliEngineSource;
  printSql?: CliPrintSql;
  output?: string;
  settings: ProfileSettings;
  declaredKinds: ReadonlyMap<string, ColumnKind>;
  naValues: readonly string[];
}

const rankShare: NumberRule = { test: (value) => value > 0 && value < 0.5, expected: 'a share above 0 and below 0.5 (0.001 is 0.1%)' };

export function parseProfileCli(argv: readonly string[]): CliProfileCommand | { command: 'help' } {
  const { read, positionals, tokens, given } = parseFlags(argv, P);
  if (read.switch(P.help)) return { command: 'help' };
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])} (see driftgate --help)`);
  const [data, merge] = [read.list(P.data), read.list(P.merge)];
  const values: SourceValues = Object.fromEntries(
    (['engine', 'connection', 'table', 'query', 'output', 'printSql'] as const)
      .filter((key) => given(P[key]))
      .map((key) => [key, read.text(P[key])]),
  );
  values.naValuesGiven = given(P.naValues) || given(P.defaultNaValues);
  if (values.printSql !== undefined && (data.length > 0 || merge.length > 0))
    throw new InputError('--print-sql prints the statements for a table or query: leave out --data and --merge');
  const printSql = printSqlOf(values, tokens);
  const engine = printSql ? undefined : engineSourceOf(values);
  if (engine && (data.length > 0 || merge.length > 0))
    throw new InputError('driftgate profile takes --engine, --data or --merge, one of them');
  if (!engine && !printSql && data.length > 0 === merge.length > 0) {
    throw new InputError('driftgate profile takes either --data PATH... (data files to profile) or --merge PROFILE... (profiles to merge)');
  }
  const setting = (option: OptionSpec, rule: NumberRule) => optionalNumber(read.nameOf(option), read.text(option) || undefined, rule);
  const settings: ProfileSettings = {
    maxDistinct: setting(P.maxDistinct, positiveInteger) ?? DEFAULT_PROFILE_SETTINGS.maxDistinct,
    maxLosslessBytes: setting(P.maxLosslessBytes, positiveInteger) ?? DEFAULT_PROFILE_SETTINGS.maxLosslessBytes,
    maxCategories: setting(P.maxCategories, positiveInteger) ?? DEFAULT_PROFILE_SETTINGS.maxCategories,
    rankError: setting(P.rankError, rankShare) ?? DEFAULT_PROFILE_SETTINGS.rankError,
  };
  return {
    command: 'profile',
    inputs: data.length > 0 ? data : merge,
    mode: printSql ? 'print-sql' : engine ? 'engine' : data.length > 0 ? 'data' : 'merge',
    engine,
    printSql,
    output: values.output,
    settings,
    declaredKinds: declaredKindsOf(read),
    naValues: missingValueTokens(read.list(P.naValues), read.switch(P.defaultNaValues)),
  };
}

type SourceValues = {
  engine?: string;
  connection?: string;
  table?: string;
  query?: string;
  output?: string;
  printSql?: string;
  naValuesGiven?: boolean;
};

function sourceOf(values: SourceValues, option: string): SqlSource {
  if ((values.table === undefined) === (values.query === undefined))
    throw new InputError(`${option} takes either --table NAME or --query SQL`);
  return values.table !== undefined ? { table: values.table } : { query: values.query! };
}

/** The columns in the order --numerical and --categorical gave them: no schema is read to print SQL. */
function printSqlOf(values: SourceValues, tokens: ReadonlyArray<{ kind: string; name?: string; value?: string }>): CliPrintSql | undefined {
  const name = values.printSql;
  if (name === undefined) return undefined;
  const dialect = SQL_DIALECTS.find((candidate) => candidate.name === name);
  if (!dialect)
    throw new InputError(`--print-sql ${JSON.stringify(name)} is not one of ${SQL_DIALECTS.map((known) => known.name).join(', ')}`);
  if (values.engine !== undefined || values.connection !== undefined)
    throw new InputError('--print-sql connects to nothing: leave out --engine and --connection');
  if (values.output !== undefined)
    throw new InputError('--print-sql writes the statements to stdout; leave out --output (redirect it: > profile.sql)');
  if (values.naValuesGiven) {
    throw new InputError(
      '--na-values and --no-default-na-values are for files; in SQL the missing cells are NULL, NaN, infinities and empty text',
    );
  }
  const source = sourceOf(values, '--print-sql');
  const columns = new Map<string, SqlColumn>();
  for (const token of tokens) {
    const numerical = token.name === P.numericalColumns.flag;
    if (token.kind !== 'option' || token.value === undefined || (!numerical && token.name !== P.categoricalColumns.flag)) continue;
    if (columns.has(token.value)) continue;
    // Categories are cast to text, as driftgate does for dates, booleans and UUIDs: no schema says which are text.
    columns.set(
      token.value,
      numerical ? { name: token.value, storage: 'numeric' } : { name: token.value, storage: 'text', castToText: true },
    );
  }
  if (columns.size === 0)
    throw new InputError('--print-sql needs the columns, as no schema is read: --numerical COL and --categorical COL (repeat)');
  return { dialect, source, columns: [...columns.values()] };
}

function engineSourceOf(values: SourceValues): CliEngineSource | undefined {
  if (values.engine === undefined) {
    if (values.table !== undefined || values.query !== undefined || values.connection !== undefined)
      throw new InputError(
        '--table, --query and --connection go with --engine postgres|clickhouse|duckdb (or --table, --query with --print-sql)',
      );
    return undefined;
  }
  const engine = SQL_ENGINES.find((name) => name === values.engine);
  if (!engine) throw new InputError(`--engine ${JSON.stringify(values.engine)} is not one of ${SQL_ENGINES.join(', ')}`);
  const source = sourceOf(values, '--engine');
  const connection = values.connection ?? process.env.DRIFTGATE_CONNECTION;
  if (connection === undefined && engine !== 'duckdb')
    throw new InputError(`--engine ${engine} needs --connection URL (or the DRIFTGATE_CONNECTION environment variable)`);
  return { engine, connection, source };
}
