/**
 * Area under the ROC curve, as `sklearn.metrics.roc_auc_score`: binary, and one-vs-rest macro average
 * for more than two classes.
 *
 * Binary definition: sort rows by decreasing score; at each distinct score (threshold) take the counts
 * of positives TP and negatives FP scoring at least that much. The ROC curve joins (0, 0) and the points
 * (FP/N, TP/P), and the AUC is its trapezoid area,
 * `AUC = Σ (FP_t − FP_{t−1}) · (TP_t + TP_{t−1}) / (2·P·N)`.
 * Tied scores form one threshold, so a tie between a positive and a negative counts one half — exactly
 * scikit-learn's `roc_curve` + `auc` (its dropping of collinear points does not change the area). The
 * sum is accumulated in integers, so the only rounding is the final division; scikit-learn's float
 * trapezoid is within a few ulps of it.
 *
 * Classes and scores: `probabilities` holds one column per class the model knows.
 * - Two columns: binary AUC of the greater label (the positive class, `y_score[:, 1]` in scikit-learn)
 *   against its own column.
 * - More: the mean over classes of the binary AUC of "this class" against "the rest", each scored by its
 *   own column (`multi_class='ovr', average='macro'`). A class of the model absent from `y_true` has no
 *   one-vs-rest AUC and is left out of the mean: scikit-learn refuses the whole computation there, and
 *   the result equals its macro average over the label-indicator columns of the classes present. Rows
 *   need not sum to one (scikit-learn insists for multiclass; the per-class AUCs never use the sum).
 *
 * Edge cases (undefined, where scikit-learn raises): fewer than two classes of the model present in
 * `y_true`, a true label with no probability column, a non-finite score, fewer than two columns.
 *
 * @example
 * rocAuc(['n', 'p', 'n', 'p'], new Map([['n', [0.9, 0.6, 0.65, 0.2]], ['p', [0.1, 0.4, 0.35, 0.8]]]));
 * // => 0.75 (positives beat negatives in 3 of the 4 pairs)
 */
import { compareLabels } from './label-order.js';
import { compensatedMean } from './mean.js';
import { requireAligned, type ClassProbabilities } from './rows.js';

export function rocAuc(yTrue: readonly string[], probabilities: ClassProbabilities): number | undefined {
  const classes = [...probabilities.keys()].sort(compareLabels);
  for (const column of probabilities.values()) requireAligned('a probability column', yTrue.length, column);
  if (classes.length < 2 || yTrue.some((label) => !probabilities.has(label))) return undefined;
  const present = new Set(yTrue);
  if (classes.length === 2) {
    const positive = classes[1];
    return binaryRocAuc(yTrue.map((label) => label === positive), probabilities.get(positive)!);
  }
  const perClass: number[] = [];
  for (const label of classes) {
    if (!present.has(label)) continue;
    const auc = binaryRocAuc(yTrue.map((truth) => truth === label), probabilities.get(label)!);
    if (auc === undefined) return undefined;
    perClass.push(auc);
  }
  return perClass.length >= 2 ? compensatedMean(perClass) : undefined;
}

/**
 * Binary ROC AUC of `scores` for rows flagged positive in `isPositive`, with tied scores averaged as the
 * trapezoid does. Undefined without both positives and negatives, or with a non-finite score.
 */
export function binaryRocAuc(isPositive: readonly boolean[], scores: ArrayLike<number>): number | undefined {
  requireAligned('scores', isPositive.length, scores);
  let positives = 0;
  for (let row = 0; row < isPositive.length; row++) {
    if (!Number.isFinite(scores[row])) return undefined;
    if (isPositive[row]) positives++;
  }
  const negatives = isPositive.length - positives;
  if (positives === 0 || negatives === 0) return undefined;

  const order = Uint32Array.from({ length: isPositive.length }, (_, row) => row);
  order.sort((a, b) => scores[b] - scores[a]);
  let truePositives = 0;
  let falsePositives = 0;
  let previousTruePositives = 0;
  let previousFalsePositives = 0;
  let twiceArea = 0;
  for (let rank = 0; rank < order.length; rank++) {
    const row = order[rank];
    if (rank > 0 && scores[row] !== scores[order[rank - 1]]) {
      twiceArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
      previousTruePositives = truePositives;
      previousFalsePositives = falsePositives;
    }
    if (isPositive[row]) truePositives++;
    else falsePositives++;
  }
  twiceArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
  return twiceArea / (2 * positives * negatives);
}
