/**
 * Axis labels for instants: round UTC times (every 15 minutes, every day, every month, ...) chosen from the
 * span by d3-time, as few as fit the axis without overlapping, each written no finer than the step needs.
 */
import { utcTicks } from 'd3-time';
import { formatUtc, type TimePrecision } from '../engine/time.js';

/** About 6.2 px a character of an 11 px label, and a gap between labels. */
const CHARACTER_WIDTH = 6.2;
const LABEL_GAP = 16;

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface TimeTick {
  /** Unix milliseconds. */
  readonly at: number;
  readonly label: string;
}

/** The precision labels `step` milliseconds apart need: seconds only under a minute, and so on. */
export function precisionForStep(step: number): TimePrecision {
  if (step < MINUTE) return 'second';
  if (step < DAY) return 'minute';
  if (step < 28 * DAY) return 'day';
  if (step < 365 * DAY) return 'month';
  return 'year';
}

/**
 * Round times between `from` and `to` (Unix milliseconds) whose labels fit in `width` pixels side by side.
 *
 * @example timeTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31), 600) // 2024-02, 2024-03, ... monthly
 */
export function timeTicks(from: number, to: number, width: number): TimeTick[] {
  if (!(to > from)) return Number.isFinite(from) ? [{ at: from, label: formatUtc(from, 'second') }] : [];
  for (let count = Math.max(2, Math.floor(width / 40)); count >= 1; count--) {
    const ticks = utcTicks(new Date(from), new Date(to), count).map((date) => date.getTime());
    if (ticks.length === 0) continue;
    const precision = precisionForStep(ticks.length > 1 ? ticks[1] - ticks[0] : to - from);
    const labels = ticks.map((at) => formatUtc(at, precision));
    const widest = Math.max(...labels.map((label) => label.length)) * CHARACTER_WIDTH + LABEL_GAP;
    if (ticks.length * widest <= width || count === 1) return ticks.map((at, index) => ({ at, label: labels[index] }));
  }
  return [];
}
