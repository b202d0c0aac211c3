/** `driftgate --help`: usage, then the methods as the registry knows them. */
import { statTests } from '../stattests/registry.js';

const USAGE = `driftgate: compare fresh data with the baseline a model was trained on, column by column.

Usage:
  driftgate check --baseline PATH... --current PATH... [options]

Data (CSV, TSV, JSON Lines, JSON array of records, Parquet; any of them .gz; globs allowed;
several files for one side are concatenated):
  --baseline PATH...            the data the deployed model was trained on
  --current PATH...             the fresh data

Columns:
  --columns COL                 compare only this column (repeat for several)
  --ignore COL                  leave this column out (repeat)
  --numerical COL               treat this column as numerical (repeat; names may hold commas and spaces)
  --categorical COL             treat this column as categorical (repeat)

Methods and thresholds (default: chosen per column, see below):
  --method NAME                 for every column whose type it supports
  --numerical-method NAME       for numerical columns
  --categorical-method NAME     for categorical columns
  --column-method COL=NAME      for one column (repeat)
  --threshold X                 for every column, instead of each method's default
  --numerical-threshold X       for numerical columns
  --categorical-threshold X     for categorical columns
  --column-threshold COL=X      for one column (repeat)
  --correction none|bonferroni|fdr
                                multiple-testing correction across p-value tests (default none)
  --min-rows N                  fewer non-missing values on a side: "insufficient data" (default 30)
  --missing-share-threshold X   a change of the missing share this large is drift (default 0.1)
  --drift-share X               dataset drift when this share of columns drifted (default 0.5)
  --all-methods                 add every applicable method's values to each column (JSON)

Output:
  --format text|markdown|json   report format (default text)
  --output FILE, -o FILE        write the report to FILE (the text table still goes to stdout)
  --exit-zero                   exit 0 even when drift is detected

Exit status: 0 no dataset drift, 1 dataset drift, 2 bad input or usage.

Automatic choice per column: up to 1000 baseline rows, ks for numbers (chi2 with 3-5 distinct
values, z with 2) and chi2 for categories (z when binary); above 1000 rows, wasserstein_normed for
numbers (jensenshannon with 5 or fewer distinct values) and jensenshannon for categories.
`;

function methodTable(): string {
  const rows = statTests.map((test) =>
    `  ${test.name.padEnd(18)}${test.kinds.join(', ').padEnd(24)}${(test.output === 'p_value' ? `p < ${test.defaultThreshold}` : `distance >= ${test.defaultThreshold}`).padEnd(18)}${test.title}`,
  );
  return `Methods (name, column types, drift when, what):\n${rows.join('\n')}\n`;
}

export const HELP = `${USAGE}\n${methodTable()}`;
