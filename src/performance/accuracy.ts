/**
 * Accuracy, as `sklearn.metrics.accuracy_score(y_true, y_pred)`.
 *
 * Definition: the share of rows whose predicted label equals the true label,
 * `accuracy = (1/n) · Σ [ŷ_i = y_i]`. Exact: a count divided by n.
 *
 * Edge cases: no rows, no accuracy (undefined; scikit-learn gives NaN with a warning).
 *
 * @example
 * accuracy(['a', 'b', 'b', 'c'], ['a', 'b', 'c', 'c']); // => 0.75
 */
import { requireAligned } from './rows.js';

export function accuracy(yTrue: readonly string[], yPred: readonly string[]): number | undefined {
  requireAligned('y_pred', yTrue.length, yPred);
  if (yTrue.length === 0) return undefined;
  let correct = 0;
  for (let row = 0; row < yTrue.length; row++) if (yTrue[row] === yPred[row]) correct++;
  return correct / yTrue.length;
}
