/**
 * The exact finite-n distributions of the one-sample Kolmogorov–Smirnov statistics.
 *
 * - `smirnovSurvival(n, x)` = P(D⁺ₙ ≥ x), the one-sided statistic D⁺ₙ = sup (Fₙ − F). Computed from the exact
 *   Smirnov (1944) / Birnbaum–Tingey (1951) sum
 *     P(D⁺ₙ ≥ x) = x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) · (1 − x − j/n)^(n−j) · (x + j/n)^(j−1),
 *   with the closed forms and switch-overs of SciPy's `scipy.special.smirnov` (cephes `kolmogorov.c`,
 *   van Mulbregt 2018): x ≤ 1/n gives 1 − x(1+x)^(n−1), x ≥ 1 − 1/n gives (1−x)^n, n > 10⁶ uses
 *   exp(−(6nx+1)²/(18n)), and a handful of small-x cases use the alternating "upper" form of the sum.
 * - `kolmogorovSurvival(n, x)` / `kolmogorovCdf(n, x)` = P(Dₙ ≥ x) / P(Dₙ ≤ x) for the two-sided Dₙ = sup |Fₙ − F|,
 *   which is `scipy.stats.kstwo`. The choice of algorithm per (n, x) is Simard & L'Ecuyer's (2011), exactly as
 *   SciPy's `_kolmogn` makes it (scipy/stats/_ksstats.py), because the algorithms differ in the last digits
 *   and some of them are approximations:
 *     · x ≥ 1, x ≤ 1/(2n), and the Ruben–Gambino closed forms at both ends (nx ≤ 1: n!/nⁿ·(2nx−1)ⁿ;
 *       nx ≥ n−1: SF = 2(1−x)ⁿ);
 *     · x ≥ 0.5: SF = 2·smirnov (exact there, the two one-sided events cannot both happen);
 *     · n ≤ 140: Durbin's matrix (Marsaglia–Tsang–Wang) for nx² ≤ 0.754693, Pomeranz's recursion for
 *       nx² ≤ 4, else 2·smirnov (Miller's approximation of the SF);
 *     · n > 140, SF: 0 for nx² ≥ 370, 2·smirnov for nx² ≥ 2.2, otherwise 1 − CDF, where the CDF is Durbin's
 *       matrix when n ≤ 100000 and n·x^1.5 ≤ 1.4, else the Pelz–Good asymptotic series (CDF: 1 for nx² ≥ 18).
 *   Where SciPy takes the SF as 1 − CDF we do the same (its absolute accuracy is all those branches have).
 *
 * Numerics: SciPy evaluates the Smirnov sum in double-double arithmetic. We use doubles with each term in
 * log space (the binomial coefficient as a compensated running sum of logs, 1 − x − j/n formed from the exact
 * product n·x, log1p where the base is near 1) and compensated summation of the terms. The relative error
 * per term is at most a few times n·2⁻⁵³ (measured against SciPy: below 1e-12 up to n = 2·10⁵), far inside the
 * p-value tolerance. Results below the smallest normal double keep only a few digits, as SciPy's do.
 * SciPy's Durbin and Pomeranz code silently switches to x87 long double after its first 2^128 rescaling (a
 * NumPy scalar promotion); we stay in doubles, which differs only in the last bits.
 *
 * References: Durbin (1968); Pomeranz (1974); Marsaglia, Tsang & Wang (2003), J. Stat. Softw. 8(18);
 * Pelz & Good (1976), JRSS B 38(2); Simard & L'Ecuyer (2011), J. Stat. Softw. 39(11); Birnbaum & Tingey (1951);
 * van Mulbregt (2018), arXiv:1802.06966. SciPy 1.10: `scipy.special.smirnov`, `scipy.stats.kstwo`.
 */
import { CompensatedSum } from '../../core/compensated-sum.js';

const LN_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const EPSILON = Number.EPSILON;
/** Rescaling step for the matrix and recursion algorithms (2^128), as SciPy uses. */
const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;
/** Pelz–Good gives up (CDF 0) when the leading exp(−π²/(8z²)) would be below e^−708. */
const PELZ_GOOD_MIN_LOG = -708;
/** cephes' MINLOG, log(2^−1075): smirnov returns 0 once exp(−2nx²) is below it. */
const CEPHES_MINLOG = -1075 * Math.LN2;
/** Above this n, smirnov switches to the exponential approximation (the sum would take too long). */
const SMIRNOV_MAX_EXACT_N = 1000000;

// ---------------------------------------------------------------------------------------------------------
// Small numeric helpers

