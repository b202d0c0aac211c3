/**
 * The multivariate section of a drift check's result, in the JSON report's field names (see
 * docs/report-schema.md).
 */
export type MultivariateMethodName = 'reconstruction-error' | 'domain-classifier' | 'mmd';

export type MultivariateStatus = 'drift' | 'no-drift' | 'insufficient-data';

export interface MultivariateMethodResult {
  method: MultivariateMethodName;
  title: string;
  status: MultivariateStatus;
  drift_detected: boolean;
  /** How `score` is judged: outside [lower_threshold, upper_threshold] (`band`), at or above `threshold` (`distance`), below it (`p_value`). */
  output: 'band' | 'distance' | 'p_value';
  /** Reconstruction error: the current rows' mean error; domain classifier: max(0, 2·AUC − 1); MMD: the p-value. */
  score?: number;
  threshold?: number;
  lower_threshold?: number;
  upper_threshold?: number;
  /** The feature columns the method read. */
  columns: string[];
  /** Rows it used from each side (after its row budget). */
  rows?: { baseline: number; current: number };
  /** Under no drift, the method's share of checks that flag drift all the same (see its documentation). */
  false_alarm_rate: number;
  /** Reconstruction error. */
  components?: number;
  explained_variance?: number;
  baseline_error?: number;
  /** Domain classifier. */
  auc?: number;
  folds?: number;
  /** Domain classifier: the columns that tell the sides apart most, with their share of the split gain. */
  top_features?: Array<{ column: string; importance: number }>;
  /** MMD. */
  mmd2?: number;
  sigma?: number;
  permutations?: number;
  /** Why there is no verdict; only with `insufficient-data`. */
  reason?: string;
  summary: string;
}

export interface MultivariateResult {
  status: MultivariateStatus;
  drift_detected: boolean;
  /** The methods that found drift. */
  drifted_methods: MultivariateMethodName[];
  /** Seed of every random choice (row budgets, folds, shuffles, permutations). */
  seed: number;
  methods: MultivariateMethodResult[];
  summary: string;
}
