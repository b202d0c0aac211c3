/**
 * What every report's model section shares — Markdown, the job summary, text, HTML and the model card —
 * so they say the same thing in the same words: the metric table, the per-class table and confusion
 * matrices, the performance estimated without labels, each detector's answer, the labels of the
 * error-rate chart.
 */
import { formatCount, formatNumber, formatPercent, formatSigned } from '../core/format.js';
import { describeStreamPoint } from '../engine/stream-point.js';
import { epochMilliseconds, formatUtc, type TimePrecision } from '../engine/time.js';
import type {
  ChangePointResult,
  ClassificationSideMetrics,
  ErrorBucket,
  EstimatedMetricName,
  EstimatedMetricResult,
  EstimatedPerformance,
  ModelColumnResult,
  PerformanceResult,
  SideMetrics,
} from '../engine/result.js';
import type { DetectorName } from '../performance/change-point.js';
import { compareLabels, sortedLabels } from '../performance/label-order.js';
import {
  PERFORMANCE_METRICS,
  performanceMetric,
  type MetricDirection,
  type PerformanceMetricName,
} from '../performance/metric-registry.js';
import { truncate } from './format.js';
import { precisionForStep } from './time-axis.js';

export interface MetricRow {
  name: PerformanceMetricName;
  title: string;
  direction: MetricDirection;
  /** The metric the verdict is on. */
  judged: boolean;
  baseline?: number;
  current?: number;
}

/** Every metric of the task that either side has, in the registry's order. */
export function metricRows(performance: PerformanceResult): MetricRow[] {
  const task = performanceMetric(performance.metric)!.task;
  const valueOf = (side: SideMetrics | undefined, name: PerformanceMetricName) =>
    (side as Partial<Record<PerformanceMetricName, number>> | undefined)?.[name];
  return PERFORMANCE_METRICS.filter((metric) => metric.task === task)
    .map((metric) => ({
      name: metric.name,
      title: metric.title,
      direction: metric.direction,
      judged: metric.name === performance.metric,
      baseline: valueOf(performance.metrics.baseline, metric.name),
      current: valueOf(performance.metrics.current, metric.name),
    }))
    .filter((row) => row.baseline !== undefined || row.current !== undefined);
}

/** `−0.13 (worse)`: the change with its sign and which way that is for this metric. */
export function formatMetricChange(row: MetricRow): string {
  if (row.baseline === undefined || row.current === undefined) return '—';
  const difference = row.current - row.baseline;
  if (difference === 0) return '±0';
  const better = row.direction === 'higher' ? difference > 0 : difference < 0;
  return `${formatSigned(difference)} (${better ? 'better' : 'worse'})`;
}

export const PERFORMANCE_LABELS: Record<PerformanceResult['status'], string> = {
  degraded: 'performance drift',
  ok: 'no performance drift',
  'insufficient-data': 'insufficient data',
};

export function roleLabel(column: ModelColumnResult): string {
  return column.role === 'probability' ? `probability of ${JSON.stringify(column.class_label ?? '')}` : column.role;
}

/**
 * The probability columns after the words that say what they hold: `probability of "churn" p` for a
 * binary model's one column (the positive class's), `probabilities of "a" pa, of "b" pb` for one a class each.
 * `column` and `label` write a column name and a quoted class label for the report's format.
 */
export function probabilityColumnsText(
  columns: Readonly<Record<string, string>>,
  column: (name: string) => string,
  label: (quoted: string) => string,
): string {
  const entries = Object.entries(columns).map(([name, of]) => `${label(JSON.stringify(name))} ${column(of)}`);
  return entries.length === 1 ? `probability of ${entries[0]}` : `probabilities of ${entries.join(', of ')}`;
}

/** ADWIN first: the one to trust when they disagree. */
const DETECTOR_ORDER: readonly DetectorName[] = ['adwin', 'page-hinkley', 'ddm'];