/** x · 2^e without intermediate overflow or underflow when the result is representable. */
function ldexp(x: number, e: number): number {
  let value = x;
  let exponent = e;
  while (exponent > 1023) {
    value *= 2 ** 1023;
    exponent -= 1023;
    if (!Number.isFinite(value)) return value;
  }
  while (exponent < -1022) {
    value *= 2 ** -1022;
    exponent += 1022;
    if (value === 0) return value;
  }
  return value * 2 ** exponent;
}

function clip01(p: number): number {
  // NaN passes through, as np.clip lets it.
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Splits a double for Dekker's exact product (Veltkamp's constant 2^27 + 1). */
function split(a: number): [number, number] {
  const t = 134217729 * a;
  const high = t - (t - a);
  return [high, a - high];
}

/** The exact product a·b as an unevaluated sum high + low (Dekker). */
function exactProduct(a: number, b: number): [number, number] {
  const product = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const error = ah * bh - product + ah * bl + al * bh + al * bl;
  return [product, error];
}

// ---------------------------------------------------------------------------------------------------------
// One-sided: Smirnov

/**
 * P(D⁺ₙ ≥ x), the survival function of the one-sided KS statistic (SciPy's `scipy.special.smirnov(n, x)`).
 * NaN outside n ≥ 1, 0 ≤ x ≤ 1.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n >= 1 && Number.isInteger(n) && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // floor(n·x) from the exact product, so that x = k/n (up to representation) is recognised; a remainder
  // that rounds to 1 counts as the next integer, as cephes does.
  const [nxHigh, nxLow] = exactProduct(n, x);
  let nxFloor = Math.floor(nxHigh);
  let remainder: number;
  if (nxFloor === nxHigh) {
    if (nxLow < 0) {
      nxFloor -= 1;
      remainder = 1 + nxLow;
    } else {
      remainder = nxLow;
    }
  } else {
    remainder = nxHigh - nxFloor + nxLow;
  }
  if (remainder >= 1) {
    nxFloor += 1;
    remainder = 0;
  }
  const exactGrid = remainder === 0;
  // Last index of the lower sum (⌊n(1−x)⌋), first index of the upper one; on the grid the j = n(1−x) term
  // is zero and belongs to neither.
  const lowerLast = n - nxFloor - 1;
  const upperFirst = n - nxFloor + (exactGrid ? 1 : 0);

  if (nxFloor === 0 || (nxFloor === 1 && exactGrid)) {
    // x ≤ 1/n: one term of the upper sum, CDF = x(1+x)^(n−1).
    return 1 - x * Math.exp((n - 1) * Math.log1p(x));
  }
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxFloor >= n - 1) {
    // x ≥ 1 − 1/n: only the j = 0 term; 1 − x is exact here (x ≥ 1/2).
    return Math.pow(1 - x, n);
  }
  if (n > SMIRNOV_MAX_EXACT_N) {
    const logP = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }

  // The upper sum alternates in sign and loses about 1.6 bits per term, so cephes uses it only when it has
  // very few terms (and x is small); it then yields the CDF.
  const upperTerms = n - upperFirst + 1;
  const useUpper = (upperTerms <= 1 && x < 0.5) || (n >= 10 && upperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  if (useUpper) {
    const cdf = x * smirnovSum(n, nxHigh, nxLow, n, -1, upperTerms);
    return clip01(1 - cdf);
  }
  return clip01(x * smirnovSum(n, nxHigh, nxLow, 0, 1, lowerLast + 1));
}

/**
 * Σ C(n, j)·(1 − x − j/n)^(n−j)·(x + j/n)^(j−1) over `count` indices j = start, start+step, …, stopping early
 * like cephes once the remaining terms cannot change the double result.
 */
function smirnovSum(n: number, nxHigh: number, nxLow: number, start: number, step: 1 | -1, count: number): number {
  const sum = new CompensatedSum();
  // log C(n, k) for k = 0, 1, … (C(n, n−k) = C(n, k), so the upper sum can use the same recurrence).
  const logBinomial = new CompensatedSum();
  const middle = Math.floor(n / 2);
  for (let k = 0; k < count; k++) {
    const j = start + k * step;
    const term = smirnovTerm(n, j, nxHigh, nxLow, logBinomial.total());
    if (Number.isFinite(term) && term !== 0) sum.add(term);
    if (k > 0) {
      if (term !== 0) {
        if (4 * (count - k) * Math.abs(term) < EPSILON * sum.total() && k !== count - 1) break;
      } else if (k > middle) {
        break;
      }
    }
    logBinomial.add(Math.log((n - k) / (k + 1)));
  }
  return sum.total();
}

