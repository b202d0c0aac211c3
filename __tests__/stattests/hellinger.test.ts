import { describe, expect, it } from '@jest/globals';
import { describeGolden, goldenColumnsFor } from '../helpers/golden.js';
import { counts, distanceCheck, expectDescriptor, rampsSample, repeat } from '../helpers/scipy.js';
import { hellinger } from '../../src/stattests/hellinger.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const expectDistance = distanceCheck('hellinger');

describe('hellinger descriptor', () => {
  it("is a distance on both kinds with Evidently's 0.1 default", () => {
    expectDescriptor(hellinger, { name: 'hellinger', kinds: ['numerical', 'categorical'], output: 'distance', defaultThreshold: 0.1 });
  });
});

// The corpus accepts agreement of H² where H is tiny (see `withinTolerance`).
describeGolden(hellinger, { columns: 42 }, () => {
  it('gives identical_data/x a tiny H whose square is at the rounding level', async () => {
    const column = (await goldenColumnsFor('hellinger')).find(
      ({ caseName, column }) => caseName === 'identical_data' && column.name === 'x',
    )!;
    const h = hellinger.compute(column.column.sample)!.distance!;
    // SciPy/NumPy gave 1.0536712127723509e-08 for this identical sample: H² ≈ 1.1e-16, i.e. s = 1 − ε.
    expect(h * h).toBeLessThanOrEqual(1e-13);
  });
});

describe('hellinger on categories', () => {
  it('is sqrt(1 − Σ sqrt(p q)) on plain shares', () => {
    // p = (1/2, 1/2), q = (1, 0): s = sqrt(1/2)
    expectDistance(hellinger.compute(categoricalSampleFromValues(['a', 'b'], ['a', 'a']))?.distance, Math.sqrt(1 - Math.SQRT1_2));
    // p = (1/2, 1/2), q = (3/4, 1/4): s = sqrt(3/8) + sqrt(1/8)
    expectDistance(
      hellinger.compute(categoricalSample(counts({ a: 2, b: 2 }), counts({ a: 3, b: 1 })))?.distance,
      Math.sqrt(1 - Math.sqrt(3 / 8) - Math.sqrt(1 / 8)),
    );
  });

  it('is 1 for disjoint supports and 0 for equal shares', () => {
    expect(hellinger.compute(categoricalSampleFromValues(['a'], ['b']))).toEqual({ distance: 1 });
    expect(hellinger.compute(categoricalSample(counts({ a: 1, b: 3 }), counts({ a: 2, b: 6 })))).toEqual({ distance: 0 });
  });
});

describe('hellinger on numbers', () => {
  it('bins even two distinct values, with densities and the mean bin width', () => {
    // u = 2 → 2 bins [0, 0.5), [0.5, 1]. Reference counts (2, 2), current (1, 3).
    // Densities: reference (2/0.5/4, 2/0.5/4) = (1, 1); current (1/0.5/4, 3/0.5/4) = (0.5, 1.5); w̄ = 0.5.
    const s = (Math.sqrt(0.5) + Math.sqrt(1.5)) * 0.5;
    expectDistance(hellinger.compute(numericalSample([0, 0, 1, 1], [0, 1, 1, 1]))?.distance, Math.sqrt(1 - s));
  });

  it('is 0 (H² at rounding level) for one shared constant', () => {
    const h = hellinger.compute(numericalSample(repeat(1234.5678, 300), repeat(1234.5678, 250)))!.distance!;
    expect(h * h).toBeLessThanOrEqual(1e-13);
  });

  it('is 1 when the samples fall in different bins', () => {
    // u = 4 distinct → log2(4) + 1 = 3 bins over [0, 30]: [0, 10), [10, 20), [20, 30].
    expectDistance(hellinger.compute(numericalSample([0, 1], [29, 30]))?.distance, 1);
  });

  it('matches NumPy on a Sturges histogram', () => {
    // NumPy 1.24.2, Evidently's recipe: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50);
    // bins = np.histogram_bin_edges(np.unique(pooled), bins='sturges') (8 bins), densities by
    // np.histogram(..., density=True), s = Σ sqrt(h1*h2)*mean width, sqrt(1 − clip(s)) = 0.41588658914532456
    const sample = rampsSample();
    expectDistance(hellinger.compute(sample)?.distance, 0.41588658914532456);
  });
});
