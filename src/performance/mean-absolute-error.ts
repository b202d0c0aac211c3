/**
 * Mean absolute error, as `sklearn.metrics.mean_absolute_error(y_true, y_pred)`.
 *
 * Definition: `MAE = (1/n) · Σ |ŷ_i − y_i|`, in the target's units; lower is better.
 *
 * Edge cases: no rows or a non-finite value, no MAE (undefined; scikit-learn raises).
 *
 * @example
 * meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // => 0.5
 */
import { absoluteErrors } from './regression-errors.js';
import { compensatedMean } from './mean.js';

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | undefined {
  const errors = absoluteErrors(yTrue, yPred);
  return errors && compensatedMean(errors);
}
