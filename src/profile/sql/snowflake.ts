/**
 * Snowflake: a dialect whose statements `--print-sql` prints for a user to run in their own tool. Generated
 * from its documentation and NOT run by driftgate's tests (docs/sql-engines.md says so): check them on
 * your data first.
 */
import { quoteStandard, type SqlDialect } from './dialect.js';

export const snowflake: SqlDialect = {
  name: 'snowflake',
  quote: quoteStandard,
  asDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
  finite: (expression) => `(${expression} NOT IN ('NaN'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE))`,
  percentiles: (expression, levels) =>
    `ARRAY_CONSTRUCT(${levels.map((level) => `PERCENTILE_DISC(${level}) WITHIN GROUP (ORDER BY ${expression})`).join(', ')})`,
  byCodePoint: (expression) => `COLLATE(${expression}, 'utf8')`,
  asText: (expression) => `CAST(${expression} AS VARCHAR)`,
};
