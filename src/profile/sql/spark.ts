/**
 * Spark SQL: a dialect whose statements `--print-sql` prints for a user to run in their own tool. Generated
 * from its documentation and NOT run by driftgate's tests (docs/sql-engines.md says so): check them on
 * your data first.
 */
import type { SqlDialect } from './dialect.js';

/** Spark SQL's backquoted identifiers: a backquote inside is doubled. */
function quoteSpark(identifier: string): string {
  return `\`${identifier.replaceAll('`', '``')}\``;
}

export const sparkSql: SqlDialect = {
  name: 'spark',
  quote: quoteSpark,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  finite: (expression) => `(NOT isnan(${expression}) AND abs(${expression}) <> double('Infinity'))`,
  percentiles: (expression, levels) =>
    `array(${levels.map((level) => `percentile_disc(${level}) WITHIN GROUP (ORDER BY ${expression})`).join(', ')})`,
  byCodePoint: (expression) => expression,
  asText: (expression) => `CAST(${expression} AS STRING)`,
};
