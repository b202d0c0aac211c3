/**
 * The model section of a check: when the data carries the model's predictions (and, once they arrive, the
 * true labels), measure the model itself, not just its inputs.
 *
 * - Which columns play which part (`resolveModelColumns`), and whether the model is a classifier or a
 *   regressor (`inferTask`). The drift engine tests those columns like features but reports them here.
 * - Performance (`assessModel`): every metric on each side's labelled rows, and the verdict on the chosen
 *   metric with its seeded bootstrap interval (`performance/verdict.ts`). A row is labelled when its
 *   target, prediction and every class probability are present.
 * - Performance before the labels arrive (`assessModel`, `performance.estimated`): for a binary model logging
 *   its positive class's probability, CBPE (`performance/cbpe.ts`) learnt on the labelled baseline estimates
 *   the metrics of the current rows that have a prediction and a probability but no target yet, with a
 *   verdict a gate can take while the realized one lacks labels, and those of the labelled current rows
 *   beside their realized values.
 * - When it started (`assessModel`): the three stream detectors over the per-row error of the labelled
 *   CURRENT rows in time order (the order column, or the rows' order in the files). The baseline is not
 *   streamed: it is the reference the model was accepted on, so a change inside it is not news. ADWIN
 *   leads, as the detector with the fewest false alarms on stationary streams (about none, where DDM
 *   with its published defaults alarms on about half of long ones; `performance/change-point.ts`).
 */
import { max, min } from 'simple-statistics';
import { InputError } from '../core/errors.js';
import { formatNumber, formatPercent } from '../core/format.js';
import { MISSING_CODE, type Column, type ColumnKind, type Table } from '../core/table.js';
import { epochEncodingOf, epochMilliseconds, formatUtc, ISO_TIMESTAMP, type TimeEncoding } from './time.js';
import { inferKind } from './typing.js';
import type { ModelOptions } from './options.js';
import type {
  ChangePointResult,
  ColumnGroupDrift,
  DetectorResult,
  ErrorBucket,
  ClassificationSideMetrics,
  EstimatedMetricName,
  EstimatedMetricResult,
  EstimatedPerformance,
  EstimatedRows,
  EstimatedVerdict,
  ModelColumnResult,
  PerformanceResult,
  SideMetrics,
  StreamPoint,
} from './result.js';
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
import { errorSignal, firstChangePoints, type DetectorName, type DetectorOutcome } from '../performance/change-point.js';
import { classificationMetrics } from '../performance/classification.js';
import { compareLabels } from '../performance/label-order.js';
import { performanceMetric, type PerformanceMetric, type PerformanceMetricName } from '../performance/metric-registry.js';
import { regressionMetrics } from '../performance/regression.js';
import type { ClassificationRows, LabelledRows, PerformanceTask } from '../performance/rows.js';
import { binaryRocAuc } from '../performance/roc-auc.js';
import { allowedDegradation, beyondTolerance, performanceVerdict, type MaxDegradation } from '../performance/verdict.js';

/**
 * Accuracy rather than macro F1 for classifiers: everyone reads it, a tolerance on it reads directly ("two
 * points"), and it does not collapse when a rare class goes missing from a batch of labels, which macro
 * scores count as a zero (`precision-recall-f1.ts`). MAE for regressors: in the target's units, not
 * dominated by a few outliers as RMSE is, and the very signal the detectors watch.
 */
const DEFAULT_PERFORMANCE_METRIC: Record<PerformanceTask, PerformanceMetricName> = { classification: 'accuracy', regression: 'mae' };

/** Which column plays which part, resolved against the data. */
export interface ModelColumns {
  prediction?: string;
  target?: string;
  /**
   * Class label → column, classes in scikit-learn's order; one entry for a binary model logging only its
   * positive class's probability (`performance/rows.ts`).
   */
  probabilities: ReadonlyMap<string, string>;
  order?: string;
}

/** Every column the model section uses, so the feature table leaves them out. */
export function modelColumnNames(columns: ModelColumns): Set<string> {
  return new Set(
    [columns.prediction, columns.target, columns.order, ...columns.probabilities.values()].filter((name): name is string => name !== undefined),
  );
}

