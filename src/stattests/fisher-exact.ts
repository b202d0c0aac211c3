/**
 * Fisher's exact test on the 2×2 table of a binary column: are the two categories' shares the same in
 * reference and current?
 *
 * Definition: with A < B the two categories in code-point order, the table is [[a_A, a_B], [b_A, b_B]]
 * (row 1 reference, row 2 current). The statistic is the sample odds ratio a_A·b_B / (a_B·b_A). Given the
 * margins, a_A is hypergeometric: a_A + b_A items drawn from N of which n are reference. The p-value is
 * exact, never asymptotic: SciPy's two-sided value, the total probability of all tables with these margins
 * that are at most as probable as the observed one, where "at most" allows a relative 1e-14 so that tables
 * exactly as probable (by symmetry, e.g. n = m) count despite rounding.
 *
 * How SciPy sums them, which we follow: the pmf rises to its mode and falls after it. If the observed table
 * is (within 1e-14) as probable as the mode, p = 1. Otherwise p = the tail from the observed value away from
 * the mode, plus the tail on the mode's other side that starts at the first value no more probable than the
 * observed table (SciPy finds it by bisection; so do we). Our tails are summed outward from their first term
 * by the ratio of consecutive terms, and the boundary is decided exactly when probabilities tie (see
 * `math/hypergeometric.ts`), so large counts (hundreds of thousands) cost a few thousand steps at most and
 * keep their digits down to ~1e-300 (below that the p-value underflows, as SciPy's does).
 *
 * Applies only to columns with at most two categories in total. A category in only one side is a zero cell,
 * which makes the odds ratio 0 or infinite; the p-value is unaffected.
 *
 * Edge cases, as `scipy.stats.fisher_exact`:
 * - a zero margin (one category in total, so column B is empty): p = 1 and no odds ratio (0/0);
 * - a_B = 0 or b_A = 0 (with a_A·b_B > 0): the odds ratio is infinite, so it is omitted; the p-value stands.
 *
 * Reference: R. A. Fisher, "On the interpretation of χ² from contingency tables", JRSS 85 (1922);
 * `scipy.stats.fisher_exact(table, alternative='two-sided')` as of SciPy 1.10.
 */
import { Hypergeometric } from './math/hypergeometric.js';
import { isBinaryCategorical, type StatTest, type TestResult } from './types.js';

/** SciPy's allowance for rounding when a table is compared with the observed one. */
const AS_PROBABLE = 1 + 1e-14;

export const fisherExact: StatTest = {
  name: 'fisher_exact',
  title: 'Fisher’s exact test',
  description: "Fisher's exact test (at most two categories)",
  kinds: ['categorical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  applies: isBinaryCategorical,
  compute(sample): TestResult | undefined {
    if (!isBinaryCategorical(sample)) return undefined;
    // Rows are never empty and every category has a positive pooled count, so the only zero margin is the
    // missing second column of a single-category sample.
    if (sample.categories.length < 2) return { p_value: 1 };
    const [referenceA, referenceB] = sample.reference;
    const [currentA, currentB] = sample.current;
    const result: TestResult = {
      p_value: twoSidedPValue(referenceA, sample.referenceTotal, sample.currentTotal, referenceA + currentA),
    };
    if (referenceB > 0 && currentA > 0) result.statistic = (referenceA * currentB) / (referenceB * currentA);
    return result;
  },
};

/** SciPy's two-sided p-value for observing `observed` in the first cell, given the margins. */
function twoSidedPValue(observed: number, referenceTotal: number, currentTotal: number, columnATotal: number): number {
  const distribution = new Hypergeometric(referenceTotal + currentTotal, referenceTotal, columnATotal);
  const { mode, lowest, highest } = distribution;
  const atMostObserved = (t: number) => distribution.pmfAtMost(t, observed, AS_PROBABLE);
  if (atMostObserved(mode)) return 1;
  let logNearTail: number;
  let logFarTail: number;
  if (observed < mode) {
    logNearTail = distribution.logTail(observed, -1);
    // First value above the mode that is at most as probable (highest + 1: none).
    let low = mode + 1;
    let high = highest + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (atMostObserved(middle)) high = middle;
      else low = middle + 1;
    }
    logFarTail = distribution.logTail(low, 1);
  } else {
    logNearTail = distribution.logTail(observed, 1);
    // Last value below the mode that is at most as probable (lowest − 1: none).
    let low = lowest - 1;
    let high = mode - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (atMostObserved(middle)) low = middle;
      else high = middle - 1;
    }
    logFarTail = distribution.logTail(low, -1);
  }
  return Math.min(1, Math.exp(logNearTail) + Math.exp(logFarTail));
}
