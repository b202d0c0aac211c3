/**
 * Distribution tails the tests share, as survival functions so that p-values keep their digits far into
 * the tails (1e-300 is an answer, not 0). The special functions come from @stdlib.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import erfc from '@stdlib/math-base-special-erfc';
import studentTCdf from '@stdlib/stats-base-dists-t-cdf';
import betaln from '@stdlib/math-base-special-betaln';

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

/**
 * P(T <= t) for Student's t with `dof` degrees of freedom. Far in the lower tail, where @stdlib's CDF
 * underflows to 0 below about 1e-300 but SciPy's `stdtr` returns subnormals down to 5e-324, the tail is
 * taken from its beta form in logarithms (`logStudentTLowerTail`) and exponentiated once.
 */
export function studentTLowerTail(t: number, dof: number): number {
  const tail = studentTCdf(t, dof);
  return t < 0 && tail < 1e-300 ? Math.exp(logStudentTLowerTail(t, dof)) : tail;
}

/**
 * ln P(T <= t) for t < 0: P = I_x(a, 1/2) / 2 with x = dof/(dof + t²) and a = dof/2, the regularized
 * incomplete beta taken from the integral of u^(a−1)(1 − u)^(b−1) expanded term by term:
 * I_x(a, b) = x^a / B(a, b) · Σ_k (1 − b)_k x^k / (k! (a + k)). Every term is positive (b = 1/2), so the sum
 * has no cancellation; it runs until a term no longer counts.
 */
function logStudentTLowerTail(t: number, dof: number): number {
  const a = dof / 2;
  const b = 0.5;
  // dof/(dof + t²) without overflowing t² for |t| near 1e308.
  const x = dof / t / t / (1 + dof / t / t);
  let term = 1;
  let sum = 1 / a;
  for (let k = 1; k < 100_000; k++) {
    term *= ((k - b) * x) / k;
    const added = term / (a + k);
    sum += added;
    if (Math.abs(added) <= Math.abs(sum) * 1e-17) break;
  }
  return a * Math.log(x) - betaln(a, b) + Math.log(sum) - Math.LN2;
}
