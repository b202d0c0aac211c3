/**
 * Performance before the labels arrive: for a binary model logging its positive class's probability, CBPE
 * (`performance/cbpe.ts`) learnt on the labelled baseline estimates the metrics of the current rows that
 * have a prediction and a probability but no target yet, with a verdict a gate can take while the realized
 * one lacks labels, and those of the labelled current rows beside their realized values.
 */
import { formatCount, formatNumber } from '../core/format.js';
import { columnNamed, labelsOf, numbersOf } from './model-cells.js';
import type { ModelColumns } from './model-columns.js';
import type { VerdictOptions } from './model-performance.js';
import type {
  ClassificationSideMetrics,
  EstimatedMetricName,
  EstimatedMetricResult,
  EstimatedPerformance,
  EstimatedRows,
  EstimatedVerdict,
  PerformanceResult,
} from './result.js';
import type { Table } from '../core/table.js';
import {
  BAND_STANDARD_ERRORS,
  estimatedMetrics,
  estimatePerformance,
  expectedConfusion,
  fitCbpe,
  type CbpeModel,
  type EstimatedMetric,
  type LabelledBinaryRows,
  type UnlabelledBinaryRows,
} from '../performance/cbpe.js';
import { performanceMetric } from '../performance/metric-registry.js';
import type { ClassificationRows } from '../performance/rows.js';
import { binaryRocAuc } from '../performance/roc-auc.js';
import { allowedDegradation, beyondTolerance } from '../performance/verdict.js';

/**
 * CBPE learnt from the labelled baseline, on the current rows that have a prediction and a probability but
 * no target yet (the estimate proper) and on the labelled current rows as if they had none, so their
 * realized values show how well it estimates (NannyML's realized-versus-estimated comparison). Only with
 * one probability column (a binary model's positive class) and at least `minRows` labelled baseline rows.
 */
export function estimateWithoutLabels(
  realized: PerformanceResult,
  baseline: ClassificationRows,
  current: Table,
  currentLabelled: ClassificationRows,
  columns: ModelColumns,
  options: Pick<VerdictOptions, 'minRows'>,
): EstimatedPerformance | undefined {
  if (columns.probabilities.size !== 1 || !baseline.probabilities || baseline.yTrue.length < options.minRows) return undefined;
  const [[positive, probabilityName]] = [...columns.probabilities];
  const binary = (rows: ClassificationRows, scores: ArrayLike<number>): LabelledBinaryRows => ({
    scores,
    isPositive: rows.yTrue.map((label) => label === positive),
    predictedPositive: rows.yPred.map((label) => label === positive),
  });
  const model = fitCbpe(binary(baseline, baseline.probabilities.get(positive)!));
  const unlabelled = estimatedRows(model, unlabelledRows(current, columns, positive, probabilityName));
  // Without the probability column in the current data its labelled rows carry no scores to estimate from.
  const currentScores = currentLabelled.probabilities?.get(positive);
  const labelledRows = currentScores && binary(currentLabelled, currentScores);
  const labelled = labelledRows && estimatedRows(model, labelledRows, labelledRows);
  if (!unlabelled && !labelled) return undefined;
  const { calibration } = model;
  return {
    method: 'cbpe',
    positive_label: positive,
    baseline_rows: baseline.yTrue.length,
    band_standard_errors: BAND_STANDARD_ERRORS,
    calibration: {
      calibrated: calibration.calibrate,
      folds: calibration.folds,
      seed: calibration.seed,
      ...(calibration.rawError === undefined ? {} : { raw_ece: calibration.rawError }),
      ...(calibration.calibratedError === undefined ? {} : { calibrated_ece: calibration.calibratedError }),
      ...(calibration.skipped === undefined ? {} : { skipped: calibration.skipped }),
    },
    ...(unlabelled ? { unlabelled, verdict: estimatedVerdict(realized, unlabelled, options) } : {}),
    ...(labelled ? { labelled } : {}),
  };
}

/** The current rows with a prediction and a finite probability but no target. */
function unlabelledRows(current: Table, columns: ModelColumns, positive: string, probabilityName: string): UnlabelledBinaryRows {
  const rows = { scores: [] as number[], predictedPositive: [] as boolean[] };
  const prediction = columnNamed(current, columns.prediction!);
  const probability = columnNamed(current, probabilityName);
  if (!prediction || !probability) return rows;
  const target = columnNamed(current, columns.target!);
  const truth = target ? labelsOf(target) : () => undefined;
  const predicted = labelsOf(prediction);
  const scores = numbersOf(probability, `probability (class ${JSON.stringify(positive)})`, current, 'current');
  for (let row = 0; row < current.rowCount; row++) {
    const guess = predicted(row);
    if (truth(row) !== undefined || guess === undefined || !Number.isFinite(scores[row])) continue;
    rows.scores.push(scores[row]);
    rows.predictedPositive.push(guess === positive);
  }
  return rows;
}

