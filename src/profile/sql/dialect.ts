/**
 * What differs between SQL engines in the statements a profile needs: how a name is quoted, how a number
 * becomes a double and a value becomes text, which doubles are finite, and the exact discrete quantile
 * function. The statements themselves are built once, in `statements.ts`.
 *
 * Every dialect answers `percentile(levels)` with the value at 1-based position p of the n values sorted
 * when asked for level (p − ½)/n: PostgreSQL's `percentile_disc` and DuckDB's `quantile_disc` take position
 * ⌈qn⌉, ClickHouse's `quantilesExact` index ⌊qn⌋ counted from 0; both are p there, half a position from
 * either rounding edge, so no rounding of q·n can move it.
 */
export interface SqlDialect {
  /** As `--print-sql` and `--engine` spell it. */
  readonly name: string;
  /** The identifier quoted so that nothing in it can end the quoting. */
  quote(identifier: string): string;
  /** A numeric column's value as a double. */
  asDouble(expression: string): string;
  /** Whether a double is finite and not NULL (NULL, NaN and ±infinity are missing cells in a profile). */
  finite(expression: string): string;
  /** An aggregate of the exact discrete quantiles at `levels` (rendered literals) of the (non-NULL) values of `expression`. */
  percentiles(expression: string, levels: readonly string[]): string;
  /** Text compared by code point (the order of the profile's ties), in ORDER BY. */
  byCodePoint(expression: string): string;
  /** Any value (a date, a boolean, a UUID) as its text, a category. */
  asText(expression: string): string;
  /**
   * A statement over `rows` (a FROM clause) giving the sorted non-NULL values of `expression` at 1-based
   * positions 1, 1 + s, 1 + 2s, … below n, then n, one row each, s = ⌊spacing·n⌋ + 1 (`summaryPositions`):
   * the summary's exact order statistics in one self-contained statement, for `--print-sql`. Only where
   * the window-function form of `orderStatisticsStatement` does not run (ClickHouse 18.16).
   */
  orderStatistics?(expression: string, rows: string, spacing: string): string;
}

/** Doubled double quotes: PostgreSQL, DuckDB and Snowflake (the SQL standard's delimited identifier). */
export function quoteStandard(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The shortest round-trip text of a double, as every engine here reads numeric literals; negative ones in
 * parentheses so that `x - -1` never becomes a comment (`--`).
 */
export function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`a SQL double literal must be finite, got ${value}`);
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}
