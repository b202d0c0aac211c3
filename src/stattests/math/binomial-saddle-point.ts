/**
 * ln of the binomial probability b(x; n, p) = C(n, x) pˣ qⁿ⁻ˣ, accurate to a few units in the last place of
 * the *deviance*, not of ln n!.
 *
 * Why: written with ln-factorials, ln b is a difference of numbers near n·ln n (1e7 for n = 1e6), so its
 * rounding is ~1e-9 however small the result. Loader's saddle-point form instead splits it into terms that
 * are each small or computed without cancellation:
 *
 *   ln b(x; n, p) = δ(n) − δ(x) − δ(n−x) − D(x, np) − D(n−x, nq) − ½·ln(2π·x·(n−x)/n),
 *
 * where δ(k) = ln k! − (k + ½)·ln k + k − ½·ln(2π) is the error of Stirling's formula (a convergent series in
 * 1/k² for large k) and D(x, M) = x·ln(x/M) + M − x ≥ 0 is the deviance term, summed as a series in
 * v = (x − M)/(x + M) when x is near M (where the closed form cancels).
 *
 * Each value comes with `scale`, the sum of the magnitudes of what was added, so callers can bound the
 * rounding of differences of these logarithms (a few ε·scale).
 *
 * Reference: C. Loader, "Fast and accurate computation of binomial probabilities" (2000), the method behind
 * R's `dbinom` and `dhyper`.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const LN_TWO_PI = Math.log(2 * Math.PI);

export interface LogValue {
  /** The natural logarithm. */
  readonly value: number;
  /** Sum of the magnitudes of the terms that were added to get `value` (bounds its rounding). */
  readonly scale: number;
}

/** ln b(x; n, p) for integers 0 ≤ x ≤ n, with q = 1 − p given separately (it may be more accurate). */
export function logBinomialPmf(x: number, n: number, p: number, q: number): LogValue {
  if (x === 0) return powerOfComplement(n, p, q);
  if (x === n) return powerOfComplement(n, q, p);
  const expected = n * p;
  const expectedOther = n * q;
  const head = stirlingError(n);
  const tail1 = stirlingError(x);
  const tail2 = stirlingError(n - x);
  const deviance1 = deviance(x, expected);
  const deviance2 = deviance(n - x, expectedOther);
  const logWidth = LN_TWO_PI + Math.log(x) + Math.log1p(-x / n);
  const value = head.value - tail1.value - tail2.value - deviance1.value - deviance2.value - 0.5 * logWidth;
  const scale =
    head.scale + tail1.scale + tail2.scale + deviance1.scale + deviance2.scale + LN_TWO_PI + Math.abs(Math.log(x)) + Math.abs(logWidth);
  return { value, scale };
}

/** ln (1 − a)ⁿ where 1 − a = b: n·log1p(−a) while a is the smaller one (it carries the digits), else n·ln b. */
function powerOfComplement(n: number, a: number, b: number): LogValue {
  const value = a < 0.5 ? n * Math.log1p(-a) : n * Math.log(b);
  return { value, scale: Math.abs(value) };
}

/** δ(k) = ln k! − (k + ½)·ln k + k − ½·ln(2π), for integers k ≥ 1. */
function stirlingError(k: number): LogValue {
  if (k <= 15) {
    // Small k: the terms are small too (≤ ~45), so the direct difference keeps ~1e-14 absolute.
    const lnFactorial = gammaln(k + 1);
    const power = (k + 0.5) * Math.log(k);
    return { value: lnFactorial - power + k - HALF_LN_TWO_PI, scale: lnFactorial + power + k + HALF_LN_TWO_PI };
  }
  // Stirling's series, B₂ⱼ / (2j(2j−1)·k^(2j−1)); at k = 16 the first omitted term is ~1e-19.
  const inverseSquare = 1 / (k * k);
  const value =
    (1 / 12 -
      inverseSquare *
        (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare * (1 / 1680 - inverseSquare * (1 / 1188 - inverseSquare * (691 / 360360)))))) /
    k;
  return { value, scale: value };
}

/** D(x, M) = x·ln(x/M) + M − x for x ≥ 0 and M > 0. */
function deviance(x: number, mean: number): LogValue {
  const gap = x - mean;
  if (Math.abs(gap) < 0.1 * (x + mean)) {
    // With v = (x − M)/(x + M), ln(x/M) = 2·artanh(v), so D = (x − M)·v + 2x·Σ_{j≥1} v^(2j+1)/(2j+1):
    // every term has the sign of the first, nothing cancels. M itself carries the rounding of n·p, which
    // moves D by about ε·|x − M|, hence that term in the scale.
    const v = gap / (x + mean);
    const v2 = v * v;
    let sum = gap * v;
    let power = 2 * x * v;
    for (let j = 1; j < 200; j++) {
      power *= v2;
      const next = sum + power / (2 * j + 1);
      if (next === sum) break;
      sum = next;
    }
    return { value: sum, scale: sum + Math.abs(gap) };
  }
  const product = x === 0 ? 0 : x * Math.log(x / mean);
  return { value: product - gap, scale: Math.abs(product) + Math.abs(gap) };
}
