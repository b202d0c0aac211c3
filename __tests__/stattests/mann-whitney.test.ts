import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, onValues, range, resultCheck } from '../helpers/scipy.js';
import { mannWhitney } from '../../src/stattests/mann-whitney.js';
import { categoricalSampleFromValues } from '../../src/stattests/sample.js';

const run = onValues(mannWhitney);
const expectScipy = resultCheck('mann_whitney');

describe('mann_whitney descriptor', () => {
  it('is a two-sided p-value test on numerical columns with the 0.05 default', () => {
    expectDescriptor(mannWhitney, { name: 'mann_whitney', kinds: ['numerical'], output: 'p_value', defaultThreshold: 0.05 });
  });

  it('does not compute on categorical samples', () => {
    expect(mannWhitney.compute(categoricalSampleFromValues(['a'], ['b']))).toBeUndefined();
  });
});

describeGolden(mannWhitney, { columns: { moreThan: 20 } });

describe('mann_whitney exact path (min(n, m) <= 8, no ties)', () => {
  it('matches small textbook cases', () => {
    // SciPy 1.10.1: stats.mannwhitneyu([1,2,3],[4,5]) -> U=0.0, p=0.2
    expectScipy(run([1, 2, 3], [4, 5]), 0, 0.2);
    // SciPy 1.10.1: stats.mannwhitneyu([19,22,16,29,24],[20,11,17,12]) -> U=17.0, p=0.1111111111111111
    expectScipy(run([19, 22, 16, 29, 24], [20, 11, 17, 12]), 17, 0.1111111111111111);
  });

  it('reports U1 of the reference, not the smaller U', () => {
    const a8 = [0.3, 1.2, 2.5, 3.1, 4.8, 5.2, 6.9, 7.4];
    const b9 = [0.9, 1.9, 2.2, 3.7, 4.1, 5.5, 6.1, 7.8, 8.3];
    // SciPy 1.10.1: stats.mannwhitneyu(a8, b9) -> U=31.0, p=0.6729740847387906 (exact: n = 8)
    expectScipy(run(a8, b9), 31, 0.6729740847387906);
    // SciPy 1.10.1: stats.mannwhitneyu(b9, a8) -> U=41.0, p=0.6729740847387906
    expectScipy(run(b9, a8), 41, 0.6729740847387906);
  });

  it('handles one value per side and clips p at 1 when U = nm/2', () => {
    // SciPy 1.10.1: stats.mannwhitneyu([1],[2]) -> U=0.0, p=1.0; ([2],[1]) -> U=1.0, p=1.0
    expectScipy(run([1], [2]), 0, 1);
    expectScipy(run([2], [1]), 1, 1);
    // SciPy 1.10.1: stats.mannwhitneyu([1,4],[2,3]) -> U=2.0, p=1.0 (2·P(U ≥ 2) = 4/3 before clipping)
    expectScipy(run([1, 4], [2, 3]), 2, 1);
  });

  it('is exact with n = m = 8', () => {
    const reference = range(0, 8).map((i) => i + 0.5);
    const current = range(0, 8).map((i) => i + 0.25);
    // SciPy 1.10.1: stats.mannwhitneyu([i+0.5 for i in range(8)], [i+0.25 for i in range(8)])
    //   -> U=36.0, p=0.7209013209013208 (method='asymptotic' would give 0.713191261016072)
    expectScipy(run(reference, current), 36, 0.7209013209013208);
  });

  it('keeps the exact distribution accurate when counts exceed 2^53 (8 vs 500)', () => {
    const current = range(0, 500);
    // SciPy 1.10.1: stats.mannwhitneyu([30.5,100.5,180.5,220.5,260.5,330.5,420.5,470.5], range(500))
    //   -> U=2018.0, p=0.96675187651244
    expectScipy(run([30.5, 100.5, 180.5, 220.5, 260.5, 330.5, 420.5, 470.5], current), 2018, 0.96675187651244);
    // SciPy 1.10.1: stats.mannwhitneyu([10.5,20.5,40.5,60.5,80.5,90.5,100.5,110.5], range(500))
    //   -> U=518.0, p=8.100125885731398e-05
    const low = [10.5, 20.5, 40.5, 60.5, 80.5, 90.5, 100.5, 110.5];
    expectScipy(run(low, current), 518, 8.100125885731398e-5);
    // SciPy 1.10.1: stats.mannwhitneyu(range(500), low) -> U=3482.0, p=8.100125885731398e-05
    expectScipy(run(current, low), 3482, 8.100125885731398e-5);
  });

  it('keeps tiny exact p-values (no 1 - cdf)', () => {
    // SciPy 1.10.1: stats.mannwhitneyu([0.5,...,7.5], range(3, 403)) -> U=15.0, p=6.852915009207067e-14
    expectScipy(
      run(
        range(0, 8).map((i) => i + 0.5),
        range(3, 403),
      ),
      15,
      6.852915009207067e-14,
    );
    // SciPy 1.10.1: stats.mannwhitneyu(np.arange(8.), np.arange(8., 100008.)) -> U=0.0, p=8.061097564704212e-36
    expectScipy(run(range(0, 8), range(8, 100008)), 0, 8.061097564704212e-36);
    // SciPy 1.10.1: stats.mannwhitneyu([0.5], range(1, 300)) -> U=0.0, p=0.006666666666666667
    expectScipy(run([0.5], range(1, 300)), 0, 0.006666666666666667);
  });
});

