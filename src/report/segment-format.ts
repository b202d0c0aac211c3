/**
 * What every report shows of the segments, worded once: one row per segment, in the engine's ranking
 * (drifted first, then by the share of drifted columns and the largest effect).
 */
import { formatNumber, formatPercent, formatSigned } from '../core/format.js';
import type { SegmentsResult } from '../engine/result.js';
import { MAX_SEGMENTS } from '../engine/segments.js';

export interface SegmentRow {
  value: string;
  rows: string;
  drift: boolean;
  /** "drift", "no drift", "insufficient data". */
  status: string;
  drifted: string;
  effect: string;
  /** The performance metric on both sides and its verdict; empty without model columns. */
  performance: string;
}

export function segmentRows(segments: SegmentsResult): SegmentRow[] {
  return segments.segments.map((segment) => {
    const { dataset, performance } = segment;
    const measured = performance?.baseline_value !== undefined && performance.current_value !== undefined;
    return {
      value: segment.value,
      rows: `${segment.rows.baseline} / ${segment.rows.current}`,
      drift: segment.drift_detected,
      status: segment.drift_detected ? 'drift' : dataset.status.replace('-', ' '),
      drifted:
        dataset.tested_count === 0 ? '—' : `${dataset.drifted_count} of ${dataset.tested_count} (${formatPercent(dataset.drift_share)})`,
      effect: segment.largest_effect === undefined ? '—' : formatNumber(segment.largest_effect),
      performance: !performance
        ? ''
        : measured
          ? `${performance.metric_title} ${formatNumber(performance.baseline_value!)} → ${formatNumber(performance.current_value!)} (${formatSigned(performance.difference!)}${performance.drift_detected ? ', degraded' : ''})`
          : `not measured: ${performance.reason ?? 'insufficient data'}`,
    };
  });
}

/** "Segments by plan: 2 of 5 drifted." and what was left out. */
export function segmentsSummary(segments: SegmentsResult): string {
  const drifted = segments.segments.filter((segment) => segment.drift_detected).length;
  const rest = segments.left_out > 0 ? ` ${segments.left_out} smaller segments past the largest ${MAX_SEGMENTS} were not checked.` : '';
  return `Segments by ${segments.column}: ${drifted} of ${segments.segments.length} drifted (drifted first, then by the share of drifted columns and the largest effect).${rest}`;
}

export const SEGMENT_HEADERS = ['Segment', 'Rows (baseline / current)', 'Result', 'Drifted columns', 'Largest effect'] as const;
