/**
 * `driftgate profile --print-sql DIALECT`: the statements of a profile as text for a user's own SQL tool,
 * made without connecting. The columns are the user's (`--numerical`, `--categorical`), since no schema is
 * read.
 *
 * What driftgate decides from statement 1's result is left to the reader, in the open: the shift of the
 * spreads is a psql-style placeholder `:shift_K` (column K's sum / count from statement 1), and both ways
 * a numerical column's distribution can be read are printed, its value counts (when it has at most
 * --max-distinct distinct values) and its order statistics at the summary's positions, the latter in one
 * self-contained statement instead of driftgate's quantiles folded into statement 2.
 */
import type { ProfileSettings } from '../format.js';
import { bigQuery } from './bigquery.js';
import { clickhouse } from './clickhouse.js';
import type { SqlDialect } from './dialect.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { snowflake } from './snowflake.js';
import { sparkSql } from './spark.js';
import {
  categoriesStatement,
  orderStatisticsStatement,
  scanStatement,
  spreadStatement,
  valueCountsStatement,
  type SqlColumn,
  type SqlSource,
} from './statements.js';

/** Every dialect `--print-sql` knows; the first three are the engines driftgate runs and tests. */
export const SQL_DIALECTS: readonly SqlDialect[] = [postgres, clickhouse, duckdb, bigQuery, snowflake, sparkSql];
const RUN_BY_DRIFTGATE = new Set([postgres, clickhouse, duckdb]);

/** The placeholder of column K's shift (1-based, in the order the columns were given). */
export function shiftPlaceholder(position: number): string {
  return `:shift_${position}`;
}

/**
 * The statements, each ended by a semicolon and introduced by comment lines; names in comments are JSON
 * strings, so a newline in a name cannot end a comment.
 */
export function printStatements(dialect: SqlDialect, source: SqlSource, columns: readonly SqlColumn[], settings: ProfileSettings): string {
  const named = (column: SqlColumn) => `column ${columns.indexOf(column) + 1} ${JSON.stringify(column.name)}`;
  const numeric = columns.filter((column) => column.storage === 'numeric');
  const header = [
    `driftgate profile --print-sql ${dialect.name}, ${'table' in source ? `table ${JSON.stringify(source.table)}` : 'the --query'}: generated, not run here (no connection was made).`,
    RUN_BY_DRIFTGATE.has(dialect)
      ? `driftgate --engine ${dialect.name} runs statements 1, 2 and the GROUP BYs; it folds the order statistics into statement 2.`
      : `Generated from ${dialect.name}'s documentation and never run by driftgate's tests: check them on your data first.`,
    `Columns: ${columns.map((column) => `${named(column)} ${column.storage === 'numeric' ? 'numerical' : 'categorical (as text)'}`).join(', ')}.`,
    'Missing cells: NULL, NaN and infinities in numbers; NULL and empty text in categories.',
  ];
  const statements: Array<[string, string]> = [
    [
      'One scan: the rows; per numerical column its finite values, min, max, sum, distinct values, 1 if all are whole; per categorical column its present cells and distinct categories.',
      scanStatement(dialect, source, columns),
    ],
  ];
  if (numeric.length > 0) {
    const shifts = numeric.map((column) => `${shiftPlaceholder(columns.indexOf(column) + 1)} = ${named(column)}'s sum / finite values from 1, a double literal`);
    statements.push([
      `Per numerical column D = Σ(x − shift) and Q = Σ(x − shift)²; mean = shift + D/n, M2 = Q − D²/n. Replace ${shifts.join('; ')} (psql: \\set shift_1 3.25).`,
      spreadStatement(dialect, source, numeric.map((column) => ({ column, shift: shiftPlaceholder(columns.indexOf(column) + 1) }))),
    ]);
  }
  for (const column of numeric) {
    statements.push(
      [`${named(column)}: every value with its count, when 1 gave it at most ${settings.maxDistinct} distinct values (--max-distinct).`, valueCountsStatement(dialect, source, column)],
      [
        `${named(column)} otherwise: its sorted values at positions 1, 1+s, 1+2s, … and n, s = ⌊${2 * settings.rankError}·n⌋ + 1 (rank error ${settings.rankError}).`,
        orderStatisticsStatement(dialect, source, column, settings.rankError),
      ],
    );
  }
  for (const column of columns.filter((candidate) => candidate.storage === 'text')) {
    statements.push([`${named(column)}: its ${settings.maxCategories} most frequent categories, ties by code point; the rest are "other".`, categoriesStatement(dialect, source, column, settings.maxCategories)]);
  }
  const comment = (text: string) => `-- ${text}\n`;
  return [header.map(comment).join(''), ...statements.map(([about, statement], index) => `${comment(`${index + 1}. ${about}`)}${statement};\n`)].join('\n');
}
