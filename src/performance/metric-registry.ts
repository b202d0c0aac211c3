/**
 * The performance metrics a verdict can be asked for (`performance-metric`), each listed once with what
 * the verdict and the reports need to know about it: its task, which direction is better, and whether
 * it needs the model's class probabilities.
 *
 * Names are scikit-learn's scorer names where one exists (`accuracy`, `balanced_accuracy`, `f1_macro`,
 * `precision_macro`, `recall_macro`, `roc_auc`, `r2`) and the usual abbreviations otherwise (`log_loss`,
 * `mae`, `rmse`, `mape`); values are the metrics themselves, not scikit-learn's negated "higher is better"
 * scorer variants.
 *
 * @example
 * const metric = performanceMetric('rmse');
 * metric?.direction; // => 'lower'
 * metric?.compute({ task: 'regression', yTrue: [1, 2], yPred: [1, 4] }); // => 1.4142135623730951
 */
import { accuracy } from './accuracy.js';
import { balancedAccuracy } from './balanced-accuracy.js';
import { logLoss } from './log-loss.js';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { precisionRecallF1 } from './precision-recall-f1.js';
import { r2 } from './r2.js';
import { prepareResampling, type ResampledMetric } from './resampling.js';
import { rocAuc } from './roc-auc.js';
import { rootMeanSquaredError } from './root-mean-squared-error.js';
import type { ClassificationRows, LabelledRows, PerformanceTask } from './rows.js';

export const PERFORMANCE_METRIC_NAMES = [
  'accuracy',
  'balanced_accuracy',
  'f1_macro',
  'precision_macro',
  'recall_macro',
  'roc_auc',
  'log_loss',
  'mae',
  'rmse',
  'mape',
  'r2',
] as const;

export type PerformanceMetricName = (typeof PERFORMANCE_METRIC_NAMES)[number];

/** Which way is better: a degradation is a move the other way. */
export type MetricDirection = 'higher' | 'lower';

export interface PerformanceMetric {
  readonly name: PerformanceMetricName;
  readonly title: string;
  readonly task: PerformanceTask;
  readonly direction: MetricDirection;
  readonly needsProbabilities: boolean;
  /**
   * The metric on one side's rows. Undefined when the rows are of the other task, lack the probabilities
   * the metric needs, or the metric is not defined on them (see each metric's module).
   */
  compute(rows: LabelledRows): number | undefined;
  /** The metric on resamples of `rows`, for the bootstrap (`resampling.ts`); same definition as `compute`. */
  prepare(rows: LabelledRows): ResampledMetric;
}

function classification(
  name: PerformanceMetricName,
  title: string,
  direction: MetricDirection,
  needsProbabilities: boolean,
  compute: (rows: ClassificationRows) => number | undefined,
): PerformanceMetric {
  return {
    name,
    title,
    task: 'classification',
    direction,
    needsProbabilities,
    compute: (rows) => (rows.task === 'classification' ? compute(rows) : undefined),
    prepare: (rows) => prepareResampling(name, rows),
  };
}

function regression(
  name: PerformanceMetricName,
  title: string,
  direction: MetricDirection,
  compute: (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number | undefined,
): PerformanceMetric {
  return {
    name,
    title,
    task: 'regression',
    direction,
    needsProbabilities: false,
    compute: (rows) => (rows.task === 'regression' ? compute(rows.yTrue, rows.yPred) : undefined),
    prepare: (rows) => prepareResampling(name, rows),
  };
}

export const PERFORMANCE_METRICS: readonly PerformanceMetric[] = [
  classification('accuracy', 'Accuracy', 'higher', false, (rows) => accuracy(rows.yTrue, rows.yPred)),
  classification('balanced_accuracy', 'Balanced accuracy', 'higher', false, (rows) => balancedAccuracy(rows.yTrue, rows.yPred)),
  classification('f1_macro', 'F1 (macro)', 'higher', false, (rows) => precisionRecallF1(rows.yTrue, rows.yPred)?.f1Macro),
  classification(
    'precision_macro',
    'Precision (macro)',
    'higher',
    false,
    (rows) => precisionRecallF1(rows.yTrue, rows.yPred)?.precisionMacro,
  ),
  classification('recall_macro', 'Recall (macro)', 'higher', false, (rows) => precisionRecallF1(rows.yTrue, rows.yPred)?.recallMacro),
  classification('roc_auc', 'ROC AUC', 'higher', true, (rows) => rows.probabilities && rocAuc(rows.yTrue, rows.probabilities)),
  classification('log_loss', 'Log loss', 'lower', true, (rows) => rows.probabilities && logLoss(rows.yTrue, rows.probabilities)),
  regression('mae', 'Mean absolute error', 'lower', meanAbsoluteError),
  regression('rmse', 'Root mean squared error', 'lower', rootMeanSquaredError),
  regression('mape', 'Mean absolute percentage error', 'lower', meanAbsolutePercentageError),
  regression('r2', 'R²', 'higher', r2),
];

const byName = new Map(PERFORMANCE_METRICS.map((metric) => [metric.name as string, metric]));

/** The metric called `name`, or undefined for an unknown name (validate user input with it). */
export function performanceMetric(name: string): PerformanceMetric | undefined {
  return byName.get(name);
}
