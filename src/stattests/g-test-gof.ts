/**
 * The G-test (log-likelihood ratio) of goodness of fit of the current counts to the reference proportions.
 *
 * Definition: with e_j = a_j · (m/n) (ratio first; see `math/contingency.ts`),
 * G = 2 Σ_j b_j · ln(b_j / e_j), where a category with b_j = 0 contributes 0. Asymptotic only:
 * p = P(χ²_{k−1} > G), from the upper incomplete gamma function.
 *
 * Evidently passes the raw reference counts as the expected frequencies. That is this definition when
 * n = m; when n ≠ m SciPy ≥ 1.9 rejects expected counts whose total differs from the observed total, so the
 * reference counts are rescaled to m first (the golden corpus's definition).
 *
 * Categories: one gone from current contributes 0 to the sum (but still counts in the degrees of freedom).
 * One new in current (a_j = 0) has expected count 0 and cannot be fitted (b_j·ln(b_j/0) = ∞): undefined.
 *
 * Edge cases: with a single category only the statistic (0) is given; χ² with 0 degrees of freedom has no
 * p-value (SciPy returns NaN).
 *
 * Reference: `scipy.stats.power_divergence(current_counts, reference_counts · m/n, lambda_=0)`, as in
 * Evidently's legacy `g_test` stattest.
 */
import { goodnessOfFitTest } from './math/contingency.js';
import { likelihoodRatioSum } from './math/power-divergence.js';
import type { StatTest } from './types.js';

export const gTestGof: StatTest = {
  name: 'g_test_gof',
  title: 'G-test goodness of fit',
  description: 'G goodness of fit to baseline proportions',
  kinds: ['categorical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    return sample.kind === 'categorical' ? goodnessOfFitTest(sample, likelihoodRatioSum) : undefined;
  },
};
