/**
 * Performance drift verdict: has the chosen metric (`performance-metric`) degraded from baseline to
 * current by more than the tolerance (`max-degradation`)?
 *
 * Definition: with b and c the metric on the baseline and current rows, the degradation is how much
 * worse c is, `b − c` for a metric where higher is better and `c − b` where lower is better (negative
 * when the model improved). The tolerance is absolute (`0.02`: two points of accuracy, 0.02 of RMSE) or
 * relative to the baseline (`5%`: 0.05 · |b|). The verdict is "degraded" when the degradation exceeds
 * the tolerance, "ok" otherwise; a degradation equal to the tolerance up to rounding (1e-12 of the
 * values' scale, so 0.90 → 0.88 is within `0.02`) is ok. The decision is on the two point values; the
 * bootstrap interval of c − b (`bootstrap.ts`) rides along so a reader can see whether a drop this size
 * is within the noise of the samples.
 *
 * Insufficient data: fewer than 30 labelled rows on either side (`MIN_LABELLED_ROWS`, adjustable), or a
 * metric not defined on a side (ROC AUC on rows of a single class, R² on one row), gives
 * "insufficient-data" with the reason, never a verdict. Thirty is the usual floor for normal-theory and
 * percentile-bootstrap intervals to mean much, and DDM's own warm-up; below it one row moves accuracy by
 * more than three points, more than most tolerances. Asking for a metric of the other task, or a
 * probability metric without probabilities, is a configuration mistake and throws an `InputError`.
 *
 * @example
 * // `rows` as in the bootstrap example: accuracy 0.9 on 100 baseline rows, 0.8 on 100 current rows.
 * performanceVerdict(performanceMetric('accuracy')!, rows(90), rows(80), parseMaxDegradation('0.05'));
 * // => { status: 'degraded', baseline: 0.9, current: 0.8, difference: -0.09999999999999998,
 * //      degradation: 0.09999999999999998, allowed: 0.05, interval: { lower: -0.20000000000000007, upper: 0, ... }, ... }
 */
import { InputError } from '../core/errors.js';
import { bootstrapDifference, type BootstrapInterval, type BootstrapOptions } from './bootstrap.js';
import type { MetricDirection, PerformanceMetric, PerformanceMetricName } from './metric-registry.js';
import { rowCount, type LabelledRows } from './rows.js';

export type MaxDegradation = { readonly kind: 'absolute'; readonly amount: number } | { readonly kind: 'relative'; readonly share: number };

export const MIN_LABELLED_ROWS = 30;

export type PerformanceStatus = 'ok' | 'degraded' | 'insufficient-data';

export interface PerformanceVerdict {
  readonly status: PerformanceStatus;
  readonly metric: PerformanceMetricName;
  readonly direction: MetricDirection;
  readonly maxDegradation: MaxDegradation;
  readonly baselineRows: number;
  readonly currentRows: number;
  /** Why there is no verdict; only with "insufficient-data". */
  readonly reason?: string;
  readonly baseline?: number;
  readonly current?: number;
  /** current − baseline. */
  readonly difference?: number;
  /** How much worse current is than baseline, in the metric's units; negative when it improved. */
  readonly degradation?: number;
  /** The largest degradation tolerated, in the metric's units. */
  readonly allowed?: number;
  /** Bootstrap interval of current − baseline; absent when too few resamples had a value. */
  readonly interval?: BootstrapInterval;
}

export interface VerdictOptions {
  /** Labelled rows each side needs for a verdict; default `MIN_LABELLED_ROWS`. */
  readonly minRows?: number;
  readonly bootstrap?: BootstrapOptions;
}

const ROUNDING_SLACK = 1e-12;

/** `0.02` (absolute, in the metric's units) or `5%` (relative to the baseline value); neither negative. */
export function parseMaxDegradation(text: string, option = 'max-degradation'): MaxDegradation {
  const trimmed = text.trim();
  const relative = trimmed.endsWith('%');
  const digits = relative ? trimmed.slice(0, -1).trim() : trimmed;
  const value = digits === '' ? Number.NaN : Number(digits);
  if (!Number.isFinite(value) || value < 0) {
    throw new InputError(`${option} must be a number >= 0 (absolute) or a percentage such as 5% (relative), not ${JSON.stringify(text)}`);
  }
  return relative ? { kind: 'relative', share: value / 100 } : { kind: 'absolute', amount: value };
}

export function performanceVerdict(
  metric: PerformanceMetric,
  baseline: LabelledRows,
  current: LabelledRows,
  maxDegradation: MaxDegradation,
  options: VerdictOptions = {},
): PerformanceVerdict {
  for (const [side, rows] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    if (rows.task !== metric.task) throw new InputError(`${metric.name} is a ${metric.task} metric, but the ${side} rows are ${rows.task}`);
    if (metric.needsProbabilities && !(rows.task === 'classification' && rows.probabilities)) {
      throw new InputError(`${metric.name} needs the model's class probabilities, and the ${side} rows have none`);
    }
  }
  const minRows = options.minRows ?? MIN_LABELLED_ROWS;
  const common = {
    metric: metric.name,
    direction: metric.direction,
    maxDegradation,
    baselineRows: rowCount(baseline),
    currentRows: rowCount(current),
  };
  const tooFew = (['baseline', 'current'] as const).find((side) => common[`${side}Rows`] < minRows);
  if (tooFew) {
    const reason = `the ${tooFew} side has ${common[`${tooFew}Rows`]} labelled rows; ${minRows} are needed`;
    return { ...common, status: 'insufficient-data', reason };
  }
  const baselineValue = metric.compute(baseline);
  const currentValue = metric.compute(current);
  if (baselineValue === undefined || currentValue === undefined) {
    const side = baselineValue === undefined ? 'baseline' : 'current';
    return { ...common, status: 'insufficient-data', reason: `${metric.name} is not defined on the ${side} rows` };
  }

  const difference = currentValue - baselineValue;
  const degradation = metric.direction === 'higher' ? -difference : difference;
  const allowed = allowedDegradation(maxDegradation, baselineValue);
  const degraded = beyondTolerance(degradation, allowed, baselineValue, currentValue);
  const interval = bootstrapDifference(metric.prepare, baseline, current, options.bootstrap);
  return {
    ...common,
    status: degraded ? 'degraded' : 'ok',
    baseline: baselineValue,
    current: currentValue,
    difference,
    degradation,
    allowed,
    ...(interval ? { interval } : {}),
  };
}

/** The largest degradation tolerated from `baselineValue`, in the metric's units. */
export function allowedDegradation(maxDegradation: MaxDegradation, baselineValue: number): number {
  return maxDegradation.kind === 'absolute' ? maxDegradation.amount : maxDegradation.share * Math.abs(baselineValue);
}

/** Whether `degradation` exceeds `allowed` by more than rounding, at the scale of the values compared. */
export function beyondTolerance(degradation: number, allowed: number, ...values: readonly number[]): boolean {
  const scale = Math.max(1, ...values.map(Math.abs));
  return degradation - allowed > ROUNDING_SLACK * scale;
}
