/**
 * Log loss (cross-entropy), as `sklearn.metrics.log_loss(y_true, y_prob, labels=classes)` in scikit-learn
 * 1.2 (its default `eps="auto"`).
 *
 * Definition: each probability is first clipped to [ε, 1 − ε] with ε = 2⁻⁵² (`np.finfo(float64).eps`),
 * then each row is divided by its sum, so rows that do not sum to one are renormalised; the loss is
 * `−(1/n) · Σ_i ln(p_i,y_i)`, the mean negative log of the probability given to the true class.
 * Clipping keeps a confident mistake finite: a true class given probability 0 costs
 * ln((1 + ε)/ε) ≈ 36.04, and a perfect one-hot prediction costs about 2ε rather than 0.
 * (scikit-learn 1.3 deprecated the `eps` argument; this follows 1.2.1, the version the fixtures pin.)
 *
 * Classes: `probabilities` holds one column per class the model knows, as `labels=` does; `y_true`
 * may use only some of them (a single class is fine).
 *
 * One column (a binary model's `predict_proba[:, 1]`): the probability p of its class, the positive
 * one; every other row is of the negative class, scored 1 − p, as scikit-learn takes a 1-D `y_pred`. In
 * scikit-learn's order: p is clipped first, the negative class gets 1 − clip(p), and the row is then
 * renormalised by their (floating-point) sum — the same as `log_loss(y_true == positive, p, labels=[0, 1])`.
 *
 * Edge cases (undefined): no rows, no column, a true label with no column (scikit-learn would silently
 * score such a row 0; with one column: two labels other than its class, where scikit-learn raises),
 * a non-finite probability.
 *
 * @example
 * logLoss(['n', 'p'], new Map([['n', [0.8, 0.3]], ['p', [0.2, 0.7]]]));
 * // => 0.2899092476264711 (the mean of −ln 0.8 and −ln 0.7)
 */
import { compareLabels, otherLabels } from './label-order.js';
import { compensatedMean } from './mean.js';
import { requireAligned, type ClassProbabilities } from './rows.js';

const CLIP_EPSILON = Number.EPSILON;

export function logLoss(yTrue: readonly string[], probabilities: ClassProbabilities): number | undefined {
  const losses = rowLogLosses(yTrue, probabilities);
  return losses && compensatedMean(losses);
}

/** Each row's −ln p(true class) after clipping and renormalising; undefined where `logLoss` is. */
export function rowLogLosses(yTrue: readonly string[], probabilities: ClassProbabilities): Float64Array | undefined {
  const classes = [...probabilities.keys()].sort(compareLabels);
  const columns = classes.map((label) => probabilities.get(label)!);
  for (const column of columns) requireAligned('a probability column', yTrue.length, column);
  if (yTrue.length === 0 || classes.length === 0) return undefined;
  if (classes.length === 1) return positiveClassLogLosses(yTrue, classes[0], columns[0]);
  const columnOf = new Map(classes.map((label, index) => [label, index]));
  const losses = new Float64Array(yTrue.length);
  for (let row = 0; row < yTrue.length; row++) {
    const trueColumn = columnOf.get(yTrue[row]);
    if (trueColumn === undefined) return undefined;
    let rowSum = 0;
    for (const column of columns) {
      if (!Number.isFinite(column[row])) return undefined;
      rowSum += clip(column[row]);
    }
    losses[row] = -Math.log(clip(columns[trueColumn][row]) / rowSum);
  }
  return losses;
}

function positiveClassLogLosses(yTrue: readonly string[], positive: string, scores: ArrayLike<number>): Float64Array | undefined {
  if (otherLabels(yTrue, positive).size > 1) return undefined;
  const losses = new Float64Array(yTrue.length);
  for (let row = 0; row < yTrue.length; row++) {
    if (!Number.isFinite(scores[row])) return undefined;
    const positiveScore = clip(scores[row]);
    const negativeScore = 1 - positiveScore;
    losses[row] = -Math.log((yTrue[row] === positive ? positiveScore : negativeScore) / (negativeScore + positiveScore));
  }
  return losses;
}

function clip(probability: number): number {
  return Math.min(Math.max(probability, CLIP_EPSILON), 1 - CLIP_EPSILON);
}
