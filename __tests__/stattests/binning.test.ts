import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GOLDEN_DIR, goldenColumnsFor } from '../helpers/golden.js';
import { rampsSample, range, repeat } from '../helpers/scipy.js';
import {
  binShares,
  compactHistogram,
  DISCRETE_MAX_DISTINCT,
  filledBinShares,
  fillZeros,
  hellingerHistogram,
  histogramCounts,
  sharedBinning,
  sturgesEdges,
} from '../../src/stattests/binning.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';
import type { CategoricalSample, NumericalSample } from '../../src/stattests/types.js';

describe('sturgesEdges', () => {
  it('reproduces NumPy edges digit for digit (multiply, then add lo; last edge is hi)', () => {
    // NumPy 1.24.2: np.histogram_bin_edges(a, bins='sturges') for a of size 50 with min 0.1 and max 0.7
    const numpy = [
      0.1, 0.18571428571428572, 0.27142857142857146, 0.3571428571428571, 0.44285714285714284, 0.5285714285714286, 0.6142857142857142, 0.7,
    ];
    expect(Array.from(sturgesEdges(0.1, 0.7, 50))).toEqual(numpy);
  });

  it('gives the extra bin when N is a power of two and range/width rounds above log2(N) + 1', () => {
    // NumPy 1.24.2: np.histogram_bin_edges(a, bins='sturges') for a of size 1024 with min -37.17, max 138.91
    // (the range of the golden case sturges_power_of_two/overshoot): 12 bins, although log2(1024) + 1 = 11.
    const numpy = [
      -37.17, -22.49666666666667, -7.823333333333338, 6.849999999999994, 21.523333333333326, 36.19666666666666, 50.86999999999999,
      65.54333333333332, 80.21666666666665, 94.89, 109.56333333333332, 124.23666666666664, 138.91,
    ];
    expect(Array.from(sturgesEdges(-37.17, 138.91, 1024))).toEqual(numpy);
    // Same range, N = 1023: 11 bins (NumPy 1.24.2).
    expect(sturgesEdges(-37.17, 138.91, 1023).length - 1).toBe(11);
    // Ranges where range/width rounds to exactly 11.0 keep 11 bins at N = 1024 (NumPy 1.24.2).
    expect(sturgesEdges(0, 1, 1024).length - 1).toBe(11);
    expect(sturgesEdges(-1, 3, 1024).length - 1).toBe(11);
  });

  it('turns a zero range into the single bin [v - 0.5, v + 0.5], as NumPy does', () => {
    expect(Array.from(sturgesEdges(7, 7, 300))).toEqual([6.5, 7.5]);
  });
});

describe('histogramCounts', () => {
  it('puts a value on an inner edge into the upper bin and closes the last bin', () => {
    const edges = Float64Array.from([0, 1, 2, 3]);
    expect(Array.from(histogramCounts(Float64Array.from([0, 0.5, 1, 2, 2.999, 3]), edges))).toEqual([2, 1, 3]);
    expect(Array.from(histogramCounts(Float64Array.from([1, 1, 1, 2, 2]), edges))).toEqual([0, 3, 2]);
  });

  it('ignores values outside the edges and handles empty bins between full ones', () => {
    const edges = Float64Array.from([0, 1, 2, 3, 4]);
    expect(Array.from(histogramCounts(Float64Array.from([-1, 0.5, 3.5, 3.5, 4, 5]), edges))).toEqual([1, 0, 0, 3]);
  });

  it('counts a NumPy example exactly', () => {
    // NumPy 1.24.2: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50),
    // bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges') (8 bins);
    // np.histogram(ref, bins)[0] = [7 6 6 6 6 6 3 0], np.histogram(cur, bins)[0] = [0 7 7 7 7 7 7 8]
    const sample = rampsSample();
    const binning = sharedBinning(sample)!;
    expect(binning.path).toBe('histogram');
    expect(Array.from(binning.reference)).toEqual([7, 6, 6, 6, 6, 6, 3, 0]);
    expect(Array.from(binning.current)).toEqual([0, 7, 7, 7, 7, 7, 7, 8]);
  });
});