describe('mann_whitney asymptotic path', () => {
  it('switches to the normal approximation once both sides exceed 8', () => {
    const a9 = [0.3, 1.2, 2.5, 3.1, 4.8, 5.2, 6.9, 7.4, 9.6];
    const b9 = [0.9, 1.9, 2.2, 3.7, 4.1, 5.5, 6.1, 7.8, 8.3];
    // SciPy 1.10.1: stats.mannwhitneyu(a9, b9) -> U=40.0, p=1.0 (z = (41 − 40.5 − 0.5)/s = 0)
    expectScipy(run(a9, b9), 40, 1);
    const a10 = [...a9, 10.2];
    // SciPy 1.10.1: stats.mannwhitneyu(a9 + [10.2], b9) -> U=49.0, p=0.7750513736700824
    expectScipy(run(a10, b9), 49, 0.7750513736700824);
  });

  it('switches to the normal approximation on a single tie, even for tiny samples', () => {
    // SciPy 1.10.1: stats.mannwhitneyu([1,2,3],[3,4,5]) -> U=0.5, p=0.12118327283746319
    expectScipy(run([1, 2, 3], [3, 4, 5]), 0.5, 0.12118327283746319);
    // -0 and 0 are one value, so they tie. SciPy 1.10.1: stats.mannwhitneyu([-0.0,1,2],[0.0,3]) -> U=2.5, p=1.0
    expectScipy(run([-0, 1, 2], [0, 3]), 2.5, 1);
  });

  it('applies the tie correction with heavy ties', () => {
    // SciPy 1.10.1: stats.mannwhitneyu([1,1,2,2,2,3],[2,3,3,3,4,4,4,4]) -> U=4.0, p=0.009111423199128336
    expectScipy(run([1, 1, 2, 2, 2, 3], [2, 3, 3, 3, 4, 4, 4, 4]), 4, 0.009111423199128336);
  });

  it('keeps tiny asymptotic p-values (upper tail via erfc)', () => {
    // SciPy 1.10.1: stats.mannwhitneyu(range(200), range(200, 400)) -> U=0.0, p=4.830856390397399e-67
    expectScipy(run(range(0, 200), range(200, 400)), 0, 4.830856390397399e-67);
  });

  it('gives p = 1 with U1 = nm/2 when every value is tied', () => {
    // SciPy 1.10.1: stats.mannwhitneyu([5,5,5],[5,5]) -> U=3.0, p=1.0
    expectScipy(run([5, 5, 5], [5, 5]), 3, 1);
    // SciPy 1.10.1: stats.mannwhitneyu([1.0],[1.0]) -> U=0.5, p=1.0
    expectScipy(run([1], [1]), 0.5, 1);
  });

  it('gives p = 1 for an all-tied column of a million values, where SciPy itself rounds to NaN', () => {
    // SciPy 1.10.1: stats.mannwhitneyu(np.zeros(500000), np.zeros(500000)) -> U=125000000000.0, p=nan, because
    // (N+1) − (N³−N)/(N(N−1)) rounds below 0. The golden definition (s = 0, z = −∞, p = 1) is what we follow.
    const zeros = new Float64Array(500_000);
    expect(run(zeros, zeros)).toEqual({ statistic: 125_000_000_000, p_value: 1 });
  });
});
