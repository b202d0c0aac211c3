/**
 * The statements that profile a table inside a SQL engine, built once for every dialect.
 *
 * 1. `scanStatement`: one scan of the table for every column at once: rows; per numerical column its finite
 *    values, minimum, maximum, sum, distinct values and whether all are whole; per text column its present
 *    cells and distinct categories.
 * 2. `spreadStatement`: a second scan, for every numerical column at once: Σ(x − s) and Σ(x − s)² about s,
 *    the mean statement 1 gave, which is the two-pass corrected algorithm (Chan, Golub & LeVeque 1983):
 *    the mean to a few ulps and M2 without the cancellation of Σx² − (Σx)²/n. Columns with more distinct
 *    values than the profile keeps also get their exact order statistics at the summary's positions.
 * 3. `valueCountsStatement` for a numerical column with few distinct values (its lossless distribution)
 *    and `categoriesStatement` for a text column (its most frequent categories): one GROUP BY each.
 *
 * Missing, as the file profiler counts it: NULL, NaN and ±infinity in a numerical column; NULL and the empty
 * text in a text column (an empty CSV cell is missing there too). Names are only ever inserted quoted by the
 * dialect; results are read by position, never by name.
 */
import { doubleLiteral, type SqlDialect } from './dialect.js';

/** What a profile is computed from: a table (optionally qualified, `schema.table`) or a query. */
export type SqlSource = { readonly table: string } | { readonly query: string };

export interface SqlColumn {
  readonly name: string;
  readonly storage: 'numeric' | 'text';
  /** Whether its cells are turned into text by the dialect's `asText` (dates, booleans, UUIDs); not text types. */
  readonly castToText?: boolean;
}

/** The FROM clause of every statement. */
export function fromClause(dialect: SqlDialect, source: SqlSource): string {
  if ('table' in source)
    return `FROM ${source.table
      .split('.')
      .map((part) => dialect.quote(part))
      .join('.')} AS src`;
  // A trailing semicolon would end the statement the query is wrapped in, a trailing line comment hide its end.
  return `FROM (${source.query.trim().replace(/;+\s*$/, '')}\n) AS src`;
}

/** The column's cells as the profile sees them: finite doubles or NULL, present text or NULL. */
export function cellExpression(dialect: SqlDialect, column: SqlColumn): string {
  const quoted = dialect.quote(column.name);
  if (column.storage === 'numeric') {
    const value = dialect.asDouble(quoted);
    return `CASE WHEN ${dialect.finite(value)} THEN ${value} END`;
  }
  const text = column.castToText ? dialect.asText(quoted) : quoted;
  return `CASE WHEN ${text} <> '' THEN ${text} END`;
}

/** The number of result columns `scanStatement` gives each column after the first (the rows). */
export const SCAN_WIDTH: Readonly<Record<SqlColumn['storage'], number>> = { numeric: 6, text: 2 };

export function scanStatement(dialect: SqlDialect, source: SqlSource, columns: readonly SqlColumn[]): string {
  const aggregates = ['count(*)'];
  for (const column of columns) {
    const cell = cellExpression(dialect, column);
    if (column.storage === 'numeric') {
      aggregates.push(
        `count(${cell})`,
        `min(${cell})`,
        `max(${cell})`,
        `sum(${cell})`,
        `count(DISTINCT ${cell})`,
        `min(CASE WHEN ${cell} = floor(${cell}) THEN 1 WHEN ${cell} <> floor(${cell}) THEN 0 END)`,
      );
    } else {
      aggregates.push(`count(${cell})`, `count(DISTINCT ${cell})`);
    }
  }
  return `SELECT\n  ${aggregates.join(',\n  ')}\n${fromClause(dialect, source)}`;
}

/** What statement 2 needs of a numerical column from statement 1. */
export interface SpreadRequest {
  readonly column: SqlColumn;
  /** The rendered shift (a double literal, or a placeholder when printing). */
  readonly shift: string;
  /** The rendered quantile levels, when the column is summarised. */
  readonly levels?: readonly string[];
}

/** Per request: Σ(x − s), Σ(x − s)², then the order statistics array when `levels` is given. */
export function spreadStatement(dialect: SqlDialect, source: SqlSource, requests: readonly SpreadRequest[]): string {
  const aggregates: string[] = [];
  for (const { column, shift, levels } of requests) {
    const deviation = `(${cellExpression(dialect, column)} - ${shift})`;
    aggregates.push(`sum(${deviation})`, `sum(${deviation} * ${deviation})`);
    if (levels) aggregates.push(dialect.percentiles(cellExpression(dialect, column), levels));
  }
  return `SELECT\n  ${aggregates.join(',\n  ')}\n${fromClause(dialect, source)}`;
}

/** Every finite value of a numerical column with its count, ascending. */
export function valueCountsStatement(dialect: SqlDialect, source: SqlSource, column: SqlColumn): string {
  const value = dialect.quote('value');
  return `SELECT ${value}, count(*) FROM (SELECT ${cellExpression(dialect, column)} AS ${value} ${fromClause(dialect, source)}) AS cells WHERE ${value} IS NOT NULL GROUP BY ${value} ORDER BY ${value}`;
}

/** A text column's `limit` most frequent categories with their counts, ties by code point. */
export function categoriesStatement(dialect: SqlDialect, source: SqlSource, column: SqlColumn, limit: number): string {
  const [value, cells] = [dialect.quote('value'), dialect.quote('cells')];
  return (
    `SELECT ${value}, count(*) AS ${cells} FROM (SELECT ${cellExpression(dialect, column)} AS ${value} ${fromClause(dialect, source)}) AS present ` +
    `WHERE ${value} IS NOT NULL GROUP BY ${value} ORDER BY ${cells} DESC, ${dialect.byCodePoint(value)} LIMIT ${limit}`
  );
}

/** The level at which every dialect's exact quantile function gives the value at `position` (dialect.ts). */
export function levelOf(position: number, count: number): number {
  return (position - 0.5) / count;
}

/**
 * A numerical column's exact order statistics at the summary's positions (`summaryPositions`), in one
 * statement that needs no earlier result: `--print-sql` prints it where driftgate would fold quantiles at
 * positions from statement 1 into statement 2. Window functions where the dialect has them.
 */
export function orderStatisticsStatement(dialect: SqlDialect, source: SqlSource, column: SqlColumn, rankError: number): string {
  const cell = cellExpression(dialect, column);
  const spacing = doubleLiteral(2 * rankError);
  if (dialect.orderStatistics) return dialect.orderStatistics(cell, fromClause(dialect, source), spacing);
  const [value, position, count] = [dialect.quote('value'), dialect.quote('position'), dialect.quote('n')];
  const step = `CAST(FLOOR(${spacing} * ${dialect.asDouble(count)}) AS BIGINT) + 1`;
  return (
    `SELECT ${value} FROM (SELECT ${value}, row_number() OVER (ORDER BY ${value}) AS ${position}, count(*) OVER () AS ${count} ` +
    `FROM (SELECT ${cell} AS ${value} ${fromClause(dialect, source)}) AS cells WHERE ${value} IS NOT NULL) AS ranked ` +
    `WHERE MOD(${position} - 1, ${step}) = 0 OR ${position} = ${count} ORDER BY ${position}`
  );
}
