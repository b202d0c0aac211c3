/**
 * `driftgate profile --print-sql DIALECT`: the statements of a profile as text for a user's own SQL tool,
 * made without connecting. The columns are the user's (`--numerical`, `--categorical`), since no schema is
 * read.
 *
 * Two steps, because the spreads are sums about a shift near the mean (statements.ts) and only statement 1
 * tells the mean: statement 2 holds psql-style placeholders `:shift_K` (column K's sum / finite values
 * from statement 1), which psql fills from `-v shift_K=…` and any other tool by a text replacement. What
 * driftgate decides from statement 1 is left to the reader, in the open: both ways a numerical column's
 * distribution can be read are printed, its value counts (when it has at most --max-distinct distinct
 * values) and its order statistics at the summary's positions, the latter in one self-contained
 * statement instead of driftgate's quantiles folded into statement 2.
 */
import type { ProfileSettings } from '../../core/profile.js';
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

/** One printed statement: what its result is, and for which column (1-based) when it reads one. */
export interface PrintedStatement {
  readonly step: 'scan' | 'spread' | 'value counts' | 'order statistics' | 'categories';
  readonly column?: number;
  readonly about: string;
  readonly sql: string;
}

/** The statements in the order they are printed; `printStatements` renders them. */
export function sqlStatements(
  dialect: SqlDialect,
  source: SqlSource,
  columns: readonly SqlColumn[],
  settings: ProfileSettings,
): PrintedStatement[] {
  const positionOf = (column: SqlColumn) => columns.indexOf(column) + 1;
  const named = (column: SqlColumn) => `column ${positionOf(column)} ${JSON.stringify(column.name)}`;
  const numeric = columns.filter((column) => column.storage === 'numeric');
  const scanCells = columns.map((column) =>
    column.storage === 'numeric'
      ? `${named(column)}: finite values, min, max, sum, distinct values, 1 if all are whole (NULL when none)`
      : `${named(column)}: present cells, distinct categories`,
  );
  const statements: PrintedStatement[] = [
    {
      step: 'scan',
      about: `One scan. Its row: the rows, then ${scanCells.join('; then ')}.`,
      sql: scanStatement(dialect, source, columns),
    },
  ];
  if (numeric.length > 0) {
    const deviations = numeric.map((column) => `D${positionOf(column)}, Q${positionOf(column)}`).join(', ');
    statements.push({
      step: 'spread',
      about:
        `Needs each :shift_K = column K's sum / finite values from 1 (0 when it has none). Its row: ${deviations}, DK = Σ(x − shift_K) and QK = Σ(x − shift_K)² ` +
        "over column K's n finite values x: its mean = shift_K + DK/n and M2 = QK − DK²/n.",
      sql: spreadStatement(
        dialect,
        source,
        numeric.map((column) => ({ column, shift: `(${shiftPlaceholder(positionOf(column))})` })),
      ),
    });
  }
  for (const column of numeric) {
    const position = positionOf(column);
    statements.push(
      {
        step: 'value counts',
        column: position,
        about: `${named(column)}, when 1 gave it at most ${settings.maxDistinct} distinct values (--max-distinct): every finite value with its count, ascending (its lossless distribution).`,
        sql: valueCountsStatement(dialect, source, column),
      },
      {
        step: 'order statistics',
        column: position,
        about: `${named(column)}, otherwise: its sorted finite values at positions 1, 1+s, 1+2s, … below n and n, s = ⌊${2 * settings.rankError}·n⌋ + 1 (a summary with rank error ${settings.rankError}, --rank-error).`,
        sql: orderStatisticsStatement(dialect, source, column, settings.rankError),
      },
    );
  }
  for (const column of columns.filter((candidate) => candidate.storage === 'text')) {
    statements.push({
      step: 'categories',
      column: positionOf(column),
      about: `${named(column)}: its ${settings.maxCategories} most frequent categories with their counts, ties by code point (--max-categories); the rest of its present cells are "other".`,
      sql: categoriesStatement(dialect, source, column, settings.maxCategories),
    });
  }
  return statements;
}

/**
 * The statements, each ended by a semicolon and introduced by comment lines; names in comments are JSON
 * strings, so a newline in a name cannot end a comment.
 */
export function printStatements(dialect: SqlDialect, source: SqlSource, columns: readonly SqlColumn[], settings: ProfileSettings): string {
  const header = [
    `driftgate profile --print-sql ${dialect.name}, ${'table' in source ? `table ${JSON.stringify(source.table)}` : 'the --query'}: generated without connecting.`,
    RUN_BY_DRIFTGATE.has(dialect)
      ? `driftgate's tests run these statements in ${dialect.name}; driftgate --engine ${dialect.name} runs the same scans, with the order statistics folded into 2.`
      : `Generated from ${dialect.name}'s documentation and never run by driftgate's tests: check them on your data first.`,
    `Columns: ${columns.map((column) => `${columns.indexOf(column) + 1} ${JSON.stringify(column.name)} ${column.storage === 'numeric' ? 'numerical' : 'categorical (as text)'}`).join(', ')}.`,
    'Missing cells: NULL, NaN and infinities in numbers; NULL and empty text in categories.',
  ];
  if (columns.some((column) => column.storage === 'numeric')) {
    header.push(
      'Two steps: run 1, set each :shift_K from its row, run the rest. psql fills them (psql -v shift_1=3.25 -f this.sql),',
      'elsewhere replace each :shift_K by its number (a negative one is fine: it sits in parentheses).',
    );
  }
  const comment = (text: string) => `-- ${text}\n`;
  const statements = sqlStatements(dialect, source, columns, settings).map(
    ({ about, sql }, index) => `${comment(`${index + 1}. ${about}`)}${sql};\n`,
  );
  return [header.map(comment).join(''), ...statements].join('\n');
}
