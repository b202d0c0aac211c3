/**
 * Hellinger distance, with Evidently's binning for numbers.
 *
 * Definition: `H = sqrt(1 − clip(s, 0, 1))`, with s the Bhattacharyya coefficient of the two sides.
 * - Categorical: `s = Σ sqrt(p_k · q_k)` over the categories, on the plain shares (no filling).
 * - Numerical: always a histogram, however few distinct values there are, and not the shared binning of
 *   the other binned distances: Sturges' rule over the u distinct pooled values (log2(u) in place of
 *   log2(N), see `hellingerHistogram` in `binning.ts`). With densities `d_i = (count_i / width_i) / size`
 *   per side and the mean bin width `w̄ = (e_k − e_0)/k`, `s = Σ sqrt(d_i^r · d_i^c) · w̄`. Using the mean
 *   width rather than each bin's own is Evidently's choice; bins are equal-width up to rounding, so it only
 *   matters at the last digits.
 * From 0 (same distribution) to 1 (disjoint). A distance, no p-value.
 *
 * Default threshold 0.1, Evidently's default for `hellinger` (drift when H ≥ 0.1).
 *
 * Edge cases: a single distinct pooled value v gets the one bin [v − 0.5, v + 0.5] (NumPy's rule for an
 * empty range), giving H = 0 up to rounding. `sqrt(1 − s)` magnifies rounding in s when the samples are
 * identical: H comes out as 0 or about 1e-8 depending on the summation order, so H² (not H) is what is
 * accurate to ~1e-16 there. The clip keeps a coefficient rounded above 1 from giving NaN. Infinite
 * values count as missing when samples are built; a sample holding them anyway has no histogram (NumPy
 * refuses an infinite range), so no value.
 *
 * References: E. Hellinger, J. reine angew. Math. 136 (1909); A. Bhattacharyya, Bull. Calcutta Math.
 * Soc. 35 (1943); Evidently's legacy `hellinger_stat_test`; NumPy `histogram(..., density=True)`.
 */
import { hellingerHistogram } from './binning.js';
import type { NumericalSample, Sample, StatTest, TestResult } from './types.js';

export const hellinger: StatTest = {
  name: 'hellinger',
  title: 'Hellinger distance',
  description: 'Hellinger distance (0 to 1)',
  kinds: ['numerical', 'categorical'],
  output: 'distance',
  defaultThreshold: 0.1,
  compute(sample: Sample): TestResult | undefined {
    const coefficient =
      sample.kind === 'categorical'
        ? categoricalCoefficient(sample.reference, sample.current, sample.referenceTotal, sample.currentTotal)
        : numericalCoefficient(sample);
    if (coefficient === undefined) return undefined;
    const distance = Math.sqrt(1 - Math.min(1, Math.max(0, coefficient)));
    return Number.isFinite(distance) ? { distance } : undefined;
  },
};

function categoricalCoefficient(reference: Float64Array, current: Float64Array, n: number, m: number): number {
  let s = 0;
  for (let i = 0; i < reference.length; i++) s += Math.sqrt((reference[i] / n) * (current[i] / m));
  return s;
}

function numericalCoefficient(sample: NumericalSample): number | undefined {
  const histogram = hellingerHistogram(sample);
  if (!histogram) return undefined;
  const { edges, reference, current } = histogram;
  const bins = edges.length - 1;
  const n = sample.reference.length;
  const m = sample.current.length;
  const meanWidth = (edges[bins] - edges[0]) / bins;
  let s = 0;
  for (let i = 0; i < bins; i++) {
    const width = edges[i + 1] - edges[i];
    const referenceDensity = reference[i] / width / n;
    const currentDensity = current[i] / width / m;
    s += Math.sqrt(referenceDensity * currentDensity) * meanWidth;
  }
  // A zero-width bin (edges collapsing at the precision limit) gives 0/0; NumPy would give NaN too.
  return Number.isFinite(s) ? s : undefined;
}
