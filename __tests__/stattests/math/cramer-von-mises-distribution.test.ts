import { describe, expect, it } from '@jest/globals';
import { cramerVonMisesExactPValue, cramerVonMisesLimitCdf } from '../../../src/stattests/math/cramer-von-mises-distribution.js';

describe('cramerVonMisesLimitCdf', () => {
  it('matches SciPy _cdf_cvm_inf, truncation included', () => {
    // SciPy 1.10.1: scipy.stats._hypotests._cdf_cvm_inf(x). Beyond x ≈ 5 the value falls back from 1: the
    // series stops at the first term below 1e-7 and what it leaves out grows with x. We reproduce that.
    // Tolerance 1e-13 absolute: SciPy's kv (AMOS) itself is off by up to 7e-14 relative near argument 2.
    const reference: Array<[number, number]> = [
      [0.003, 1.2748440417041988e-18],
      [0.01, 5.864432809868958e-6],
      [0.05, 0.12371906895864912],
      [0.1, 0.4151265615932028],
      [0.2, 0.732529569459223],
      [0.5, 0.9601667824343907],
      [1, 0.9975395478198642],
      [2, 0.9999872192637342],
      [3, 0.9999999243222135],
      [5, 0.9999999999513484],
      [10, 0.9999999981855499],
      [30, 0.9999999939189278],
      [100, 0.999999974045976],
      [1000, 0.9999997441220226],
    ];
    for (const [x, want] of reference) {
      const got = cramerVonMisesLimitCdf(x);
      expect({ x, got, close: Math.abs(got - want) <= 1e-13 }).toEqual({ x, got, close: true });
    }
  });

  it('is 0 at and below 0', () => {
    expect(cramerVonMisesLimitCdf(0)).toBe(0);
    expect(cramerVonMisesLimitCdf(-1)).toBe(0);
    expect(cramerVonMisesLimitCdf(Number.NaN)).toBeNaN();
  });
});

describe('cramerVonMisesExactPValue', () => {
  it('matches SciPy _pval_cvm_2samp_exact, including U between attainable values', () => {
    // The attainable U for sizes (3, 4) are 98, 99, …, 118, 127, 144 (all 35 splits of ranks 1..7).
    // SciPy 1.10.1: scipy.stats._hypotests._pval_cvm_2samp_exact(np.float64(u), m, n)
    const reference: Array<[number, number, number, number]> = [
      [98, 3, 4, 1.0],
      [100, 3, 4, 0.9142857142857143],
      [118, 3, 4, 0.17142857142857143],
      [118.25, 3, 4, 0.11428571428571428],
      [126.5, 3, 4, 0.11428571428571428],
      [144, 3, 4, 0.05714285714285714],
      [145, 3, 4, 0.0],
      [14, 2, 2, 0.3333333333333333],
      [400, 4, 5, 0.015873015873015872],
      [106600, 20, 20, 1.0],
      [110000.5, 20, 20, 0.256394981567879],
      [118000, 20, 20, 0.011518305782464025],
      [140000, 20, 20, 1.9091086460627498e-6],
      [106000, 19, 20, 0.01549129474844037],
      [125000, 19, 20, 4.990013211708815e-6],
    ];
    for (const [u, n, m, want] of reference) {
      // A path count over C(N, n), both exact doubles: the quotient is the same correctly rounded double.
      expect({ u, n, m, got: cramerVonMisesExactPValue(u, n, m) }).toEqual({ u, n, m, got: want });
    }
  });

  it('does not depend on which sample is which', () => {
    // SciPy 1.10.1: _pval_cvm_2samp_exact(np.float64(110000.5), 20, 19) = 0.003128472248750819, as for (19, 20)
    expect(cramerVonMisesExactPValue(110000.5, 19, 20)).toBe(0.003128472248750819);
    expect(cramerVonMisesExactPValue(110000.5, 20, 19)).toBe(0.003128472248750819);
  });
});
