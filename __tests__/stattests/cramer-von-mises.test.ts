import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, lcgNormals, onValues, range, resultCheck } from '../helpers/scipy.js';
import { cramerVonMises } from '../../src/stattests/cramer-von-mises.js';
import { categoricalSampleFromValues } from '../../src/stattests/sample.js';

const run = onValues(cramerVonMises);
const expectScipy = resultCheck('cramer_von_mises');

// Samples around the exact/asymptotic switch. In Python:
//   a = [((i*7)%20)/2 for i in range(20)]; b = [((i*11)%21)/2+0.7 for i in range(20)]
//   b21 = [((i*11)%21)/2+0.7 for i in range(21)]
const a20 = range(0, 20).map((i) => ((i * 7) % 20) / 2);
const b20 = range(0, 20).map((i) => ((i * 11) % 21) / 2 + 0.7);
const b21 = range(0, 21).map((i) => ((i * 11) % 21) / 2 + 0.7);

describe('cramer_von_mises descriptor', () => {
  it('is a p-value test on numerical columns with the 0.05 default', () => {
    expectDescriptor(cramerVonMises, { name: 'cramer_von_mises', kinds: ['numerical'], output: 'p_value', defaultThreshold: 0.05 });
  });

  it('does not compute on categorical samples', () => {
    expect(cramerVonMises.compute(categoricalSampleFromValues(['a', 'b'], ['b', 'c']))).toBeUndefined();
  });
});

describeGolden(cramerVonMises, { columns: { moreThan: 20 } });

describe('cramer_von_mises exact path (max(n, m) <= 20)', () => {
  it('matches small samples', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp([1,2,3],[4,5,6,7]) -> 0.5952380952380951, p 0.05714285714285714
    expectScipy(run([1, 2, 3], [4, 5, 6, 7]), 0.5952380952380951, 0.05714285714285714);
    // SciPy 1.10.1: stats.cramervonmises_2samp([1,2],[1,2]) -> 0.0, p 1.0
    expectScipy(run([1, 2], [1, 2]), 0, 1);
  });

  it('maps tied (midrank) U onto the tie-free distribution with SciPy floor', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp([1,2,2,3],[2,3,3,4,5]) -> 0.34259259259259256, p 0.14285714285714285
    expectScipy(run([1, 2, 2, 3], [2, 3, 3, 4, 5]), 0.34259259259259256, 0.14285714285714285);
  });

  it('gives T != 0 and p = 1 when every value is tied', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp([5,5,5,5],[5,5,5]) -> 0.04761904761904767, p 1.0
    expectScipy(run([5, 5, 5, 5], [5, 5, 5]), 0.04761904761904767, 1);
  });

  it('is exact at max(n, m) = 20', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp(a, b) -> 0.10000000000000053, p 0.6134536864284893
    //   (method='asymptotic' would give 0.6105367413247274)
    expectScipy(run(a20, b20), 0.10000000000000053, 0.6134536864284893);
    // SciPy 1.10.1: stats.cramervonmises_2samp([0.5,3.2,9.9], b) -> 0.09981884057971024, p 0.6408808582721626
    //   (method='asymptotic' would give 0.6733144072994857)
    expectScipy(run([0.5, 3.2, 9.9], b20), 0.09981884057971024, 0.6408808582721626);
  });
});

describe('cramer_von_mises asymptotic path (max(n, m) > 20)', () => {
  it('is asymptotic from max(n, m) = 21', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp(a, b21) -> 0.09866434378629485, p 0.6168683150198722
    //   (method='exact' would give 0.6136329489273789)
    expectScipy(run(a20, b21), 0.09866434378629485, 0.6168683150198722);
  });

  it('returns p = 1 when the normalised statistic is below 0.003', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp(range(30), range(30)) -> 0.0, p 1.0 (tn = -0.0043)
    expectScipy(run(range(0, 30), range(0, 30)), 0, 1);
    // SciPy 1.10.1: stats.cramervonmises_2samp([0]*30, [0]*25) -> 0.15272727272727238, p 0.39100866745181095
    expectScipy(run(Array<number>(30).fill(0), Array<number>(25).fill(0)), 0.15272727272727238, 0.39100866745181095);
  });

  it('matches SciPy 1 - C in the far tail, where the truncated series decides the value', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp(range(100), range(1000,1100)) -> 16.667499999999997, p 6.013630704515549e-10
    expectScipy(run(range(0, 100), range(1000, 1100)), 16.667499999999997, 6.013630704515549e-10);
    // Complete separation again, but SciPy's p is larger: 1 - C(tn) is the series' truncation error there.
    // SciPy 1.10.1: stats.cramervonmises_2samp(range(300), range(1000,1300)) -> 50.00027777777778, p 1.0588943499811876e-08
    expectScipy(run(range(0, 300), range(1000, 1300)), 50.00027777777778, 1.0588943499811876e-8);
  });

  it('handles 50 000 values', () => {
    const reference = lcgNormals(12345, 20000, 0, 1);
    const current = lcgNormals(987654321, 30000, 0.01, 1);
    // SciPy 1.10.1: stats.cramervonmises_2samp(x, y) on the same lcgNormals (Python port of the generator)
    //   -> 0.6515453516676644, p 0.016716057498316728
    expectScipy(run(reference, current), 0.6515453516676644, 0.016716057498316728);
  });

  it('is undefined when a side has fewer than 2 values', () => {
    // SciPy 1.10.1: stats.cramervonmises_2samp([1],[2,3]) raises ValueError
    expect(run([1], [2, 3])).toBeUndefined();
    expect(run([1, 2, 3], [4])).toBeUndefined();
  });
});
