/**
 * The two-sample Kolmogorov–Smirnov statistic and its exact null distribution, shared by `ks`, `ks_exact`
 * and `ks_asymp`.
 *
 * Statistic: D = max_x |F_r(x) − F_c(x)| over the distinct pooled values (the ECDFs only change there), in
 * one pass over `pooledOrder`. Each ECDF value is count/size and the gap their difference, the same
 * operations SciPy's `ks_2samp` performs, so D is bit-for-bit SciPy's (its rounding decides the lattice
 * point h below).
 *
 * Exact distribution: under H0 every interleaving of the two sorted samples is equally likely, i.e. every
 * monotone lattice path from (0, 0) to (n, m); D ≥ h/L (L = lcm(n, m)) exactly when the path touches one of
 * the lines |x·(m/g) − y·(n/g)| = h. Two algorithms, as SciPy 1.10 uses them for the two-sided test:
 *  - n = m: the reflection-principle series P = 2·Σ_{k≥1} (−1)^(k−1) C(2n, n−kh)/C(2n, n), evaluated as
 *    nested products 2·A₁(1 − A₂(1 − A₃(…))) with each A_k a ratio of h factors, so there is no
 *    subtractive cancellation (`_compute_prob_outside_square`);
 *  - n ≠ m: Hodges' (1958) "inside" recursion over a sliding window of one lattice column, but carrying the
 *    probability of having already left the band rather than a path count: q(i, j) = (i·q(i−1, j) +
 *    j·q(i, j−1))/(i + j), with q = 1 on and outside the band. This is Viehmann's (2021, arXiv:2102.08037)
 *    formulation, which gives small p-values directly instead of as 1 − (something close to 1)
 *    (`_compute_outer_prob_inside_method`). Cost O(n·m·D).
 *
 * Asymptotic p-value: SciPy's `method='asymp'` (see `math/kolmogorov.ts` for kstwo).
 */
import { kolmogorovSurvival } from './kolmogorov.js';
import { pooledOrder } from '../order.js';
import type { NumericalSample } from '../types.js';

/** D = max |F_r − F_c|, with SciPy's arithmetic (both one-sided maxima, the larger one). 0 when a side is empty. */
export function ksTwoSampleStatistic(sample: NumericalSample): number {
  const { referenceCounts, currentCounts } = pooledOrder(sample);
  const n = sample.reference.length;
  const m = sample.current.length;
  let referenceSeen = 0;
  let currentSeen = 0;
  let above = 0; // max (F_r − F_c), ≥ 0 since both reach 1
  let below = 0; // max (F_c − F_r), clipped at 0
  for (let i = 0; i < referenceCounts.length; i++) {
    referenceSeen += referenceCounts[i];
    currentSeen += currentCounts[i];
    const gap = referenceSeen / n - currentSeen / m;
    if (gap > above) above = gap;
    if (-gap > below) below = -gap;
  }
  return below > above ? below : above;
}

/** Greatest common divisor of two positive integers. */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** NumPy's `round`: to the nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * SciPy's asymptotic p-value: kstwo.sf(d, round(n·m/(n+m))) (ties to even), clipped to [0, 1]. NaN when the
 * effective size rounds to 0 (n = m = 1), a size `kstwo` rejects.
 */
export function ksTwoSampleAsymptoticPValue(d: number, n: number, m: number): number {
  const larger = Math.max(n, m);
  const smaller = Math.min(n, m);
  const effective = roundHalfEven((larger * smaller) / (larger + smaller));
  const p = kolmogorovSurvival(effective, d);
  return Number.isNaN(p) ? p : Math.min(Math.max(p, 0), 1);
}

/**
 * P(D ≥ h/L) under H0 for samples of sizes n and m, L = lcm(n, m), 0 < h ≤ L: the share of lattice paths that
 * reach the band's edge. Not clipped: rounding can push it a hair above 1, which callers must check (SciPy
 * treats that as a failed exact computation).
 */
export function ksTwoSampleExactSurvival(n: number, m: number, h: number): number {
  return n === m ? outsideSquare(n, h) : outsideBand(n, m, gcd(n, m), h);
}

