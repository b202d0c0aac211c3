/**
 * Phrases every human-facing report shares: the score a column was judged on, its direction, its status.
 */
import type { ColumnResult, SideSource } from '../engine/result.js';
import { formatNumber, formatPercent } from '../core/format.js';
import { columnEffect } from '../engine/effect.js';

/**
 * The value a column was judged on: `p = 0.0012` for p-values (`adj. p` after a correction), else the
 * distance; from a profile's summary with its bound (`0.0436 ± 0.0012`, `p = 0.03 (0.02–0.05)`).
 */
export function formatScore(column: ColumnResult): string {
  if (column.score === undefined) return '—';
  const bounds = column.approximate?.bounds;
  if (column.output === 'distance')
    return `${formatNumber(column.score)}${bounds?.distance === undefined ? '' : ` ± ${formatNumber(bounds.distance)}`}`;
  const range =
    bounds?.p_value && column.p_value_adjusted === undefined
      ? ` (${formatNumber(bounds.p_value[0])}–${formatNumber(bounds.p_value[1])})`
      : '';
  return `${column.p_value_adjusted !== undefined ? 'adj. p' : 'p'} = ${formatNumber(column.score)}${range}`;
}

/** Which way the column moved, in one short phrase with an arrow. */
export function formatDirection(column: ColumnResult): string {
  const direction = column.direction;
  if (!direction) return '';
  if (direction.kind === 'shift') {
    return `${arrow(direction.change)} mean ${formatNumber(direction.baseline_mean)} → ${formatNumber(direction.current_mean)}`;
  }
  return `${arrow(direction.change)} ${JSON.stringify(truncate(direction.category, 40))}: ${formatPercent(direction.baseline_share)} → ${formatPercent(direction.current_share)}`;
}

function arrow(change: number): string {
  return change > 0 ? '↑' : change < 0 ? '↓' : '→';
}

export function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** How a side's rows are known, when not from the rows themselves: ` — profile`, or that it was profiled. */
export function profiledNote(side: SideSource): string {
  if (side.profiled === 'file') return ' — profile';
  if (side.profiled === 'streamed') return ' — profiled while read, being over the memory budget';
  return '';
}

/**
 * Drifted columns first, then the others; within each group the largest effect first (the distance beside
 * the p-value, or the distance tested), then the smallest p-value, then file order. Charts and tables lead
 * with what moved most, not with what comes first in the file.
 */
export function driftedFirst(columns: readonly ColumnResult[]): ColumnResult[] {
  const rank = (column: ColumnResult) => (column.drift_detected ? 0 : column.status === 'no-drift' ? 2 : 1);
  return columns
    .map((column, index) => ({ column, index, effect: effectOf(column), p: column.p_value ?? Infinity }))
    .sort((a, b) => rank(a.column) - rank(b.column) || b.effect - a.effect || a.p - b.p || a.index - b.index)
    .map(({ column }) => column);
}

function effectOf(column: ColumnResult): number {
  return columnEffect(column) ?? -Infinity;
}

export const STATUS_LABELS: Record<ColumnResult['status'], string> = {
  drift: 'drift',
  'no-drift': 'no drift',
  'insufficient-data': 'insufficient data',
  'missing-in-current': 'missing in current',
  'new-in-current': 'new in current',
  'not-tested': 'not tested',
};

/** The reasons besides the test's own verdict, which the value and threshold already show, and why a value is approximate. */
export function otherReasons(column: ColumnResult): string[] {
  const reasons = column.distribution_drift ? column.reasons.slice(1) : column.reasons;
  return column.approximate ? [...reasons, `approximate: ${column.approximate.why}`] : reasons;
}
