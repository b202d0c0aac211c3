/**
 * The model section of a check: when the data carries the model's predictions (and, once they arrive, the
 * true labels), measure the model itself, not just its inputs. Which columns play which part and the task
 * are resolved first (`model-columns.ts`); `assessModel` then measures performance on the labelled rows
 * (`model-performance.ts`), estimates it where labels are missing (`model-estimate.ts`) and finds when it
 * started to slip (`model-change-point.ts`).
 */
import { estimateWithoutLabels } from './model-estimate.js';
import { locateChangePoint } from './model-change-point.js';
import type { ModelColumns } from './model-columns.js';
import { assessPerformance, type VerdictOptions } from './model-performance.js';
import { labelledRows } from './model-rows.js';
import type { ChangePointResult, ColumnGroupDrift, ModelColumnResult, PerformanceResult } from './result.js';
import type { Table } from '../core/table.js';
import { performanceMetric, type PerformanceMetricName } from '../performance/metric-registry.js';
import type { PerformanceTask } from '../performance/rows.js';

/**
 * Accuracy rather than macro F1 for classifiers: everyone reads it, a tolerance on it reads directly ("two
 * points"), and it does not collapse when a rare class goes missing from a batch of labels, which macro
 * scores count as a zero (`precision-recall-f1.ts`). MAE for regressors: in the target's units, not
 * dominated by a few outliers as RMSE is, and the very signal the detectors watch.
 */
const DEFAULT_PERFORMANCE_METRIC: Record<PerformanceTask, PerformanceMetricName> = { classification: 'accuracy', regression: 'mae' };

/** Any drifted column of the group is drift; no judged column is insufficient data. */
export function groupDrift(columns: readonly ModelColumnResult[]): ColumnGroupDrift {
  const judged = columns.filter(
    (column) => column.status === 'drift' || column.status === 'no-drift' || column.status === 'missing-in-current',
  );
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

export interface AssessmentOptions extends VerdictOptions {
  performanceMetric?: PerformanceMetricName;
}

/** Performance and its change point; nothing without both a target and a prediction column. */
export function assessModel(
  baseline: Table,
  current: Table,
  columns: ModelColumns,
  task: PerformanceTask,
  options: AssessmentOptions,
): ModelAssessment {
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
