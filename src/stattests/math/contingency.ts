/**
 * Expected counts for the categorical tests, and the asymptotic χ² test on each of the two set-ups they use,
 * written once for both statistics (Pearson's and the likelihood ratio, see `power-divergence.ts`).
 *
 * - Homogeneity (`chi2`, `g_test`): the 2×k table with the reference counts as row 1 and the current counts
 *   as row 2. Under "both rows come from one distribution" the expected count of a cell is
 *   row total × column total / N. The product comes first and the division last, as in SciPy's
 *   `scipy.stats.contingency.expected_freq`, so equal samples give expected counts equal to the observed
 *   ones bit for bit (and a statistic of exactly 0).
 * - Goodness of fit (`chi2_gof`, `g_test_gof`): the current counts against the reference proportions,
 *   e_j = a_j · (m/n). The ratio is taken first (Evidently's and the golden corpus's order), so with n = m
 *   the expected counts are the reference counts exactly. A category new in current has e_j = 0: its
 *   observed count cannot be fitted at all (SciPy would divide by zero), so there is no table.
 *
 * Categories have a positive pooled count (empty ones are dropped when the sample is built), so no column
 * total is 0, and neither side is empty, so no row total is 0: every homogeneity expected count is positive.
 *
 * Both tests have k − 1 degrees of freedom for k categories, and p = P(χ²_{k−1} > statistic) from the upper
 * incomplete gamma function, so that p-values far in the tail (1e-200) keep their digits. With k = 1 there
 * is no χ² to read: SciPy's homogeneity test reports statistic 0, p-value 1 and dof 0, its goodness-of-fit
 * test statistic 0 and p-value NaN (so the p-value is left out).
 */
import type { CategoricalSample, TestResult } from '../types.js';
import { chiSquareSurvival } from './distributions.js';
import type { DivergenceSum } from './power-divergence.js';

interface HomogeneityTable {
  /** Expected reference count per category. */
  readonly reference: Float64Array;
  /** Expected current count per category. */
  readonly current: Float64Array;
}

/** Expected counts of the 2×k reference/current table under homogeneity. */
function homogeneityExpected(sample: CategoricalSample): HomogeneityTable {
  const n = sample.referenceTotal;
  const m = sample.currentTotal;
  const total = n + m;
  const k = sample.categories.length;
  const reference = new Float64Array(k);
  const current = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const column = sample.reference[j] + sample.current[j];
    reference[j] = (n * column) / total;
    current[j] = (m * column) / total;
  }
  return { reference, current };
}

/**
 * Expected current counts under the reference proportions, e_j = a_j·(m/n); `undefined` when a category
 * has no reference count (it is new in current, so its expected count would be 0).
 */
function proportionalExpected(sample: CategoricalSample): Float64Array | undefined {
  const ratio = sample.currentTotal / sample.referenceTotal;
  const expected = new Float64Array(sample.categories.length);
  for (let j = 0; j < expected.length; j++) {
    if (sample.reference[j] === 0) return undefined;
    expected[j] = sample.reference[j] * ratio;
  }
  return expected;
}

/** The homogeneity test of the 2×k table, with `divergence` summed over all 2k cells as its statistic. */
export function homogeneityTest(sample: CategoricalSample, divergence: DivergenceSum): TestResult {
  const dof = sample.categories.length - 1;
  if (dof === 0) return { statistic: 0, p_value: 1, dof: 0 };
  const expected = homogeneityExpected(sample);
  const statistic = divergence(sample.reference, expected.reference) + divergence(sample.current, expected.current);
  return { statistic, p_value: chiSquareSurvival(statistic, dof), dof };
}

/**
 * The goodness-of-fit test of the current counts to the reference proportions, with `divergence` as its
 * statistic; `undefined` when a category is new in current (it cannot be fitted).
 */
export function goodnessOfFitTest(sample: CategoricalSample, divergence: DivergenceSum): TestResult | undefined {
  const expected = proportionalExpected(sample);
  if (!expected) return undefined;
  const dof = sample.categories.length - 1;
  // e = n·(m/n) need not round to m exactly; the statistic is 0 by definition.
  if (dof === 0) return { statistic: 0 };
  const statistic = divergence(sample.current, expected);
  return { statistic, p_value: chiSquareSurvival(statistic, dof) };
}
