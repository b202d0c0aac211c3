/**
 * L-infinity distance between the share vectors.
 *
 * Definition: on the shared binning (see `binning.ts`: categories, or the values / Sturges bins the
 * binned distances use for numbers), with the unfilled shares p and q, `L∞ = max_i |p_i − q_i|`: the
 * largest change in the share of one category (or bin). From 0 to 1. A distance, no p-value. It answers
 * "did any single category gain or lose a noticeable share", which is easy to explain and insensitive to
 * the many small changes spread over a long tail that move the sum-based distances.
 *
 * Default threshold 0.1 (drift when some share moved by 10 percentage points or more). TFDV has no
 * default and its examples use 0.01, a strict check for large, stable data; 0.1 is the same order as the
 * other distances' defaults and flags changes a person would call a shift.
 *
 * Edge cases: always finite on finite shares; a category present on one side only contributes its whole
 * share. Infinite values count as missing when samples are built; a sample holding them anyway has no
 * histogram (NumPy refuses an infinite range), so no value.
 *
 * References: TensorFlow Data Validation, the `infinity_norm` drift / skew comparator (anomaly
 * `COMPARATOR_L_INFTY_HIGH`, on the normalised rank histogram of a categorical feature); NannyML's
 * L-Infinity univariate drift method for categorical features.
 */
import { binnedDistance, binShares } from './binning.js';
import type { StatTest } from './types.js';

export const linf: StatTest = {
  name: 'linf',
  title: 'L-infinity distance',
  description: "largest change of one category's (or bin's) share, as TFDV and NannyML use",
  kinds: ['numerical', 'categorical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    return binnedDistance(binShares(sample), largestChange);
  },
};

function largestChange(p: Float64Array, q: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < p.length; i++) {
    const change = Math.abs(p[i] - q[i]);
    if (change > largest) largest = change;
  }
  return largest;
}
