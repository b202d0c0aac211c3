import { describe, expect, it } from '@jest/globals';
import { pooledOrder } from '../../src/stattests/order.js';
import { numericalSample } from '../../src/stattests/sample.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The pooled order the slow way: every distinct value (-0 and 0 as one, the first seen) with each side's count. */
function naive(reference: Float64Array, current: Float64Array) {
  const all = [...reference, ...current].sort((a, b) => a - b || (Object.is(a, -0) ? -1 : Object.is(b, -0) ? 1 : 0));
  const values: number[] = [];
  for (const value of all) if (values.length === 0 || values[values.length - 1] !== value) values.push(value);
  // Where -0 and 0 meet, the merged entry keeps the reference's first value, as the merge does.
  const keep = (value: number) => (value === 0 ? ([...reference, ...current].find((x) => x === 0) ?? value) : value);
  return {
    values: values.map(keep),
    referenceCounts: values.map((value) => reference.filter((x) => x === value).length),
    currentCounts: values.map((value) => current.filter((x) => x === value).length),
  };
}

describe('pooledOrder', () => {
  it.each([
    [1, 0.5],
    [2, 0.05],
    [3, 0.9],
  ])('merges both sides into distinct values with counts (seed %i)', (seed, duplicates) => {
    const next = random(seed);
    const draw = () => (next() < duplicates ? Math.floor(next() * 5) - 2 : (next() - 0.5) * 100);
    for (const [n, m] of [
      [300, 200],
      [1, 400],
      [400, 1],
      [50, 50],
    ]) {
      const sample = numericalSample(Float64Array.from({ length: n }, draw), Float64Array.from({ length: m }, draw));
      const order = pooledOrder(sample);
      const want = naive(sample.reference, sample.current);
      expect({
        values: Array.from(order.values),
        referenceCounts: Array.from(order.referenceCounts),
        currentCounts: Array.from(order.currentCounts),
      }).toEqual(want);
    }
  });

  it('counts -0 and 0 as one value, shown as the reference has it', () => {
    const order = pooledOrder(numericalSample([-0, 0, 1], [0, 0, -0, 2]));
    expect(Array.from(order.values)).toEqual([-0, 1, 2]);
    expect(Object.is(order.values[0], -0)).toBe(true);
    expect(Array.from(order.referenceCounts)).toEqual([2, 1, 0]);
    expect(Array.from(order.currentCounts)).toEqual([3, 0, 1]);
  });

  it.each([
    ['both sides', 12, 15],
    ['one side', 12, 5000],
  ])('gives the same order when %s had few enough distinct values to be counted while sorted', (_, referenceDistinct, currentDistinct) => {
    const next = random(referenceDistinct + currentDistinct);
    const side = (distinct: number) => {
      const palette = [-0, 0, ...Array.from({ length: distinct - 2 }, () => Math.round((next() - 0.5) * 4000) / 100)];
      return Float64Array.from({ length: 20000 }, () => palette[Math.floor(next() * palette.length)]);
    };
    const sample = numericalSample(side(referenceDistinct), side(currentDistinct));
    const order = pooledOrder(sample);
    const want = naive(sample.reference, sample.current);
    expect(order.values.some((value) => Object.is(value, -0))).toBe(true);
    expect({
      values: Array.from(order.values),
      referenceCounts: Array.from(order.referenceCounts),
      currentCounts: Array.from(order.currentCounts),
    }).toEqual(want);
  });

  it('is computed once per sample', () => {
    const sample = numericalSample([3, 1], [2]);
    expect(pooledOrder(sample)).toBe(pooledOrder(sample));
  });
});
