import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { counts, distanceCheck, expectDescriptor, rampsSample, range } from '../helpers/scipy.js';
import { jensenShannon } from '../../src/stattests/jensenshannon.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const expectDistance = distanceCheck('jensenshannon');

describe('jensenshannon descriptor', () => {
  it("is a distance on both kinds with Evidently's 0.1 default", () => {
    expectDescriptor(jensenShannon, {
      name: 'jensenshannon',
      kinds: ['numerical', 'categorical'],
      output: 'distance',
      defaultThreshold: 0.1,
    });
  });
});

describeGolden(jensenShannon, { columns: 42 });

describe('jensenshannon by hand', () => {
  it('reaches √ln 2 for disjoint supports and 0 for identical shares', () => {
    expectDistance(jensenShannon.compute(categoricalSampleFromValues(['a', 'a', 'b'], ['c', 'd']))?.distance, Math.sqrt(Math.LN2));
    expect(jensenShannon.compute(categoricalSampleFromValues(['a', 'b', 'b'], ['b', 'a', 'b']))).toEqual({ distance: 0 });
    expect(jensenShannon.compute(numericalSample(range(0, 30), range(0, 30)))).toEqual({ distance: 0 });
  });

  it('uses unfilled shares: a zero share contributes nothing', () => {
    // P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4): (1/2·ln(2/3) + 1/2·ln 2 + ln(4/3)) / 2 = 3/4·ln(4/3)
    expectDistance(jensenShannon.compute(categoricalSampleFromValues(['a', 'b'], ['a', 'a']))?.distance, Math.sqrt(0.75 * Math.log(4 / 3)));
  });

  it('is symmetric', () => {
    const forward = jensenShannon.compute(categoricalSample(counts({ a: 5, b: 3 }), counts({ a: 1, b: 6, c: 2 })))!.distance!;
    const backward = jensenShannon.compute(categoricalSample(counts({ a: 1, b: 6, c: 2 }), counts({ a: 5, b: 3 })))!.distance!;
    expect(forward).toBeGreaterThan(0);
    expect(backward).toBeCloseTo(forward, 14);
  });

  it('bins numbers with Sturges on the histogram path', () => {
    // SciPy 1.10.1 / NumPy 1.24.2: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50), Sturges edges on the
    // pooled values, np.histogram shares, scipy.spatial.distance.jensenshannon(p, q) = 0.34860261102716944
    const sample = rampsSample();
    expectDistance(jensenShannon.compute(sample)?.distance, 0.34860261102716944);
  });

  it('reports a divergence that rounds below 0 as 0 instead of NaN', () => {
    // Shares of (3450762, 6944532) vs (10352286, 20833597) are nearly equal. SciPy 1.10.1's jensenshannon
    // returns nan for them (the summed divergence rounds negative); the exact divergence, with mpmath at
    // 50 digits, is 6.3865446022271044e-17 (JS distance 7.99e-9).
    const got = jensenShannon.compute(categoricalSample(counts({ a: 3450762, b: 6944532 }), counts({ a: 10352286, b: 20833597 })));
    expect(got?.distance).toBeDefined();
    expect(Math.abs(got!.distance! ** 2 - 6.3865446022271044e-17)).toBeLessThan(1e-15);
  });
});
