/**
 * What every report shows of the multivariate section, worded once: each method's value and threshold
 * as text, and whether the gate's verdict heads the report.
 */
import { formatNumber, formatPercent } from '../core/format.js';
import type { DriftResult } from '../engine/result.js';
import type { MultivariateMethodResult } from '../multivariate/result.js';

/**
 * With model columns, multivariate methods or segments the dataset's verdict is one of several, so the
 * gate's heads the report; so it does when the two disagree (insufficient data that fails the gate).
 */
export function gateHeadsReport(result: DriftResult): boolean {
  return (
    result.model !== undefined ||
    result.multivariate !== undefined ||
    result.segments !== undefined ||
    result.gate.tripped !== result.dataset.drift_detected
  );
}

export interface MultivariateRow {
  title: string;
  method: string;
  value: string;
  threshold: string;
  drift: boolean;
  status: string;
  /** The columns that separate the sides most (domain classifier), or why there is no verdict. */
  note: string;
}

export function multivariateRows(methods: readonly MultivariateMethodResult[]): MultivariateRow[] {
  return methods.map((method) => ({
    title: method.title,
    method: method.method,
    value: valueText(method),
    threshold: thresholdText(method),
    drift: method.drift_detected,
    status: method.status.replace('-', ' '),
    note: method.reason ?? (method.top_features ?? []).map((entry) => `${entry.column} ${formatPercent(entry.importance)}`).join(', '),
  }));
}

function valueText(method: MultivariateMethodResult): string {
  if (method.score === undefined) return '-';
  if (method.method === 'domain-classifier' && method.auc !== undefined)
    return `${formatNumber(method.score)} (AUC ${formatNumber(method.auc)})`;
  if (method.output === 'p_value') return `p = ${formatNumber(method.score)}`;
  return formatNumber(method.score);
}

function thresholdText(method: MultivariateMethodResult): string {
  if (method.output === 'band') {
    return method.lower_threshold === undefined || method.upper_threshold === undefined
      ? '-'
      : `${formatNumber(method.lower_threshold)} – ${formatNumber(method.upper_threshold)}`;
  }
  if (method.threshold === undefined) return '-';
  return `${method.output === 'p_value' ? '<' : '≥'} ${formatNumber(method.threshold)}`;
}
