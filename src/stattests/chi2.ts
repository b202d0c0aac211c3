/**
 * Pearson's χ² test of homogeneity: do the reference and current samples share one categorical distribution?
 *
 * Definition: on the 2×k table of counts (row 1 reference, row 2 current, one column per category of the
 * union of both sides), E = row total · column total / N and X² = Σ (O − E)² / E over all 2k cells, with no
 * continuity correction. Asymptotic only: p = P(χ²_{k−1} > X²), from the upper incomplete gamma function so
 * that p-values far in the tail (1e-200) keep their digits.
 *
 * Categories in only one side are ordinary columns of the table: a category new in current (or gone from
 * it) has an observed 0 in the other row against a positive expected count, which is exactly the evidence
 * of drift the test should weigh. No expected count can be 0 (see `math/contingency.ts`).
 *
 * Edge cases: with a single category (k = 1) there is nothing to compare; SciPy reports statistic 0,
 * p-value 1 and 0 degrees of freedom, and so do we.
 *
 * Reference: K. Pearson, "On the criterion that a given system of deviations...", Philosophical Magazine 50
 * (1900); `scipy.stats.chi2_contingency(table, correction=False)`.
 */
import { homogeneityTest } from './math/contingency.js';
import { pearsonSum } from './math/power-divergence.js';
import type { StatTest } from './types.js';

export const chi2: StatTest = {
  name: 'chi2',
  title: 'Chi-square test',
  description: 'Pearson χ² test of homogeneity on the 2×k table of counts',
  kinds: ['categorical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    return sample.kind === 'categorical' ? homogeneityTest(sample, pearsonSum) : undefined;
  },
};
