/**
 * Every option of `driftgate check` and `driftgate profile`, and every input of the check action, once.
 * The CLI's parser and `--help`, the check action's `action.yml` inputs, the reusable retrain workflow's
 * forwarded inputs and the docs' tables all come from here (scripts/action-docs.js writes the YAML and
 * the docs; its `--check` is a test). Adding an option is one entry; the adapters read it through
 * `OptionReader` (options/check-options.ts), so the flag and the input accept and refuse the same values.
 */
import { DEFAULT_NA_VALUES } from '../core/missing-values.js';
import { DEFAULT_PROFILE_SETTINGS } from '../core/profile.js';
import { DEFAULT_DRIFT_SHARE, DEFAULT_MIN_ROWS, DEFAULT_MISSING_SHARE_THRESHOLD } from '../engine/options.js';
import { DEFAULT_PERMUTATION_SEED, DEFAULT_PERMUTATIONS } from '../engine/permutation-threshold.js';
import { formatListing, formatTitles, GZIP } from '../io/formats.js';
import { MULTIVARIATE_METHOD_NAMES } from '../multivariate/methods.js';
import { PERFORMANCE_METRIC_NAMES } from '../performance/metric-registry.js';

/** `text`: one value; `list`: repeated flags, or one item per line of an input; `switch`: true or false. */
export type OptionKind = 'text' | 'list' | 'switch';

/** The headings of `--help`, in its order; an option of a heading the CLI lacks appears in action.yml only. */
export const SECTIONS = {
  data: `Data (${formatListing()}; any of them ${GZIP.extension}; globs allowed; several files for one side are concatenated), or profiles of it (several are merged):`,
  sources: 'Baselines from artifacts and SQL engines (the action; the CLI profiles a database with driftgate profile):',
  columns: 'Columns:',
  methods: 'Methods and thresholds (default: chosen per column, see below):',
  model: 'Model (prediction logs; see docs/model-monitoring.md):',
  multivariate: 'Multivariate drift (joint distribution of the features; needs rows, see docs/multivariate.md):',
  segments: 'Segments:',
  gate: 'Gate:',
  output: 'Output:',
  reports: 'Reports and metrics (the action):',
  profile:
    "Profiles (docs/profile-schema.md): a compact, mergeable baseline instead of the raw rows. Counts, missing cells, categories and moments are exact; a numerical column keeps every distinct value with its count (lossless: every method gives the raw data's values) up to --max-distinct values, else a quantile summary whose ranks are off by at most --rank-error of the rows, which the check states as each value's bound (ks, wasserstein and t_test are computed on a summary; other methods are refused).",
} as const;

export type Section = keyof typeof SECTIONS;

export interface ActionInput {
  /** The input's name in action.yml. */
  name: string;
  description: string;
  /** What the runner passes when the workflow leaves the input out; '' when absent. */
  default?: string;
  /** The reusable retrain workflow takes it too and passes it to the check step unchanged. */
  forwarded?: boolean;
}

export interface OptionSpec {
  kind: OptionKind;
  section: Section;
  /** The CLI flag without its dashes; absent: an input of the action only. */
  flag?: string;
  short?: string;
  /** A list flag whose values may follow it in a row, as a shell glob expands (`--baseline data/*.csv`). */
  variadic?: boolean;
  /** A switch the CLI spells as its negation: `--no-default-na-values` is `default-na-values: false`. */
  negated?: boolean;
  /** The value's placeholder in `--help` (COL, X, PATH...). */
  value?: string;
  /** `--help`'s words, wrapped when printed. */
  help?: string;
  /** The check action's input; absent: the CLI only. */
  input?: ActionInput;
}

const metricList = PERFORMANCE_METRIC_NAMES.join(', ');
const gateWords = 'data, prediction, performance, estimated-performance, multivariate, segment or any';

