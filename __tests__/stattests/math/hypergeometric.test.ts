import { describe, expect, it } from '@jest/globals';
import { Hypergeometric } from '../../../src/stattests/math/hypergeometric.js';

/*
 * References from mpmath 1.2.1 at 60 digits: ln pmf from loggamma of the factorials, tails as the sum of
 * the pmf from the given value outward until the terms drop below 1e-40 of the first.
 * Columns: population, marked, draws, t, ln P(X = t), direction (−1: P(X ≤ t), +1: P(X ≥ t)), ln tail.
 */
const references: Array<[number, number, number, number, number, 1 | -1, number]> = [
  [1000000, 400000, 500000, 200000, -6.4199892454734582761, -1, -0.69151983166042387923],
  [1000000, 400000, 500000, 199000, -14.753331529499736421, -1, -10.703129021165683777],
  [1000000, 400000, 500000, 190000, -840.02181294434274508, -1, -838.14902365004677006],
  [1000000, 400000, 500000, 180000, -3344.0822231323731961, -1, -3342.823888093911253],
  [1000000, 400000, 500000, 201000, -14.753331529499736421, 1, -10.703129021165683777],
  [1000000, 400000, 500000, 220000, -3344.0822231323731961, 1, -3342.823888093911253],
  [600000, 300000, 300000, 150000, -6.1849878891839238305, -1, -0.69108917320827097697],
  [600000, 300000, 300000, 148500, -36.185387904406906414, -1, -32.962313408510785802],
  [600000, 300000, 300000, 140000, -1340.5032812251237012, -1, -1339.0527746954237412],
  [600000, 300000, 300000, 151500, -36.185387904406906414, 1, -32.962313408510785802],
  [15, 4, 4, 0, -1.4198170531585341877, -1, -1.4198170531585341877],
  [15, 4, 4, 2, -1.4198170531585341877, -1, -0.033522692038643568845],
  [15, 4, 4, 3, -3.4347200737007989443, 1, -3.4122472178487403498],
];

const close = (got: number, want: number) => Math.abs(got - want) <= 1e-14 * Math.max(1, Math.abs(want));

describe('Hypergeometric', () => {
  it('has the support and SciPy’s mode', () => {
    const distribution = new Hypergeometric(15, 4, 12);
    expect([distribution.lowest, distribution.highest, distribution.mode]).toEqual([1, 4, 3]);
    expect(distribution.logPmf(0)).toBe(-Infinity);
    expect(distribution.logPmf(5)).toBe(-Infinity);
  });

  it('gives ln P(X = t) and ln tails to ~1e-14 relative, far below 1e-300', () => {
    for (const [population, marked, draws, t, logPmf, direction, logTail] of references) {
      const distribution = new Hypergeometric(population, marked, draws);
      const got = { pmf: distribution.logPmf(t), tail: distribution.logTail(t, direction) };
      expect({ population, t, direction, got, ok: [close(got.pmf, logPmf), close(got.tail, logTail)] }).toEqual({
        population,
        t,
        direction,
        got,
        ok: [true, true],
      });
    }
  });

  it('has tails that add up to 1 across any split', () => {
    const distribution = new Hypergeometric(1000, 300, 450);
    const total = Math.exp(distribution.logTail(120, -1)) + Math.exp(distribution.logTail(121, 1));
    expect(Math.abs(total - 1)).toBeLessThan(1e-14);
    expect(distribution.logTail(-1, -1)).toBe(-Infinity);
    expect(distribution.logTail(451, 1)).toBe(-Infinity);
  });

  it('decides exact ties exactly, whatever the size of the factorials', () => {
    // Symmetric margins: P(X = 148500) = P(X = 151500) exactly.
    const symmetric = new Hypergeometric(600000, 300000, 300000);
    expect(symmetric.pmfAtMost(151500, 148500, 1)).toBe(true);
    expect(symmetric.pmfAtMost(148500, 151500, 1)).toBe(true);
    expect(symmetric.pmfAtMost(151500, 148500, 1 - 1e-15)).toBe(false);
    // Neighbours are far more than 1e-14 apart.
    expect(symmetric.pmfAtMost(151499, 148500, 1 + 1e-14)).toBe(false);
    expect(symmetric.pmfAtMost(151501, 148500, 1)).toBe(true);
    // A coincidence without symmetry: P(X = 7) = P(X = 9) for Hypergeometric(151, 19, 64).
    const coincidence = new Hypergeometric(151, 19, 64);
    expect(coincidence.pmfAtMost(9, 7, 1)).toBe(true);
    expect(coincidence.pmfAtMost(7, 9, 1)).toBe(true);
    expect(coincidence.pmfAtMost(9, 7, 1 - 1e-15)).toBe(false);
    expect(coincidence.pmfAtMost(8, 7, 1 + 1e-14)).toBe(false);
  });

  it('treats values outside the support as probability 0', () => {
    const distribution = new Hypergeometric(15, 4, 12);
    expect(distribution.pmfAtMost(0, 2, 1)).toBe(true);
    expect(distribution.pmfAtMost(2, 0, 1e10)).toBe(false);
  });
});
