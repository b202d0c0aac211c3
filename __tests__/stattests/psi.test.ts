import { describe, expect, it } from '@jest/globals';
import { describeGolden, goldenColumnsFor } from '../helpers/golden.js';
import { counts, distanceCheck, expectDescriptor, rampsSample, range, repeat } from '../helpers/scipy.js';
import { psi } from '../../src/stattests/psi.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const expectDistance = distanceCheck('psi');

describe('psi descriptor', () => {
  it("is a distance on both kinds with Evidently's 0.1 default", () => {
    expectDescriptor(psi, { name: 'psi', kinds: ['numerical', 'categorical'], output: 'distance', defaultThreshold: 0.1 });
  });
});

describeGolden(psi, { columns: 42 }, () => {
  it('includes the power-of-two, new-category, constant and identical cases', async () => {
    const names = (await goldenColumnsFor('psi')).map(({ caseName, column }) => `${caseName}/${column.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['sturges_power_of_two/overshoot', 'category_changes/new_only', 'constant_column/const', 'identical_data/x']),
    );
  });
});

describe('psi by hand', () => {
  it('is Σ (p − q) ln(p/q) on shares without zeros', () => {
    // p = (1/2, 1/2), q = (3/4, 1/4): −1/4·ln(2/3) + 1/4·ln 2 = ln(3)/4
    expectDistance(psi.compute(categoricalSample(counts({ a: 50, b: 50 }), counts({ a: 75, b: 25 })))?.distance, Math.log(3) / 4);
  });

  it('fills a zero share with 0.0001 before the logarithm', () => {
    // p = (1/2, 1/2), q = (1, 0) → q = (1, 0.0001): (−1/2)·ln(1/2) + (1/2 − 0.0001)·ln(0.5/0.0001)
    const want = -0.5 * Math.log(0.5) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001);
    expectDistance(psi.compute(categoricalSampleFromValues(['a', 'b'], ['a', 'a']))?.distance, want);
  });

  it('fills with μ/10^6 when the smallest share is tiny, each side on its own', () => {
    // NumPy 1.24.2, Evidently's rule: p = [20000, 1, 0]/20001, q = [100, 0, 1]/101, zeros filled per side,
    // np.sum((p - q) * np.log(p / q)) = 0.18927998667964296
    const sample = categoricalSample(counts({ a: 20000, b: 1 }), counts({ a: 100, c: 1 }));
    expectDistance(psi.compute(sample)?.distance, 0.18927998667964296);
  });

  it('is 0 for identical shares and symmetric in the two sides', () => {
    expect(psi.compute(numericalSample(range(0, 50), range(0, 50)))).toEqual({ distance: 0 });
    expect(psi.compute(categoricalSampleFromValues(['x', 'y', 'y'], ['y', 'x', 'y', 'x', 'y', 'y']))).toEqual({ distance: 0 });
    const forward = psi.compute(categoricalSampleFromValues(['a', 'b', 'b', 'c'], ['a', 'a', 'c']))!.distance!;
    const backward = psi.compute(categoricalSampleFromValues(['a', 'a', 'c'], ['a', 'b', 'b', 'c']))!.distance!;
    expect(forward).toBeGreaterThan(0);
    expect(backward).toBeCloseTo(forward, 14);
  });

  it('bins numbers with Sturges on the histogram path', () => {
    // NumPy 1.24.2: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50); Sturges edges on the pooled values,
    // np.histogram shares, Evidently's filling, np.sum((p - q) * np.log(p / q)) = 2.5297665226936106
    const sample = rampsSample();
    expectDistance(psi.compute(sample)?.distance, 2.5297665226936106);
  });

  it('treats a constant reference against a varying current on the discrete path', () => {
    // p = (1, 0, 0) → (1, 1e-4, 1e-4); q = (0, 1/2, 1/2) → (1e-4, 1/2, 1/2)
    const want = (1 - 0.0001) * Math.log(1 / 0.0001) + 2 * (0.0001 - 0.5) * Math.log(0.0001 / 0.5);
    expectDistance(psi.compute(numericalSample(repeat(0, 4), [1, 1, 2, 2]))?.distance, want);
  });
});
