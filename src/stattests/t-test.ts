/**
 * Welch's two-sample t-test: do the reference and current means differ, without assuming equal variances?
 *
 * Definition: t = (mean_r − mean_c) / sqrt(v_r/n + v_c/m) with the unbiased variances (ddof = 1); the
 * degrees of freedom are Welch–Satterthwaite's (v_r/n + v_c/m)² / ((v_r/n)²/(n−1) + (v_c/m)²/(m−1)).
 * Two-sided p = 2 · P(T_df ≤ −|t|), taken from the Student-t lower tail so that tiny p-values keep their
 * digits. Always asymptotic in the sense of Welch's approximation; there is no exact variant.
 *
 * Edge cases, as SciPy's `ttest_ind(..., equal_var=False)`:
 * - when the Welch–Satterthwaite formula gives 0/0, SciPy uses df = 1, and so do we. That happens when both
 *   variances are 0 (then t is ±∞ or 0/0 and df is immaterial) but also when variances around 1e-300 make
 *   the squared terms underflow, where t is finite and df = 1 does set the p-value;
 * - a side with a single value has no unbiased variance (0/0), and equal constant sides give t = 0/0: the
 *   test is undefined. Different constant sides give t = ±∞, which is omitted, and p = 0;
 * - a side whose values are all equal is treated as exactly constant (see `math/moments.ts`), where NumPy
 *   may report a ~1e-34 variance from a rounded mean.
 * If the degrees of freedom come out +∞ (only the denominator's squares underflow), the t distribution is
 * the normal one, as in SciPy's `stdtr`; @stdlib's t CDF does not take an infinite df.
 *
 * Reference: B. L. Welch, "The generalization of Student's problem when several different population
 * variances are involved", Biometrika 34 (1947); `scipy.stats.ttest_ind` with `equal_var=False`.
 */
import { normalCdf, studentTLowerTail } from './math/distributions.js';
import { sideMoments } from './math/moments.js';
import type { StatTest, TestResult } from './types.js';

export const tTest: StatTest = {
  name: 't_test',
  title: 'Welch’s t-test',
  description: "Welch's t-test on the means",
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const n = sample.reference.length;
    const m = sample.current.length;
    if (n < 2 || m < 2) return undefined;
    const reference = sideMoments(sample, 'reference');
    const current = sideMoments(sample, 'current');
    const scaledReference = reference.squaredDeviations / (n - 1) / n;
    const scaledCurrent = current.squaredDeviations / (m - 1) / m;
    const pooled = scaledReference + scaledCurrent;
    let dof = (pooled * pooled) / ((scaledReference * scaledReference) / (n - 1) + (scaledCurrent * scaledCurrent) / (m - 1));
    if (Number.isNaN(dof)) dof = 1;
    const statistic = (reference.mean - current.mean) / Math.sqrt(pooled);
    if (Number.isNaN(statistic)) return undefined;
    const lowerTail = dof === Infinity ? normalCdf(-Math.abs(statistic)) : studentTLowerTail(-Math.abs(statistic), dof);
    const result: TestResult = { p_value: 2 * lowerTail };
    if (Number.isFinite(statistic)) result.statistic = statistic;
    return result;
  },
  // Counts and moments are exact in every profile: so is the test.
  boundsFromSummary: () => ({}),
};
