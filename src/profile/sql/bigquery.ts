/**
 * BigQuery: a dialect whose statements `--print-sql` prints for a user to run in their own tool. Generated
 * from its documentation and NOT run by driftgate's tests (docs/sql-engines.md says so): check them on
 * your data first.
 */
import type { SqlDialect } from './dialect.js';

/** Backquoted identifiers with backslash escapes, as BigQuery's lexical rules define them. */
function quoteBigQuery(identifier: string): string {
  return `\`${identifier.replace(/[\\`]/g, (character) => `\\${character}`).replaceAll('\n', '\\n').replaceAll('\r', '\\r')}\``;
}

export const bigQuery: SqlDialect = {
  name: 'bigquery',
  quote: quoteBigQuery,
  asDouble: (expression) => `CAST(${expression} AS FLOAT64)`,
  finite: (expression) => `(NOT IS_INF(${expression}) AND NOT IS_NAN(${expression}))`,
  // BigQuery's PERCENTILE_DISC is analytic only; the sorted array at position ⌈qn⌉ is the same value.
  percentiles: (expression, levels) =>
    `[${levels.map((level) => `ARRAY_AGG(${expression} IGNORE NULLS ORDER BY ${expression})[OFFSET(CAST(CEIL(${level} * COUNT(${expression})) AS INT64) - 1)]`).join(', ')}]`,
  byCodePoint: (expression) => expression,
  asText: (expression) => `CAST(${expression} AS STRING)`,
};
