/**
 * Two-sample Kolmogorov–Smirnov test, exact p-value (`scipy.stats.ks_2samp(r, c, method='exact')`).
 *
 * Definition: D = max_x |F_r(x) − F_c(x)|. The exact null distribution lives on the lattice of multiples of
 * 1/L, L = lcm(n, m), so SciPy rounds D to h/L with h = round(D·L) and reports that rounded value as the
 * statistic. p = P(D ≥ h/L) under H0, by counting lattice paths (`math/ks-two-sample.ts`: the
 * reflection series when n = m, the Hodges/Viehmann band recursion otherwise). h = 0 gives p = 1.
 *
 * When the exact computation fails (SciPy's test: the result is not within [0, 1]; for n = m and tiny h the
 * alternating series can round to 1 + 2⁻⁵²), SciPy warns and falls back to the asymptotic p-value
 * `kstwo.sf(h/L, round(nm/(n+m)))` (see `ks-asymp.ts`) with the rounded statistic; so do we. The p-value is
 * clipped to [0, 1].
 *
 * Edge cases: applies only when max(n, m) ≤ 10000 (the corpus's rule, and SciPy's `auto` limit; the cost is
 * O(n·m·D), about 10⁸ steps at the limit). Always defined where it applies.
 *
 * References: J. L. Hodges Jr., "The significance probability of the Smirnov two-sample test", Arkiv för
 * Matematik 3 (1958); T. Viehmann, "Numerically more stable computation of the p-values for the two-sample
 * Kolmogorov–Smirnov test", arXiv:2102.08037 (2021); SciPy 1.10.1 `scipy.stats.ks_2samp`.
 */
import { gcd, ksTwoSampleAsymptoticPValue, ksTwoSampleExactSurvival, ksTwoSampleStatistic, roundHalfEven } from './math/ks-two-sample.js';
import type { StatTest, TestResult } from './types.js';

/** Largest side for which the exact distribution is computed (the corpus's and SciPy's `auto` limit). */
const EXACT_MAX_SIZE = 10000;

export const ksExact: StatTest = {
  name: 'ks_exact',
  title: 'Kolmogorov–Smirnov (exact)',
  description: 'largest gap between the two empirical CDFs, with the exact p-value (up to 10,000 values a side)',
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  applies(sample) {
    return sample.kind === 'numerical' && Math.max(sample.reference.length, sample.current.length) <= EXACT_MAX_SIZE;
  },
  compute(sample): TestResult | undefined {
    if (sample.kind !== 'numerical') return undefined;
    const n = sample.reference.length;
    const m = sample.current.length;
    const lcm = (n / gcd(n, m)) * m;
    const h = roundHalfEven(ksTwoSampleStatistic(sample) * lcm);
    const statistic = h / lcm;
    if (h === 0) return { statistic, p_value: 1 };
    let p = ksTwoSampleExactSurvival(n, m, h);
    if (!(p >= 0 && p <= 1)) p = ksTwoSampleAsymptoticPValue(statistic, n, m);
    if (!Number.isFinite(p)) return { statistic };
    return { statistic, p_value: Math.min(Math.max(p, 0), 1) };
  },
};
