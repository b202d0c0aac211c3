/**
 * Confusion matrix, as `sklearn.metrics.confusion_matrix(y_true, y_pred, labels=labels)`.
 *
 * Definition: `counts[i][j]` is the number of rows whose true label is `labels[i]` and whose predicted
 * label is `labels[j]`: rows are the truth, columns the prediction.
 *
 * Edge cases: by default the labels are every label seen on either side, in scikit-learn's order (see
 * `label-order.ts`); with explicit labels, rows whose true or predicted label is not among them are left
 * out, as scikit-learn does. No rows give an empty matrix.
 *
 * @example
 * confusionMatrix(['a', 'b', 'b'], ['a', 'a', 'b']);
 * // => { labels: ['a', 'b'], counts: [[1, 0], [1, 1]] }
 */
import { sortedLabels } from './label-order.js';
import { requireAligned } from './rows.js';

export interface ConfusionMatrix {
  readonly labels: readonly string[];
  /** `counts[true label index][predicted label index]`. */
  readonly counts: number[][];
}

export function confusionMatrix(
  yTrue: readonly string[],
  yPred: readonly string[],
  labels: readonly string[] = sortedLabels(yTrue, yPred),
): ConfusionMatrix {
  requireAligned('y_pred', yTrue.length, yPred);
  const indexOf = new Map(labels.map((label, index) => [label, index]));
  const counts = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let row = 0; row < yTrue.length; row++) {
    const truth = indexOf.get(yTrue[row]);
    const prediction = indexOf.get(yPred[row]);
    if (truth !== undefined && prediction !== undefined) counts[truth][prediction]++;
  }
  return { labels, counts };
}
