import { describe, expect, it } from '@jest/globals';
import { logBinomialPmf } from '../../../src/stattests/math/binomial-saddle-point.js';

/*
 * References: ln C(n,x) + x ln p + (n−x) ln(1−p) with mpmath 1.2.1 at 50 digits (loggamma for the
 * ln-factorials), for p exactly representable with an exactly representable complement.
 */
const references: Array<[x: number, n: number, p: number, want: number]> = [
  [0, 10, 0.25, -2.876820724517809274392],
  [10, 10, 0.25, -13.86294361119890618834],
  [3, 10, 0.25, -1.38516584774009235433],
  [1, 1, 0.5, -0.6931471805599453094172],
  [7, 16, 0.375, -1.750966169359914748468],
  [12, 40, 0.5, -5.282205140483838080044],
  [250000, 1000000, 0.25, -6.989705956512085131627],
  [251000, 1000000, 0.25, -9.655336669013305449435],
  [200000, 1000000, 0.25, -7009.017050732798839808],
  [0, 1000000, 2 ** -20, -0.9536747711538900072502],
  [1000000, 1000000, 1 - 2 ** -20, -0.9536747711538900072502],
  [5, 1000000, 2 ** -20, -5.978337011750240686565],
];

describe('logBinomialPmf (Loader saddle-point form)', () => {
  it('agrees with 50-digit references to ~1e-14 relative, also where ln n! is ~1e7', () => {
    for (const [x, n, p, want] of references) {
      const got = logBinomialPmf(x, n, p, 1 - p);
      const error = Math.abs(got.value - want);
      expect({ x, n, p, got: got.value, small: error <= 1e-14 * Math.max(1, Math.abs(want)) }).toEqual({
        x,
        n,
        p,
        got: got.value,
        small: true,
      });
      // The scale bounds the rounding (a few ε·scale), and for these it is far from the ln-factorial size.
      expect({ x, n, bounded: error <= 8 * Number.EPSILON * got.scale, modest: got.scale < 1e6 }).toEqual({
        x,
        n,
        bounded: true,
        modest: true,
      });
    }
  });
});