/** The detectors' own names, as their papers spell them. */
const DETECTOR_TITLES: Record<DetectorName, string> = { adwin: 'ADWIN', 'page-hinkley': 'Page-Hinkley', ddm: 'DDM' };

export const DDM_CAVEAT =
  'DDM with its published defaults also alarms on about half of long stable streams, mostly early on: where the detectors disagree, trust ADWIN.';

export interface DetectorRow {
  name: DetectorName;
  title: string;
  onset: string;
  detected: string;
}

export function detectorRows(changePoint: ChangePointResult): DetectorRow[] {
  const time = changePoint.stream.order_time;
  return DETECTOR_ORDER.map((name) => {
    const outcome = changePoint.detectors[name];
    const title = DETECTOR_TITLES[name];
    if (outcome.status === 'change')
      return { name, title, onset: describeStreamPoint(outcome.onset!, time), detected: describeStreamPoint(outcome.detected!, time) };
    return { name, title, onset: outcome.status === 'no-change' ? 'no change' : `not applicable: ${outcome.reason ?? ''}`, detected: '—' };
  });
}

export function errorName(changePoint: ChangePointResult): string {
  return changePoint.stream.signal === 'misclassification' ? 'error rate' : 'mean absolute error';
}

/** What the chart's x axis is: the order column, or the rows' order. */
export function streamAxisName(changePoint: ChangePointResult): string {
  return changePoint.stream.order_column ?? 'row';
}

/**
 * A bucket's place on the x axis: its first order value (a time in UTC, as finely as `precision`), or its
 * first row.
 */
export function bucketLabel(bucket: ErrorBucket, changePoint: ChangePointResult, precision: TimePrecision = 'minute'): string {
  if (bucket.from === undefined) return `row ${bucket.first_row}`;
  const instant = bucketInstant(bucket, changePoint);
  if (instant !== undefined) return formatUtc(instant, precision);
  return typeof bucket.from === 'number' ? formatNumber(bucket.from) : truncate(bucket.from, 20);
}

/** The bucket's first order value in Unix milliseconds, when the order values are times. */
export function bucketInstant(bucket: ErrorBucket, changePoint: ChangePointResult, end: 'from' | 'to' = 'from'): number | undefined {
  const value = bucket[end];
  const time = changePoint.stream.order_time;
  if (value === undefined || time === undefined) return undefined;
  const instant = epochMilliseconds(value, time);
  return Number.isFinite(instant) ? instant : undefined;
}

/** How finely the buckets' times need writing to tell neighbours apart: a week-long stream needs no seconds. */
export function seriesPrecision(changePoint: ChangePointResult): TimePrecision {
  const series = changePoint.error_series;
  const first = series.length > 0 ? bucketInstant(series[0], changePoint) : undefined;
  const last = series.length > 0 ? bucketInstant(series[series.length - 1], changePoint) : undefined;
  if (first === undefined || last === undefined || series.length < 2) return 'minute';
  return precisionForStep((last - first) / (series.length - 1));
}

/** The bucket holding a stream position. */
export function bucketAt(series: readonly ErrorBucket[], position: number): number {
  const index = series.findIndex((bucket) => position >= bucket.first_position && position < bucket.first_position + bucket.rows);
  return index < 0 ? series.length - 1 : index;
}

/** The smallest 1, 2 or 5 times a power of ten at or above `value`: a round top for an axis. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((multiple) => multiple * power >= value * (1 - 1e-12))!;
  return Number((step * power).toPrecision(12));
}

/** More classes than this make the per-class table and the confusion matrices hard to read. */
export const MAX_SHOWN_CLASSES = 20;

interface ClassSides {
  baseline?: ClassificationSideMetrics;
  current?: ClassificationSideMetrics;
}

export const CLASS_SCORE_TITLES = ['Support', 'Precision', 'Recall', 'F1'] as const;

