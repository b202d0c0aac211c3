/**
 * Wasserstein-1 (earth mover's) distance between the reference and current values, in the data's own units.
 *
 * Definition: W1 = ∫ |F_r(x) − F_c(x)| dx over the right-continuous empirical CDFs, i.e.
 * Σ_{i<N} |F_r(x_(i)) − F_c(x_(i))| · (x_(i+1) − x_(i)) over the pooled sorted sample. It is the average
 * distance each unit of probability mass has to move to turn one sample into the other. No p-value.
 *
 * Edge cases: always defined for two non-empty finite samples; 0 when both sides hold the same values in the
 * same proportions (including a single shared constant). Samples never hold infinities (they are dropped as
 * missing); a gap between finite values can still overflow (e.g. −1e308 to 1e308), and that non-finite
 * result is reported as undefined.
 *
 * Default threshold 0.1: a raw distance is in data units, so no threshold is right for every column. 0.1 is
 * Evidently's threshold for its (normalised) Wasserstein test, so on standardised features (σ ≈ 1) the two
 * methods agree; on anything else users should set a threshold in the column's units, or use
 * `wasserstein_normed`, which divides by the reference standard deviation and is the scale-free choice.
 *
 * Reference: `scipy.stats.wasserstein_distance` (SciPy 1.10.1); Ramdas, García Trillos & Cuturi, "On
 * Wasserstein two-sample testing and related families of nonparametric tests", Entropy 19 (2017).
 */
import { ecdfGapIntegral } from './math/ecdf-distance.js';
import type { StatTest } from './types.js';

export const wasserstein: StatTest = {
  name: 'wasserstein',
  title: 'Wasserstein distance',
  description: "earth mover's distance in the column's own units (set a threshold in those units)",
  kinds: ['numerical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const distance = ecdfGapIntegral(sample, 1);
    return Number.isFinite(distance) ? { distance } : undefined;
  },
  boundsFromSummary: (sample) => ({ distance: sample.summarised.areaError }),
};