/** The options of `driftgate check` and the check action's inputs, in action.yml's order. */
export const CHECK_OPTIONS = {
  baseline: {
    kind: 'list',
    section: 'data',
    flag: 'baseline',
    variadic: true,
    value: 'PATH...',
    help: 'the data the deployed model was trained on, or its profile',
    input: {
      name: 'baseline',
      description: `Path or glob of the baseline data in the workspace (${formatTitles('or')}; optionally ${GZIP.extension}), or its profile. One per line; several files are concatenated, several profiles merged. Leave empty when using baseline-artifact or baseline-table / baseline-query.`,
    },
  },
  current: {
    kind: 'list',
    section: 'data',
    flag: 'current',
    variadic: true,
    value: 'PATH...',
    help: 'the fresh data, or its profile',
    input: {
      name: 'current',
      description:
        'Path or glob of the fresh data, or its profile. One per line; several files are concatenated. Leave empty when using current-table or current-query.',
    },
  },
  memoryBudget: {
    kind: 'text',
    section: 'data',
    flag: 'memory-budget',
    value: 'SIZE',
    help: "memory for holding data (512M, 4G; default half the machine's): a side whose files would need more is profiled while it is read, and the report says so",
    input: {
      name: 'memory-budget',
      description:
        "Memory for holding data, such as 512M or 4G (empty = half the runner's memory). A side whose files would need more is profiled while it is read, in memory bounded by the profile, and the report says so.",
      forwarded: true,
    },
  },
  baselineArtifact: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'baseline-artifact',
      description: 'Name of a workflow artifact holding the baseline data or profile (instead of baseline).',
      forwarded: true,
    },
  },
  baselineRunId: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'baseline-run-id',
      description:
        'The run whose artifact to use with baseline-artifact. Empty = this run; a run id; or "latest" = the newest successful run of baseline-workflow on baseline-branch.',
      forwarded: true,
    },
  },
  baselineWorkflow: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'baseline-workflow',
      description: 'Workflow file name (e.g. train.yml) or id, for baseline-run-id "latest".',
      forwarded: true,
    },
  },
  baselineBranch: {
    kind: 'text',
    section: 'sources',
    input: { name: 'baseline-branch', description: 'Branch for baseline-run-id "latest" (empty = any branch).', forwarded: true },
  },
  engine: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'engine',
      description:
        'SQL engine that profiles the baseline-table / baseline-query (and current-table / current-query) where the data lives - postgres, clickhouse or duckdb (empty = files only). See docs/sql-engines.md.',
      forwarded: true,
    },
  },
  connection: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'connection',
      description:
        "The engine's connection URL (postgres://user:password@host:5432/database, http://user:password@host:8123/database for ClickHouse, a database file for DuckDB). Pass it from a secret (such as secrets.WAREHOUSE_URL): it and its password are masked and never printed, also when the engine quotes them in an error.",
    },
  },
  baselineTable: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'baseline-table',
      description: 'Table (schema.table) whose profile, computed inside the engine, is the baseline (instead of baseline).',
      forwarded: true,
    },
  },
  baselineQuery: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'baseline-query',
      description: 'Query whose rows, profiled inside the engine, are the baseline (instead of baseline-table).',
      forwarded: true,
    },
  },
  currentTable: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'current-table',
      description: 'Table whose profile, computed inside the engine, is the fresh data (instead of current).',
    },
  },
  currentQuery: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'current-query',
      description: 'Query whose rows, profiled inside the engine, are the fresh data (instead of current-table).',
    },
  },
  githubToken: {
    kind: 'text',
    section: 'sources',
    input: {
      name: 'github-token',
      description: 'Token for reading artifacts of other runs (needs actions read permission).',
      default: '${{ github.token }}',
    },
  },
  columns: {
    kind: 'list',
    section: 'columns',
    flag: 'columns',
    value: 'COL',
    help: 'compare only this column (repeat for several)',
    input: { name: 'columns', description: 'Compare only these columns, one per line (empty = all baseline columns).', forwarded: true },
  },
  ignoreColumns: {
    kind: 'list',
    section: 'columns',
    flag: 'ignore',
    value: 'COL',
    help: 'leave this column out (repeat)',
    input: { name: 'ignore-columns', description: 'Columns to leave out, one per line (ids, timestamps).', forwarded: true },
  },
  numericalColumns: {
    kind: 'list',
    section: 'columns',
    flag: 'numerical',
    value: 'COL',
    help: 'treat this column as numerical (repeat; names may hold commas and spaces)',
    input: {
      name: 'numerical-columns',
      description: 'Columns to treat as numerical, one per line (others are inferred).',
      forwarded: true,
    },
  },
  categoricalColumns: {
    kind: 'list',
    section: 'columns',
    flag: 'categorical',
    value: 'COL',
    help: 'treat this column as categorical (repeat)',
    input: { name: 'categorical-columns', description: 'Columns to treat as categorical, one per line.', forwarded: true },
  },
  naValues: {
    kind: 'list',
    section: 'columns',
    flag: 'na-values',
    value: 'TEXT',
    help: `another cell text meaning "missing" in a numbers column (repeat; a number such as -999 matches by value). Added to the default list: ${DEFAULT_NA_VALUES.join(', ')} (pandas' list; the empty cell and NaN in any case are always missing; a column holding other text keeps these as categories)`,
    input: {
      name: 'na-values',
      description: `More cell texts that mean a missing value in a numbers column, one per line (a number such as -999 matches by value). They add to the default list ${DEFAULT_NA_VALUES.join(', ')} (pandas' list); columns holding other text keep these as categories.`,
      forwarded: true,
    },
  },
  defaultNaValues: {
    kind: 'switch',
    section: 'columns',
    flag: 'no-default-na-values',
    negated: true,
    help: 'only --na-values, the empty cell and NaN mean missing',
    input: {
      name: 'default-na-values',
      description: 'Whether the default missing-value list applies (false = only na-values, the empty cell and NaN count as missing).',
      default: 'true',
      forwarded: true,
    },
  },
  method: {
    kind: 'text',
    section: 'methods',
    flag: 'method',
    value: 'NAME',
    help: 'for every column whose type it supports',
    input: {
      name: 'method',
      description: 'Drift method for every column whose type it supports (empty = automatic choice per column).',
      forwarded: true,
    },
  },
  numericalMethod: {
    kind: 'text',
    section: 'methods',
    flag: 'numerical-method',
    value: 'NAME',
    help: 'for numerical columns',
    input: { name: 'numerical-method', description: 'Drift method for numerical columns.', forwarded: true },
  },
  categoricalMethod: {
    kind: 'text',
    section: 'methods',
    flag: 'categorical-method',
    value: 'NAME',
    help: 'for categorical columns',
    input: { name: 'categorical-method', description: 'Drift method for categorical columns.', forwarded: true },
  },
  columnMethods: {
    kind: 'list',
    section: 'methods',
    flag: 'column-method',
    value: 'COL=NAME',
    help: 'for one column (repeat)',
    input: { name: 'column-methods', description: 'Per-column methods, one COLUMN=METHOD per line.', forwarded: true },
  },
  pValueThreshold: {
    kind: 'text',
    section: 'methods',
    flag: 'p-value-threshold',
    value: 'X',
    help: 'for every p-value method: drift when p < X (default 0.05)',
    input: {
      name: 'p-value-threshold',
      description:
        "Threshold of every p-value method (drift below it) without a threshold below, and the alpha of auto distance thresholds. Empty = each method's default (0.05).",
      forwarded: true,
    },
  },
  distanceThreshold: {
    kind: 'text',
    section: 'methods',
    flag: 'distance-threshold',
    value: 'X|auto',
    help: 'for every distance method: drift when distance >= X (default 0.1); auto calibrates it on the data by permutation (see below)',
    input: {
      name: 'distance-threshold',
      description:
        "Threshold of every distance method (drift at or above it) without a threshold below, or auto to calibrate it on the data by permutation (drift when the permutation p-value is below p-value-threshold). Empty = each method's default (0.1).",
      forwarded: true,
    },
  },
  permutations: {
    kind: 'text',
    section: 'methods',
    flag: 'permutations',
    value: 'N',
    help: `relabellings for auto (default ${DEFAULT_PERMUTATIONS}; the smallest p is 1/(N+1))`,
    input: {
      name: 'permutations',
      description: 'Relabellings of the pooled rows for auto distance thresholds; the smallest p-value is 1/(permutations+1).',
      default: String(DEFAULT_PERMUTATIONS),
      forwarded: true,
    },
  },
  permutationSeed: {
    kind: 'text',
    section: 'methods',
    flag: 'permutation-seed',
    value: 'N',
    help: `seed of the relabellings (default ${DEFAULT_PERMUTATION_SEED}): same data, same thresholds`,
    input: {
      name: 'permutation-seed',
      description: 'Seed of the permutations (a whole number), so auto thresholds are the same on every run.',
      default: String(DEFAULT_PERMUTATION_SEED),
      forwarded: true,
    },
  },
  threshold: {
    kind: 'text',
    section: 'methods',
    flag: 'threshold',
    value: 'X',
    help: 'for every column whose method you chose (--method ...): a plain number says neither p-value nor distance, so it is refused where the automatic choice picks the method',
    input: {
      name: 'threshold',
      description:
        "Threshold for every column instead of each method's default (p-value methods drift below it, distances at or above it). It does not say which of the two it is, so it applies only to columns whose method is set (method, numerical-method, categorical-method, column-methods); otherwise use p-value-threshold or distance-threshold.",
      forwarded: true,
    },
  },
  numericalThreshold: {
    kind: 'text',
    section: 'methods',
    flag: 'numerical-threshold',
    value: 'X',
    help: 'the same, for numerical columns',
    input: {
      name: 'numerical-threshold',
      description: 'Threshold for numerical columns; like threshold, only where the method is set.',
      forwarded: true,
    },
  },
  categoricalThreshold: {
    kind: 'text',
    section: 'methods',
    flag: 'categorical-threshold',
    value: 'X',
    help: 'the same, for categorical columns',
    input: {
      name: 'categorical-threshold',
      description: 'Threshold for categorical columns; like threshold, only where the method is set.',
      forwarded: true,
    },
  },
  columnThresholds: {
    kind: 'list',
    section: 'methods',
    flag: 'column-threshold',
    value: 'COL=X',
    help: 'the same, for one column (repeat; X may be auto for a distance)',
    input: {
      name: 'column-thresholds',
      description:
        'Per-column thresholds, one COLUMN=NUMBER (or COLUMN=auto for a distance) per line; only for columns whose method is set.',
      forwarded: true,
    },
  },
  correction: {
    kind: 'text',
    section: 'methods',
    flag: 'correction',
    value: 'none|bonferroni|fdr',
    help: 'multiple-testing correction across p-value tests (default none)',
    input: {
      name: 'correction',
      description: 'Multiple-testing correction across p-value tests (none, bonferroni or fdr).',
      default: 'none',
      forwarded: true,
    },
  },
  minRows: {
    kind: 'text',
    section: 'methods',
    flag: 'min-rows',
    value: 'N',
    help: `fewer non-missing values on a side: "insufficient data" (default ${DEFAULT_MIN_ROWS})`,
    input: {
      name: 'min-rows',
      description: 'Fewer non-missing values than this on either side gives "insufficient data" for the column instead of a verdict.',
      default: String(DEFAULT_MIN_ROWS),
      forwarded: true,
    },
  },
  missingShareThreshold: {
    kind: 'text',
    section: 'methods',
    flag: 'missing-share-threshold',
    value: 'X',
    help: `a change of the missing share this large is drift (default ${DEFAULT_MISSING_SHARE_THRESHOLD})`,
    input: {
      name: 'missing-share-threshold',
      description: 'A column whose share of missing values changes by at least this much (absolute) has drifted.',
      default: String(DEFAULT_MISSING_SHARE_THRESHOLD),
      forwarded: true,
    },
  },
  driftShare: {
    kind: 'text',
    section: 'methods',
    flag: 'drift-share',
    value: 'X',
    help: `dataset drift when this share of columns drifted (default ${DEFAULT_DRIFT_SHARE})`,
    input: {
      name: 'drift-share',
      description: 'The dataset has drifted when at least this share of the compared columns drifted.',
      default: String(DEFAULT_DRIFT_SHARE),
      forwarded: true,
    },
  },
  allMethods: {
    kind: 'switch',
    section: 'methods',
    flag: 'all-methods',
    help: "add every applicable method's values to each column (JSON)",
  },
  prediction: {
    kind: 'text',
    section: 'model',
    flag: 'prediction',
    value: 'COL',
    help: "the model's prediction; tested for drift apart from the features",
    input: {
      name: 'prediction-column',
      description:
        "Column of the model's prediction (prediction logs). It leaves the feature table and is tested for drift in the model section.",
      forwarded: true,
    },
  },
  target: {
    kind: 'text',
    section: 'model',
    flag: 'target',
    value: 'COL',
    help: 'the true value (may be missing where labels have not arrived); with --prediction, also measures performance and when it slipped',
    input: {
      name: 'target-column',
      description:
        'Column of the true value; may be missing where labels have not arrived. With prediction-column, performance is measured on both sides and its change point located.',
      forwarded: true,
    },
  },
  probabilities: {
    kind: 'list',
    section: 'model',
    flag: 'probability',
    value: 'CLASS=COL',
    help: "the model's score for one class (repeat per class); or one 'PREFIX*': every column named PREFIX followed by the class (probability.*); or one COL, a binary model's probability of the positive class (predict_proba[:, 1]) in [0, 1], the other class getting 1 − p",
    input: {
      name: 'probability-columns',
      description:
        "The model's class scores, one CLASS=COLUMN per line, or one PREFIX* line for every column named PREFIX followed by the class (e.g. probability.*), or, for a binary model, one COLUMN holding the probability of the positive class (predict_proba[:, 1]; values in [0, 1]).",
      forwarded: true,
    },
  },
  positiveLabel: {
    kind: 'text',
    section: 'model',
    flag: 'positive-label',
    value: 'LABEL',
    help: "that positive class; default 1 when the labels are 0/1 or −1/1 (as scikit-learn's pos_label), else required; it must be a label seen, and more than two labels are refused",
    input: {
      name: 'positive-label',
      description:
        "The positive class of a binary model's one probability column (empty = 1 when the labels are 0/1 or -1/1, as scikit-learn's pos_label; other labels must name it). It must be one of the labels seen.",
      forwarded: true,
    },
  },
  order: {
    kind: 'text',
    section: 'model',
    flag: 'order',
    value: 'COL',
    help: "what orders the current rows in time (default: the rows' order)",
    input: {
      name: 'order-column',
      description:
        "Column that orders the current rows in time (a timestamp), for locating when performance started to slip (empty = the rows' order in the files).",
      forwarded: true,
    },
  },
  performanceMetric: {
    kind: 'text',
    section: 'model',
    flag: 'performance-metric',
    value: 'NAME',
    help: `${metricList} (default accuracy for classifiers, mae for regressors)`,
    input: {
      name: 'performance-metric',
      description: `Metric of the performance verdict - ${metricList}. Empty = accuracy for classifiers, mae for regressors.`,
      forwarded: true,
    },
  },
  maxDegradation: {
    kind: 'text',
    section: 'model',
    flag: 'max-degradation',
    value: 'X',
    help: 'tolerated worsening of the metric: absolute (0.02) or relative to the baseline (5%); default 5%',
    input: {
      name: 'max-degradation',
      description:
        'How much worse the metric may get before it is performance drift - absolute (0.02) or relative to the baseline value (5%). Empty = 5%.',
      forwarded: true,
    },
  },
  multivariate: {
    kind: 'list',
    section: 'multivariate',
    flag: 'multivariate',
    value: 'METHODS',
    help: `${MULTIVARIATE_METHOD_NAMES.join(', ')} (comma-separated), all, or off (default off)`,
    input: {
      name: 'multivariate',
      description: `Multivariate drift methods over the feature columns - ${MULTIVARIATE_METHOD_NAMES.join(', ')} (one per line or comma-separated), all, or off. They read every row, so they need raw data, not profiles.`,
      default: 'off',
      forwarded: true,
    },
  },
  segment: {
    kind: 'text',
    section: 'segments',
    flag: 'segment',
    value: 'COL',
    help: "split both sides by COL's values and check each segment on its own (drift, and performance with model columns), ranked by how much it drifted; the 20 largest segments by rows; needs rows, not profiles",
    input: {
      name: 'segment-column',
      description:
        'A column (region, plan, device) whose values split both sides into segments, each checked on its own (drift, and performance with model columns) and ranked by how much it drifted in every report; the 20 largest segments by rows. The gate is unchanged unless gate-on names segment.',
      forwarded: true,
    },
  },
  gateOn: {
    kind: 'list',
    section: 'gate',
    flag: 'gate-on',
    value: 'data|prediction|performance|estimated-performance|multivariate|segment|any',
    help: "the verdicts that fail the check (repeat; default any: all but segment, which trips when any segment drifted, and estimated-performance: while too few current rows are labelled for a performance verdict, the estimate without labels (one --probability column) decides, degraded when even its band's upper edge is worse than the baseline by more than --max-degradation)",
    input: {
      name: 'gate-on',
      description: `The verdicts that trip the gate (drift-detected, fail-on-drift) - ${gateWords} (all but segment and estimated-performance); several one per line. Without model columns only data can trip; multivariate trips only with a multivariate method on; segment when any segment drifted; estimated-performance (with one probability column) lets the performance estimated without labels decide while too few current rows are labelled for a performance verdict - degraded when even the estimate's band's upper edge is worse than the baseline by more than max-degradation.`,
      default: 'any',
      forwarded: true,
    },
  },
  insufficientData: {
    kind: 'text',
    section: 'gate',
    flag: 'insufficient-data',
    value: 'pass|fail',
    help: 'what a gated verdict with too little data to judge does: pass the gate (default) or fail it (no labelled rows, columns under --min-rows)',
    input: {
      name: 'insufficient-data',
      description:
        'What a gated verdict with too little data to judge (no labelled rows, columns under min-rows) does to the gate - pass (the default; the reports say it was not measured) or fail (drift-detected is "true", fail-on-drift fails the step).',
      default: 'pass',
      forwarded: true,
    },
  },
  failOnDrift: {
    kind: 'switch',
    section: 'reports',
    input: {
      name: 'fail-on-drift',
      description: 'Fail the step when the gate trips (default false, so the outputs can gate a later job).',
      default: 'false',
    },
  },
  reportDir: {
    kind: 'text',
    section: 'reports',
    input: {
      name: 'report-dir',
      description: 'Directory (in the workspace) for the JSON, Markdown, HTML reports and the metrics file.',
      default: 'driftgate-report',
    },
  },
  uploadReport: {
    kind: 'text',
    section: 'reports',
    input: { name: 'upload-report', description: 'Upload the reports as an artifact with this name (empty = no upload).' },
  },
  summary: {
    kind: 'switch',
    section: 'reports',
    input: { name: 'summary', description: 'Write the job summary.', default: 'true' },
  },
  pushgatewayUrl: {
    kind: 'text',
    section: 'reports',
    input: { name: 'pushgateway-url', description: 'Prometheus Pushgateway base URL to push the metrics to (empty = no push).' },
  },
  metricsJob: {
    kind: 'text',
    section: 'reports',
    input: { name: 'metrics-job', description: 'Job name for the Pushgateway grouping key.', default: 'driftgate' },
  },
  metricsLabels: {
    kind: 'list',
    section: 'reports',
    input: {
      name: 'metrics-labels',
      description: 'Labels added to every metric and to the Pushgateway grouping key, one NAME=VALUE per line (e.g. model=churn).',
    },
  },
  format: {
    kind: 'text',
    section: 'output',
    flag: 'format',
    value: 'FORMAT',
    help: 'text, markdown (the full report), summary (the GitHub job summary), json, html, prometheus (metrics exposition); default: from the --output extension (.txt .md .json .html .prom), else text',
  },
  output: {
    kind: 'text',
    section: 'output',
    flag: 'output',
    short: 'o',
    value: 'FILE',
    help: 'write the report to FILE (the text table still goes to stdout)',
  },
  exitZero: { kind: 'switch', section: 'output', flag: 'exit-zero', help: 'exit 0 even when the gate trips' },
  help: { kind: 'switch', section: 'output', flag: 'help', short: 'h', help: 'print this help' },
  version: { kind: 'switch', section: 'output', flag: 'version', help: "print driftgate's version" },
} as const satisfies Record<string, OptionSpec>;