export interface ConfusionMatrixView {
  side: 'baseline' | 'current';
  labelledRows: number;
  rows: ConfusionRow[];
  /** Per row: a cell per class (the count and its share of the row), then the row's total. */
  cells: string[][];
}

/** What every report shows of a classifier's classes, formatted once so they all say the same. */
export interface ClassesView {
  /** What the score cells hold: `baseline → current (change)`, or the one side with labelled rows. */
  legend: string;
  /** A shown class and its cells under `CLASS_SCORE_TITLES`: baseline → current (change). */
  scores: Array<{ label: string; cells: string[] }>;
  /** Why some classes are missing, when they are. */
  note?: string;
  /** The sides with labelled rows, baseline first; their rows and columns are the same classes. */
  matrices: ConfusionMatrixView[];
}

/** The classes of a classification task with labelled rows on either side; else nothing. */
export function classesView(performance: PerformanceResult): ClassesView | undefined {
  const sides = classSides(performance);
  if (!sides) return undefined;
  const classes = shownClasses(sides);
  const scoresOf = (side: ClassificationSideMetrics | undefined, label: string) => side?.per_class.find((scores) => scores.label === label);
  const scores = classes.shown.map((label) => {
    const [baseline, current] = [scoresOf(sides.baseline, label), scoresOf(sides.current, label)];
    return {
      label,
      cells: [
        formatBothSides(baseline?.support, current?.support, formatCount),
        formatClassChange(baseline?.precision, current?.precision),
        formatClassChange(baseline?.recall, current?.recall),
        formatClassChange(baseline?.f1, current?.f1),
      ],
    };
  });
  const matrices = (['baseline', 'current'] as const).flatMap((name): ConfusionMatrixView[] => {
    const side = sides[name];
    if (!side) return [];
    const rows = confusionRows(side, classes);
    const cells = rows.map((row) => [...row.counts.map((count) => formatConfusionCell(count, row.total)), formatCount(row.total)]);
    return [{ side: name, labelledRows: side.rows, rows, cells }];
  });
  const note = hiddenClassesNote(classes);
  const legend =
    sides.baseline && sides.current
      ? 'baseline → current (change)'
      : `${sides.baseline ? 'baseline' : 'current'} only: the ${sides.baseline ? 'current' : 'baseline'} data has no labelled rows`;
  return { legend, scores, ...(note ? { note } : {}), matrices };
}

function classSides(performance: PerformanceResult): ClassSides | undefined {
  const isClassification = (side: SideMetrics | undefined): side is ClassificationSideMetrics =>
    side !== undefined && 'confusion_matrix' in side;
  const { baseline, current } = performance.metrics;
  if (!isClassification(baseline) && !isClassification(current)) return undefined;
  return { ...(isClassification(baseline) ? { baseline } : {}), ...(isClassification(current) ? { current } : {}) };
}

interface ShownClasses {
  /** In scikit-learn's label order. */
  shown: string[];
  /** The classes with the fewest true rows over both sides, past `MAX_SHOWN_CLASSES`. */
  hidden: string[];
}

/** Every class of either side, or the `MAX_SHOWN_CLASSES` with the most true rows over both sides when there are more. */
function shownClasses(sides: ClassSides): ShownClasses {
  const all = sortedLabels(sides.baseline?.labels ?? [], sides.current?.labels ?? []);
  if (all.length <= MAX_SHOWN_CLASSES) return { shown: all, hidden: [] };
  const support = (label: string) => supportOf(sides.baseline, label) + supportOf(sides.current, label);
  const kept = new Set([...all].sort((a, b) => support(b) - support(a) || compareLabels(a, b)).slice(0, MAX_SHOWN_CLASSES));
  return { shown: all.filter((label) => kept.has(label)), hidden: all.filter((label) => !kept.has(label)) };
}

function supportOf(side: ClassificationSideMetrics | undefined, label: string): number {
  return side?.per_class.find((scores) => scores.label === label)?.support ?? 0;
}

