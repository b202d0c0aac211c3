/**
 * The outcome of a drift check, as the engine produces it and every report renders it. Field names are
 * those of the JSON report (snake_case), so the JSON writer is a projection, not a translation.
 */
import type { ColumnKind } from '../core/table.js';
import type { TimeEncoding } from './time.js';
import type { Correction, Gate, InsufficientDataRule } from './options.js';
import type { ResultBounds, TestResult } from '../stattests/types.js';
import type { DetectorName } from '../performance/change-point.js';
import type { MetricDirection, PerformanceMetricName } from '../performance/metric-registry.js';
import type { PerformanceTask } from '../performance/rows.js';
import type { MaxDegradation, PerformanceStatus } from '../performance/verdict.js';
import type { MultivariateResult } from '../multivariate/result.js';

export type ColumnStatus = 'drift' | 'no-drift' | 'insufficient-data' | 'missing-in-current' | 'new-in-current' | 'not-tested';

export type DatasetStatus = 'drift' | 'no-drift' | 'insufficient-data';

export interface SideSummary {
  rows: number;
  missing: number;
  missing_share: number;
  /** Numerical columns: summary statistics of the non-missing values. */
  mean?: number;
  std?: number;
  min?: number;
  median?: number;
  max?: number;
  /** Categorical columns: number of distinct categories. */
  categories?: number;
}

/** Compact histograms of both sides, enough to draw a chart without the data. */
export type Histogram =
  /** `edges_time`: the edges are instants (Unix milliseconds or seconds), charted as UTC dates. */
  | { kind: 'bins'; edges: number[]; baseline: number[]; current: number[]; edges_time?: TimeEncoding }
  | { kind: 'categories'; categories: string[]; baseline: number[]; current: number[]; other_baseline: number; other_current: number };

/** Which way a column moved, in the user's terms. */
export type Direction =
  | { kind: 'shift'; baseline_mean: number; current_mean: number; change: number }
  | { kind: 'share'; category: string; baseline_share: number; current_share: number; change: number };

export interface ColumnResult {
  name: string;
  type: ColumnKind;
  status: ColumnStatus;
  drift_detected: boolean;
  /** Why it drifted, or why it was not tested; human-readable. The test's own verdict, when it drifted, comes first. */
  reasons: string[];
  /** Whether the test alone (score against threshold) says the distribution changed. */
  distribution_drift?: boolean;
  method?: string;
  method_title?: string;
  /** Whether the method came from the auto-selection rule. */
  auto_selected?: boolean;
  output?: 'p_value' | 'distance';
  statistic?: number;
  p_value?: number;
  /** p-value after the multiple-testing correction, when one is used. */
  p_value_adjusted?: number;
  dof?: number;
  distance?: number;
  threshold?: number;
  /** A distance threshold calibrated by permutation (`auto`): drift when its p-value is below `alpha`. */
  calibration?: { method: 'permutation'; permutations: number; seed: number; alpha: number; p_value: number };
  /** The value compared with the threshold: the (adjusted) p-value or the distance. */
  score?: number;
  /** A distance beside every p-value, so significant can be told from large. */
  effect_size?: { method: string; distance: number };
  missing_share_change?: number;
  direction?: Direction;
  baseline: SideSummary;
  current: SideSummary;
  histogram?: Histogram;
  /**
   * Set when the value came from a profile that is not exact for this column: why, and how far each field
   * can be from what the rows would give (a p-value as the interval it lies in).
   */
  approximate?: { why: string; bounds: ResultBounds };
  /** With `allMethods`: every applicable method's values, by method name. */
  methods?: Record<string, TestResult>;
}

export interface DatasetResult {
  drift_detected: boolean;
  status: DatasetStatus;
  drift_share: number;
  drifted_count: number;
  tested_count: number;
  column_count: number;
  drifted_columns: string[];
  rule: {
    drift_share_threshold: number;
    correction: Correction;
    min_rows: number;
    missing_share_threshold: number;
  };
  /** One sentence a reviewer understands. */
  summary: string;
}

/** The one answer a pipeline acts on: did any of the verdicts chosen with `gate-on` find drift? */
export interface GateResult {
  on: Gate[];
  tripped: boolean;
  /** The chosen verdicts that found drift, in `on` order. */
  tripped_by: Gate[];
  /** The chosen verdicts that could not be judged for lack of data, in `on` order. */
  insufficient_data: Gate[];
  /** `fail`: any of `insufficient_data` trips the gate too. */
  on_insufficient_data: InsufficientDataRule;
  summary: string;
}