/**
 * The options of `driftgate profile`. The column options are the check's own entries: a profile reads
 * its columns as the check would.
 */
export const PROFILE_OPTIONS = {
  data: {
    kind: 'list',
    section: 'profile',
    flag: 'data',
    variadic: true,
    value: 'PATH...',
    help: 'data files to profile, in one streaming pass',
  },
  merge: {
    kind: 'list',
    section: 'profile',
    flag: 'merge',
    variadic: true,
    value: 'PROFILE...',
    help: 'profiles of other rows (shards) to merge into one',
  },
  output: {
    kind: 'text',
    section: 'profile',
    flag: 'output',
    short: 'o',
    value: 'FILE',
    help: 'write the profile there (.json, or .json.gz compressed); else stdout',
  },
  numericalColumns: CHECK_OPTIONS.numericalColumns,
  categoricalColumns: CHECK_OPTIONS.categoricalColumns,
  naValues: CHECK_OPTIONS.naValues,
  defaultNaValues: CHECK_OPTIONS.defaultNaValues,
  help: CHECK_OPTIONS.help,
  maxDistinct: {
    kind: 'text',
    section: 'profile',
    flag: 'max-distinct',
    value: 'N',
    help: `most distinct values kept losslessly per column (default ${DEFAULT_PROFILE_SETTINGS.maxDistinct})`,
  },
  maxLosslessBytes: {
    kind: 'text',
    section: 'profile',
    flag: 'max-lossless-bytes',
    value: 'N',
    help: `and at most this many bytes of them (default ${DEFAULT_PROFILE_SETTINGS.maxLosslessBytes})`,
  },
  rankError: {
    kind: 'text',
    section: 'profile',
    flag: 'rank-error',
    value: 'X',
    help: `the summary's rank error, a share of the rows (default ${DEFAULT_PROFILE_SETTINGS.rankError})`,
  },
  maxCategories: {
    kind: 'text',
    section: 'profile',
    flag: 'max-categories',
    value: 'N',
    help: `categories kept per column; the rest pooled (default ${DEFAULT_PROFILE_SETTINGS.maxCategories})`,
  },
  engine: {
    kind: 'text',
    section: 'profile',
    flag: 'engine',
    value: 'postgres|clickhouse|duckdb',
    help: 'compute the profile inside this database, of --table or --query (docs/sql-engines.md)',
  },
  connection: {
    kind: 'text',
    section: 'profile',
    flag: 'connection',
    value: 'URL',
    help: "the engine's connection URL or DuckDB file; else the DRIFTGATE_CONNECTION environment variable. Never printed",
  },
  table: { kind: 'text', section: 'profile', flag: 'table', value: 'NAME', help: 'the table to profile (schema.table)' },
  query: { kind: 'text', section: 'profile', flag: 'query', value: 'SQL', help: 'the query whose rows to profile' },
  printSql: {
    kind: 'text',
    section: 'profile',
    flag: 'print-sql',
    value: 'DIALECT',
    help: 'print the statements of that profile for your own SQL tool, for the columns given by --numerical and --categorical, connecting to nothing',
  },
} as const satisfies Record<string, OptionSpec>;

