/**
 * Jensen–Shannon distance (the square root of the Jensen–Shannon divergence), natural log.
 *
 * Definition: on the shared binning (see `binning.ts`), with the unfilled shares normalised to
 * `P = p/Σp`, `Q = q/Σq` and `M = (P + Q)/2`,
 * `JS = sqrt((Σ P_i ln(P_i/M_i) + Σ Q_i ln(Q_i/M_i)) / 2)`, a term with a zero numerator counting 0, as
 * `scipy.spatial.distance.jensenshannon(p, q)` (base e) computes it. Symmetric, from 0 (same shares) to
 * √ln 2 ≈ 0.8326 (disjoint supports). A distance, no p-value.
 *
 * Default threshold 0.1, Evidently's default for `jensenshannon` (drift when JS ≥ 0.1).
 *
 * Edge cases: no zero filling is needed, M is positive wherever P or Q is. For nearly equal shares the
 * two sums cancel to within rounding and can come out a hair below 0, where SciPy's square root gives
 * NaN; we report 0 there instead, since the divergence is non-negative and the difference is rounding.
 * Infinite values count as missing when samples are built; a sample holding them anyway has no
 * histogram (NumPy refuses an infinite range), so no value.
 *
 * References: J. Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory 37
 * (1991); D. M. Endres and J. E. Schindelin, "A new metric for probability distributions", IEEE Trans.
 * Inf. Theory 49 (2003); `scipy.spatial.distance.jensenshannon`; Evidently's legacy
 * `jensenshannon_stat_test`.
 */
import { binnedDistance, binShares, normalised } from './binning.js';
import type { StatTest } from './types.js';

export const jensenShannon: StatTest = {
  name: 'jensenshannon',
  title: 'Jensen–Shannon distance',
  description: 'Jensen–Shannon distance (natural log, 0 to 0.83)',
  kinds: ['numerical', 'categorical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    return binnedDistance(binShares(sample), jensenShannonDistance);
  },
};

function jensenShannonDistance(p: Float64Array, q: Float64Array): number {
  const P = normalised(p);
  const Q = normalised(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < P.length; i++) {
    const M = (P[i] + Q[i]) / 2;
    if (P[i] > 0) left += P[i] * Math.log(P[i] / M);
    if (Q[i] > 0) right += Q[i] * Math.log(Q[i] / M);
  }
  return Math.sqrt(Math.max(0, (left + right) / 2));
}
