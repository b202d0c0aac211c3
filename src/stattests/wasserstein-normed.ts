/**
 * Wasserstein-1 distance divided by the reference's standard deviation: how far the distribution moved,
 * in reference standard deviations.
 *
 * Definition: W1 / max(σ_r, 0.001), with W1 as in `wasserstein` and σ_r the population standard deviation
 * (ddof = 0) of the reference values. No p-value.
 *
 * Edge cases: a constant reference has σ_r = 0; the 0.001 floor (Evidently's) keeps the ratio finite, so a
 * constant reference against anything else gives W1 · 1000, which reads as a large drift. A result that
 * overflows (gaps near ±1e308) is undefined.
 *
 * Default threshold 0.1 (Evidently's default for this measure, the one its auto-selection uses for large
 * numerical columns): a tenth of a reference standard deviation of average displacement.
 *
 * Reference: Evidently's `wasserstein_distance_norm` stattest (legacy), built on
 * `scipy.stats.wasserstein_distance` and `numpy.std`.
 */
import { ecdfGapIntegral } from './math/ecdf-distance.js';
import { sideMoments } from './math/moments.js';
import type { NumericalSample, StatTest } from './types.js';

/** Evidently's floor on the reference standard deviation. */
const MIN_SCALE = 0.001;

export const wassersteinNormed: StatTest = {
  name: 'wasserstein_normed',
  title: 'Normed Wasserstein distance',
  description: "earth mover's distance in baseline standard deviations",
  kinds: ['numerical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const distance = ecdfGapIntegral(sample, 1) / referenceScale(sample);
    return Number.isFinite(distance) ? { distance } : undefined;
  },
  // The scale is exact (a profile's moments); only the area between the CDFs carries the summary's error.
  boundsFromSummary: (sample) => ({ distance: sample.summarised.areaError / referenceScale(sample) }),
};

function referenceScale(sample: NumericalSample): number {
  const { squaredDeviations } = sideMoments(sample, 'reference');
  return Math.max(Math.sqrt(squaredDeviations / sample.reference.length), MIN_SCALE);
}
