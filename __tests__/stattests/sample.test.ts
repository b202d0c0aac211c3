import { describe, expect, it } from '@jest/globals';
import { distinctRunsOf, numericalSample, sortedFinite } from '../../src/stattests/sample.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** What the radix sort must reproduce: the finite values through the engine's old numeric sort. */
function reference(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
}

function expectIdentical(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  const mismatch = want.findIndex((value, index) => !Object.is(value, got[index]));
  expect({ mismatch, got: got[mismatch], want: want[mismatch] }).toEqual({ mismatch: -1, got: undefined, want: undefined });
}

const SPECIALS = [
  0,
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  -2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1,
  -1,
  0.1,
  -0.1,
  2 ** 53,
  -(2 ** 53),
  NaN,
  Infinity,
  -Infinity,
];

describe('sortedFinite', () => {
  it.each([10, 8191, 8192, 20000, 100000])('orders %i mixed values exactly as a numeric sort, -0 before 0', (size) => {
    const next = random(size);
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const pick = next();
      if (pick < 0.1) values[i] = SPECIALS[Math.floor(next() * SPECIALS.length)];
      else if (pick < 0.5) values[i] = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      else if (pick < 0.7) values[i] = (next() < 0.5 ? -1 : 1) * Math.exp((next() - 0.5) * 1400);
      else values[i] = Math.round(next() * 20) - 10;
    }
    expectIdentical(sortedFinite(values), reference(values));
  });

  it.each([3, 20, 30, 5000])('orders values that share their upper 32 bits, in runs of %i', (run) => {
    const next = random(run);
    // 1 + k·2^-40 differ only in the low word, so each group is one run to order by that word.
    const groups = [1, -1, 1024.5, -3.25e-9, 7e300];
    const values = Float64Array.from({ length: 12000 }, (_, i) => {
      const base = groups[Math.floor(i / run) % groups.length];
      return base + Math.sign(base) * Math.abs(base) * Math.floor(next() * 4096) * 2 ** -44;
    });
    expectIdentical(sortedFinite(values), reference(values));
  });

  it('keeps -0 and 0 apart, with -0 first, among many equal values', () => {
    const values = Float64Array.from({ length: 12000 }, (_, i) => [0, -0, 1, -1][i % 4]);
    const sorted = sortedFinite(values);
    expectIdentical(sorted, reference(values));
    expect(Object.is(sorted[3000], -0) && Object.is(sorted[5999], -0) && Object.is(sorted[6000], 0)).toBe(true);
  });

  it('drops NaN and infinities, and returns an empty array when nothing is finite', () => {
    expect(Array.from(sortedFinite([3, NaN, -Infinity, 1, Infinity]))).toEqual([1, 3]);
    expect(sortedFinite(new Float64Array(10000).fill(NaN))).toHaveLength(0);
  });

  it('reads a view into a larger buffer without touching the rest, and never changes its input', () => {
    const next = random(5);
    const backing = Float64Array.from({ length: 12000 }, () => (next() - 0.5) * 1e6);
    const copy = Float64Array.from(backing);
    const view = backing.subarray(1000, 11000);
    expectIdentical(sortedFinite(view), reference(view));
    expect(backing).toEqual(copy);
  });

  it.each([2, 37, 2000])('sorts a column of %i distinct values (with -0, 0, NaN and infinities) by counting them, exactly', (distinct) => {
    const next = random(distinct);
    const palette = Float64Array.from({ length: distinct }, (_, k) => [0, -0, NaN, Infinity][k] ?? Math.round((next() - 0.5) * 1e6) / 100);
    const values = Float64Array.from({ length: 50000 }, () => palette[Math.floor(next() * distinct)]);
    const sorted = sortedFinite(values);
    expectIdentical(sorted, reference(values));
    const runs = distinctRunsOf(sorted);
    expect(runs).toBeDefined();
    // One run per finite bit pattern, in the sorted order, whose counts add up to the sorted length.
    let at = 0;
    runs!.values.forEach((value, rank) => {
      expect(Object.is(sorted[at], value)).toBe(true);
      at += runs!.counts[rank];
    });
    expect(at).toBe(sorted.length);
  });

  it('gives no runs for a column of mostly distinct values', () => {
    const next = random(9);
    expect(distinctRunsOf(sortedFinite(Float64Array.from({ length: 50000 }, () => next())))).toBeUndefined();
  });

  it('accepts plain arrays', () => {
    expect(Array.from(numericalSample([3, 1, 2], [NaN, -0, 0]).current)).toEqual([-0, 0]);
    expect(Array.from(sortedFinite([3, 1, 2]))).toEqual([1, 2, 3]);
  });
});
