import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { distanceCheck, distanceOnValues, expectDescriptor } from '../helpers/scipy.js';
import { wasserstein } from '../../src/stattests/wasserstein.js';
import { categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const distance = distanceOnValues(wasserstein);
const expectScipy = distanceCheck('wasserstein');

describe('wasserstein descriptor', () => {
  it('is a distance on numerical columns with a 0.1 default', () => {
    expectDescriptor(wasserstein, { name: 'wasserstein', kinds: ['numerical'], output: 'distance', defaultThreshold: 0.1 });
  });

  it('does not compute on categorical samples', () => {
    expect(wasserstein.compute(categoricalSampleFromValues(['a'], ['b']))).toBeUndefined();
  });

  it('reports only a distance', () => {
    expect(Object.keys(wasserstein.compute(numericalSample([0, 1], [2]))!)).toEqual(['distance']);
  });
});

describeGolden(wasserstein, { columns: { moreThan: 20 } });

describe('wasserstein (W1)', () => {
  it('is the shift between translated samples', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([0,1,3],[5,6,8]) -> 5.0
    expectScipy(distance([0, 1, 3], [5, 6, 8]), 5);
  });

  it('handles one value per side', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([1],[4]) -> 3.0
    expectScipy(distance([1], [4]), 3);
  });

  it('is 0 when everything is tied, or for the same multiset in another order', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([2,2,2],[2,2]) -> 0.0
    expect(distance([2, 2, 2], [2, 2])).toBe(0);
    // SciPy 1.10.1: stats.wasserstein_distance([3,1,2,2],[2,1,3,2]) -> 0.0
    expect(distance([3, 1, 2, 2], [2, 1, 3, 2])).toBe(0);
  });

  it('handles heavy ties and unequal sizes', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([1,1,2,2,2,3],[2,3,3,3,4,4,4,4]) -> 1.5416666666666667
    expectScipy(distance([1, 1, 2, 2, 2, 3], [2, 3, 3, 3, 4, 4, 4, 4]), 1.5416666666666667);
    // SciPy 1.10.1: stats.wasserstein_distance([0.5,2.25,-1,7],[3,0.5,0.5,10,-2,4.75]) -> 1.3125
    expectScipy(distance([0.5, 2.25, -1, 7], [3, 0.5, 0.5, 10, -2, 4.75]), 1.3125);
  });

  it('handles a constant reference', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([2,2,2],[2,3]) -> 0.5
    expectScipy(distance([2, 2, 2], [2, 3]), 0.5);
  });

  it('keeps its digits at small scales', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([-1.5e-7, 2e-7, 3.25e-7],[1e-7, -4e-7]) -> 2.75e-07
    expectScipy(distance([-1.5e-7, 2e-7, 3.25e-7], [1e-7, -4e-7]), 2.75e-7);
  });

  it('is undefined when the distance overflows', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([-1e308],[1e308]) -> inf
    expect(wasserstein.compute(numericalSample([-1e308], [1e308]))).toBeUndefined();
  });

  it('is symmetric', () => {
    const reference = [0.5, 2.25, -1, 7];
    const current = [3, 0.5, 0.5, 10, -2, 4.75];
    expect(distance(reference, current)).toBe(distance(current, reference));
  });
});
