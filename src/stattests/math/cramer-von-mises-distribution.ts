/**
 * Null distributions of the Cramér–von Mises statistic.
 *
 * - `cramerVonMisesLimitCdf`: the limiting (n → ∞) CDF of the one-sample statistic, which SciPy also uses
 *   for the normalised two-sample statistic. Series of Csörgő & Faraway (1996), eq. 1.2/1.3:
 *
 *       C(x) = Σ_{k≥0} Γ(k+½)/(Γ(½)·k!) · √(4k+1) · e^{−q_k} K_{1/4}(q_k) / (π √x),   q_k = (4k+1)²/(16x).
 *
 *   SciPy (`_cdf_cvm_inf`) adds terms up to and including the first one below 1e-7. We stop at exactly the
 *   same term: for large x, 1 − C(x) is dominated by what that rule leaves out, and the two-sample p-values
 *   must agree with SciPy's there.
 *
 * - `cramerVonMisesExactPValue`: the exact permutation p-value of the two-sample statistic U (the
 *   frequency-table recursion of Xiao, Gordon & Yakovlev 2006, Algorithm 1, based on Anderson 1962), as
 *   SciPy's `_pval_cvm_2samp_exact` does it, including its integer threshold on the lattice scale.
 */
import { besselKScaled } from './bessel-k.js';

/** The limiting CDF of the Cramér–von Mises statistic at x (SciPy's truncation rule). 0 for x ≤ 0. */
export function cramerVonMisesLimitCdf(x: number): number {
  if (!(x > 0)) return Number.isNaN(x) ? Number.NaN : 0;
  const scale = 1 / (Math.PI * Math.sqrt(x));
  // Γ(k+½)/(Γ(½)·k!) by its recurrence: exact to rounding, where exp(lnΓ − lnΓ) would lose digits as k grows.
  let weight = 1;
  let total = 0;
  for (let k = 0; ; k++) {
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    // e^{−q}·K(q) = e^{−2q}·(e^{q}K(q)); the scaled form keeps K's digits when q is large.
    const term = scale * weight * Math.sqrt(y) * Math.exp(-2 * q) * besselKScaled(0.25, q);
    total += term;
    if (!(Math.abs(term) >= 1e-7)) break;
    weight *= (k + 0.5) / (k + 1);
  }
  return total;
}

/**
 * The lattice-path frequency table for sizes (n, m): for every monotone path from (0,0) to (n,m), the sum over
 * its points (u, v) of (a·v − b·u)², with a = lcm/m and b = lcm/n. That sum is lcm²·Σ (F_x − F_y)² over the
 * pooled order statistics, an integer, and every path is equally likely under H0. Returns the distinct sums
 * in increasing order with their path counts (exact in doubles: at most C(40,20) ≈ 1.4e11 paths).
 */
function latticeDistribution(n: number, m: number): { sums: Float64Array; counts: Float64Array } {
  const lcm = (n / gcd(n, m)) * m;
  const a = lcm / m;
  const b = lcm / n;
  // Row u of the lattice: for each v, the distinct sums (sorted) and their counts of paths reaching (u, v).
  let rowSums: Float64Array[] = [];
  let rowCounts: Float64Array[] = [];
  let running = 0;
  for (let v = 0; v <= m; v++) {
    running += a * v * (a * v);
    rowSums.push(Float64Array.of(running));
    rowCounts.push(Float64Array.of(1));
  }
  for (let u = 1; u <= n; u++) {
    const nextSums: Float64Array[] = [];
    const nextCounts: Float64Array[] = [];
    for (let v = 0; v <= m; v++) {
      const gap = a * v - b * u;
      const step = gap * gap;
      if (v === 0) {
        nextSums.push(rowSums[0].map((sum) => sum + step));
        nextCounts.push(rowCounts[0].slice());
        continue;
      }
      const merged = mergeShifted(nextSums[v - 1], nextCounts[v - 1], rowSums[v], rowCounts[v], step);
      nextSums.push(merged.sums);
      nextCounts.push(merged.counts);
    }
    rowSums = nextSums;
    rowCounts = nextCounts;
  }
  return { sums: rowSums[m], counts: rowCounts[m] };
}

