/**
 * BigQuery: a dialect whose statements `--print-sql` prints for a user to run in their own tool. Generated
 * from its documentation and NOT run by driftgate's tests (docs/sql-engines.md says so): check them on
 * your data first.
 */
import type { SqlDialect } from './dialect.js';

const NAMED_ESCAPES: Record<string, string> = { '\\': '\\\\', '`': '\\`', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Backquoted, with backslash escapes: BigQuery's lexical structure gives quoted identifiers the escape
 * sequences of its string literals, and a quoted literal no raw newline. So a backslash and a backquote
 * are escaped, and control characters (named ones as \n, the others as \xhh).
 */
function quoteBigQuery(identifier: string): string {
  const escaped = identifier.replace(
    /[\\`\x00-\x1f\x7f]/g,
    (character) => NAMED_ESCAPES[character] ?? `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `\`${escaped}\``;
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
