/**
 * Pearson's χ² goodness-of-fit test of the current counts against the reference proportions.
 *
 * Definition: the reference shares are taken as the known distribution, so the expected current count of
 * category j is e_j = a_j · (m/n) (ratio first; see `math/contingency.ts`) and X² = Σ_j (b_j − e_j)² / e_j.
 * Asymptotic only: p = P(χ²_{k−1} > X²), from the upper incomplete gamma function. Unlike `chi2`, the
 * reference is not treated as a sample with its own noise, so on equal sizes X² is about twice the
 * homogeneity statistic, and on a small reference it can be much larger.
 *
 * Categories: one gone from current (a_j > 0, b_j = 0) contributes e_j. One new in current (a_j = 0) has
 * expected count 0 and cannot be fitted (SciPy divides by zero and returns ∞): the test is undefined, and
 * `chi2` or `g_test` should be used for such columns.
 *
 * Edge cases: with a single category the statistic is 0 (the one category holds everything on both sides)
 * but χ² with 0 degrees of freedom has no p-value (SciPy returns NaN), so only the statistic is given.
 *
 * Reference: `scipy.stats.chisquare(current_counts, reference_counts · m/n)`, as in Evidently's legacy
 * `chisquare` stattest.
 */
import { goodnessOfFitTest } from './math/contingency.js';
import { pearsonSum } from './math/power-divergence.js';
import type { StatTest } from './types.js';

export const chi2Gof: StatTest = {
  name: 'chi2_gof',
  title: 'Chi-square goodness of fit',
  description: 'χ² goodness of fit of current counts to baseline proportions (undefined if a category is new)',
  kinds: ['categorical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    return sample.kind === 'categorical' ? goodnessOfFitTest(sample, pearsonSum) : undefined;
  },
};
