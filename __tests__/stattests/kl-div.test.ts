import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { counts, distanceCheck, expectDescriptor, rampsSample, range } from '../helpers/scipy.js';
import { klDiv } from '../../src/stattests/kl-div.js';
import { categoricalSample, categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const expectDistance = distanceCheck('kl_div');

describe('kl_div descriptor', () => {
  it("is a distance on both kinds with Evidently's 0.1 default", () => {
    expectDescriptor(klDiv, { name: 'kl_div', kinds: ['numerical', 'categorical'], output: 'distance', defaultThreshold: 0.1 });
  });
});

describeGolden(klDiv, { columns: 42 });

describe('kl_div by hand', () => {
  it('is Σ P ln(P/Q) with the reference first', () => {
    // P = (1/2, 1/2), Q = (3/4, 1/4): 1/2·ln(2/3) + 1/2·ln 2 = ln(4/3)/2
    expectDistance(klDiv.compute(categoricalSample(counts({ a: 50, b: 50 }), counts({ a: 75, b: 25 })))?.distance, Math.log(4 / 3) / 2);
    // Swapped: P = (3/4, 1/4), Q = (1/2, 1/2): 3/4·ln(3/2) + 1/4·ln(1/2); not symmetric.
    expectDistance(
      klDiv.compute(categoricalSample(counts({ a: 75, b: 25 }), counts({ a: 50, b: 50 })))?.distance,
      0.75 * Math.log(1.5) + 0.25 * Math.log(0.5),
    );
  });

  it('renormalises the filled vectors, as scipy.stats.entropy does', () => {
    // SciPy 1.10.1: stats.entropy([0.5, 0.5], [1, 0.0001]) = 3.9121230004284797 (q filled with 0.0001)
    expectDistance(klDiv.compute(categoricalSampleFromValues(['a', 'b'], ['a', 'a']))?.distance, 3.9121230004284797);
    // SciPy 1.10.1: p = [20000, 1, 0]/20001, q = [100, 0, 1]/101 filled per Evidently's rule,
    // stats.entropy(p, q) = 0.009965172979905635
    expectDistance(klDiv.compute(categoricalSample(counts({ a: 20000, b: 1 }), counts({ a: 100, c: 1 })))?.distance, 0.009965172979905635);
  });

  it('bins numbers with Sturges on the histogram path', () => {
    // SciPy 1.10.1 / NumPy 1.24.2: ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50), Sturges edges on the
    // pooled values, np.histogram shares filled per Evidently, stats.entropy(p, q) = 1.3108541558389053
    const sample = rampsSample();
    expectDistance(klDiv.compute(sample)?.distance, 1.3108541558389053);
  });

  it('is 0 for identical shares', () => {
    expect(klDiv.compute(numericalSample(range(0, 50), range(0, 50)))).toEqual({ distance: 0 });
    expect(klDiv.compute(categoricalSampleFromValues(['u', 'v'], ['v', 'u']))).toEqual({ distance: 0 });
  });
});