/** The estimate over `rows`; with their labels (`truth`), each metric's realized value beside it. */
function estimatedRows(model: CbpeModel, rows: UnlabelledBinaryRows, truth?: LabelledBinaryRows): EstimatedRows | undefined {
  const estimate = estimatePerformance(model, rows);
  if (!estimate) return undefined;
  const realized = truth && realizedBinaryMetrics(truth);
  const result = (name: EstimatedMetricName, metric: EstimatedMetric): EstimatedMetricResult => {
    const { value, standardError, lower, upper } = metric;
    const banded: EstimatedMetricResult =
      standardError === undefined ? { value } : { value, standard_error: standardError, lower: lower!, upper: upper! };
    const actual = realized?.[name];
    if (actual === undefined) return banded;
    return { ...banded, realized: actual, ...(lower === undefined ? {} : { within_band: actual >= lower && actual <= upper! }) };
  };
  const { truePositives, falsePositives, falseNegatives, trueNegatives } = estimate.expectedConfusion;
  return {
    rows: estimate.rows,
    expected_confusion_matrix: {
      true_positives: truePositives,
      false_positives: falsePositives,
      false_negatives: falseNegatives,
      true_negatives: trueNegatives,
    },
    accuracy: result('accuracy', estimate.accuracy),
    precision: result('precision', estimate.precision),
    recall: result('recall', estimate.recall),
    f1: result('f1', estimate.f1),
    ...(estimate.rocAuc ? { roc_auc: result('roc_auc', estimate.rocAuc) } : {}),
  };
}

/**
 * The positive class's scores on labelled rows: CBPE's formulas over the realized confusion matrix are
 * scikit-learn's binary accuracy, precision, recall and F1 (a zero denominator giving 0, its default).
 */
function realizedBinaryMetrics(rows: LabelledBinaryRows): Partial<Record<EstimatedMetricName, number>> {
  const certain = rows.isPositive.map(Number);
  const rocAuc = binaryRocAuc(rows.isPositive, rows.scores);
  return { ...estimatedMetrics(expectedConfusion(certain, rows.predictedPositive)), ...(rocAuc === undefined ? {} : { roc_auc: rocAuc }) };
}

/**
 * The estimate's verdict on the unlabelled rows, on the chosen metric where CBPE estimates it (accuracy,
 * roc_auc), else on accuracy: degraded when the band's upper edge, the best the metric is likely to be,
 * is worse than the baseline's realized value by more than the tolerance (`max-degradation`, as for the
 * realized verdict). Both the estimate and the edge are then beyond it. The edge rather than the
 * estimate alone because the estimate has its own sampling error (wide on a few hundred rows), and a gate
 * that stops a release on numbers no label has confirmed should trip only when noise is an unlikely
 * explanation: with the ±3σ band, about 0.15 % of the time under CBPE's assumption. No verdict without a
 * band (no standard error) or a baseline value.
 */
function estimatedVerdict(
  realized: PerformanceResult,
  estimate: EstimatedRows,
  options: Pick<VerdictOptions, 'minRows'>,
): EstimatedVerdict {
  const name = realized.metric === 'roc_auc' ? 'roc_auc' : 'accuracy';
  const metric = performanceMetric(name)!;
  const baselineSide = realized.metrics.baseline as ClassificationSideMetrics | undefined;
  const baselineValue = baselineSide?.[name];
  const estimated = estimate[name];
  const common = {
    metric: name,
    metric_title: metric.title,
    replaces_realized: realized.status === 'insufficient-data' && realized.labelled_rows.current < options.minRows,
  } as const;
  const lacking = (reason: string): EstimatedVerdict => ({
    ...common,
    status: 'insufficient-data',
    reason,
    summary: `No estimated performance verdict: ${reason}.`,
  });
  if (baselineValue === undefined) return lacking(`${name} is not defined on the baseline rows`);
  if (estimated?.upper === undefined) return lacking(`${name} has no estimate with a band on the unlabelled rows`);
  const allowed = allowedDegradation(realized.max_degradation, baselineValue);
  const verdict: EstimatedVerdict = {
    ...common,
    status: beyondTolerance(baselineValue - estimated.upper, allowed, baselineValue) ? 'degraded' : 'ok',
    baseline_value: baselineValue,
    estimated_value: estimated.value,
    degradation: baselineValue - estimated.value,
    band_degradation: baselineValue - estimated.upper,
    allowed,
    summary: '',
  };
  verdict.summary = estimatedVerdictSummary(verdict, estimate);
  return verdict;
}

function estimatedVerdictSummary(verdict: EstimatedVerdict, estimate: EstimatedRows): string {
  const band = estimate[verdict.metric]!;
  const change = `${verdict.metric_title} ${formatNumber(verdict.baseline_value!)} → ${formatNumber(verdict.estimated_value!)} estimated on ${formatCount(estimate.rows)} unlabelled rows`;
  const bandText = `±${BAND_STANDARD_ERRORS}σ band ${formatNumber(band.lower!)} to ${formatNumber(band.upper!)}`;
  const allowed = formatNumber(verdict.allowed!);
  return verdict.status === 'degraded'
    ? `Estimated performance drift: ${change} (${bandText}), worse by more than the ${allowed} allowed even at the band's upper edge.`
    : `No estimated performance drift: ${change} (${bandText}), the band's upper edge within the ${allowed} allowed.`;
}