/** n = m: P(D ≥ h/n) = 2·Σ_k (−1)^(k−1) Π_{j<h} (n − kh − j)/(n + kh + j + 1), innermost k first. */
function outsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * n ≠ m: walks the lattice columns x = 1…(larger size), keeping only the rows y strictly inside the band
 * |x·(small/g) − y·(large/g)| < h, and returns q at (large, small).
 *
 * The arithmetic is SciPy's, operation for operation, so results agree bit for bit. Within a column each
 * value depends on the one below it through a division, a serial chain that would leave the CPU idle; so
 * columns are processed in pairs, the second trailing the first by two rows, which gives the processor two
 * independent chains to overlap (about twice as fast; the order of operations in each chain is unchanged).
 */
function outsideBand(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  const lowRow = (x: number) => Math.min(Math.max(Math.floor((ng * x - h) / mg) + 1, 0), n);
  const endRow = (x: number) => Math.min(Math.ceil((ng * x + h) / mg), n + 1);

  // A column is stored from its lowest inside row: slot s holds row low + s. Slots past the column's length
  // hold 1, which is what a row on or above the band's upper edge contributes to the next column. The window
  // moves up by at most one row per column (n ≤ m), so a column reads slot s + shift with shift ∈ {0, 1}.
  const firstEnd = endRow(0);
  const capacity = Math.min(2 * firstEnd + 2, n + 1) + 2;
  const latest = new Float64Array(capacity).fill(1); // the most recent column
  const spare = new Float64Array(capacity).fill(1); // the one before it, when pairs are in flight
  latest.fill(0, 0, firstEnd);
  let latestLow = 0;
  let latestLength = firstEnd;
  let spareLength = 0;

  let x = 1;
  for (; x + 1 <= m; x += 2) {
    const low1 = lowRow(x);
    const end1 = endRow(x);
    if (end1 <= low1) return 1;
    const x2 = x + 1;
    const low2 = lowRow(x2);
    const end2 = endRow(x2);
    if (end2 <= low2) return 1;
    const length1 = end1 - low1;
    const length2 = end2 - low2;
    const shift1 = low1 - latestLow;
    const shift2 = low2 - low1;
    // Column x goes into `spare`, reading `latest`; column x + 1 goes into `latest`, reading `spare`, two
    // rows behind, so it never overwrites a slot column x has yet to read nor reads one not yet written.
    spare.fill(1, length1, Math.max(spareLength, length1));
    // Below the window the path has already crossed the lower edge: q = 1 (0 at the bottom row).
    let value1 = low1 === 0 ? 0 : 1;
    let value2 = low2 === 0 ? 0 : 1;
    const together = Math.min(length1, length2 + 2);
    let s = 0;
    for (; s < Math.min(2, length1); s++) {
      const y = low1 + s;
      value1 = (latest[s + shift1] * x + value1 * y) / (x + y);
      spare[s] = value1;
    }
    for (; s < together; s++) {
      const y = low1 + s;
      value1 = (latest[s + shift1] * x + value1 * y) / (x + y);
      spare[s] = value1;
      const t = s - 2;
      const y2 = low2 + t;
      value2 = (spare[t + shift2] * x2 + value2 * y2) / (x2 + y2);
      latest[t] = value2;
    }
    for (; s < length1; s++) {
      const y = low1 + s;
      value1 = (latest[s + shift1] * x + value1 * y) / (x + y);
      spare[s] = value1;
    }
    for (let t = Math.max(s - 2, 0); t < length2; t++) {
      const y2 = low2 + t;
      value2 = (spare[t + shift2] * x2 + value2 * y2) / (x2 + y2);
      latest[t] = value2;
    }
    latest.fill(1, length2, Math.max(latestLength, length2));
    latestLow = low2;
    latestLength = length2;
    spareLength = length1;
  }
  if (x <= m) {
    // An odd last column, in place: slot s reads slot s + shift ≥ s before it is overwritten.
    const low = lowRow(x);
    const end = endRow(x);
    if (end <= low) return 1;
    const shift = low - latestLow;
    let value = low === 0 ? 0 : 1;
    latestLength = end - low;
    for (let s = 0; s < latestLength; s++) {
      const y = low + s;
      value = (latest[s + shift] * x + value * y) / (x + y);
      latest[s] = value;
    }
  }
  return latest[latestLength - 1];
}
