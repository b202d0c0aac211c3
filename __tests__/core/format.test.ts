/** formatCount writes whole numbers as Intl's en-US format does, digit for digit, without calling it; plural ends a count's noun. */
import { describe, expect, it } from '@jest/globals';
import { formatCount, plural } from '../../src/core/format.js';

const intl = new Intl.NumberFormat('en-US');

describe('formatCount', () => {
  it('groups digits in threes with commas, as en-US does', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1234)).toBe('-1,234');
  });

  it('gives the same text as Intl for every group boundary up to the largest safe integer', () => {
    const counts = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let power = 1; power <= 1e15; power *= 10) counts.push(power - 1, power, power + 1, -power);
    for (const count of counts) expect([count, formatCount(count)]).toEqual([count, intl.format(count)]);
  });

  it('leaves what is not a safe whole number to Intl', () => {
    for (const value of [-0, 2 ** 60, 1234.5, Infinity, NaN]) expect(formatCount(value)).toBe(intl.format(value));
  });
});

describe('plural', () => {
  it('is empty for one and "s" for every other count, none included', () => {
    expect([0, 1, 2, 1000].map((count) => `${count} file${plural(count)}`)).toEqual(['0 files', '1 file', '2 files', '1000 files']);
  });
});