/** One term of the Smirnov sum, signed (the base 1 − x − j/n is negative in the upper sum). */
function smirnovTerm(n: number, j: number, nxHigh: number, nxLow: number, logBinomial: number): number {
  // n(1 − x) − j and nx + j from the exact product n·x, so a base near 0 keeps its relative accuracy.
  const lowerGap = (n - j - nxHigh - nxLow) / n; // 1 − x − j/n
  const upperBase = (j + nxHigh + nxLow) / n; // x + j/n
  const power = n - j;
  let sign = 1;
  let logLower = 0;
  if (power > 0) {
    if (lowerGap === 0) return 0;
    if (lowerGap < 0 && power % 2 === 1) sign = -1;
    // A base near 1 takes its logarithm from the complement, which is known to full relative accuracy.
    logLower = power * (lowerGap > 0 && upperBase < 0.5 ? Math.log1p(-upperBase) : Math.log(Math.abs(lowerGap)));
  }
  const logUpper = (j - 1) * (Math.abs(lowerGap) < 0.5 ? Math.log1p(-lowerGap) : Math.log(upperBase));
  return sign * Math.exp(logBinomial + logLower + logUpper);
}

// ---------------------------------------------------------------------------------------------------------
// Two-sided: Kolmogorov (kstwo)

/** P(Dₙ ≥ x) for the two-sided one-sample KS statistic (SciPy's `kstwo.sf(x, n)`); NaN unless n is a positive integer. */
export function kolmogorovSurvival(n: number, x: number): number {
  return kolmogorov(n, x, false);
}

/** P(Dₙ ≤ x) for the two-sided one-sample KS statistic (SciPy's `kstwo.cdf(x, n)`). */
export function kolmogorovCdf(n: number, x: number): number {
  return kolmogorov(n, x, true);
}

/** Picks the CDF or the SF and clips it to [0, 1]. */
function pick(cdf: number, sf: number, wantCdf: boolean): number {
  return clip01(wantCdf ? cdf : sf);
}

function kolmogorov(n: number, x: number, wantCdf: boolean): number {
  if (Number.isNaN(x) || !(n >= 1) || !Number.isInteger(n)) return NaN;
  if (x >= 1) return pick(1, 0, wantCdf);
  if (x <= 0) return pick(0, 1, wantCdf);
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: for 1/(2n) < x ≤ 1/n, P(Dₙ ≤ x) = n!/nⁿ · (2nx − 1)ⁿ.
    if (t <= 0.5) return pick(0, 1, wantCdf);
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      const ratio = 1 / n;
      const base = 2 * t - 1;
      for (let i = 1; i <= n; i++) cdf *= i * ratio * base;
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return pick(cdf, 1 - cdf, wantCdf);
  }
  if (t >= n - 1) {
    // Ruben–Gambino at the top: P(Dₙ ≥ x) = 2(1 − x)ⁿ for x ≥ 1 − 1/n.
    const sf = 2 * Math.pow(1 - x, n);
    return pick(1 - sf, sf, wantCdf);
  }
  if (x >= 0.5) {
    // D⁺ ≥ x and D⁻ ≥ x are disjoint for x > 1/2, so the two-sided tail is exactly twice the one-sided one.
    const sf = 2 * smirnovSurvival(n, x);
    return pick(1 - sf, sf, wantCdf);
  }
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) {
      const cdf = durbinMatrixCdf(n, x);
      return pick(cdf, 1 - cdf, wantCdf);
    }
    if (nxSquared <= 4) {
      const cdf = pomeranzCdf(n, x);
      return pick(cdf, 1 - cdf, wantCdf);
    }
    const sf = 2 * smirnovSurvival(n, x);
    return pick(1 - sf, sf, wantCdf);
  }
  if (!wantCdf) {
    if (nxSquared >= 370) return 0;
    if (nxSquared >= 2.2) return clip01(2 * smirnovSurvival(n, x));
    // Otherwise the SF is 1 − CDF below, as in SciPy.
  }
  let cdf: number;
  if (nxSquared >= 18) cdf = 1;
  else if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) cdf = durbinMatrixCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return pick(cdf, 1 - cdf, wantCdf);
}

/**
 * log(n!/nⁿ) by Stirling's series with the n·log n terms cancelled analytically:
 * ½·log n − n + ½·log 2π + Σ_{j=1}^{8} B_{2j} / (2j(2j−1)·n^{2j−1}).
 */