export type CheckOptionKey = keyof typeof CHECK_OPTIONS;

/** The check action's input names. */
export type CheckInputName = {
  [Key in CheckOptionKey]: (typeof CHECK_OPTIONS)[Key] extends { input: { name: infer Name } } ? Name : never;
}[CheckOptionKey];

/** The options a command's parser knows, by flag, in the shape `node:util` parseArgs takes. */
export function parseArgsOptions(
  options: Record<string, OptionSpec>,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  return Object.fromEntries(
    Object.values(options)
      .filter((option) => option.flag !== undefined)
      .map((option) => [
        option.flag,
        {
          type: option.kind === 'switch' ? 'boolean' : 'string',
          ...(option.kind === 'list' ? { multiple: true } : {}),
          ...(option.short ? { short: option.short } : {}),
        },
      ]),
  );
}

/** The check action's inputs as action.yml declares them, in the table's order. */
export function actionInputs(): Array<[string, { description: string; required: false; default: string }]> {
  return Object.values(CHECK_OPTIONS as Record<string, OptionSpec>)
    .filter((option) => option.input !== undefined)
    .map(({ input }) => [input!.name, { description: input!.description, required: false, default: input!.default ?? '' }]);
}

/** The inputs the reusable retrain workflow forwards to the check step unchanged. */
export function forwardedInputs(): ActionInput[] {
  return Object.values(CHECK_OPTIONS as Record<string, OptionSpec>).flatMap((option) => (option.input?.forwarded ? [option.input] : []));
}
