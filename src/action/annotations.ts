/**
 * Warning annotations: the model's verdicts first (performance, or its estimate where labels are missing,
 * prediction and target drift), then one per
 * drifted column. GitHub shows at most 10 warnings per step, so when there are more, the last one
 * summarizes the remaining columns instead of letting them be dropped silently.
 */
import type { DriftResult } from '../engine/result.js';
import { driftedFirst, formatDirection, truncate } from '../report/format.js';
import { annotate } from '../github/log.js';

const ANNOTATION_LIMIT = 10;

interface Warning {
  title: string;
  message: string;
}

export function annotateDrift(result: DriftResult): void {
  const model = modelWarnings(result);
  const drifted = driftedFirst(result.columns).filter((column) => column.drift_detected);
  const room = ANNOTATION_LIMIT - model.length;
  const individually = drifted.length <= room ? drifted : drifted.slice(0, room - 1);
  const warnings: Warning[] = [
    ...model,
    ...individually.map((column) => {
      const direction = formatDirection(column);
      return {
        title: `Drift in column ${truncate(column.name, 100)}`,
        message: `${column.reasons.join('; ')}${direction ? ` (${direction})` : ''}`,
      };
    }),
  ];
  const rest = drifted.slice(individually.length);
  if (rest.length > 0) {
    const names = rest
      .slice(0, 20)
      .map((column) => truncate(column.name, 40))
      .join(', ');
    warnings.push({
      title: `Drift in ${rest.length} more columns`,
      message: `${rest.length} more drifted columns: ${names}${rest.length > 20 ? ', …' : ''}. The job summary and the JSON report list them all.`,
    });
  }
  for (const warning of warnings) annotate('warning', warning.message, { title: warning.title });
}

function modelWarnings(result: DriftResult): Warning[] {
  const model = result.model;
  if (!model) return [];
  const warnings: Warning[] = [];
  const performance = model.performance;
  if (performance?.drift_detected) {
    const since = model.change_point?.status === 'change' ? ` ${model.change_point.summary}` : '';
    warnings.push({ title: `Performance drift: ${performance.metric_title}`, message: `${performance.summary}${since}` });
  }
  const estimate = performance?.estimated?.verdict;
  if (estimate?.replaces_realized && estimate.status === 'degraded') {
    warnings.push({
      title: `Estimated performance drift: ${estimate.metric_title}`,
      message: `${estimate.summary} Labels have not arrived; CBPE estimated it from the scores.`,
    });
  }
  for (const [title, group] of [
    ['Prediction drift', model.prediction_drift],
    ['Target drift', model.target_drift],
  ] as const) {
    if (group.drift_detected)
      warnings.push({ title, message: `Drifted: ${group.drifted_columns.map((name) => truncate(name, 60)).join(', ')}` });
  }
  return warnings;
}
