/**
 * Total variation distance.
 *
 * Definition: on the shared binning (see `binning.ts`), with the unfilled shares p and q,
 * `TVD = ½ Σ |p_i − q_i|`: the largest difference in probability the two sides can give one event, from
 * 0 (same shares) to 1 (disjoint). For categories (and the discrete path) this is Evidently's
 * total-variation distance; on the histogram path it is the same formula over Sturges bins. A distance:
 * Evidently reports only a permutation p-value for it, which depends on NumPy's random stream, so we do
 * not.
 *
 * Default threshold 0.1, Evidently's default for TVD (drift when TVD ≥ 0.1).
 *
 * Edge cases: always finite on finite shares. Infinite values count as missing when samples are built; a
 * sample holding them anyway has no histogram (NumPy refuses an infinite range), so no value.
 *
 * References: D. A. Levin, Y. Peres and E. L. Wilmer, "Markov Chains and Mixing Times", §4.1 (AMS, 2009);
 * Evidently's legacy `TVD_stat_test`.
 */
import { binnedDistance, binShares } from './binning.js';
import type { StatTest } from './types.js';

export const tvd: StatTest = {
  name: 'tvd',
  title: 'Total variation distance',
  description: 'total variation distance (0 to 1)',
  kinds: ['numerical', 'categorical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    return binnedDistance(binShares(sample), totalVariation);
  },
};

function totalVariation(p: Float64Array, q: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
  return sum / 2;
}
