import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { distanceCheck, distanceOnValues, expectDescriptor } from '../helpers/scipy.js';
import { energy } from '../../src/stattests/energy.js';
import { categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';

const distance = distanceOnValues(energy);
const expectScipy = distanceCheck('energy');

describe('energy descriptor', () => {
  it('is a distance on numerical columns with Evidently’s 0.1 default', () => {
    expectDescriptor(energy, { name: 'energy', kinds: ['numerical'], output: 'distance', defaultThreshold: 0.1 });
  });

  it('does not compute on categorical samples', () => {
    expect(energy.compute(categoricalSampleFromValues(['a'], ['b']))).toBeUndefined();
  });
});

describeGolden(energy, { columns: { moreThan: 20 } });

describe('energy distance', () => {
  it('matches SciPy on translated samples', () => {
    // SciPy 1.10.1: stats.energy_distance([0,1,3],[5,6,8]) -> 2.7080128015453204
    expectScipy(distance([0, 1, 3], [5, 6, 8]), 2.7080128015453204);
  });

  it('is sqrt(2·|x − y|) for one value per side', () => {
    // SciPy 1.10.1: stats.energy_distance([1],[4]) -> 2.4494897427831783 (= sqrt(6))
    expectScipy(distance([1], [4]), 2.4494897427831783);
  });

  it('is 0 when everything is tied, or for the same multiset in another order', () => {
    // SciPy 1.10.1: stats.energy_distance([2,2,2],[2,2]) -> 0.0; ([3,1,2,2],[2,1,3,2]) -> 0.0
    expect(distance([2, 2, 2], [2, 2])).toBe(0);
    expect(distance([3, 1, 2, 2], [2, 1, 3, 2])).toBe(0);
  });

  it('handles heavy ties, unequal sizes and a constant reference', () => {
    // SciPy 1.10.1: stats.energy_distance([1,1,2,2,2,3],[2,3,3,3,4,4,4,4]) -> 1.313656897536204
    expectScipy(distance([1, 1, 2, 2, 2, 3], [2, 3, 3, 3, 4, 4, 4, 4]), 1.313656897536204);
    // SciPy 1.10.1: stats.energy_distance([0.5,2.25,-1,7],[3,0.5,0.5,10,-2,4.75]) -> 0.6263873490988713
    expectScipy(distance([0.5, 2.25, -1, 7], [3, 0.5, 0.5, 10, -2, 4.75]), 0.6263873490988713);
    // SciPy 1.10.1: stats.energy_distance([2,2,2],[2,3]) -> 0.7071067811865476
    expectScipy(distance([2, 2, 2], [2, 3]), 0.7071067811865476);
  });

  it('is undefined when the distance overflows', () => {
    // SciPy 1.10.1: stats.energy_distance([-1e308],[1e308]) -> inf
    expect(energy.compute(numericalSample([-1e308], [1e308]))).toBeUndefined();
  });

  it('keeps its digits at small scales', () => {
    // SciPy 1.10.1: stats.energy_distance([-1.5e-7, 2e-7, 3.25e-7],[1e-7, -4e-7]) -> 0.0005055250296034367
    expectScipy(distance([-1.5e-7, 2e-7, 3.25e-7], [1e-7, -4e-7]), 0.0005055250296034367);
  });
});