export type ModelColumnRole = 'prediction' | 'probability' | 'target';

/** A prediction, class-probability or target column, tested like a feature but reported apart from them. */
export interface ModelColumnResult extends ColumnResult {
  role: ModelColumnRole;
  /** Probability columns: the class whose score the column holds. */
  class_label?: string;
}

/** Drift of a group of model columns: any drifted column is drift. */
export interface ColumnGroupDrift {
  status: DatasetStatus;
  drift_detected: boolean;
  drifted_columns: string[];
}

/** Every metric of one side, keyed by the metric names of `performance-metric`. */
export interface ClassificationSideMetrics {
  rows: number;
  labels: readonly string[];
  /** `confusion_matrix[true label index][predicted label index]`, indices into `labels`. */
  confusion_matrix: number[][];
  accuracy: number;
  balanced_accuracy: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  roc_auc?: number;
  log_loss?: number;
  per_class: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
}

export interface RegressionSideMetrics {
  rows: number;
  mae: number;
  rmse: number;
  mape: number;
  r2?: number;
}

export type SideMetrics = ClassificationSideMetrics | RegressionSideMetrics;

export interface PerformanceResult {
  metric: PerformanceMetricName;
  metric_title: string;
  direction: MetricDirection;
  status: PerformanceStatus;
  drift_detected: boolean;
  /** Why there is no verdict; only with "insufficient-data". */
  reason?: string;
  max_degradation: MaxDegradation;
  labelled_rows: { baseline: number; current: number };
  baseline_value?: number;
  current_value?: number;
  /** current − baseline. */
  difference?: number;
  /** How much worse current is, in the metric's units (negative: better). */
  degradation?: number;
  /** The largest degradation tolerated, in the metric's units. */
  allowed?: number;
  /** Seeded percentile bootstrap interval of current − baseline. */
  interval?: { lower: number; upper: number; confidence: number; resamples: number; seed: number; undefined_resamples: number };
  /** Every metric of each side that has labelled rows. */
  metrics: { baseline?: SideMetrics; current?: SideMetrics };
  /**
   * Performance estimated without labels (CBPE, `performance/cbpe.ts`): on the current rows whose target
   * is missing (the headline), and on the labelled ones as if unlabelled, beside their realized values;
   * only for a binary model logging its positive class's probability, with a labelled baseline.
   */
  estimated?: EstimatedPerformance;
  summary: string;
}

/** An estimated metric and its band, the estimate ± `band_standard_errors` standard errors within [0, 1]. */
export interface EstimatedMetricResult {
  value: number;
  standard_error?: number;
  lower?: number;
  upper?: number;
  /** Labelled rows only: the metric on their labels, and whether it lies in the band. */
  realized?: number;
  within_band?: boolean;
}

/** The metrics CBPE estimates, as the JSON report names them. */
export type EstimatedMetricName = 'accuracy' | 'precision' | 'recall' | 'f1' | 'roc_auc';

/** CBPE's estimate over one group of current rows. */
export interface EstimatedRows {
  rows: number;
  expected_confusion_matrix: { true_positives: number; false_positives: number; false_negatives: number; true_negatives: number };
  accuracy: EstimatedMetricResult;
  precision: EstimatedMetricResult;
  recall: EstimatedMetricResult;
  f1: EstimatedMetricResult;
  /** Unset when the rows are expected to hold one class only. */
  roc_auc?: EstimatedMetricResult;
}

/**
 * The estimate's verdict on the unlabelled rows: degraded when even the band's upper edge is worse than
 * the baseline's realized value by more than the tolerance (`model-estimate.ts`, `estimatedVerdict`).
 */
export interface EstimatedVerdict {
  /** The verdict's metric when CBPE estimates it (accuracy, roc_auc), else accuracy. */
  metric: 'accuracy' | 'roc_auc';
  metric_title: string;
  status: PerformanceStatus;
  /** Why there is no verdict; only with "insufficient-data". */
  reason?: string;
  /** The performance verdict lacks labelled current rows, so this one stands in for it. */
  replaces_realized: boolean;
  baseline_value?: number;
  estimated_value?: number;
  /** baseline − estimate, and baseline − the band's upper edge. */
  degradation?: number;
  band_degradation?: number;
  allowed?: number;
  summary: string;
}

