/**
 * Two-sided Mann–Whitney U (Wilcoxon rank-sum) test: does one sample tend to take larger values than the
 * other?
 *
 * Definition: U1 = R1 − n(n+1)/2, where R1 is the sum of the reference's midranks in the pooled sample; it is
 * reported as the statistic. Equivalently U1 = #{(r, c): r > c} + ½·#{(r, c): r = c}, which is how it is
 * computed here (one pass over the pooled distinct values, exact in doubles). The p-value uses
 * U = max(U1, nm − U1):
 * - exact when min(n, m) ≤ 8 and the pooled sample has no ties (SciPy's `method='auto'` rule):
 *   p = min(1, 2 · P(U' ≥ U)) under the permutation null. The number of arrangements with U' = k is the
 *   coefficient of q^k in the Gaussian binomial [n+m choose n]_q (Mann & Whitney's recurrence, which
 *   SciPy evaluates term by term); by symmetry P(U' ≥ U) = P(U' ≤ nm − U), a lower-tail sum that stays
 *   accurate for tiny p. No tie correction applies on this path.
 * - otherwise the normal approximation with continuity and tie corrections:
 *   z = (U − nm/2 − ½)/s, s = sqrt(nm/12 · ((N+1) − Σ(t³−t)/(N(N−1)))) over tie groups of size t, and
 *   p = min(1, 2·Q(z)) with Q(z) = erfc(z/√2)/2, the upper normal tail evaluated directly.
 *
 * Edge cases: when every pooled value is tied, s = 0 and z = −∞, so p = 1 (U1 = nm/2). We return p = 1
 * directly there: with N near 10^6, SciPy's own (N+1) − (N³−N)/(N(N−1)) rounds below zero and it reports
 * NaN, an artefact rather than a property of the test. Always defined otherwise.
 *
 * Reference: H. B. Mann and D. R. Whitney, "On a test of whether one of two random variables is
 * stochastically larger than the other", Ann. Math. Statist. 18 (1947); A. Di Bucchianico, "Combinatorics,
 * computer algebra, and the Wilcoxon–Mann–Whitney test", J. Stat. Planning & Inference 79 (1999);
 * `scipy.stats.mannwhitneyu(r, c, alternative='two-sided')` (SciPy 1.10.1).
 */
import { normalSurvival } from './math/distributions.js';
import { pooledOrder } from './order.js';
import type { StatTest } from './types.js';

/** SciPy's `auto` rule: the exact null distribution when the smaller side has at most this many values (and no ties). */
const EXACT_MAX_SMALLER_SIDE = 8;

export const mannWhitney: StatTest = {
  name: 'mann_whitney',
  title: 'Mann–Whitney U',
  description: 'Mann–Whitney U rank test, two-sided',
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const n = sample.reference.length;
    const m = sample.current.length;
    const { values, referenceCounts, currentCounts } = pooledOrder(sample);
    let u1 = 0;
    let currentBelow = 0;
    let tieTerm = 0;
    for (let i = 0; i < values.length; i++) {
      const r = referenceCounts[i];
      const c = currentCounts[i];
      u1 += r * (currentBelow + c / 2);
      currentBelow += c;
      const t = r + c;
      tieTerm += (t - 1) * t * (t + 1);
    }
    const u = Math.max(u1, n * m - u1);
    const ties = values.length < n + m;
    let p: number;
    if (values.length === 1) {
      p = 1;
    } else if (!ties && Math.min(n, m) <= EXACT_MAX_SMALLER_SIDE) {
      p = 2 * exactLowerTail(n * m - u, n, m);
    } else {
      const total = n + m;
      const s = Math.sqrt(((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
      p = 2 * normalSurvival((u - (n * m) / 2 - 0.5) / s);
    }
    return { statistic: u1, p_value: Math.min(1, p) };
  },
};

/**
 * P(U ≤ k) under the null for sample sizes n and m, for integer 0 ≤ k ≤ nm.
 *
 * The counts of arrangements by U are the coefficients of the Gaussian binomial
 * [L+s choose s]_q = Π_{i=1..s} (1 − q^{L+i}) / (1 − q^i), with s = min(n, m) and L = max(n, m). We build it
 * factor by factor, truncated at degree k: multiplying by (1 − q^{L+i}) is one subtraction per coefficient,
 * dividing by (1 − q^i) a running sum with stride i. After each factor the partial product is itself a
 * Gaussian binomial, so the coefficients stay non-negative and there is little cancellation even when they
 * exceed 2^53. Cost O(s·k) time and O(k) memory, with s ≤ 8 on this path.
 */
function exactLowerTail(k: number, n: number, m: number): number {
  const small = Math.min(n, m);
  const large = Math.max(n, m);
  const counts = new Float64Array(k + 1);
  counts[0] = 1;
  let arrangements = 1;
  for (let i = 1; i <= small; i++) {
    for (let degree = k; degree >= large + i; degree--) counts[degree] -= counts[degree - large - i];
    for (let degree = i; degree <= k; degree++) counts[degree] += counts[degree - i];
    arrangements = (arrangements * (large + i)) / i;
  }
  let below = 0;
  for (let degree = 0; degree <= k; degree++) below += counts[degree];
  return below / arrangements;
}
