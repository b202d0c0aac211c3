import { describe, expect, it } from '@jest/globals';
import {
  gcd,
  ksTwoSampleAsymptoticPValue,
  ksTwoSampleExactSurvival,
  ksTwoSampleStatistic,
  roundHalfEven,
} from '../../../src/stattests/math/ks-two-sample.js';
import { numericalSample } from '../../../src/stattests/sample.js';

describe('ksTwoSampleStatistic', () => {
  it('is the largest ECDF gap in either direction, computed as SciPy does', () => {
    // SciPy 1.10.1: stats.ks_2samp([1,2,3],[2.5,3.5,4,5,6,7,8], method='asymp').statistic -> 0.8571428571428572
    // (1 − 1/7 evaluated as 3/3 − 1/7; the lattice value 6/7 would be 0.8571428571428571)
    expect(ksTwoSampleStatistic(numericalSample([1, 2, 3], [2.5, 3.5, 4, 5, 6, 7, 8]))).toBe(0.8571428571428572);
    // SciPy 1.10.1: stats.ks_2samp([4,5],[1,2,3], method='asymp').statistic -> 1.0 (current entirely below)
    expect(ksTwoSampleStatistic(numericalSample([4, 5], [1, 2, 3]))).toBe(1);
  });

  it('compares the ECDFs only after all tied values', () => {
    // SciPy 1.10.1: stats.ks_2samp([1,1,2,2,2,3],[2,2,3,3,3,3,4], method='asymp').statistic -> 0.5476190476190477
    expect(ksTwoSampleStatistic(numericalSample([1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 3, 3, 4]))).toBe(0.5476190476190477);
    expect(ksTwoSampleStatistic(numericalSample([7, 7, 7], [7]))).toBe(0);
  });
});

describe('lattice helpers', () => {
  it('gcd', () => {
    expect(gcd(12, 18)).toBe(6);
    expect(gcd(10000, 9999)).toBe(1);
    expect(gcd(7, 7)).toBe(7);
  });

  it('rounds half to even like NumPy', () => {
    // NumPy 1.24: np.round([0.5, 1.5, 2.5, 3.5, -2.5, 2.4999999999999996, 7.0]) -> [0, 2, 2, 4, -2, 2, 7]
    expect([0.5, 1.5, 2.5, 3.5, -2.5, 2.4999999999999996, 7].map(roundHalfEven)).toEqual([0, 2, 2, 4, -2, 2, 7]);
  });
});

describe('ksTwoSampleExactSurvival', () => {
  // [n, m, h, P(D ≥ h/lcm)], from SciPy 1.10.1's private helpers: scipy.stats._stats_py._compute_prob_outside_square(n, h)
  // when n = m, else scipy.stats._stats_pythran._compute_outer_prob_inside_method(n, m, gcd(n, m), h). Both run in
  // doubles with the same operations as ours, so the comparison is exact.
  const table: Array<[number, number, number, number]> = [
    [1, 1, 1, 1],
    [10, 10, 3, 0.7869297884777761],
    [2000, 2000, 40, 0.8187536311788122],
    [50, 50, 50, 1.9823306042836678e-29],
    [1000, 1000, 760, 1.364821011392552e-283],
    [1, 5, 3, 1],
    [3, 7, 13, 0.25],
    [2, 3, 6, 0.2],
    [5, 7, 16, 0.43434343434343425],
    [60, 40, 100, 2.254199562391514e-17],
    [10000, 7, 69994, 1.0051822510394057e-24],
    [7, 10000, 3, 1],
    [900, 1000, 7009, 8.92226801880183e-285],
  ];

  it.each(table)('n = %d, m = %d, h = %d', (n, m, h, want) => {
    expect(ksTwoSampleExactSurvival(n, m, h)).toBe(want);
  });

  it('is symmetric in the two sizes', () => {
    expect(ksTwoSampleExactSurvival(60, 40, 100)).toBe(ksTwoSampleExactSurvival(40, 60, 100));
    expect(ksTwoSampleExactSurvival(13, 8, 41)).toBe(ksTwoSampleExactSurvival(8, 13, 41));
  });

  it('reproduces the rounding above 1 that makes SciPy abandon the exact computation', () => {
    // SciPy 1.10.1: _compute_prob_outside_square(7, 1) -> 1.0000000000000002
    expect(ksTwoSampleExactSurvival(7, 7, 1)).toBe(1.0000000000000002);
  });

  it('counts every path when the band is a single lattice step wide (p = 1 for h = 1)', () => {
    for (const [n, m] of [
      [3, 5],
      [8, 12],
      [1, 9],
    ]) {
      expect(ksTwoSampleExactSurvival(n, m, 1)).toBe(1);
    }
  });
});

describe('ksTwoSampleAsymptoticPValue', () => {
  it('uses kstwo at round(nm/(n+m)) with ties to even', () => {
    // SciPy 1.10.1: stats.kstwo.sf(1/7, 4) -> 0.9999609537692629 (n = m = 7: nm/(n+m) = 3.5 rounds to 4)
    expect(Math.abs(ksTwoSampleAsymptoticPValue(1 / 7, 7, 7) - 0.9999609537692629)).toBeLessThanOrEqual(1e-15);
    // SciPy 1.10.1: stats.kstwo.sf(0.4, 2) -> 0.82 (n = m = 5: 2.5 rounds to 2; kstwo.sf(0.4, 3) -> 0.5946666666666665)
    expect(Math.abs(ksTwoSampleAsymptoticPValue(0.4, 5, 5) - 0.82)).toBeLessThanOrEqual(1e-15);
  });

  it('is NaN when the effective size rounds to 0 (n = m = 1)', () => {
    expect(ksTwoSampleAsymptoticPValue(1, 1, 1)).toBeNaN();
  });
});
