/**
 * Kullback–Leibler divergence of the reference from the current distribution, KL(reference ‖ current).
 *
 * Definition: on the shared binning (see `binning.ts`) with Evidently's zero filling of both share vectors,
 * each vector is normalised to sum 1 (`P = p/Σp`, `Q = q/Σq`; the filling made the sums slightly above 1)
 * and `KL = Σ P_i · ln(P_i / Q_i)`, natural log: what `scipy.stats.entropy(p, q)` returns. A distance
 * (not symmetric, unbounded), no p-value.
 *
 * Default threshold 0.1, Evidently's default for `kl_div` (drift when KL ≥ 0.1).
 *
 * Edge cases: the filling makes every share positive, so a bucket seen on one side only gives a large but
 * finite term; identical shares give exactly 0. Infinite values count as missing when samples are built;
 * a sample holding them anyway has no histogram (NumPy refuses an infinite range), so no value.
 *
 * References: S. Kullback and R. A. Leibler, "On information and sufficiency", Ann. Math. Statist. 22
 * (1951); `scipy.stats.entropy`; Evidently's legacy `kl_div_stat_test`.
 */
import { binnedDistance, filledBinShares, normalised } from './binning.js';
import type { StatTest } from './types.js';

export const klDiv: StatTest = {
  name: 'kl_div',
  title: 'Kullback–Leibler divergence',
  description: 'Kullback–Leibler divergence KL(baseline ‖ current)',
  kinds: ['numerical', 'categorical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    return binnedDistance(filledBinShares(sample), klDivergence);
  },
};

function klDivergence(p: Float64Array, q: Float64Array): number {
  const P = normalised(p);
  const Q = normalised(q);
  let divergence = 0;
  for (let i = 0; i < P.length; i++) divergence += P[i] * Math.log(P[i] / Q[i]);
  return divergence;
}
