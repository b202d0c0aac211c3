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

Model (prediction logs; see docs/model-monitoring.md):
  --prediction COL              the model's prediction; tested for drift apart from the features
  --target COL                  the true value (may be missing where labels have not arrived);
                                with --prediction, also measures performance and when it slipped
  --probability CLASS=COL       the model's score for one class (repeat per class), or
  --probability 'PREFIX*'       every column named PREFIX followed by the class (probability.*)
  --order COL                   what orders the current rows in time (default: the rows' order)
  --performance-metric NAME     accuracy, balanced_accuracy, f1_macro, precision_macro, recall_macro,
                                roc_auc, log_loss, mae, rmse, mape, r2
                                (default accuracy for classifiers, mae for regressors)
  --max-degradation X           tolerated worsening of the metric: absolute (0.02) or relative to
                                the baseline (5%); default 5%

Multivariate drift (joint distribution of the features; needs rows, see docs/multivariate.md):
  --multivariate METHODS        reconstruction-error, domain-classifier, mmd (comma-separated),
                                all, or off (default off)

Gate:
  --gate-on data|prediction|performance|multivariate|any
                                the verdicts that fail the check (repeat; default any)

Output:
  --format text|markdown|json   report format (default text)
  --output FILE, -o FILE        write the report to FILE (the text table still goes to stdout)
  --exit-zero                   exit 0 even when the gate trips

Exit status: 0 the gate passed, 1 it tripped (with the default --gate-on any and no model columns:
dataset drift), 2 bad input or usage.

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