/** Union of two sorted frequency tables (counts of equal sums added), every sum then increased by `shift`. */
function mergeShifted(
  leftSums: Float64Array,
  leftCounts: Float64Array,
  rightSums: Float64Array,
  rightCounts: Float64Array,
  shift: number,
): { sums: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(leftSums.length + rightSums.length);
  const counts = new Float64Array(sums.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < leftSums.length || j < rightSums.length) {
    if (j >= rightSums.length || (i < leftSums.length && leftSums[i] < rightSums[j])) {
      sums[k] = leftSums[i] + shift;
      counts[k++] = leftCounts[i++];
    } else if (i >= leftSums.length || rightSums[j] < leftSums[i]) {
      sums[k] = rightSums[j] + shift;
      counts[k++] = rightCounts[j++];
    } else {
      sums[k] = leftSums[i] + shift;
      counts[k++] = leftCounts[i++] + rightCounts[j++];
    }
  }
  return { sums: sums.slice(0, k), counts: counts.slice(0, k) };
}

/**
 * Upper-tail path counts per size pair, so a run over many small columns builds each table once. The
 * largest tables (19 × 20: ~4·10^4 distinct sums, 0.6 MB) take tens of ms to build; the most recent few are kept.
 */
const tailCache = new Map<string, { sums: Float64Array; tailCounts: Float64Array; paths: number }>();
const TAIL_CACHE_SIZE = 8;

function tailTable(n: number, m: number): { sums: Float64Array; tailCounts: Float64Array; paths: number } {
  const key = n <= m ? `${n},${m}` : `${m},${n}`;
  let table = tailCache.get(key);
  if (!table) {
    // The distribution is symmetric in the two sizes, so either orientation gives the same table.
    const { sums, counts } = latticeDistribution(Math.min(n, m), Math.max(n, m));
    const tailCounts = new Float64Array(counts.length);
    let tail = 0;
    for (let i = counts.length - 1; i >= 0; i--) {
      tail += counts[i];
      tailCounts[i] = tail;
    }
    table = { sums, tailCounts, paths: tail };
    if (tailCache.size >= TAIL_CACHE_SIZE) tailCache.delete(tailCache.keys().next().value as string);
    tailCache.set(key, table);
  }
  return table;
}

/**
 * P(U' ≥ U) under H0 for the two-sample statistic U = n·Σ(ρ_i − i)² + m·Σ(s_j − j)² of samples of sizes
 * n and m, by exact enumeration of the permutation distribution (use for small sizes: SciPy does up to 20).
 *
 * Like SciPy, U is mapped to the lattice scale as ζ = ⌊lcm²·N·(6U − nm(4nm − 1)) / (6n²m²)⌋ and the p-value
 * counts the paths whose sum is ≥ ζ. With ties, U (from midranks) need not be attainable, and the floor is
 * what decides; we reproduce it exactly (numerator and denominator are exact doubles here).
 */
export function cramerVonMisesExactPValue(u: number, n: number, m: number): number {
  const lcm = (n / gcd(n, m)) * m;
  const nm = n * m;
  const numerator = lcm * lcm * (n + m) * (6 * u - nm * (4 * nm - 1));
  const zeta = floorDivide(numerator, 6 * nm * nm);
  const { sums, tailCounts, paths } = tailTable(n, m);
  // First distinct sum ≥ ζ (binary search in the sorted sums).
  let lo = 0;
  let hi = sums.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sums[mid] >= zeta) hi = mid;
    else lo = mid + 1;
  }
  return lo < sums.length ? tailCounts[lo] / paths : 0;
}

/** Floor of a/b for doubles with b > 0, exact (fmod is exact), as NumPy's floor_divide computes it. */
function floorDivide(a: number, b: number): number {
  const remainder = a % b;
  let quotient = (a - remainder) / b;
  if (remainder !== 0 && remainder < 0) quotient -= 1;
  return Math.round(quotient);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
