/**
 * Maximum mean discrepancy with a permutation test (Alibi Detect's `MMDDrift`): the distance between the
 * two sides' mean embeddings under a Gaussian kernel, which sees any difference of distributions,
 * correlations included.
 *
 * Definition: on the standardized numerical features, with pooled rows z₁ … z_N (m baseline, n current)
 * and k(a, b) = exp(−‖a − b‖² / (2σ²)), the unbiased estimate
 * MMD² = Σ_{i≠j∈X} k/(m(m − 1)) + Σ_{i≠j∈Y} k/(n(n − 1)) − 2·Σ_{i∈X, j∈Y} k/(m·n).
 * The bandwidth follows the median heuristic as Alibi applies it to the pooled rows: σ² is half the
 * lower median of the squared distances between distinct rows (1 if that median is 0, when over half
 * the pairs coincide). The p-value comes from 100 random relabellings of the pooled rows (Alibi's
 * default), counting the observed split among them, p = (k + 1)/(100 + 1) with k the relabellings whose
 * MMD² is at least the observed one. Drift when p < 0.05.
 *
 * Row budget: at most 1,000 rows a side, drawn with the seed: the kernel matrix has (m + n)²/2 entries
 * and every relabelling reads all of them. With the seed the result is deterministic.
 *
 * False alarms: a permutation p-value that counts the observed statistic is valid, P(p < 0.05) ≤ 0.05
 * under no drift, at any sample size.
 *
 * Needs rows: the kernel compares rows pairwise.
 *
 * Reference: A. Gretton et al., "A Kernel Two-Sample Test", JMLR 13 (2012); Alibi Detect, "Maximum Mean
 * Discrepancy", https://docs.seldon.io/projects/alibi-detect/en/stable/cd/methods/mmddrift.html
 */
import { seededRandom } from '../core/random.js';
import type { DataMatrix } from './linear-algebra.js';
import { sampleRows, shuffledIndices } from './random-rows.js';

export const MMD_ROW_BUDGET = 1_000;
export const MMD_PERMUTATIONS = 100;
export const MMD_THRESHOLD = 0.05;
export const MMD_FALSE_ALARM_RATE = MMD_THRESHOLD;

export interface MmdOutcome {
  mmd2: number;
  p_value: number;
  threshold: number;
  /** The kernel bandwidth σ, in baseline standard deviations. */
  sigma: number;
  permutations: number;
  rows: { baseline: number; current: number };
  drift_detected: boolean;
}

/** Undefined without two rows on each side or without a column. */
export function mmdDrift(baseline: DataMatrix, current: DataMatrix, seed: number): MmdOutcome | undefined {
  if (Math.min(baseline.rows, current.rows) < 2 || baseline.columns === 0) return undefined;
  const random = seededRandom(seed);
  const x = sampleRows(baseline, MMD_ROW_BUDGET, random);
  const y = sampleRows(current, MMD_ROW_BUDGET, random);
  const size = x.rows + y.rows;
  const distances = pairwiseSquaredDistances(x, y);
  const median = lowerMedian(distances);
  const variance = median > 0 ? median / 2 : 1;
  // In place, pair by pair: at (m + n) = 2,000 rows the triangle alone is 16 MB.
  const kernel = distances;
  for (let slot = 0; slot < kernel.length; slot++) kernel[slot] = Math.exp(-distances[slot] / (2 * variance));

  const observedSides = new Uint8Array(size).fill(1, x.rows);
  const observed = mmd2(kernel, observedSides, x.rows, y.rows);
  let atLeast = 0;
  const sides = new Uint8Array(size);
  for (let permutation = 0; permutation < MMD_PERMUTATIONS; permutation++) {
    const order = shuffledIndices(size, random);
    for (let place = 0; place < size; place++) sides[order[place]] = place < x.rows ? 0 : 1;
    if (mmd2(kernel, sides, x.rows, y.rows) >= observed) atLeast++;
  }
  const pValue = (atLeast + 1) / (MMD_PERMUTATIONS + 1);
  return {
    mmd2: observed,
    p_value: pValue,
    threshold: MMD_THRESHOLD,
    sigma: Math.sqrt(variance),
    permutations: MMD_PERMUTATIONS,
    rows: { baseline: x.rows, current: y.rows },
    drift_detected: pValue < MMD_THRESHOLD,
  };
}

/** Squared distances between the distinct pooled rows, upper triangle row by row: (0,1), (0,2), …, (1,2), … */
function pairwiseSquaredDistances(x: DataMatrix, y: DataMatrix): Float64Array {
  const columns = x.columns;
  const pooled = new Float64Array((x.rows + y.rows) * columns);
  pooled.set(x.values);
  pooled.set(y.values, x.values.length);
  const size = x.rows + y.rows;
  const distances = new Float64Array((size * (size - 1)) / 2);
  let slot = 0;
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      let squares = 0;
      for (let column = 0; column < columns; column++) squares += (pooled[i * columns + column] - pooled[j * columns + column]) ** 2;
      distances[slot++] = squares;
    }
  }
  return distances;
}

/**
 * Alibi's median: the ⌈P/2⌉-th smallest of the P distinct-pair distances (its index into the full
 * matrix, diagonal and both triangles, lands there).
 */
function lowerMedian(distances: Float64Array): number {
  if (distances.length === 0) return 0;
  return Float64Array.from(distances).sort()[Math.ceil(distances.length / 2) - 1];
}

/** The unbiased MMD² of the split `sides` (0 baseline, 1 current) from the upper-triangle kernel. */
function mmd2(kernel: Float64Array, sides: Uint8Array, m: number, n: number): number {
  // Indexed by the sum of the pair's sides: 0 both baseline, 1 one of each, 2 both current.
  const sums = new Float64Array(3);
  const size = sides.length;
  let slot = 0;
  for (let i = 0; i < size; i++) {
    const side = sides[i];
    for (let j = i + 1; j < size; j++) sums[side + sides[j]] += kernel[slot++];
  }
  // Each within-side pair appears once in the triangle and twice in the double sum.
  return (2 * sums[0]) / (m * (m - 1)) + (2 * sums[2]) / (n * (n - 1)) - (2 * sums[1]) / (m * n);
}
