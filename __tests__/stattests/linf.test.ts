import { describe, expect, it } from '@jest/globals';
import { goldenColumnsFor } from '../helpers/golden.js';
import { counts, expectDescriptor, rampsSample, range, repeat } from '../helpers/scipy.js';
import { linf } from '../../src/stattests/linf.js';
import { tvd } from '../../src/stattests/tvd.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const distanceOf = (result: ReturnType<typeof linf.compute>): number | undefined => result?.distance;

describe('linf descriptor', () => {
  it('is a distance on both kinds with a 0.1 default', () => {
    expectDescriptor(linf, { name: 'linf', kinds: ['numerical', 'categorical'], output: 'distance', defaultThreshold: 0.1 });
  });
});

describe('linf on categories', () => {
  it('is the largest change of one category share', () => {
    // a: 0.5 → 0.4, b: 0.3 → 0.3, c: 0.2 → 0.3; the largest change is 0.1 (up to rounding of the shares).
    expect(distanceOf(linf.compute(categoricalSample(counts({ a: 50, b: 30, c: 20 }), counts({ a: 40, b: 30, c: 30 }))))).toBeCloseTo(
      0.1,
      15,
    );
    // a: 0.7 → 0.2 is the largest change, though b and c move too.
    expect(distanceOf(linf.compute(categoricalSample(counts({ a: 7, b: 2, c: 1 }), counts({ a: 2, b: 4, c: 4 }))))).toBeCloseTo(0.5, 15);
  });

  it('counts a new category with its whole current share', () => {
    // reference all a; current half a, half z: |1 − 0.5| = |0 − 0.5| = 0.5
    expect(linf.compute(categoricalSampleFromValues(repeat('a', 10), [...repeat('a', 5), ...repeat('z', 5)]))).toEqual({ distance: 0.5 });
    // a category that vanished: reference (a 3/4, gone 1/4), current all a
    expect(linf.compute(categoricalSampleFromValues(['a', 'a', 'a', 'gone'], ['a']))).toEqual({ distance: 0.25 });
  });

  it('is 1 for disjoint supports, 0 for equal shares, and symmetric', () => {
    expect(linf.compute(categoricalSampleFromValues(['a', 'b'], ['c']))).toEqual({ distance: 1 });
    expect(linf.compute(categoricalSample(counts({ a: 1, b: 3 }), counts({ a: 10, b: 30 })))).toEqual({ distance: 0 });
    expect(linf.compute(categoricalSampleFromValues(['a', 'a', 'b'], ['b']))).toEqual(
      linf.compute(categoricalSampleFromValues(['b'], ['a', 'a', 'b'])),
    );
  });
});

describe('linf on numbers (the binning of psi)', () => {
  it('compares value shares on the discrete path', () => {
    // keys 1, 2: p = (1/2, 1/2), q = (1/4, 3/4)
    expect(linf.compute(numericalSample([1, 1, 2, 2], [1, 2, 2, 2]))).toEqual({ distance: 0.25 });
  });

  it('compares bin shares on the histogram path', () => {
    // Reference 0..99 (100 distinct), current 100 zeros. Pooled N = 200: log2(200) + 1 ≈ 8.64, so 9 bins
    // of width 99/9 = 11 over [0, 99]. The first bin [0, 11) holds 11 reference values (share 0.11) and
    // every current value (share 1): the largest change is 0.89.
    expect(distanceOf(linf.compute(numericalSample(range(0, 100), repeat(0, 100))))).toBeCloseTo(0.89, 15);
    // Shifting by whole bins moves shares between bins; identical data gives 0.
    expect(linf.compute(numericalSample(range(0, 100), range(0, 100)))).toEqual({ distance: 0 });
  });

  it('reads the bin counts NumPy gives', () => {
    // NumPy 1.24.2: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50), Sturges edges on the pooled values;
    // np.histogram counts are ref [7 6 6 6 6 6 3 0], cur [0 7 7 7 7 7 7 8]. Largest change: bin 0, 7/40 − 0.
    const sample = rampsSample();
    expect(linf.compute(sample)).toEqual({ distance: 7 / 40 });
  });
});

describe('linf against tvd on the golden columns', () => {
  it('never exceeds tvd, and equals it when there are two buckets', async () => {
    // With shares summing to 1 on both sides, the gains equal the losses, each equal to tvd; one bucket's
    // change is at most that. With two buckets the two changes are equal and opposite, so linf = tvd.
    const columns = await goldenColumnsFor('tvd');
    expect(columns.length).toBe(42);
    for (const { caseName, column } of columns) {
      const label = `${caseName}/${column.name}`;
      const l = linf.compute(column.sample)!.distance!;
      const t = tvd.compute(column.sample)!.distance!;
      expect({ label, ok: l >= 0 && l <= t + 1e-15 }).toEqual({ label, ok: true });
      if (column.sample.kind === 'categorical' && column.sample.categories.length === 2) {
        expect({ label, linf: l }).toEqual({ label, linf: expect.closeTo(t, 14) });
      }
    }
  });
});
