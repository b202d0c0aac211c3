/**
 * Arithmetic mean with compensated (Kahan–Babuška–Neumaier) summation, simple-statistics' `mean`.
 *
 * scikit-learn averages with `np.average`, whose pairwise summation is within a few ulps of the exact
 * sum; a compensated sum is within one, so the two agree far inside the 1e-12 the fixtures demand, at
 * any length, where a plain left-to-right loop drifts with n.
 *
 * Edge cases: an empty array has no mean (undefined, where NumPy would warn and give NaN).
 *
 * @example
 * compensatedMean([0.1, 0.2, 0.3]); // => 0.19999999999999998 (the exact sum rounds to 0.6)
 */
import { mean } from 'simple-statistics';

export function compensatedMean(values: ArrayLike<number>): number | undefined {
  if (values.length === 0) return undefined;
  // simple-statistics only reads `length` and indexes, so typed arrays need no copy.
  return mean(values as unknown as number[]);
}