export interface ConfusionRow {
  /** The true class; absent for the row of every hidden class merged. */
  label?: string;
  /** Rows of this true class predicted as each shown class, then (with hidden classes) as any hidden one. */
  counts: number[];
  /** Rows of this true class. */
  total: number;
}

/**
 * One side's confusion matrix over the shown classes, in their order, hidden classes merged into a last
 * row and column so every labelled row is still counted. A shown class the side never saw has a row and
 * a column of zeros, so the two sides' matrices line up.
 */
function confusionRows(side: ClassificationSideMetrics, classes: ShownClasses): ConfusionRow[] {
  const merged = classes.hidden.length > 0;
  const slots = classes.shown.length + (merged ? 1 : 0);
  const slotOf = (label: string) => {
    const index = classes.shown.indexOf(label);
    return index >= 0 ? index : classes.shown.length;
  };
  const rows: ConfusionRow[] = [...classes.shown.map((label) => ({ label })), ...(merged ? [{}] : [])].map((row) => ({
    ...row,
    counts: new Array<number>(slots).fill(0),
    total: 0,
  }));
  side.confusion_matrix.forEach((predicted, trueIndex) => {
    const row = rows[slotOf(side.labels[trueIndex])];
    predicted.forEach((count, predictedIndex) => {
      row.counts[slotOf(side.labels[predictedIndex])] += count;
      row.total += count;
    });
  });
  return rows;
}

/** `500 → 620`: both sides' values; one side's alone when the other has none. */
function formatBothSides(baseline: number | undefined, current: number | undefined, format: (value: number) => string): string {
  if (baseline !== undefined && current !== undefined) return `${format(baseline)} → ${format(current)}`;
  const either = baseline ?? current;
  return either === undefined ? '—' : format(either);
}

/** `0.91 → 0.85 (−0.06)`: a class's score on both sides and the change. */
function formatClassChange(baseline: number | undefined, current: number | undefined): string {
  const both = formatBothSides(baseline, current, formatNumber);
  return baseline === undefined || current === undefined ? both : `${both} (${formatSigned(current - baseline)})`;
}

function hiddenClassesNote(classes: ShownClasses): string | undefined {
  const count = classes.hidden.length;
  if (count === 0) return undefined;
  return `${count} more class${count === 1 ? '' : 'es'} with the fewest labelled rows ${count === 1 ? 'is' : 'are'} not listed and ${count === 1 ? 'is' : 'are'} merged into "(all others)" in the confusion matrices; the JSON report has every class.`;
}

/** A confusion-matrix cell: the count and its share of the true class's rows; a bare 0 stays out of the way. */
function formatConfusionCell(count: number, total: number): string {
  return count === 0 ? '0' : `${formatCount(count)} (${formatPercent(count / total)})`;
}

/** What every report shows of CBPE's estimate, formatted once so they all say the same. */
export interface EstimatedView {
  /** The verdict's sentence, or what was estimated where there is no verdict. */
  headline: string;
  /** Does the estimate stand in for a realized verdict that lacks labels (and so decide `estimated-performance`)? */
  decides: boolean;
  status?: PerformanceResult['status'];
  /** The verdict in a few words, for a badge. */
  label: string;
  /** Whether the scores were calibrated, and the expected calibration errors that decided it. */
  calibration: string;
  /** What the band means and what CBPE assumes. */
  caveat: string;
  header: string[];
  rows: string[][];
}

