/**
 * Distribution tails the tests share, as survival functions so that p-values keep their digits far into
 * the tails (1e-300 is an answer, not 0). The special functions come from @stdlib.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import erfc from '@stdlib/math-base-special-erfc';
import studentTCdf from '@stdlib/stats-base-dists-t-cdf';

/** P(X > x) for X ~ χ²(dof): the regularized upper incomplete gamma Q(dof/2, x/2). */
export function chiSquareSurvival(x: number, dof: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, dof / 2, true, true);
}

/** P(Z > z) for a standard normal Z, as erfc(z/√2)/2 (no cancellation in the upper tail). */
export function normalSurvival(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return erfc(-z / Math.SQRT2) / 2;
}

/** P(T <= t) for Student's t with `dof` degrees of freedom. */
export function studentTLowerTail(t: number, dof: number): number {
  return studentTCdf(t, dof);
}
