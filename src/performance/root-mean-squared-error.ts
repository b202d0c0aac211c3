/**
 * Root mean squared error, as `sklearn.metrics.mean_squared_error(y_true, y_pred, squared=False)`.
 *
 * Definition: `RMSE = √((1/n) · Σ (y_i − ŷ_i)²)`, in the target's units; lower is better. Large errors
 * weigh more than in the MAE.
 *
 * Edge cases: no rows or a non-finite value, no RMSE (undefined; scikit-learn raises).
 *
 * @example
 * rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // => 0.6123724356957945
 */
import { absoluteErrors } from './regression-errors.js';
import { compensatedMean } from './mean.js';

export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | undefined {
  const errors = absoluteErrors(yTrue, yPred);
  if (!errors) return undefined;
  const meanSquare = compensatedMean(errors.map((error) => error * error));
  return meanSquare === undefined ? undefined : Math.sqrt(meanSquare);
}
