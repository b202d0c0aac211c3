import type { StreamPoint } from './result.js';
import { epochMilliseconds, formatUtc, type TimeEncoding } from './time.js';

/** "row 2000 (2024-03-14 21:20:00 UTC)": where a point is, in the reader's terms; Unix times as UTC dates. */
export function describeStreamPoint(point: StreamPoint, time?: TimeEncoding): string {
  if (point.order === undefined) return `row ${point.row}`;
  const epoch = typeof point.order === 'number' && time !== undefined && time !== 'iso';
  return `row ${point.row} (${epoch ? `${formatUtc(epochMilliseconds(point.order, time), 'second')} UTC` : point.order})`;
}
