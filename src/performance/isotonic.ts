/**
 * Isotonic regression, as scikit-learn 1.2.1's `IsotonicRegression(out_of_bounds='clip', increasing=True)`:
 * `fitIsotonic` is its `fit(x, y, sample_weight)`, `predictIsotonic` its `predict`.
 *
 * Definition: the fit is the non-decreasing step function f minimising Σ wᵢ (yᵢ − f(xᵢ))² over the
 * distinct x values (R. E. Barlow et al., "Statistical Inference under Order Restrictions", 1972),
 * found by pool-adjacent-violators (M. J. Best and N. Chakravarti, "Active set algorithms for isotonic
 * regression; a unifying framework", Math. Programming 47, 1990, section 3). Prediction joins the
 * fitted points by straight lines and clips x to the fitted range, so it is flat outside it.
 *
 * scikit-learn's steps, followed one for one so results agree to the last bit or two:
 * 1. Rows with weight ≤ 0 are dropped; the rest are ordered by x, then y.
 * 2. Equal x are merged first: a run of sorted x each less than 1e-15 (float64's `resolution`) above the
 *    run's first x becomes one point at that first x, with the summed weight and the weighted mean of y
 *    (Σ wy accumulated in that order, then divided by Σ w).
 * 3. Pool-adjacent-violators over the merged points: a block is pooled with its successor unless its
 *    mean is strictly below the successor's, pooled means being Σ wy / Σ w of the merged points, with
 *    backtracking to the previous block after each pooling.
 * 4. Points whose fitted value equals both neighbours' are dropped (the interpolation is unchanged).
 * 5. Prediction: x clipped to [min, max] of the merged points, then SciPy's `interp1d` linear rule on the
 *    kept points: the segment is found by binary search (an x equal to a knot uses the segment ending
 *    there), and f(x) = slope · (x − x_lo) + y_lo with slope = (y_hi − y_lo) / (x_hi − x_lo). One kept
 *    point predicts its value everywhere.
 *
 * Edge cases: no row with positive weight, a non-finite x, y or weight, or a negative weight count as
 * invalid input (RangeError; scikit-learn rejects non-finite input too). Predicting at NaN gives NaN.
 *
 * @example
 * const fit = fitIsotonic([1, 2, 3, 4], [1, 3, 2, 4]);
 * predictIsotonic(fit, [0, 2.25, 5]); // => [1, 2.5, 4]: (3 + 2) / 2 pooled, flat beyond the ends
 */
import { lowerBound } from '../stattests/binning.js';
import { requireAligned } from './rows.js';

/** The fitted function: its knots, increasing in x, and the clipping range. */
export interface IsotonicFit {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly xMin: number;
  readonly xMax: number;
}

// Module-level aliases: inside Jest's vm contexts a global lookup per row makes the tests' simulations
// many times slower.
const { isFinite, isNaN } = Number;
const { min, max } = Math;

/** float64's `np.finfo(np.float64).resolution`: x closer than this to a run's first x join that run. */
const MERGE_RESOLUTION = 1e-15;

export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>, weights?: ArrayLike<number>): IsotonicFit {
  requireAligned('y', x.length, y);
  if (weights) requireAligned('weights', x.length, weights);
  const rows: number[] = [];
  for (let row = 0; row < x.length; row++) {
    const weight = weights ? weights[row] : 1;
    if (!isFinite(x[row]) || !isFinite(y[row]) || !isFinite(weight) || weight < 0) {
      throw new RangeError(`isotonic regression needs finite x, y and non-negative weights (row ${row})`);
    }
    if (weight > 0) rows.push(row);
  }
  if (rows.length === 0) throw new RangeError('isotonic regression needs at least one row with positive weight');
  rows.sort((a, b) => x[a] - x[b] || y[a] - y[b]);

  const merged = mergeEqualX(rows, x, y, weights);
  poolAdjacentViolators(merged.y, merged.weight);
  return { ...dropInteriorRepeats(merged.x, merged.y), xMin: merged.x[0], xMax: merged.x[merged.x.length - 1] };
}

export function predictIsotonic(fit: IsotonicFit, x: ArrayLike<number>): Float64Array {
  const predictions = new Float64Array(x.length);
  const last = fit.x.length - 1;
  for (let row = 0; row < x.length; row++) {
    if (isNaN(x[row])) {
      predictions[row] = NaN;
      continue;
    }
    if (last === 0) {
      predictions[row] = fit.y[0];
      continue;
    }
    const clipped = min(max(x[row], fit.xMin), fit.xMax);
    const high = min(max(lowerBound(fit.x, clipped), 1), last);
    const slope = (fit.y[high] - fit.y[high - 1]) / (fit.x[high] - fit.x[high - 1]);
    predictions[row] = slope * (clipped - fit.x[high - 1]) + fit.y[high - 1];
  }
  return predictions;
}

function mergeEqualX(
  sortedRows: readonly number[],
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): { x: number[]; y: number[]; weight: number[] } {
  const merged = { x: [] as number[], y: [] as number[], weight: [] as number[] };
  let runX = x[sortedRows[0]];
  let runWeight = 0;
  let runWeightedY = 0;
  const close = () => {
    merged.x.push(runX);
    merged.weight.push(runWeight);
    merged.y.push(runWeightedY / runWeight);
  };
  for (const row of sortedRows) {
    const weight = weights ? weights[row] : 1;
    if (x[row] - runX >= MERGE_RESOLUTION) {
      close();
      runX = x[row];
      runWeight = weight;
      runWeightedY = y[row] * weight;
    } else {
      runWeight += weight;
      runWeightedY += y[row] * weight;
    }
  }
  close();
  return merged;
}

/**
 * Pools `values` in place into their weighted isotonic fit. Blocks are kept as `blockEnd[start] = end` and
 * `blockEnd[end] = start` (inclusive), with the block's mean and total weight stored at its start.
 */
function poolAdjacentViolators(values: number[], weights: number[]): void {
  const n = values.length;
  const blockEnd = new Int32Array(n);
  blockEnd.forEach((_, index) => (blockEnd[index] = index));
  let start = 0;
  while (start < n) {
    let next = blockEnd[start] + 1;
    if (next === n) break;
    if (values[start] < values[next]) {
      start = next;
      continue;
    }
    let weightedSum = weights[start] * values[start];
    let weightSum = weights[start];
    for (;;) {
      const previousValue = values[next];
      weightedSum += weights[next] * values[next];
      weightSum += weights[next];
      next = blockEnd[next] + 1;
      if (next === n || previousValue < values[next]) {
        values[start] = weightedSum / weightSum;
        weights[start] = weightSum;
        blockEnd[start] = next - 1;
        blockEnd[next - 1] = start;
        if (start > 0) start = blockEnd[start - 1];
        break;
      }
    }
  }
  for (let blockStart = 0; blockStart < n;) {
    const after = blockEnd[blockStart] + 1;
    values.fill(values[blockStart], blockStart + 1, after);
    blockStart = after;
  }
}

function dropInteriorRepeats(x: readonly number[], y: readonly number[]): { x: Float64Array; y: Float64Array } {
  const keep = x.map((_, index) => index === 0 || index === x.length - 1 || y[index] !== y[index - 1] || y[index] !== y[index + 1]);
  return {
    x: Float64Array.from(x.filter((_, index) => keep[index])),
    y: Float64Array.from(y.filter((_, index) => keep[index])),
  };
}
