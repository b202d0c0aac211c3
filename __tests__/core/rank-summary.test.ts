import { describe, expect, it } from '@jest/globals';
import {
  combine,
  compress,
  rankErrorOf,
  representativePoints,
  summaryFault,
  summaryOfCounts,
  summaryOfSorted,
  type RankSummary,
} from '../../src/core/rank-summary.js';
import { seededRandom } from '../helpers/tables.js';

function sortedDraws(count: number, seed: number, decimals?: number): Float64Array {
  const random = seededRandom(seed);
  const values = Float64Array.from({ length: count }, () => {
    const value = (random() - 0.5) * 100;
    return decimals === undefined ? value : Number(value.toFixed(decimals));
  });
  return values.sort();
}

/** The number of values ≤ x in sorted values. */
function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The largest |F̂(x) − F(x)| over every data value and every stored value (where either step function moves). */
function largestCdfGap(summary: RankSummary, sorted: Float64Array): number {
  const points = representativePoints(summary);
  const cumulative = new Float64Array(points.counts.length);
  points.counts.forEach((count, index) => (cumulative[index] = count + (index > 0 ? cumulative[index - 1] : 0)));
  let largest = 0;
  for (const x of [...sorted, ...summary.values]) {
    const estimate = countAtMost(points.values, x) === 0 ? 0 : cumulative[countAtMost(points.values, x) - 1];
    largest = Math.max(largest, Math.abs(estimate - countAtMost(sorted, x)) / sorted.length);
  }
  return largest;
}

describe('rank summary', () => {
  it('of sorted values stays within its rank error, and its representative CDF within the stated bound', () => {
    const sorted = sortedDraws(20_000, 7);
    const summary = summaryOfSorted(sorted, 0.001);
    expect(summaryFault(summary)).toBeUndefined();
    expect(rankErrorOf(summary)).toBeLessThanOrEqual(0.001);
    const { cdfError } = representativePoints(summary);
    expect(cdfError).toBeLessThanOrEqual(0.001 + 1 / (2 * sorted.length));
    expect(largestCdfGap(summary, sorted)).toBeLessThanOrEqual(cdfError);
    expect(largestCdfGap(summary, sorted)).toBeGreaterThan(0);
  });

  it('merged over many shards and compressed keeps the target error, with ties', () => {
    const shards = Array.from({ length: 40 }, (_, index) => sortedDraws(2_500 + index * 37, 100 + index, 1));
    let merged: RankSummary = { count: 0, values: new Float64Array(0), rmin: new Float64Array(0), rmax: new Float64Array(0) };
    for (const shard of shards) merged = compress(combine(merged, summaryOfSorted(shard, 0.0005)), 0.001);
    const all = Float64Array.from(shards.flatMap((shard) => [...shard])).sort();
    expect(merged.count).toBe(all.length);
    expect(summaryFault(merged)).toBeUndefined();
    expect(rankErrorOf(merged)).toBeLessThanOrEqual(0.001);
    const { cdfError } = representativePoints(merged);
    expect(largestCdfGap(merged, all)).toBeLessThanOrEqual(cdfError);
    expect(cdfError).toBeLessThanOrEqual(0.001 + 1 / (2 * all.length));
    // About 1/ε values, not one per shard value.
    expect(merged.values.length).toBeLessThan(2_500);
  });

  it('of counts is exact, and combining exact summaries stays exact', () => {
    const exact = summaryOfCounts(Float64Array.from([1, 2, 5]), Float64Array.from([3, 1, 2]));
    expect(Array.from(exact.values)).toEqual([1, 1, 2, 5, 5]);
    expect(Array.from(exact.rmin)).toEqual([1, 3, 4, 5, 6]);
    expect(rankErrorOf(exact)).toBe(0);
    const other = summaryOfCounts(Float64Array.from([2, 3]), Float64Array.from([1, 1]));
    const union = combine(exact, other);
    expect(summaryFault(union)).toBeUndefined();
    expect(union.count).toBe(8);
    const points = representativePoints(union);
    expect(Array.from(points.values)).toEqual([1, 2, 3, 5]);
    expect(Array.from(points.counts)).toEqual([3, 2, 1, 2]);
  });

  it('names what an inconsistent summary contradicts', () => {
    const sound = summaryOfSorted(sortedDraws(100, 3), 0.05);
    expect(summaryFault({ ...sound, count: sound.count + 1 })).toMatch(/last stored value/);
    const swapped = sound.values.slice();
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(summaryFault({ ...sound, values: swapped })).toMatch(/out of order/);
    expect(summaryFault({ ...sound, rmax: sound.rmax.subarray(1) })).toMatch(/different lengths/);
  });
});
