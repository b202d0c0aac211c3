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
  return balancedAccuracyFromCounts(
    counts.map((row, index) => row[index]),
    counts.map((row) => row.reduce((total, count) => total + count, 0)),
  );
}

/**
 * The mean recall from per-label counts of rows predicted right and rows truly of the label, labels
 * without true rows left out. Shared with the bootstrap, which counts resampled rows.
 */
export function balancedAccuracyFromCounts(correct: readonly number[], actual: readonly number[]): number | undefined {
  const recalls: number[] = [];
  actual.forEach((support, index) => {
    if (support > 0) recalls.push(correct[index] / support);
  });
  return compensatedMean(recalls);
}