describe('sharedBinning paths', () => {
  it(`uses the discrete path up to ${DISCRETE_MAX_DISTINCT} distinct reference values and the histogram above`, () => {
    const twenty = numericalSample(range(0, 20), range(0, 30));
    const twentyOne = numericalSample(range(0, 21), range(0, 30));
    expect(sharedBinning(twenty)!.path).toBe('discrete');
    // The current side's distinct values do not count towards the switch, but all of them become keys.
    expect(sharedBinning(twenty)!.reference.length).toBe(30);
    expect(sharedBinning(twentyOne)!.path).toBe('histogram');
  });

  it('counts -0 and 0 as one value', () => {
    const sample = numericalSample([-0, 0, ...range(1, 20)], [0]);
    const binning = sharedBinning(sample)!;
    expect(binning.path).toBe('discrete');
    expect(Array.from(binning.reference).slice(0, 2)).toEqual([2, 1]);
    expect(binning.current[0]).toBe(1);
  });

  it('makes keys of the union of both sides on the discrete path', () => {
    const sample = numericalSample([1, 1, 2, 3], [2, 4, 4, 5.5]);
    const binning = sharedBinning(sample)!;
    expect(binning.edges).toBeUndefined();
    // keys 1, 2, 3, 4, 5.5
    expect(Array.from(binning.reference)).toEqual([2, 1, 1, 0, 0]);
    expect(Array.from(binning.current)).toEqual([0, 1, 0, 2, 1]);
    expect([binning.referenceTotal, binning.currentTotal]).toEqual([4, 4]);
  });

  it('uses the category counts as they are, dropping categories absent from both sides', () => {
    const sample = categoricalSampleFromValues(['b', 'a', 'a'], ['c', 'a']);
    expect(Array.from(sharedBinning(sample)!.reference)).toEqual([2, 1, 0]);
    expect(Array.from(sharedBinning(sample)!.current)).toEqual([1, 0, 1]);
    const ghost: CategoricalSample = {
      kind: 'categorical',
      categories: ['a', 'b', 'z'],
      reference: Float64Array.from([2, 0, 0]),
      current: Float64Array.from([0, 1, 0]),
      referenceTotal: 2,
      currentTotal: 1,
    };
    expect(Array.from(sharedBinning(ghost)!.reference)).toEqual([2, 0]);
    expect(Array.from(sharedBinning(ghost)!.current)).toEqual([0, 1]);
  });

  it('spans the pooled range: the last bin holds the pooled maximum even if it is current-only', () => {
    const sample = numericalSample(range(0, 30), [100]);
    const binning = sharedBinning(sample)!;
    const edges = binning.edges!;
    expect(edges[0]).toBe(0);
    expect(edges[edges.length - 1]).toBe(100);
    expect(binning.current[binning.current.length - 1]).toBe(1);
    expect(sumOf(binning.reference)).toBe(30);
  });

  it('has no binning for an infinite range on the histogram path (NumPy refuses it)', () => {
    // numericalSample drops infinities, so build the samples by hand.
    const withInfinity = (reference: number[], current: number[]): NumericalSample => ({
      kind: 'numerical',
      reference: Float64Array.from(reference),
      current: Float64Array.from(current),
    });
    expect(sharedBinning(withInfinity([...range(0, 30), Infinity], [1]))).toBeUndefined();
    expect(binShares(withInfinity([-Infinity, ...range(0, 30)], [1]))).toBeUndefined();
    expect(hellingerHistogram(withInfinity([0, 1], [Infinity]))).toBeUndefined();
    // The discrete path has keys, not a range, so it still bins.
    expect(sharedBinning(withInfinity([0, 1], [Infinity]))!.reference.length).toBe(3);
  });

  it('is memoized per sample', () => {
    const sample = numericalSample(range(0, 40), range(5, 45));
    expect(sharedBinning(sample)).toBe(sharedBinning(sample));
    expect(binShares(sample)).toBe(binShares(sample));
    expect(filledBinShares(sample)).toBe(filledBinShares(sample));
  });
});

describe('zero filling', () => {
  it('replaces zeros by 0.0001 when the smallest non-zero share is above 0.0001', () => {
    expect(Array.from(fillZeros(Float64Array.from([0.5, 0.5, 0])))).toEqual([0.5, 0.5, 0.0001]);
  });

  it('replaces zeros by μ/10^6 when the smallest non-zero share μ is at most 0.0001', () => {
    const filled = fillZeros(Float64Array.from([0.99995, 0.00005, 0, 0]));
    expect(Array.from(filled)).toEqual([0.99995, 0.00005, 0.00005 / 1e6, 0.00005 / 1e6]);
    // Boundary: μ = 0.0001 exactly is "at most".
    expect(fillZeros(Float64Array.from([0.9999, 0.0001, 0]))[2]).toBe(0.0001 / 1e6);
  });

  it('leaves a vector without zeros alone and does not renormalise', () => {
    const shares = Float64Array.from([0.25, 0.75]);
    expect(fillZeros(shares)).toBe(shares);
    const filled = fillZeros(Float64Array.from([1, 0]));
    expect(filled[0] + filled[1]).toBeGreaterThan(1);
  });

  it('fills each side on its own', () => {
    // reference 20000 × a, 1 × b; current 100 × a, 1 × c. NumPy 1.24.2 with Evidently's rule:
    // the reference zero (c) becomes 4.999750012499375e-11, the current zero (b) becomes 0.0001.
    const sample = categoricalSample(
      new Map([
        ['a', 20000],
        ['b', 1],
      ]),
      new Map([
        ['a', 100],
        ['c', 1],
      ]),
    );
    const filled = filledBinShares(sample)!;
    expect(filled.reference[2]).toBe(4.999750012499375e-11);
    expect(filled.current[1]).toBe(0.0001);
    const plain = binShares(sample)!;
    expect([plain.reference[2], plain.current[1]]).toEqual([0, 0]);
  });
});

