import { describe, expect, it } from '@jest/globals';
import { histogramOf, largestShareChange } from '../../src/engine/histogram.js';
import { categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

describe('histogramOf', () => {
  it('bins many-valued numbers with edges one longer than the counts, counting every value once', () => {
    const reference = Array.from({ length: 100 }, (_, i) => i);
    const current = Array.from({ length: 50 }, (_, i) => 2 * i);
    const histogram = histogramOf(numericalSample(reference, current));
    if (histogram?.kind !== 'bins') throw new Error('expected bins');
    expect(histogram.edges).toHaveLength(histogram.baseline.length + 1);
    expect(histogram.edges[0]).toBe(0);
    expect(histogram.edges[histogram.edges.length - 1]).toBe(99);
    expect(histogram.baseline.reduce((a, b) => a + b)).toBe(100);
    expect(histogram.current.reduce((a, b) => a + b)).toBe(50);
  });

  it('gives few-valued numbers one bucket per value, labelled with the value', () => {
    expect(histogramOf(numericalSample([1, 1, 2, 3], [3, 3, 4]))).toEqual({
      kind: 'categories',
      categories: ['1', '2', '3', '4'],
      baseline: [2, 1, 1, 0],
      current: [0, 0, 2, 1],
      other_baseline: 0,
      other_current: 0,
    });
  });

  it('keeps the 20 most frequent categories and sums the rest', () => {
    const reference = Array.from({ length: 30 }, (_, i) => Array.from({ length: 30 - i }, () => `c${i}`)).flat();
    const histogram = histogramOf(categoricalSampleFromValues(reference, ['c0', 'c29']));
    if (histogram?.kind !== 'categories') throw new Error('expected categories');
    expect(histogram.categories).toHaveLength(20);
    expect(histogram.categories[0]).toBe('c0');
    expect(histogram.other_baseline).toBe(reference.length - histogram.baseline.reduce((a, b) => a + b));
    expect(histogram.other_current).toBe(1);
  });
});

describe('largestShareChange', () => {
  it('names the category whose share moved most, with both shares', () => {
    expect(largestShareChange(categoricalSampleFromValues(['a', 'a', 'b', 'b'], ['a', 'b', 'c', 'c']))).toEqual({
      kind: 'share',
      category: 'c',
      baseline_share: 0,
      current_share: 0.5,
      change: 0.5,
    });
  });
});
