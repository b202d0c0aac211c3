/**
 * Balanced accuracy, as `sklearn.metrics.balanced_accuracy_score(y_true, y_pred)` (not adjusted).
 *
 * Definition: the mean over classes of recall, `(1/K) · Σ_k C_kk / Σ_j C_kj`, on the confusion matrix C
 * of every label seen on either side. Unlike accuracy, a rare class weighs as much as a common one.
 *
 * Edge cases: a label that only occurs among the predictions has no recall (0/0); scikit-learn drops it
 * from the mean (with the warning "y_pred contains classes not in y_true") and so do we. No rows, no
 * value (undefined).
 *
 * @example
 * balancedAccuracy(['a', 'b', 'b'], ['a', 'c', 'b']); // => 0.75 (recalls 1 and 0.5; 'c' dropped)
 */
import { confusionMatrix } from './confusion-matrix.js';
import { compensatedMean } from './mean.js';

export function balancedAccuracy(yTrue: readonly string[], yPred: readonly string[]): number | undefined {
  const { counts } = confusionMatrix(yTrue, yPred);
  const recalls: number[] = [];
  counts.forEach((row, index) => {
    const support = row.reduce((total, count) => total + count, 0);
    if (support > 0) recalls.push(row[index] / support);
  });
  return compensatedMean(recalls);
}
