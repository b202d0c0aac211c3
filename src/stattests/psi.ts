/**
 * Population Stability Index.
 *
 * Definition: on the shared binning (see `binning.ts`: Sturges histogram for numerical columns with more
 * than 20 distinct reference values, one bucket per value otherwise and for categories), with p and q the
 * reference and current shares after Evidently's zero filling,
 * `PSI = Σ (p_i − q_i) · ln(p_i / q_i)`. A distance, not a test: there is no p-value.
 *
 * Reading: below 0.1 the population is usually called stable, 0.1–0.25 a moderate shift, above 0.25 a
 * major shift. The default threshold is 0.1, Evidently's default for PSI (drift when PSI ≥ 0.1).
 *
 * Edge cases: zero shares are replaced before the logarithm (each side on its own, not renormalised),
 * so a bucket present on one side only adds a large but finite term; identical shares give exactly 0.
 * Infinite values count as missing when samples are built; a sample holding them anyway has no
 * histogram (NumPy refuses an infinite range), so no value.
 *
 * References: N. Siddiqi, "Credit Risk Scorecards" (Wiley, 2006), ch. 8; B. Yurdakul, "Statistical
 * properties of population stability index", PhD thesis, Western Michigan University (2018); Evidently's
 * legacy `psi_stat_test`.
 */
import { binnedDistance, filledBinShares } from './binning.js';
import type { StatTest } from './types.js';

export const psi: StatTest = {
  name: 'psi',
  title: 'Population Stability Index',
  description: 'Population Stability Index (< 0.1 stable, 0.1–0.25 moderate, > 0.25 major)',
  kinds: ['numerical', 'categorical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    return binnedDistance(filledBinShares(sample), populationStabilityIndex);
  },
};

function populationStabilityIndex(p: Float64Array, q: Float64Array): number {
  let index = 0;
  for (let i = 0; i < p.length; i++) index += (p[i] - q[i]) * Math.log(p[i] / q[i]);
  return index;
}
