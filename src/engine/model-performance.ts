/**
 * Performance: every metric on each side's labelled rows, and the verdict on the chosen metric with its
 * seeded bootstrap interval (`performance/verdict.ts`).
 */
import { formatNumber, formatPercent, formatSigned } from '../core/format.js';
import type { PerformanceResult, SideMetrics } from './result.js';
import { classificationMetrics } from '../performance/classification.js';
import type { PerformanceMetric } from '../performance/metric-registry.js';
import { regressionMetrics } from '../performance/regression.js';
import type { LabelledRows } from '../performance/rows.js';
import { performanceVerdict, type MaxDegradation } from '../performance/verdict.js';

export interface VerdictOptions {
  maxDegradation: MaxDegradation;
  /** Labelled rows a side needs for a performance verdict, and the stream for a change point. */
  minRows: number;
}

export function assessPerformance(
  metric: PerformanceMetric,
  baseline: LabelledRows,
  current: LabelledRows,
  options: VerdictOptions,
): PerformanceResult {
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
    return (
      metrics && {
        rows: metrics.rows,
        mae: metrics.mae,
        rmse: metrics.rmse,
        mape: metrics.mape,
        ...(metrics.r2 === undefined ? {} : { r2: metrics.r2 }),
      }
    );
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
