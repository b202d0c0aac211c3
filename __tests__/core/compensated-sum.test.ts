import { describe, expect, it } from '@jest/globals';
import { CompensatedSum } from '../../src/core/compensated-sum.js';

const sumOf = (terms: readonly number[]) => {
  const sum = new CompensatedSum();
  for (const term of terms) sum.add(term);
  return sum.total();
};

describe('CompensatedSum', () => {
  it('keeps what a plain loop loses when a term outweighs the running sum', () => {
    expect([1e16, 1, -1e16].reduce((a, b) => a + b, 0)).toBe(0);
    expect(sumOf([1e16, 1, -1e16])).toBe(1);
    expect(sumOf([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('sums a million tenths to the double nearest the exact sum, where a plain loop drifts', () => {
    const tenths = Array.from({ length: 1_000_000 }, () => 0.1);
    expect(Math.abs(tenths.reduce((a, b) => a + b, 0) - 100_000)).toBeGreaterThan(1e-7);
    // 10⁶ × fl(0.1) = 100000.0000000000055511…, within half the 1.46e-11 spacing of doubles there of 100000.
    expect(sumOf(tenths)).toBe(100_000);
  });
});