export function resolveModelColumns(options: ModelOptions, baseline: Table, current: Table): ModelColumns {
  if (options.prediction === undefined && options.target === undefined) {
    throw new InputError('the model section needs a prediction column, a target column or both');
  }
  const names = new Set([...baseline.columns, ...current.columns].map((column) => column.name));
  const requireColumn = (part: string, name: string) => {
    if (!names.has(name)) throw new InputError(`${part} column ${JSON.stringify(name)} is in neither the baseline nor the current data`);
  };
  if (options.prediction !== undefined) requireColumn('prediction', options.prediction);
  if (options.target !== undefined) requireColumn('target', options.target);
  if (options.order !== undefined && !current.columns.some((column) => column.name === options.order)) {
    throw new InputError(`order column ${JSON.stringify(options.order)} is not in the current data, whose rows it should order`);
  }

  let probabilities = new Map<string, string>();
  let positiveColumn: string | undefined;
  let namedClass: string | undefined;
  if (options.probabilities?.kind === 'columns') {
    for (const [label, name] of options.probabilities.columns) {
      requireColumn(`probability (class ${JSON.stringify(label)})`, name);
      probabilities.set(label, name);
    }
  } else if (options.probabilities?.kind === 'prefix') {
    const { prefix } = options.probabilities;
    for (const name of names) if (name.startsWith(prefix) && name.length > prefix.length) probabilities.set(name.slice(prefix.length), name);
    if (probabilities.size === 0) throw new InputError(`no column name starts with the probability prefix ${JSON.stringify(prefix)}`);
  } else if (options.probabilities?.kind === 'positive') {
    positiveColumn = options.probabilities.column;
    requireColumn('probability', positiveColumn);
  }
  if ((probabilities.size > 0 || positiveColumn !== undefined) && options.prediction === undefined) {
    throw new InputError('class probabilities need the prediction column too: name it as well');
  }
  if (options.positiveLabel !== undefined && probabilities.size > 1) {
    throw new InputError(
      `a positive label goes with one probability column; with one column per class (${[...probabilities.keys()].sort(compareLabels).join(', ')}) the positive class of a binary model is the greater label, as scikit-learn takes predict_proba[:, 1]`,
    );
  }
  if (probabilities.size === 1) [[namedClass, positiveColumn]] = [...probabilities];
  if (positiveColumn !== undefined) {
    const labelColumns = [options.prediction, options.target].filter((name) => name !== undefined);
    for (const name of labelColumns) requireClassLabels(name, [baseline, current]);
    const seen = { labels: labelsSeen(labelColumns, [baseline, current]), where: options.target === undefined ? 'the prediction column' : 'the prediction and target columns' };
    const positive = positiveClass(namedClass, options.positiveLabel, seen);
    requireProbabilities(positiveColumn, positive, { baseline, current });
    probabilities = new Map([[positive, positiveColumn]]);
  }

  const resolved: ModelColumns = {
    prediction: options.prediction,
    target: options.target,
    probabilities: new Map([...probabilities].sort(([a], [b]) => compareLabels(a, b))),
    order: options.order,
  };
  const parts = [resolved.prediction, resolved.target, resolved.order, ...probabilities.values()].filter((name) => name !== undefined);
  const repeated = parts.find((name, index) => parts.indexOf(name) !== index);
  if (repeated !== undefined) throw new InputError(`column ${JSON.stringify(repeated)} is named for two parts of the model (prediction, target, probability, order)`);
  return resolved;
}

/** scikit-learn's default `pos_label`: 1, when the classes are 0 and 1 or −1 and 1 (or one of those). */
const DEFAULT_POSITIVE_LABEL = '1';
const DEFAULT_POSITIVE_LABEL_SETS = [new Set(['0', '1']), new Set(['-1', '1'])];

/**
 * The positive class of a binary model logging one probability column: the class the column was named
 * for (`CLASS=COL`, or the one column a prefix matched), or the positive label given (the two must agree),
 * or else scikit-learn's default. It must be among the labels seen, and those at most two.
 */