const ESTIMATED_METRICS: ReadonlyArray<readonly [EstimatedMetricName, string]> = [
  ['accuracy', 'Accuracy'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['f1', 'F1'],
  ['roc_auc', 'ROC AUC'],
];

export const ESTIMATED_METRIC_NAMES: readonly EstimatedMetricName[] = ESTIMATED_METRICS.map(([name]) => name);

/** CBPE's estimate: unlabelled rows with their band, labelled rows estimated beside realized; undefined without one. */
export function estimatedView(performance: PerformanceResult): EstimatedView | undefined {
  const estimated = performance.estimated;
  if (!estimated) return undefined;
  const { unlabelled, labelled, verdict } = estimated;
  const band = `±${estimated.band_standard_errors}σ band`;
  const positive = JSON.stringify(estimated.positive_label);
  const header = [
    `Metric (positive class ${positive})`,
    ...(unlabelled ? [`Estimated, ${formatCount(unlabelled.rows)} unlabelled rows`, band] : []),
    ...(labelled ? [`${formatCount(labelled.rows)} labelled rows: estimated`, 'realized'] : []),
  ];
  const rows = ESTIMATED_METRICS.filter(([name]) => unlabelled?.[name] ?? labelled?.[name]).map(([name, title]) => [
    verdict?.metric === name ? `${title} (verdict)` : title,
    ...(unlabelled ? estimateCells(unlabelled[name]) : []),
    ...(labelled ? [formatEstimate(labelled[name]), formatRealized(labelled[name])] : []),
  ]);
  const what = unlabelled
    ? `Estimated without labels (CBPE) on ${formatCount(unlabelled.rows)} current rows whose labels have not arrived.`
    : `No current row lacks its label; CBPE estimated the ${formatCount(labelled!.rows)} labelled ones to show how close it comes.`;
  return {
    headline: [
      what,
      verdict?.summary,
      verdict && !verdict.replaces_realized ? 'Enough current rows are labelled, so the realized verdict decides.' : undefined,
    ]
      .filter(Boolean)
      .join(' '),
    decides: verdict?.replaces_realized ?? false,
    ...(verdict ? { status: verdict.status } : {}),
    label:
      verdict?.status === 'degraded'
        ? 'estimated performance drift'
        : verdict?.status === 'ok'
          ? 'no estimated performance drift'
          : 'estimate only',
    calibration: calibrationText(estimated),
    caveat: `The ${band} is where the realized value should lie once the labels arrive, if the way outcomes follow the scores has not changed since the baseline (CBPE sees covariate shift, not concept drift).`,
    header,
    rows,
  };
}

function estimateCells(metric: EstimatedMetricResult | undefined): string[] {
  if (!metric) return ['—', '—'];
  return [formatNumber(metric.value), metric.lower === undefined ? '—' : `${formatNumber(metric.lower)} to ${formatNumber(metric.upper!)}`];
}

/** `0.81 (0.75 to 0.87)`: a labelled row's estimate with its band. */
function formatEstimate(metric: EstimatedMetricResult | undefined): string {
  if (!metric) return '—';
  const [value, band] = estimateCells(metric);
  return band === '—' ? value : `${value} (${band})`;
}

/** `0.80 (in the band)`: the realized value and whether the estimate's band held it. */
function formatRealized(metric: EstimatedMetricResult | undefined): string {
  if (metric?.realized === undefined) return '—';
  const where = metric.within_band === undefined ? '' : metric.within_band ? ' (in the band)' : ' (outside the band)';
  return `${formatNumber(metric.realized)}${where}`;
}

function calibrationText(estimated: EstimatedPerformance): string {
  const { calibration } = estimated;
  const rows = formatCount(estimated.baseline_rows);
  if (calibration.skipped) return `Scores used as they are: no calibration on ${rows} labelled baseline rows (${calibration.skipped}).`;
  const errors = `expected calibration error ${formatNumber(calibration.raw_ece!)} raw, ${formatNumber(calibration.calibrated_ece!)} calibrated out of fold (${calibration.folds} folds)`;
  return calibration.calibrated
    ? `Scores calibrated by isotonic regression on ${rows} labelled baseline rows: it lowered the ${errors}.`
    : `Scores used as they are: calibration on ${rows} labelled baseline rows would not lower the ${errors}.`;
}
