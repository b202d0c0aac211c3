/**
 * Mean absolute percentage error, as `sklearn.metrics.mean_absolute_percentage_error(y_true, y_pred)`.
 *
 * Definition: `MAPE = (1/n) · Σ |ŷ_i − y_i| / max(|y_i|, ε)` with ε = 2⁻⁵² (`np.finfo(float64).eps`).
 * A fraction, not a percentage: 0.05 means 5 %. Lower is better.
 *
 * Edge cases: the ε guard keeps a zero target finite but enormous (an error of 1 on a target of 0 adds
 * 1/ε ≈ 4.5e15 to the sum), exactly as scikit-learn does; MAPE is meaningless on targets near zero.
 * No rows or a non-finite value, no MAPE (undefined).
 *
 * @example
 * meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // => 0.3273809523809524
 */
import { absoluteErrors } from './regression-errors.js';
import { compensatedMean } from './mean.js';

const ZERO_GUARD = Number.EPSILON;

export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | undefined {
  const errors = absoluteErrors(yTrue, yPred);
  if (!errors) return undefined;
  return compensatedMean(errors.map((error, row) => error / Math.max(Math.abs(yTrue[row]), ZERO_GUARD)));
}