export interface EstimatedPerformance {
  method: 'cbpe';
  positive_label: string;
  /** Labelled baseline rows the calibration and the standard errors were learnt from. */
  baseline_rows: number;
  band_standard_errors: number;
  /** Whether the scores were calibrated (isotonic, on the baseline), and the comparison that decided it. */
  calibration: {
    calibrated: boolean;
    folds: number;
    seed: number;
    /** Expected calibration error (10 equal-width bins) of the raw and out-of-fold calibrated baseline scores. */
    raw_ece?: number;
    calibrated_ece?: number;
    skipped?: 'one class' | 'too few rows';
  };
  /** Current rows with a prediction and probability but no target yet: the estimate proper. */
  unlabelled?: EstimatedRows;
  /** Labelled current rows estimated as if unlabelled, each metric with its `realized` value. */
  labelled?: EstimatedRows;
  /** With unlabelled rows. */
  verdict?: EstimatedVerdict;
}

/** A place in the stream of labelled current rows. */
export interface StreamPoint {
  /** 0-based place in the ordered stream. */
  position: number;
  /** 0-based index of the row in the current data (files concatenated in the order read). */
  row: number;
  /** That row's order-column value. */
  order?: number | string;
}

export interface DetectorResult {
  status: 'change' | 'no-change' | 'not-applicable';
  /** Where the rise most likely began. */
  onset?: StreamPoint;
  /** Where the detector became sure. */
  detected?: StreamPoint;
  reason?: string;
}

/** The error signal averaged over consecutive stretches of the stream, for charts. */
export interface ErrorBucket {
  first_position: number;
  rows: number;
  first_row: number;
  /** Order values of the bucket's first and last rows. */
  from?: number | string;
  to?: number | string;
  /** Error rate (classification) or mean absolute error (regression) of the bucket's rows. */
  error: number;
}

export interface ChangePointResult {
  /** ADWIN's outcome, the headline; `insufficient-data` below `min_rows` labelled rows in the stream. */
  status: 'change' | 'no-change' | 'insufficient-data';
  detector: DetectorName;
  onset?: StreamPoint;
  detected?: StreamPoint;
  reason?: string;
  stream: {
    rows: number;
    order_column?: string;
    /** How the order values are times, when they are: Unix milliseconds or seconds, or ISO 8601 text. */
    order_time?: TimeEncoding;
    signal: 'misclassification' | 'absolute-error';
    /** Regression: what the absolute errors were divided by before the detectors saw them. */
    scale?: number;
  };
  detectors: Record<DetectorName, DetectorResult>;
  error_series: ErrorBucket[];
  summary: string;
}

export interface ModelResult {
  task: PerformanceTask;
  prediction_column?: string;
  target_column?: string;
  /** Class label → column. */
  probability_columns?: Record<string, string>;
  order_column?: string;
  columns: ModelColumnResult[];
  prediction_drift: ColumnGroupDrift;
  target_drift: ColumnGroupDrift;
  /** With both a target and a prediction column. */
  performance?: PerformanceResult;
  change_point?: ChangePointResult;
}

/** Where a side's data came from. */
export interface SideSource {
  sources: readonly string[];
  rows: number;
  /** The side is a profile: read from a profile file, or built while streaming data over the memory budget. */
  profiled?: 'file' | 'streamed';
}

/** One segment's own check: its rows of both sides compared as a whole check is. */
export interface SegmentResult {
  /** The segment column's value, as text. */
  value: string;
  rows: { baseline: number; current: number };
  /** Its features drifted (the dataset rule over its rows), or its performance degraded. */
  drift_detected: boolean;
  dataset: DatasetResult;
  /** The largest effect size among its columns, for ranking segments that drifted alike. */
  largest_effect?: number;
  performance?: PerformanceResult;
}

export interface SegmentsResult {
  column: string;
  /** Drifted first, then by the share of drifted columns, then by the largest effect. */
  segments: SegmentResult[];
  /** Values past the largest 20 segments by rows, not compared. */
  left_out: number;
}

export interface DriftResult {
  baseline: SideSource;
  current: SideSource;
  gate: GateResult;
  /** With prediction or target columns. */
  model?: ModelResult;
  dataset: DatasetResult;
  /** With multivariate methods chosen: drift in the features' joint distribution. */
  multivariate?: MultivariateResult;
  /** With a segment column: every segment's own drift and performance. */
  segments?: SegmentsResult;
  columns: ColumnResult[];
}