function logFactorialOverPower(n: number): number {
  // B_{2j}/(2j(2j−1)) for j = 8 down to 1 (Horner order, in powers of 1/n²).
  const coefficients = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];
  const r = 1 / n;
  const r2 = r / n;
  let series = 0;
  for (const c of coefficients) series = series * r2 + c;
  return Math.log(n) / 2 - n + LN_2PI / 2 + r * series;
}

/**
 * P(Dₙ ≤ d) by Durbin's matrix formula in Marsaglia, Tsang & Wang's form: with d = (k − h)/n (k integer,
 * 0 ≤ h < 1), the answer is n!/nⁿ times the (k, k) entry of Hⁿ for a (2k−1)×(2k−1) matrix H. The power is
 * taken by repeated squaring, rescaling by 2^128 to stay in range. Cost O(k³ log n): meant for small nd.
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const size = 2 * k - 1;

  // First column v_i = (1 − h^(i+1))/(i+1)!, except the corner; w_i = 1/i! fills the band above the diagonal.
  const v = new Float64Array(size);
  const w = new Float64Array(size);
  let inverseFactorial = 1;
  for (let i = 1; i <= size; i++) {
    w[i - 1] = inverseFactorial;
    inverseFactorial /= i;
    v[i - 1] = (1 - Math.pow(h, i)) * inverseFactorial;
  }
  const corner = Math.pow(Math.max(2 * h - 1, 0), size) - 2 * Math.pow(h, size);
  v[size - 1] = (1 + corner) * inverseFactorial;

  let matrix: Float64Array = new Float64Array(size * size);
  for (let column = 1; column < size; column++) {
    for (let row = column - 1; row < size; row++) matrix[row * size + column] = w[row - column + 1];
  }
  for (let row = 0; row < size; row++) matrix[row * size] = v[row];
  for (let column = 0; column < size; column++) matrix[(size - 1) * size + column] = v[size - 1 - column];

  // Only the (k−1)-th row of the accumulated power is needed: it evolves as row ← row · H.
  let row: Float64Array = new Float64Array(size);
  row[k - 1] = 1;
  let exponent = 0;
  let matrixExponent = 0;
  const centre = (k - 1) * size + (k - 1);
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      row = rowTimesMatrix(row, matrix, size);
      exponent += matrixExponent;
    }
    matrix = squareMatrix(matrix, size);
    matrixExponent *= 2;
    if (Math.abs(matrix[centre]) > SCALE_UP) {
      for (let i = 0; i < matrix.length; i++) matrix[i] *= SCALE_DOWN;
      matrixExponent += SCALE_EXPONENT;
    }
  }

  let p = row[k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return exponent === 0 ? p : ldexp(p, exponent);
}

function rowTimesMatrix(row: Float64Array, matrix: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const a = row[i];
    if (a === 0) continue;
    const offset = i * size;
    for (let j = 0; j < size; j++) out[j] += a * matrix[offset + j];
  }
  return out;
}

function squareMatrix(matrix: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const outOffset = i * size;
    for (let l = 0; l < size; l++) {
      const a = matrix[outOffset + l];
      if (a === 0) continue;
      const offset = l * size;
      for (let j = 0; j < size; j++) out[outOffset + j] += a * matrix[offset + j];
    }
  }
  return out;
}

/**
 * P(Dₙ ≤ x) by Pomeranz's recursion (1974): 2n + 1 rows, each the convolution of a window of the previous
 * row with one of three truncated Poisson-like weight sequences ((g/n)^m/m!, (2g/n)^m/m!, ((1−2g)/n)^m/m!,
 * where g = min(f, 1 − f) and f is the fractional part of nx); the answer is n! times the last entry.
 * Rows are rescaled by 2^128 when they would underflow.
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const whole = Math.floor(t);
  const fraction = t - whole;
  const g = Math.min(fraction, 1 - fraction);
  const hasFraction = fraction > 0 ? 1 : 0;
  const fractionAboveHalf = fraction > 0.5 ? 1 : 0;
  const width = 2 * (whole + 1);

  const edge = new Float64Array(width); // (g/n)^m / m!
  const odd = new Float64Array(width); // (2g/n)^m / m!
  const even = new Float64Array(width); // ((1−2g)/n)^m / m!
  edge[0] = odd[0] = even[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const restOverN = (1 - 2 * g) / n;
  for (let m = 1; m < width; m++) {
    edge[m] = (edge[m - 1] * gOverN) / m;
    odd[m] = (odd[m - 1] * twoGOverN) / m;
    even[m] = (even[m - 1] * restOverN) / m;
  }

  // Row i is non-zero only on [first, last]; the arrays hold it from index `first` on.
  const bounds = (i: number): [number, number] => {
    let first: number;
    let last: number;
    if (i === 0) {
      first = 1 - whole - hasFraction;
      last = whole + hasFraction - 1;
    } else if (i % 2 === 1) {
      const r = (i + 1) / 2;
      if (r === n + 1) {
        first = n - whole - hasFraction + 1;
        last = n + whole + hasFraction - 1;
      } else {
        first = r - whole - fractionAboveHalf;
        last = r + whole + hasFraction - 2;
      }
    } else {
      const r = i / 2;
      first = r - whole;
      last = r + whole + fractionAboveHalf - 1;
    }
    return [Math.max(first, 0), Math.min(last, n)];
  };

  let previous = new Float64Array(width);
  let current = new Float64Array(width);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let first = bounds(0)[0];
  let last: number;
  for (let i = 1; i <= 2 * n + 1; i++) {
    const lastFirst = first;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [first, last] = bounds(i);
    const weights = i === 1 || i === 2 * n + 1 ? edge : i % 2 === 1 ? odd : even;
    const span = last - lastFirst + 1;
    if (span <= 0) continue;
    // new(J) = Σ_{K = lastFirst}^{J} old(K) · weights[J − K], for J in [first, last].
    // (SciPy slices both operands to `span` entries, truncated at the array length; the bounds below agree.)
    const offset = lastFirst - previousStart;
    const available = Math.min(span, width - offset);
    let largest = 0;
    for (let J = first; J <= last; J++) {
      let value = 0;
      const lowestK = Math.max(lastFirst, J - Math.min(span, width) + 1);
      for (let K = lowestK; K <= J && K - lastFirst < available; K++) value += previous[offset + K - lastFirst] * weights[J - K];
      current[J - first] = value;
      if (value > largest) largest = value;
    }
    if (largest > 0 && largest < SCALE_DOWN) {
      for (let j = 0; j < width; j++) current[j] *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
    currentStart = previousStart + first - lastFirst;
  }

  let answer = current[n - currentStart];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return exponent === 0 ? answer : ldexp(answer, exponent);
}

/**
 * The Pelz–Good (1976) approximation of P(Dₙ ≤ x): Li-Chien and Korolyuk's expansion
 * K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5 in z = x√n, with each Kᵢ rewritten through Jacobi's theta
 * transformation into sums of exp(−(2k−1)²π²/(8z²)), which converge fast for the small z it is used at.
 * Not clipped.
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const logQ = -PI2 / 8 / z2;
  if (logQ < PELZ_GOOD_MIN_LOG) return 0;
  const q = Math.exp(logQ);

  // Coefficients of m^0, m², m⁴, m⁶ (m = 2k − 1) in the terms of K₁, K₂, K₃.
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3a = -30 * z6 - 90 * Math.pow(z, 8);
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;

  // Σ_k c_k q^((2k−1)²) by Horner in q^(8k), since (2k+1)² − (2k−1)² = 8k.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const terms = Math.ceil((16 * z) / Math.PI);
  for (let k = terms; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = Math.pow(q, 8 * k);
    s0 = s0 * qPower + 1;
    s1 = s1 * qPower + (k1a + k1b * m2);
    s2 = s2 * qPower + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const scale = q * SQRT_2PI;
  const K0 = (s0 * scale) / z;
  let K1 = (s1 * scale) / (6 * z4);
  let K2 = (s2 * scale) / (72 * Math.pow(z, 7));
  let K3 = (s3 * scale) / (6480 * Math.pow(z, 10));

  // The remaining parts of K₂ and K₃ are sums over all k ≥ 1 of exp(−k²π²/(2z²)); no cancellation there.
  const q2 = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let extra2 = 0;
  let extra3 = 0;
  for (let k = terms; k >= 1; k--) {
    const k2 = k * k;
    const weight = k2 * Math.pow(q2, k2);
    const kPi = Math.PI * k;
    extra2 += weight;
    extra3 += (sqrt3z + kPi) * (sqrt3z - kPi) * weight;
  }
  K2 += (extra2 * PI2 * SQRT_2PI) / (-36 * z3);
  K3 += (extra3 * PI2 * SQRT_2PI) / (216 * z6);

  K1 /= Math.sqrt(n);
  K2 /= n;
  K3 /= Math.pow(n, 1.5);
  return K0 + K1 + K2 + K3;
}
