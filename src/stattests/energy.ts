/**
 * Energy distance between the reference and current values.
 *
 * Definition: sqrt(2 · ∫ (F_r(x) − F_c(x))² dx) over the right-continuous empirical CDFs, i.e.
 * sqrt(2) · sqrt(Σ_{i<N} (F_r(x_(i)) − F_c(x_(i)))² · (x_(i+1) − x_(i))), which equals
 * sqrt(2E|X−Y| − E|X−X'| − E|Y−Y'|) (Székely & Rizzo). It is in the square root of the data's units. No
 * p-value. The two square roots are taken separately, as SciPy does, so results agree to the last bits.
 *
 * Edge cases: always defined for two non-empty finite samples; 0 for identically distributed samples
 * (including one shared constant). A result that overflows (gaps near ±1e308) is undefined.
 *
 * Default threshold 0.1, Evidently's default for its energy-distance stattest.
 *
 * Reference: `scipy.stats.energy_distance` (SciPy 1.10.1); G. J. Székely and M. L. Rizzo, "Energy
 * statistics: A class of statistics based on distances", J. Stat. Planning & Inference 143 (2013).
 */
import { ecdfGapIntegral } from './math/ecdf-distance.js';
import type { StatTest } from './types.js';

export const energy: StatTest = {
  name: 'energy',
  title: 'Energy distance',
  description: 'energy distance between the two distributions',
  kinds: ['numerical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const distance = Math.SQRT2 * Math.sqrt(ecdfGapIntegral(sample, 2));
    return Number.isFinite(distance) ? { distance } : undefined;
  },
};