function positiveClass(named: string | undefined, given: string | undefined, seen: { labels: readonly string[]; where: string }): string {
  const labels = describeLabels(seen.labels);
  if (seen.labels.length > 2) {
    throw new InputError(
      `one probability column is for a binary model, but ${seen.where} hold ${seen.labels.length} labels (${labels}): give one probability column per class (CLASS=COLUMN)`,
    );
  }
  if (named !== undefined && given !== undefined && named !== given) {
    throw new InputError(`the one probability column is named for class ${JSON.stringify(named)}, but the positive label is ${JSON.stringify(given)}: give one of them`);
  }
  const chosen = named ?? given;
  if (chosen === undefined) {
    if (DEFAULT_POSITIVE_LABEL_SETS.some((set) => seen.labels.every((label) => set.has(label)))) return DEFAULT_POSITIVE_LABEL;
    throw new InputError(
      `one probability column holds the probability of the positive class, and with labels ${labels} there is no default (scikit-learn's is 1, for labels 0 and 1 or -1 and 1): name the positive class (--positive-label, or the action's positive-label)`,
    );
  }
  if (!seen.labels.includes(chosen)) {
    throw new InputError(`the positive class ${JSON.stringify(chosen)} is not among the labels of ${seen.where} (${labels || 'none'})`);
  }
  return chosen;
}

/** The distinct class labels of the named columns on both sides, in scikit-learn's order. */
function labelsSeen(names: readonly string[], tables: readonly Table[]): string[] {
  const seen = new Set<string>();
  for (const table of tables) {
    for (const name of names) {
      const column = columnNamed(table, name);
      if (column?.storage === 'text') {
        for (const code of column.codes) if (code !== MISSING_CODE) seen.add(column.dictionary[code]);
      } else if (column) {
        for (const value of column.values) if (Number.isFinite(value)) seen.add(numberLabel(value));
      }
    }
  }
  return [...seen].sort(compareLabels);
}

