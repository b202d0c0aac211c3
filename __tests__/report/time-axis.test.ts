import { describe, expect, it } from '@jest/globals';
import { precisionForStep, timeTicks } from '../../src/report/time-axis.js';

const DAY = 86_400_000;
/** Labels are 11 px text: the widest label times the count must fit the axis (6.2 px a character, 16 px apart). */
function fits(labels: string[], width: number): boolean {
  return labels.length * (Math.max(...labels.map((label) => label.length)) * 6.2 + 16) <= width;
}

describe('time axis ticks', () => {
  it('labels a year by month, at the first of each month, without overlapping', () => {
    const ticks = timeTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31), 692);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(
      fits(
        ticks.map((tick) => tick.label),
        692,
      ),
    ).toBe(true);
    for (const tick of ticks) {
      expect(new Date(tick.at).getUTCDate()).toBe(1);
      expect(tick.label).toMatch(/^2024-\d{2}$/);
    }
  });

  it('labels two days by hours with the date, and a decade by years', () => {
    const hours = timeTicks(Date.UTC(2024, 2, 1, 3, 17), Date.UTC(2024, 2, 3), 692);
    expect(hours.every((tick) => /^2024-03-0[1-3] \d{2}:00$/.test(tick.label))).toBe(true);
    expect(
      fits(
        hours.map((tick) => tick.label),
        692,
      ),
    ).toBe(true);
    const years = timeTicks(Date.UTC(2010, 5, 1), Date.UTC(2024, 5, 1), 692);
    expect(years.every((tick) => /^20\d{2}$/.test(tick.label))).toBe(true);
  });

  it('keeps every tick within the span, in order, and fewer on a narrow axis', () => {
    const [from, to] = [Date.UTC(2024, 0, 3, 5), Date.UTC(2024, 1, 20, 17)];
    const wide = timeTicks(from, to, 692);
    const narrow = timeTicks(from, to, 200);
    for (const ticks of [wide, narrow]) {
      expect(ticks.every((tick) => tick.at >= from && tick.at <= to)).toBe(true);
      expect(ticks.map((tick) => tick.at)).toEqual([...ticks.map((tick) => tick.at)].sort((a, b) => a - b));
    }
    expect(narrow.length).toBeLessThan(wide.length);
    expect(
      fits(
        narrow.map((tick) => tick.label),
        200,
      ),
    ).toBe(true);
  });

  it('writes labels no finer than the step needs', () => {
    expect(precisionForStep(15_000)).toBe('second');
    expect(precisionForStep(6 * 3_600_000)).toBe('minute');
    expect(precisionForStep(7 * DAY)).toBe('day');
    expect(precisionForStep(31 * DAY)).toBe('month');
    expect(precisionForStep(366 * DAY)).toBe('year');
  });
});
