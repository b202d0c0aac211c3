import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { distanceCheck, distanceOnValues, expectDescriptor } from '../helpers/scipy.js';
import { wassersteinNormed } from '../../src/stattests/wasserstein-normed.js';
import { categoricalSampleFromValues } from '../../src/stattests/sample.js';

const distance = distanceOnValues(wassersteinNormed);

// References below were computed as stats.wasserstein_distance(r, c) / max(np.std(r), 0.001) with
// SciPy 1.10.1, NumPy 1.24.2.
const expectReference = distanceCheck('wasserstein_normed');

describe('wasserstein_normed descriptor', () => {
  it('is a distance on numerical columns with Evidently’s 0.1 default', () => {
    expectDescriptor(wassersteinNormed, { name: 'wasserstein_normed', kinds: ['numerical'], output: 'distance', defaultThreshold: 0.1 });
  });

  it('does not compute on categorical samples', () => {
    expect(wassersteinNormed.compute(categoricalSampleFromValues(['a'], ['b']))).toBeUndefined();
  });
});

describeGolden(wassersteinNormed, { columns: { moreThan: 20 } });

describe('wasserstein_normed', () => {
  it('divides W1 by the population standard deviation of the reference', () => {
    // W1 = 5.0, np.std([0,1,3]) = 1.247219128924647 -> 4.0089186286863665
    expectReference(distance([0, 1, 3], [5, 6, 8]), 4.0089186286863665);
    // W1 = 1.5416666666666667, np.std = 0.6871842709362769 -> 2.24345453158608
    expectReference(distance([1, 1, 2, 2, 2, 3], [2, 3, 3, 3, 4, 4, 4, 4]), 2.24345453158608);
    // W1 = 1.3125, np.std = 3.007152930929852 -> 0.43645934548269133
    expectReference(distance([0.5, 2.25, -1, 7], [3, 0.5, 0.5, 10, -2, 4.75]), 0.43645934548269133);
  });

  it('floors a constant reference’s standard deviation at 0.001', () => {
    // W1 = 0.5, np.std([2,2,2]) = 0 -> 0.5 / 0.001 = 500.0
    expectReference(distance([2, 2, 2], [2, 3]), 500);
    // one value per side: W1 = 3.0 -> 3000.0
    expectReference(distance([1], [4]), 3000);
  });

  it('floors a tiny but non-zero standard deviation', () => {
    // W1 = 0.16665000000000002, np.std([1,1.0001]) = 4.999999999999449e-05 < 0.001 -> 166.65
    expectReference(distance([1, 1.0001], [1, 1.0001, 1.5]), 166.65);
    // W1 = 2.75e-07, np.std = 2.0103896803024698e-07 < 0.001 -> 0.000275
    expectReference(distance([-1.5e-7, 2e-7, 3.25e-7], [1e-7, -4e-7]), 0.000275);
  });

  it('uses the standard deviation itself just above the floor', () => {
    // W1 = 0.49875, np.std([0,0.0025]) = 0.00125 -> 399.0
    expectReference(distance([0, 0.0025], [0, 1]), 399);
  });

  it('is 0 when both sides hold one shared constant', () => {
    // SciPy 1.10.1: stats.wasserstein_distance([2,2,2],[2,2]) -> 0.0
    expect(distance([2, 2, 2], [2, 2])).toBe(0);
  });
});
