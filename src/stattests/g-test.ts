/**
 * The G-test (log-likelihood ratio test) of homogeneity: the likelihood-ratio counterpart of `chi2`.
 *
 * Definition: on the same 2×k table and expected counts as `chi2` (E = row total · column total / N),
 * G = 2 Σ O·ln(O/E) over all 2k cells, where an empty cell contributes 0. Asymptotic only:
 * p = P(χ²_{k−1} > G), from the upper incomplete gamma function so that tail p-values keep their digits.
 *
 * Categories in only one side are ordinary columns of the table: the side without the category has an
 * observed 0 there (contributing nothing to the sum), while the side with it has O > E, which is where the
 * statistic grows.
 *
 * Edge cases: with a single category (k = 1), statistic 0, p-value 1 and 0 degrees of freedom, as SciPy.
 *
 * Reference: R. R. Sokal and F. J. Rohlf, "Biometry", ch. 17 (the G-test); `scipy.stats.chi2_contingency(
 * table, correction=False, lambda_="log-likelihood")`.
 */
import { homogeneityTest } from './math/contingency.js';
import { likelihoodRatioSum } from './math/power-divergence.js';
import type { StatTest } from './types.js';

export const gTest: StatTest = {
  name: 'g_test',
  title: 'G-test',
  description: 'log-likelihood ratio (G) test of homogeneity',
  kinds: ['categorical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    return sample.kind === 'categorical' ? homogeneityTest(sample, likelihoodRatioSum) : undefined;
  },
};
