/**
 * One warning annotation per drifted column. GitHub shows at most 10 warnings per step, so past nine
 * columns the tenth annotation summarizes the rest instead of being silently dropped.
 */
import * as core from '@actions/core';
import type { DriftResult } from '../engine/result.js';
import { driftedFirst, formatDirection, truncate } from '../report/format.js';

export const ANNOTATION_LIMIT = 10;

export function annotateDrift(result: DriftResult): void {
  const drifted = driftedFirst(result.columns).filter((column) => column.drift_detected);
  const individually = drifted.length <= ANNOTATION_LIMIT ? drifted : drifted.slice(0, ANNOTATION_LIMIT - 1);
  for (const column of individually) {
    const direction = formatDirection(column);
    const message = `${column.reasons.join('; ')}${direction ? ` (${direction})` : ''}`;
    core.warning(message, { title: `Drift in column ${truncate(column.name, 100)}` });
  }
  const rest = drifted.slice(individually.length);
  if (rest.length > 0) {
    const names = rest.slice(0, 20).map((column) => truncate(column.name, 40)).join(', ');
    core.warning(`${rest.length} more drifted columns: ${names}${rest.length > 20 ? ', …' : ''}. The job summary and the JSON report list them all.`, {
      title: `Drift in ${rest.length} more columns`,
    });
  }
}
