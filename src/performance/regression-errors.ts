/**
 * Per-row absolute errors `|ŷ_i − y_i|`, the common first step of the regression metrics and the error
 * signal the change detectors watch for regression models.
 *
 * Edge cases: undefined when any value is NaN or infinite, where scikit-learn's input validation raises;
 * an empty input gives an empty array.
 *
 * @example
 * absoluteErrors([1, 2], [1.5, 1]); // => Float64Array [0.5, 1]
 */
import { requireAligned } from './rows.js';

export function absoluteErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Float64Array | undefined {
  requireAligned('y_pred', yTrue.length, yPred);
  const errors = new Float64Array(yTrue.length);
  for (let row = 0; row < yTrue.length; row++) {
    if (!Number.isFinite(yTrue[row]) || !Number.isFinite(yPred[row])) return undefined;
    errors[row] = Math.abs(yPred[row] - yTrue[row]);
  }
  return errors;
}
