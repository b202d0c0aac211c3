/** `driftgate --help`: usage, with the formats and then the methods as their registries know them. */
import { statTests } from '../stattests/registry.js';
import { formatListing, GZIP } from '../io/formats.js';
import { DEFAULT_NA_VALUES } from '../core/missing-values.js';
import { DEFAULT_PROFILE_SETTINGS } from '../core/profile.js';

const USAGE = `driftgate: compare fresh data with the baseline a model was trained on, column by column.

Usage:
  driftgate check --baseline PATH... --current PATH... [options]
  driftgate profile --data PATH... [-o FILE] [profile options]
  driftgate profile --merge PROFILE... [-o FILE]
  driftgate profile --engine postgres|clickhouse|duckdb [--connection URL] (--table T | --query SQL) [-o FILE]
                                the same profile computed inside the database (docs/sql-engines.md);
                                the URL may come from DRIFTGATE_CONNECTION instead, and is never printed
  driftgate profile --print-sql DIALECT (--table T | --query SQL) (--numerical COL | --categorical COL)...
                                that profile's statements for your own SQL tool, for the columns given,
                                connecting to nothing; DIALECT postgres, clickhouse, duckdb (tested) or
                                bigquery, snowflake, spark (generated, not run by driftgate's tests).
                                Run statement 1, set each :shift_K from its row (psql -v shift_K=...;
                                elsewhere replace the text), run the rest (docs/sql-engines.md)

Data (${formatListing()};
any of them ${GZIP.extension}; globs allowed; several files for one side are concatenated), or profiles of it
(several are merged):
  --baseline PATH...            the data the deployed model was trained on, or its profile
  --current PATH...             the fresh data, or its profile
  --memory-budget SIZE          memory for holding data (512M, 4G; default half the machine's):
                                a side whose files would need more is profiled while it is read,
                                and the report says so

Columns:
  --columns COL                 compare only this column (repeat for several)
  --ignore COL                  leave this column out (repeat)
  --numerical COL               treat this column as numerical (repeat; names may hold commas and spaces)
  --categorical COL             treat this column as categorical (repeat)
  --na-values TEXT              another cell text meaning "missing" in a numbers column (repeat;
                                a number such as -999 matches by value). Added to the default list:
                                ${DEFAULT_NA_VALUES.slice(0, 9).join(', ')},
                                ${DEFAULT_NA_VALUES.slice(9).join(', ')}
                                (pandas' list; the empty cell and NaN in any case are always missing;
                                a column holding other text keeps these as categories)
  --no-default-na-values        only --na-values, the empty cell and NaN mean missing

Methods and thresholds (default: chosen per column, see below):
  --method NAME                 for every column whose type it supports
  --numerical-method NAME       for numerical columns
  --categorical-method NAME     for categorical columns
  --column-method COL=NAME      for one column (repeat)
  --p-value-threshold X         for every p-value method: drift when p < X (default 0.05)
  --distance-threshold X|auto   for every distance method: drift when distance >= X (default 0.1);
                                auto calibrates it on the data by permutation (see below)
  --permutations N              relabellings for auto (default 999; the smallest p is 1/(N+1))
  --permutation-seed N          seed of the relabellings (default 42): same data, same thresholds
  --threshold X                 for every column whose method you chose (--method ...): a plain
                                number says neither p-value nor distance, so it is refused where
                                the automatic choice picks the method
  --numerical-threshold X       the same, for numerical columns
  --categorical-threshold X     the same, for categorical columns
  --column-threshold COL=X      the same, for one column (repeat; X may be auto for a distance)
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
  --probability 'PREFIX*'       every column named PREFIX followed by the class (probability.*), or
  --probability COL             a binary model's one column: the probability of the positive class
                                (predict_proba[:, 1]), in [0, 1]; the other class gets 1 − p
  --positive-label LABEL        that positive class; default 1 when the labels are 0/1 or −1/1 (as
                                scikit-learn's pos_label), else required; it must be a label seen,
                                and more than two labels are refused
  --order COL                   what orders the current rows in time (default: the rows' order)
  --performance-metric NAME     accuracy, balanced_accuracy, f1_macro, precision_macro, recall_macro,
                                roc_auc, log_loss, mae, rmse, mape, r2
                                (default accuracy for classifiers, mae for regressors)
  --max-degradation X           tolerated worsening of the metric: absolute (0.02) or relative to
                                the baseline (5%); default 5%

Multivariate drift (joint distribution of the features; needs rows, see docs/multivariate.md):
  --multivariate METHODS        reconstruction-error, domain-classifier, mmd (comma-separated),
                                all, or off (default off)

Segments:
  --segment COL                 split both sides by COL's values and check each segment on its own
                                (drift, and performance with model columns), ranked by how much it
                                drifted; the 20 largest segments by rows; needs rows, not profiles

Gate:
  --gate-on data|prediction|performance|estimated-performance|multivariate|segment|any
                                the verdicts that fail the check (repeat; default any: all but
                                segment, which trips when any segment drifted, and
                                estimated-performance: while too few current rows are labelled for
                                a performance verdict, the estimate without labels (one --probability
                                column) decides, degraded when even its band's upper edge is worse
                                than the baseline by more than --max-degradation)
  --insufficient-data pass|fail what a gated verdict with too little data to judge does: pass the
                                gate (default) or fail it (no labelled rows, columns under --min-rows)

Output:
  --format FORMAT               text, markdown (the full report), summary (the GitHub job summary),
                                json, html, prometheus (metrics exposition); default: from the
                                --output extension (.txt .md .json .html .prom), else text
  --output FILE, -o FILE        write the report to FILE (the text table still goes to stdout)
  --exit-zero                   exit 0 even when the gate trips

Exit status: 0 the gate passed, 1 it tripped (with the default --gate-on any and no model columns:
dataset drift; with --insufficient-data fail, also a gated verdict without enough data), 2 bad input
or usage.

Profiles (docs/profile-schema.md): a compact, mergeable baseline instead of the raw rows. Counts,
missing cells, categories and moments are exact; a numerical column keeps every distinct value with
its count (lossless: every method gives the raw data's values) up to --max-distinct values, else a
quantile summary whose ranks are off by at most --rank-error of the rows, which the check states as
each value's bound (ks, wasserstein and t_test are computed on a summary; other methods are refused).
  --data PATH...                data files to profile, in one streaming pass
  --merge PROFILE...            profiles of other rows (shards) to merge into one
  --output FILE, -o FILE        write the profile there (.json, or .json.gz compressed); else stdout
  --numerical COL, --categorical COL, --na-values TEXT, --no-default-na-values   as for check
  --max-distinct N              most distinct values kept losslessly per column (default ${DEFAULT_PROFILE_SETTINGS.maxDistinct})
  --max-lossless-bytes N        and at most this many bytes of them (default ${DEFAULT_PROFILE_SETTINGS.maxLosslessBytes})
  --rank-error X                the summary's rank error, a share of the rows (default ${DEFAULT_PROFILE_SETTINGS.rankError})
  --max-categories N            categories kept per column; the rest pooled (default ${DEFAULT_PROFILE_SETTINGS.maxCategories})

Automatic choice per column: up to 1000 baseline rows, ks for numbers (chi2 with 3-5 distinct
values, z with 2) and chi2 for categories (z when binary); above 1000 rows, wasserstein_normed for
numbers (jensenshannon with 5 or fewer distinct values) and jensenshannon for categories.

Choosing: p-value tests answer "could this be chance?" and, on large samples, say yes to shifts too
small to matter; fixed distances answer "is the change large?" but on small samples (a few hundred
rows) random noise alone crosses them. On small samples use a p-value test, or a distance with
--distance-threshold auto: the distance is compared with those of random relabellings of the pooled
rows, and the column drifts when its permutation p-value, (k+1)/(n+1) with k of n relabellings at
least as far apart, is below --p-value-threshold. On large samples use a distance and a fixed
threshold that states how large a change matters to you.
`;

function methodTable(): string {
  const rows = statTests.map((test) =>
    `  ${test.name.padEnd(18)}${test.kinds.join(', ').padEnd(24)}${(test.output === 'p_value' ? `p < ${test.defaultThreshold}` : `distance >= ${test.defaultThreshold}`).padEnd(18)}${test.title}`,
  );
  return `Methods (name, column types, drift when, what):\n${rows.join('\n')}\n`;
}

export const HELP = `${USAGE}\n${methodTable()}`;

/** The usage without the method table, for the README (whose method table says more). */
export const USAGE_TEXT = USAGE;