describe('hellingerHistogram', () => {
  it('applies Sturges to the distinct pooled values, even with few of them', () => {
    // u = 2 distinct values: log2(2) + 1 = 2, width 0.5, 2 bins over [0, 1].
    const histogram = hellingerHistogram(numericalSample([0, 0, 0, 1, 1], [0, 1, 1, 1, 1, 1, 1]))!;
    expect(Array.from(histogram.edges)).toEqual([0, 0.5, 1]);
    expect(Array.from(histogram.reference)).toEqual([3, 2]);
    expect(Array.from(histogram.current)).toEqual([1, 6]);
  });

  it('gives one bin [v - 0.5, v + 0.5] to a single distinct value', () => {
    const histogram = hellingerHistogram(numericalSample(repeat(3, 10), repeat(3, 4)))!;
    expect(Array.from(histogram.edges)).toEqual([2.5, 3.5]);
    expect(Array.from(histogram.reference)).toEqual([10]);
    expect(Array.from(histogram.current)).toEqual([4]);
  });
});

describe('golden binning (expected.json "binning")', () => {
  it('has the path, bucket count and Hellinger bin count of every numerical golden column', async () => {
    const columns = (await goldenColumnsFor('psi')).filter(({ column }) => column.type === 'numerical');
    expect(columns.length).toBeGreaterThan(15);
    for (const { caseName, column } of columns) {
      const info = JSON.parse(readFileSync(join(GOLDEN_DIR, caseName, 'expected.json'), 'utf8')).binning[column.name];
      const binning = sharedBinning(column.sample)!;
      const hellinger = hellingerHistogram(column.sample as NumericalSample)!;
      const got = {
        label: `${caseName}/${column.name}`,
        path: binning.path,
        buckets: binning.reference.length,
        hellingerBins: hellinger.reference.length,
      };
      expect(got).toEqual({
        label: got.label,
        path: info.path,
        buckets: info.path === 'histogram' ? info.bins : info.keys,
        hellingerBins: info.hellinger_bins,
      });
    }
  });
});

describe('compactHistogram', () => {
  it('returns the shared Sturges bins for a numerical column on the histogram path', () => {
    const sample = rampsSample();
    const histogram = compactHistogram(sample)!;
    expect(histogram.kind).toBe('bins');
    if (histogram.kind !== 'bins') return;
    expect(histogram.edges).toBe(sharedBinning(sample)!.edges);
    expect(Array.from(histogram.reference)).toEqual([7, 6, 6, 6, 6, 6, 3, 0]);
    expect([histogram.referenceTotal, histogram.currentTotal]).toEqual([40, 50]);
  });

  it('returns one bucket per value for a numerical column with few values', () => {
    const histogram = compactHistogram(numericalSample([1, 1, 2], [2, 3]))!;
    expect(histogram).toEqual({
      kind: 'values',
      values: Float64Array.from([1, 2, 3]),
      reference: Float64Array.from([2, 1, 0]),
      current: Float64Array.from([0, 1, 1]),
      referenceTotal: 3,
      currentTotal: 2,
    });
  });

  it('falls back to Sturges bins when a discrete numerical column has more values than the limit', () => {
    // A constant reference against 100 distinct current values: the shared binning has 101 keys.
    const histogram = compactHistogram(numericalSample(repeat(0, 10), range(1, 101)))!;
    expect(histogram.kind).toBe('bins');
    if (histogram.kind !== 'bins') return;
    // 110 pooled values over [0, 100]: log2(110) + 1 ≈ 7.78, so 8 bins.
    expect(histogram.edges.length).toBe(9);
    expect(sumOf(histogram.reference)).toBe(10);
    expect(sumOf(histogram.current)).toBe(100);
    expect(histogram.reference[0]).toBe(10);
  });

  it('keeps the most frequent categories and folds the rest into "other"', () => {
    const reference = new Map([
      ['a', 1],
      ['b', 5],
      ['c', 3],
      ['d', 1],
    ]);
    const current = new Map([
      ['a', 2],
      ['c', 3],
      ['e', 4],
    ]);
    const histogram = compactHistogram(categoricalSample(reference, current), 3)!;
    expect(histogram).toEqual({
      kind: 'categories',
      categories: ['c', 'b', 'e'],
      reference: Float64Array.from([3, 5, 0]),
      current: Float64Array.from([3, 0, 4]),
      otherReference: 2,
      otherCurrent: 2,
      referenceTotal: 10,
      currentTotal: 9,
    });
  });

  it('lists every category when they fit, ties in code-point order', () => {
    const histogram = compactHistogram(categoricalSampleFromValues(['y', 'x'], ['x', 'y']))!;
    expect(histogram.kind === 'categories' && histogram.categories).toEqual(['x', 'y']);
    expect(histogram.kind === 'categories' && [histogram.otherReference, histogram.otherCurrent]).toEqual([0, 0]);
  });
});

function sumOf(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
