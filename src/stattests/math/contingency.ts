/**
 * Expected counts for the categorical tests, written once for the two set-ups they use.
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
 */
import type { CategoricalSample } from '../types.js';

export interface HomogeneityTable {
  /** Expected reference count per category. */
  readonly reference: Float64Array;
  /** Expected current count per category. */
  readonly current: Float64Array;
}

/** Expected counts of the 2×k reference/current table under homogeneity. */
export function homogeneityExpected(sample: CategoricalSample): HomogeneityTable {
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
export function proportionalExpected(sample: CategoricalSample): Float64Array | undefined {
  const ratio = sample.currentTotal / sample.referenceTotal;
  const expected = new Float64Array(sample.categories.length);
  for (let j = 0; j < expected.length; j++) {
    if (sample.reference[j] === 0) return undefined;
    expected[j] = sample.reference[j] * ratio;
  }
  return expected;
}