/** Up to five labels, quoted, for messages. */
function describeLabels(labels: readonly string[]): string {
  const shown = labels.slice(0, 5).map((label) => JSON.stringify(label));
  return labels.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A single probability column is read as p and 1 − p, which only makes sense within [0, 1]. */
function requireProbabilities(name: string, positive: string, sides: Record<'baseline' | 'current', Table>): void {
  for (const side of ['baseline', 'current'] as const) {
    const table = sides[side];
    const column = columnNamed(table, name);
    if (!column) continue;
    const values = numbersOf(column, 'probability', table, side);
    const row = values.findIndex((value) => !Number.isNaN(value) && !(value >= 0 && value <= 1));
    if (row >= 0) {
      throw new InputError(
        `data row ${row + 1} of the ${side} data holds ${values[row]}, not a probability in [0, 1]: the one probability column is the probability of class ${JSON.stringify(positive)}`,
        { file: table.sources.join(', '), column: name },
      );
    }
  }
}

/**
 * Classifier or regressor, in this order: the task of the chosen metric; classification when class
 * probabilities are given; the declared kind of the target (else the prediction) column, categorical
 * meaning classification; else the inferred kind of that column (`typing.ts`: text, or integers with at
 * most ten distinct values, are categorical).
 */
export function inferTask(
  options: ModelOptions,
  columns: ModelColumns,
  baseline: Table,
  current: Table,
  declaredKinds: ReadonlyMap<string, ColumnKind>,
): PerformanceTask {
  const labelColumn = (columns.target ?? columns.prediction)!;
  const chosen = options.performanceMetric !== undefined ? performanceMetric(options.performanceMetric)!.task : columns.probabilities.size > 0 ? 'classification' : undefined;
  if (chosen === 'classification') requireClassLabels(labelColumn, [baseline, current]);
  if (chosen) return chosen;
  const kindOf = (kind: ColumnKind): PerformanceTask => (kind === 'categorical' ? 'classification' : 'regression');
  const declared = declaredKinds.get(labelColumn);
  if (declared) return kindOf(declared);
  const [first, second] = [columnNamed(baseline, labelColumn), columnNamed(current, labelColumn)].filter((column) => column !== undefined);
  return kindOf(inferKind(first, second));
}

/** Class labels may be numbers, but never fractions: a target of 25.373 belongs to a regressor. */
function requireClassLabels(name: string, tables: readonly Table[]): void {
  for (const table of tables) {
    const column = columnNamed(table, name);
    if (column?.storage !== 'numeric') continue;
    const fraction = column.values.find((value) => Number.isFinite(value) && !Number.isInteger(value));
    if (fraction !== undefined) {
      throw new InputError(
        `column ${JSON.stringify(name)} holds fractions such as ${fraction}, so it is not a class label: the model looks like a regressor (metrics mae, rmse, mape, r2, without class probabilities)`,
        { file: table.sources.join(', ') },
      );
    }
  }
}

/** How the model columns are tested: labels as categories, regression values and class scores as numbers. */
export function modelColumnKinds(columns: ModelColumns, task: PerformanceTask): Map<string, ColumnKind> {
  const labelKind: ColumnKind = task === 'classification' ? 'categorical' : 'numerical';
  const kinds = new Map<string, ColumnKind>();
  for (const name of [columns.prediction, columns.target]) if (name !== undefined) kinds.set(name, labelKind);
  for (const name of columns.probabilities.values()) kinds.set(name, 'numerical');
  return kinds;
}

/** Any drifted column of the group is drift; no judged column is insufficient data. */
export function groupDrift(columns: readonly ModelColumnResult[]): ColumnGroupDrift {
  const judged = columns.filter((column) => column.status === 'drift' || column.status === 'no-drift' || column.status === 'missing-in-current');
  const drifted = columns.filter((column) => column.drift_detected).map((column) => column.name);
  return {
    status: drifted.length > 0 ? 'drift' : judged.length > 0 ? 'no-drift' : 'insufficient-data',
    drift_detected: drifted.length > 0,
    drifted_columns: drifted,
  };
}

export interface ModelAssessment {
  performance?: PerformanceResult;
  change_point?: ChangePointResult;
}

export interface AssessmentOptions {
  performanceMetric?: PerformanceMetricName;
  maxDegradation: MaxDegradation;
  /** Labelled rows a side needs for a performance verdict, and the stream for a change point. */
  minRows: number;
}

/** Performance and its change point; nothing without both a target and a prediction column. */
export function assessModel(baseline: Table, current: Table, columns: ModelColumns, task: PerformanceTask, options: AssessmentOptions): ModelAssessment {
  if (columns.target === undefined || columns.prediction === undefined) return {};
  const metric = performanceMetric(options.performanceMetric ?? DEFAULT_PERFORMANCE_METRIC[task])!;
  const baselineRows = labelledRows(baseline, columns, task, 'baseline');
  const currentRows = labelledRows(current, columns, task, 'current');
  const realized = assessPerformance(metric, baselineRows.rows, currentRows.rows, options);
  const estimated =
    baselineRows.rows.task === 'classification' && currentRows.rows.task === 'classification'
      ? estimateWithoutLabels(realized, baselineRows.rows, current, currentRows.rows, columns, options)
      : undefined;
  const performance = estimated ? { ...realized, estimated } : realized;
  const baselineMae = performance.metrics.baseline && 'mae' in performance.metrics.baseline ? performance.metrics.baseline.mae : undefined;
  const currentMae = performance.metrics.current && 'mae' in performance.metrics.current ? performance.metrics.current.mae : undefined;
  // ADWIN's bound assumes values of order one, so regression errors are measured in typical errors.
  const scale = [baselineMae, currentMae].find((mae) => mae !== undefined && mae > 0) ?? 1;
  return { performance, change_point: locateChangePoint(current, columns.order, currentRows, scale, options.minRows) };
}

/**
 * CBPE learnt from the labelled baseline, on the current rows that have a prediction and a probability but
 * no target yet (the estimate proper) and on the labelled current rows as if they had none, so their
 * realized values show how well it estimates (NannyML's realized-versus-estimated comparison). Only with
 * one probability column (a binary model's positive class) and at least `minRows` labelled baseline rows.
 */
function estimateWithoutLabels(
  realized: PerformanceResult,
  baseline: ClassificationRows,
  current: Table,
  currentLabelled: ClassificationRows,
  columns: ModelColumns,
  options: AssessmentOptions,
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
    const banded: EstimatedMetricResult = standardError === undefined ? { value } : { value, standard_error: standardError, lower: lower!, upper: upper! };
    const actual = realized?.[name];
    if (actual === undefined) return banded;
    return { ...banded, realized: actual, ...(lower === undefined ? {} : { within_band: actual >= lower && actual <= upper! }) };
  };
  const { truePositives, falsePositives, falseNegatives, trueNegatives } = estimate.expectedConfusion;
  return {
    rows: estimate.rows,
    expected_confusion_matrix: { true_positives: truePositives, false_positives: falsePositives, false_negatives: falseNegatives, true_negatives: trueNegatives },
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
function estimatedVerdict(realized: PerformanceResult, estimate: EstimatedRows, options: AssessmentOptions): EstimatedVerdict {
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
  const lacking = (reason: string): EstimatedVerdict => ({ ...common, status: 'insufficient-data', reason, summary: `No estimated performance verdict: ${reason}.` });
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
  const change = `${verdict.metric_title} ${formatNumber(verdict.baseline_value!)} → ${formatNumber(verdict.estimated_value!)} estimated on ${estimate.rows.toLocaleString('en-US')} unlabelled rows`;
  const bandText = `±${BAND_STANDARD_ERRORS}σ band ${formatNumber(band.lower!)} to ${formatNumber(band.upper!)}`;
  const allowed = formatNumber(verdict.allowed!);
  return verdict.status === 'degraded'
    ? `Estimated performance drift: ${change} (${bandText}), worse by more than the ${allowed} allowed even at the band's upper edge.`
    : `No estimated performance drift: ${change} (${bandText}), the band's upper edge within the ${allowed} allowed.`;
}

interface SideRows {
  rows: LabelledRows;
  /** The table row of each labelled row. */
  tableRows: number[];
}

function columnNamed(table: Table, name: string): Column | undefined {
  return table.columns.find((column) => column.name === name);
}

/**
 * The rows of one side with target, prediction and every class probability present. Probabilities are
 * used on a side only when all their columns are there; a side without the target or prediction column
 * has no labelled rows.
 */
function labelledRows(table: Table, columns: ModelColumns, task: PerformanceTask, side: 'baseline' | 'current'): SideRows {
  const target = columnNamed(table, columns.target!);
  const prediction = columnNamed(table, columns.prediction!);
  const tableRows: number[] = [];
  if (task === 'regression') {
    const yTrue: number[] = [];
    const yPred: number[] = [];
    if (target && prediction) {
      const truth = numbersOf(target, 'target', table, side);
      const predicted = numbersOf(prediction, 'prediction', table, side);
      for (let row = 0; row < table.rowCount; row++) {
        if (!Number.isFinite(truth[row]) || !Number.isFinite(predicted[row])) continue;
        yTrue.push(truth[row]);
        yPred.push(predicted[row]);
        tableRows.push(row);
      }
    }
    return { rows: { task, yTrue, yPred }, tableRows };
  }

  const probabilityColumns = [...columns.probabilities].map(([label, name]) => [label, columnNamed(table, name)] as const);
  const scores = probabilityColumns.every(([, column]) => column !== undefined)
    ? probabilityColumns.map(([label, column]) => [label, numbersOf(column!, `probability (class ${JSON.stringify(label)})`, table, side)] as const)
    : [];
  const yTrue: string[] = [];
  const yPred: string[] = [];
  const kept = scores.map(() => [] as number[]);
  if (target && prediction) {
    const truth = labelsOf(target);
    const predicted = labelsOf(prediction);
    for (let row = 0; row < table.rowCount; row++) {
      const label = truth(row);
      const guess = predicted(row);
      if (label === undefined || guess === undefined || scores.some(([, values]) => !Number.isFinite(values[row]))) continue;
      yTrue.push(label);
      yPred.push(guess);
      scores.forEach(([, values], index) => kept[index].push(values[row]));
      tableRows.push(row);
    }
  }
  const probabilities = scores.length > 0 ? new Map(scores.map(([label], index) => [label, kept[index]])) : undefined;
  return { rows: { task, yTrue, yPred, ...(probabilities ? { probabilities } : {}) }, tableRows };
}

/**
 * A cell's class label: text as written, a number as its shortest round-trip text (as the category
 * counts of `samples.ts` spell it), so a label logged as 1 in one file and "1" in another is one class.
 */
function labelsOf(column: Column): (row: number) => string | undefined {
  if (column.storage === 'text') return (row) => (column.codes[row] === MISSING_CODE ? undefined : column.dictionary[column.codes[row]]);
  return (row) => {
    const value = column.values[row];
    return Number.isFinite(value) ? numberLabel(value) : undefined;
  };
}

/** A number's shortest round-trip text, −0 as 0. */
function numberLabel(value: number): string {
  return String(value === 0 ? 0 : value);
}

function numbersOf(column: Column, part: string, table: Table, side: string): Float64Array {
  if (column.storage === 'numeric') return column.values;
  const example = column.dictionary[0];
  throw new InputError(
    `the ${part} column ${JSON.stringify(column.name)} holds text in the ${side} data (${JSON.stringify(example)}), where numbers are needed`,
    { file: table.sources.join(', ') },
  );
}

function assessPerformance(metric: PerformanceMetric, baseline: LabelledRows, current: LabelledRows, options: AssessmentOptions): PerformanceResult {
  const verdict = performanceVerdict(metric, baseline, current, options.maxDegradation, { minRows: options.minRows });
  const metrics = { baseline: sideMetrics(baseline), current: sideMetrics(current) };
  const result: PerformanceResult = {
    metric: metric.name,
    metric_title: metric.title,
    direction: metric.direction,
    status: verdict.status,
    drift_detected: verdict.status === 'degraded',
    ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    max_degradation: verdict.maxDegradation,
    labelled_rows: { baseline: verdict.baselineRows, current: verdict.currentRows },
    ...(verdict.baseline === undefined ? {} : { baseline_value: verdict.baseline }),
    ...(verdict.current === undefined ? {} : { current_value: verdict.current }),
    ...(verdict.difference === undefined ? {} : { difference: verdict.difference }),
    ...(verdict.degradation === undefined ? {} : { degradation: verdict.degradation }),
    ...(verdict.allowed === undefined ? {} : { allowed: verdict.allowed }),
    ...(verdict.interval
      ? {
          interval: {
            lower: verdict.interval.lower,
            upper: verdict.interval.upper,
            confidence: verdict.interval.confidence,
            resamples: verdict.interval.resamples,
            seed: verdict.interval.seed,
            undefined_resamples: verdict.interval.undefinedResamples,
          },
        }
      : {}),
    metrics: {
      ...(metrics.baseline ? { baseline: metrics.baseline } : {}),
      ...(metrics.current ? { current: metrics.current } : {}),
    },
    summary: '',
  };
  result.summary = performanceSummary(result);
  return result;
}

/** Each side's metrics on its own labels, exactly scikit-learn's, so the table and the verdict agree. */
function sideMetrics(rows: LabelledRows): SideMetrics | undefined {
  if (rows.task === 'regression') {
    const metrics = regressionMetrics(rows);
    return metrics && { rows: metrics.rows, mae: metrics.mae, rmse: metrics.rmse, mape: metrics.mape, ...(metrics.r2 === undefined ? {} : { r2: metrics.r2 }) };
  }
  const metrics = classificationMetrics(rows);
  if (!metrics) return undefined;
  return {
    rows: metrics.rows,
    labels: metrics.labels,
    confusion_matrix: metrics.confusionMatrix,
    accuracy: metrics.accuracy,
    balanced_accuracy: metrics.balancedAccuracy,
    precision_macro: metrics.precisionMacro,
    recall_macro: metrics.recallMacro,
    f1_macro: metrics.f1Macro,
    ...(metrics.rocAuc === undefined ? {} : { roc_auc: metrics.rocAuc }),
    ...(metrics.logLoss === undefined ? {} : { log_loss: metrics.logLoss }),
    per_class: metrics.perClass.map((scores) => ({ ...scores })),
  };
}

function describeMaxDegradation(maxDegradation: MaxDegradation, allowed?: number): string {
  if (maxDegradation.kind === 'absolute') return formatNumber(maxDegradation.amount);
  // As the user wrote it: 5%, not formatPercent's 5.0%.
  const share = `${Number((maxDegradation.share * 100).toPrecision(6))}%`;
  return allowed === undefined ? `${share} of the baseline` : `${formatNumber(allowed)} (${share} of the baseline)`;
}

function performanceSummary(result: PerformanceResult): string {
  if (result.status === 'insufficient-data') return `No performance verdict: ${result.reason}.`;
  const change = `${result.metric_title} ${formatNumber(result.baseline_value!)} → ${formatNumber(result.current_value!)}`;
  const interval = result.interval
    ? `; ${formatPercent(result.interval.confidence)} bootstrap interval of the change ${formatSigned(result.interval.lower)} to ${formatSigned(result.interval.upper)}`
    : '';
  const allowed = describeMaxDegradation(result.max_degradation, result.allowed);
  return result.status === 'degraded'
    ? `Performance drift: ${change} (${formatSigned(result.difference!)}${interval}), worse by more than the ${allowed} allowed.`
    : `No performance drift: ${change} (${formatSigned(result.difference!)}${interval}), within the ${allowed} allowed.`;
}

/** A change with its sign, `+0.02` or `−0.13`, as people write differences. */
export function formatSigned(value: number): string {
  if (value === 0) return '±0';
  return value > 0 ? `+${formatNumber(value)}` : `−${formatNumber(-value)}`;
}

/** Error-rate chart resolution: at most this many points, each of at least `MIN_BUCKET_ROWS` rows. */
const MAX_ERROR_BUCKETS = 30;
const MIN_BUCKET_ROWS = 20;

/** The detectors' own names for the reports, ADWIN first. */
export const DETECTOR_TITLES: Record<DetectorName, string> = { adwin: 'ADWIN', 'page-hinkley': 'Page-Hinkley', ddm: 'DDM' };

function locateChangePoint(current: Table, orderColumn: string | undefined, labelled: SideRows, scale: number, minRows: number): ChangePointResult {
  const { rows } = labelled;
  const signalKind = rows.task === 'classification' ? 'misclassification' : 'absolute-error';
  const errors = errorSignal(rows)!;
  const stream = streamOf(labelled.tableRows, orderColumn === undefined ? undefined : columnNamed(current, orderColumn));
  const streamInfo = {
    rows: stream.rows.length,
    ...(orderColumn === undefined ? {} : { order_column: orderColumn }),
    ...(stream.time === undefined ? {} : { order_time: stream.time }),
    signal: signalKind,
    ...(rows.task === 'regression' ? { scale } : {}),
  } satisfies ChangePointResult['stream'];
  const notRun: DetectorResult = { status: 'not-applicable', reason: 'too few labelled rows in the stream' };
  if (stream.rows.length < minRows) {
    return {
      status: 'insufficient-data',
      detector: 'adwin',
      reason: `the stream has ${stream.rows.length} labelled current rows${orderColumn === undefined ? '' : ' with an order value'}; ${minRows} are needed`,
      stream: streamInfo,
      detectors: { adwin: notRun, 'page-hinkley': notRun, ddm: notRun },
      error_series: [],
      summary: `No change point: the stream has ${stream.rows.length} labelled current rows; ${minRows} are needed.`,
    };
  }

  const streamed = Float64Array.from(stream.labelledIndex, (index) => errors[index]);
  const outcomes = firstChangePoints(
    rows.task === 'regression' ? streamed.map((error) => error / scale) : streamed,
  );
  const pointAt = (position: number): StreamPoint => {
    const order = stream.order?.[position];
    return { position, row: stream.rows[position], ...(order === undefined ? {} : { order }) };
  };
  const detectorResult = (outcome: DetectorOutcome): DetectorResult => {
    if (outcome.status === 'change') return { status: 'change', onset: pointAt(outcome.onset.position), detected: pointAt(outcome.detected.position) };
    return outcome.status === 'no-change' ? { status: 'no-change' } : { status: 'not-applicable', reason: outcome.reason };
  };
  const detectors = {
    adwin: detectorResult(outcomes.adwin),
    'page-hinkley': detectorResult(outcomes['page-hinkley']),
    ddm: detectorResult(outcomes.ddm),
  };
  const headline = detectors.adwin;
  const result: ChangePointResult = {
    status: headline.status === 'change' ? 'change' : 'no-change',
    detector: 'adwin',
    ...(headline.onset ? { onset: headline.onset, detected: headline.detected } : {}),
    stream: streamInfo,
    detectors,
    error_series: errorBuckets(streamed, stream.rows, stream.order),
    summary: '',
  };
  result.summary = changePointSummary(result);
  return result;
}

/** "row 2000 (2024-03-14T21:20:00Z)": where a point is, in the reader's terms; Unix times as UTC dates. */
export function describeStreamPoint(point: StreamPoint, time?: TimeEncoding): string {
  if (point.order === undefined) return `row ${point.row}`;
  const epoch = typeof point.order === 'number' && time !== undefined && time !== 'iso';
  return `row ${point.row} (${epoch ? `${formatUtc(epochMilliseconds(point.order, time), 'second')} UTC` : point.order})`;
}

function changePointSummary(result: ChangePointResult): string {
  const what = result.stream.signal === 'misclassification' ? 'error rate' : 'absolute error';
  if (result.status === 'change') {
    const time = result.stream.order_time;
    return `The ${what} rose from ${describeStreamPoint(result.onset!, time)}; ADWIN was sure at ${describeStreamPoint(result.detected!, time)}.`;
  }
  return `No change point: ADWIN saw no rise in the ${what} over ${result.stream.rows} labelled current rows.`;
}

interface Stream {
  /** Table rows in stream order. */
  rows: number[];
  /** Index into the labelled rows, in stream order. */
  labelledIndex: number[];
  order?: Array<number | string>;
  /** How the order values are times, when they are. */
  time?: TimeEncoding;
}

/**
 * The labelled rows in time order: by the order column when given (rows without a value left out; ties
 * keep row order), else in the order they were read.
 */
function streamOf(tableRows: readonly number[], orderColumn: Column | undefined): Stream {
  const indices = tableRows.map((_, index) => index);
  if (!orderColumn) return { rows: [...tableRows], labelledIndex: indices };
  const valueOf = (row: number): number | string | undefined => {
    if (orderColumn.storage === 'numeric') return Number.isFinite(orderColumn.values[row]) ? orderColumn.values[row] : undefined;
    const code = orderColumn.codes[row];
    return code === MISSING_CODE ? undefined : orderColumn.dictionary[code];
  };
  const present = indices.filter((index) => valueOf(tableRows[index]) !== undefined);
  const values = present.map((index) => valueOf(tableRows[index])!);
  const { keys, time } = sortKeys(values, orderColumn.storage === 'numeric' && orderColumn.time === true);
  const order = present.map((_, position) => position).sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
  return {
    rows: order.map((position) => tableRows[present[position]]),
    labelledIndex: order.map((position) => present[position]),
    order: order.map((position) => values[position]),
    ...(time === undefined ? {} : { time }),
  };
}

/**
 * Numbers as they are (Unix times when their range says so, or when read from a date or timestamp
 * column); times as milliseconds when every value is an ISO 8601 time; other text as text.
 */
function sortKeys(values: ReadonlyArray<number | string>, readAsTime: boolean): { keys: Array<number | string>; time?: TimeEncoding } {
  if (values.every((value) => typeof value === 'number')) {
    const numbers = [...(values as readonly number[])];
    const time = readAsTime ? 'epoch-ms' : numbers.length > 0 ? epochEncodingOf(min(numbers), max(numbers)) : undefined;
    return { keys: numbers, ...(time === undefined ? {} : { time }) };
  }
  const times = values.every((value) => typeof value === 'string' && ISO_TIMESTAMP.test(value)) ? values.map((value) => Date.parse(value as string)) : undefined;
  return times && times.every(Number.isFinite) ? { keys: times, time: 'iso' } : { keys: values.map(String) };
}

function compareKeys(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : compareLabels(String(a), String(b));
}

function errorBuckets(errors: Float64Array, rows: readonly number[], order: ReadonlyArray<number | string> | undefined): ErrorBucket[] {
  const count = Math.max(1, Math.min(MAX_ERROR_BUCKETS, Math.floor(errors.length / MIN_BUCKET_ROWS)));
  return Array.from({ length: count }, (_, bucket) => {
    const first = Math.floor((bucket * errors.length) / count);
    const end = Math.floor(((bucket + 1) * errors.length) / count);
    let total = 0;
    for (let position = first; position < end; position++) total += errors[position];
    return {
      first_position: first,
      rows: end - first,
      first_row: rows[first],
      ...(order ? { from: order[first], to: order[end - 1] } : {}),
      error: total / (end - first),
    };
  });
}
