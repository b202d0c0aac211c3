/**
 * The two-proportion z-test on a binary column: does the share of one category differ between reference and
 * current?
 *
 * Definition: let A be the first category in code-point order and score each value 1 when it is not A.
 * p1 and p2 are the mean scores of reference and current (the shares of the other category), the pooled
 * share is P = (p1·n + p2·m)/N, and z = (p1 − p2) / sqrt(P(1 − P)(1/n + 1/m)); a positive z means the
 * reference has the larger share of the non-A category. Asymptotic (normal approximation) only.
 *
 * The p-value is 2·(1 − Φ(|z|)), evaluated in exactly that form, as Evidently does with SciPy's `norm.cdf`.
 * That loses the tail: once Φ(|z|) rounds to 1 (|z| ≳ 8.3) the p-value is exactly 0, and below that it
 * carries only the digits 1 − Φ keeps. We match it rather than fix it, because the drift verdict must agree
 * with the reference implementation; `chi2` on the same 2×2 table gives the accurate tail (z² = X²).
 * To reproduce SciPy's rounding, Φ is evaluated as Cephes' `ndtr` does for x ≥ 1: Φ(x) = 1 − erfc(x·√½)/2.
 * (`ndtr` switches to ½ + ½·erf below 1; there p > 0.3 and the two forms differ only in the last bit.)
 *
 * Applies only to columns with at most two categories in total. A category only in one side is fine: the
 * other side simply has share 0 (or 1) of it.
 *
 * Edge cases: when both sides hold only one and the same category, P(1 − P) = 0 and z = 0/0; by Evidently's
 * convention the p-value is 1 and the statistic is omitted.
 *
 * Reference: e.g. A. Agresti, "Categorical Data Analysis", §3.1 (difference of proportions); Evidently's
 * legacy `z_stat_test` (`proportions_diff_z_stat_ind` / `proportions_diff_z_test`).
 */
import erfc from '@stdlib/math-base-special-erfc';
import { isBinaryCategorical, type StatTest, type TestResult } from './types.js';

export const zTest: StatTest = {
  name: 'z',
  title: 'Z-test for proportions',
  description: 'two-proportion z-test (at most two categories)',
  kinds: ['categorical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  applies: isBinaryCategorical,
  compute(sample): TestResult | undefined {
    if (!isBinaryCategorical(sample)) return undefined;
    const n = sample.referenceTotal;
    const m = sample.currentTotal;
    // With one category in total both sides hold only it: the pooled share is 0 or 1 and z is 0/0. With
    // two, both have a positive pooled count, so 0 < P < 1 and z is finite.
    if (sample.categories.length < 2) return { p_value: 1 };
    const p1 = sample.reference[1] / n;
    const p2 = sample.current[1] / m;
    const pooled = (p1 * n + p2 * m) / (n + m);
    const statistic = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
    return { statistic, p_value: 2 * (1 - standardNormalCdf(Math.abs(statistic))) };
  },
};

/** Φ(x) for x ≥ 0, rounded the way SciPy's `ndtr` rounds it (1 − ½·erfc(x/√2), with x·√½ as a product). */
function standardNormalCdf(x: number): number {
  return 1 - 0.5 * erfc(x * Math.SQRT1_2);
}
