/**
 * What every report's model section shares — Markdown, the job summary, text, HTML and the model card —
 * so they say the same thing in the same words: the metric table, each detector's answer, the labels of
 * the error-rate chart.
 */
import { formatNumber } from '../engine/format.js';
import { epochMilliseconds, formatUtc, type TimePrecision } from '../engine/time.js';
import { DETECTOR_TITLES, describeStreamPoint, formatSigned } from '../engine/model.js';
import type { ChangePointResult, ErrorBucket, ModelColumnResult, PerformanceResult, SideMetrics } from '../engine/result.js';
import type { DetectorName } from '../performance/change-point.js';
import { PERFORMANCE_METRICS, performanceMetric, type MetricDirection, type PerformanceMetricName } from '../performance/metric-registry.js';
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
  const valueOf = (side: SideMetrics | undefined, name: PerformanceMetricName) => (side as Partial<Record<PerformanceMetricName, number>> | undefined)?.[name];
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

/** ADWIN first: the one to trust when they disagree. */
const DETECTOR_ORDER: readonly DetectorName[] = ['adwin', 'page-hinkley', 'ddm'];

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
    if (outcome.status === 'change') return { name, title, onset: describeStreamPoint(outcome.onset!, time), detected: describeStreamPoint(outcome.detected!, time) };
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
