import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { counts, distanceCheck, expectDescriptor, rampsSample, range } from '../helpers/scipy.js';
import { tvd } from '../../src/stattests/tvd.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const expectDistance = distanceCheck('tvd');

describe('tvd descriptor', () => {
  it("is a distance on both kinds with Evidently's 0.1 default", () => {
    expectDescriptor(tvd, { name: 'tvd', kinds: ['numerical', 'categorical'], output: 'distance', defaultThreshold: 0.1 });
  });
});

describeGolden(tvd, { columns: 42 });

describe('tvd by hand', () => {
  it('is half the L1 distance of the shares', () => {
    // p = (1/2, 1/2), q = (3/4, 1/4): (1/4 + 1/4)/2
    expectDistance(tvd.compute(categoricalSample(counts({ a: 50, b: 50 }), counts({ a: 75, b: 25 })))?.distance, 0.25);
    // A category new in current: p = (1, 0), q = (1/2, 1/2): (1/2 + 1/2)/2
    expectDistance(tvd.compute(categoricalSampleFromValues(['a', 'a'], ['a', 'z']))?.distance, 0.5);
  });

  it('is 1 for disjoint supports and 0 for identical shares', () => {
    expectDistance(tvd.compute(categoricalSampleFromValues(['a'], ['b', 'c']))?.distance, 1);
    expectDistance(tvd.compute(numericalSample([1, 2], [3, 4]))?.distance, 1);
    expect(tvd.compute(numericalSample(range(0, 30), range(0, 30)))).toEqual({ distance: 0 });
  });

  it('bins numbers with Sturges on the histogram path', () => {
    // NumPy 1.24.2: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50), Sturges edges on the pooled values,
    // np.histogram shares, np.sum(np.abs(p - q))/2 = 0.22499999999999998
    const sample = rampsSample();
    expectDistance(tvd.compute(sample)?.distance, 0.22499999999999998);
  });
});
