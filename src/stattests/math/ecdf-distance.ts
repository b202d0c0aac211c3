/**
 * The integral of a power of the gap between the two empirical CDFs, ∫ |F_r(x) − F_c(x)|^p dx, which is the
 * Wasserstein-1 distance for p = 1 and, up to sqrt(2·…), the energy distance for p = 2.
 *
 * Both ECDFs are step functions that only change at pooled values, so the integral is the finite sum
 * Σ_{i<N} |F_r(x_(i)) − F_c(x_(i))|^p · (x_(i+1) − x_(i)). Tied pooled values contribute zero-width gaps,
 * so the sum runs over the distinct pooled values only (one linear pass over `pooledOrder`).
 *
 * The arithmetic follows SciPy's `_cdf_distance` term for term (each ECDF value as count/size, the gap as the
 * difference of the two, times the difference of consecutive values) so that results agree to rounding.
 * SciPy adds the terms pairwise; we use compensated (Neumaier) summation, which is at least as accurate, so
 * the two agree far inside 1e-9 relative even at millions of terms.
 */
import { pooledOrder } from '../order.js';
import type { NumericalSample } from '../types.js';
import { CompensatedSum } from '../../core/compensated-sum.js';

/** Σ |F_r − F_c|^power · Δx over the pooled sample (`power` 1 for W1, 2 for the energy distance). */
export function ecdfGapIntegral(sample: NumericalSample, power: 1 | 2): number {
  const { values, referenceCounts, currentCounts } = pooledOrder(sample);
  const n = sample.reference.length;
  const m = sample.current.length;
  let referenceSeen = 0;
  let currentSeen = 0;
  const total = new CompensatedSum();
  for (let i = 0; i + 1 < values.length; i++) {
    referenceSeen += referenceCounts[i];
    currentSeen += currentCounts[i];
    const gap = Math.abs(referenceSeen / n - currentSeen / m);
    total.add((power === 1 ? gap : gap * gap) * (values[i + 1] - values[i]));
  }
  return total.total();
}
