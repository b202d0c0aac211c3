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
 * Classes and scores: `probabilities` holds one column per class the model knows, or one column only.
 * - One column: binary AUC of its class (the positive class) against every other row, as
 *   `roc_auc_score(y_true == positive, p)`; `y_true` may hold at most one other label (scikit-learn
 *   refuses a multiclass `y_true` scored by one column).
 * - Two columns: binary AUC of the greater label (the positive class, `y_score[:, 1]` in scikit-learn)
 *   against its own column.
 * - More: the mean over classes of the binary AUC of "this class" against "the rest", each scored by its
 *   own column (`multi_class='ovr', average='macro'`). A class of the model absent from `y_true` has no
 *   one-vs-rest AUC and is left out of the mean: scikit-learn refuses the whole computation there, and
 *   the result equals its macro average over the label-indicator columns of the classes present. Rows
 *   need not sum to one (scikit-learn insists for multiclass; the per-class AUCs never use the sum).
 *
 * Edge cases (undefined, where scikit-learn raises): fewer than two classes of the model present in
 * `y_true` (with one column: no positive or no negative row), a true label with no probability column
 * (with one column: two labels other than its class), a non-finite score, no column.
 *
 * @example
 * rocAuc(['n', 'p', 'n', 'p'], new Map([['n', [0.9, 0.6, 0.55, 0.2]], ['p', [0.1, 0.4, 0.45, 0.8]]]));
 * // => 0.75 (positives beat negatives in 3 of the 4 pairs)
 */
import { compareLabels, otherLabels } from './label-order.js';
import { compensatedMean } from './mean.js';
import { requireAligned, type ClassProbabilities } from './rows.js';

export function rocAuc(yTrue: readonly string[], probabilities: ClassProbabilities): number | undefined {
  const scored = scoredClasses(yTrue, probabilities);
  if (!scored) return undefined;
  const { classes, positive } = scored;
  if (positive !== undefined)
    return binaryRocAuc(
      yTrue.map((label) => label === positive),
      probabilities.get(positive)!,
    );
  const present = new Set(yTrue);
  const perClass: number[] = [];
  for (const label of classes) {
    if (!present.has(label)) continue;
    const auc = binaryRocAuc(
      yTrue.map((truth) => truth === label),
      probabilities.get(label)!,
    );
    if (auc === undefined) return undefined;
    perClass.push(auc);
  }
  return perClass.length >= 2 ? compensatedMean(perClass) : undefined;
}

/** The classes of the model in label order, and for a binary model its positive class. */
export interface ScoredClasses {
  readonly classes: readonly string[];
  /** Set for one or two columns: the class whose column the binary AUC scores. */
  readonly positive?: string;
}

/** Which classes an AUC scores, shared with the bootstrap's `prepareRocAuc`; undefined where scikit-learn raises. */
export function scoredClasses(yTrue: readonly string[], probabilities: ClassProbabilities): ScoredClasses | undefined {
  const classes = [...probabilities.keys()].sort(compareLabels);
  for (const column of probabilities.values()) requireAligned('a probability column', yTrue.length, column);
  if (classes.length === 1) return otherLabels(yTrue, classes[0]).size <= 1 ? { classes, positive: classes[0] } : undefined;
  if (classes.length < 2 || yTrue.some((label) => !probabilities.has(label))) return undefined;
  return classes.length === 2 ? { classes, positive: classes[1] } : { classes };
}

/**
 * Binary ROC AUC of `scores` for rows flagged positive in `isPositive`, with tied scores averaged as the
 * trapezoid does. Undefined without both positives and negatives, or with a non-finite score.
 */
export function binaryRocAuc(isPositive: readonly boolean[], scores: ArrayLike<number>): number | undefined {
  requireAligned('scores', isPositive.length, scores);
  const ranking = rankScores(scores);
  return ranking && rankedRocAuc(ranking, isPositive);
}

/** Rows by decreasing score, and where each run of equal scores (one threshold) begins. */
export interface ScoreRanking {
  readonly order: Uint32Array;
  /** 1 at each rank whose score differs from the previous rank's. */
  readonly startsThreshold: Uint8Array;
}

/** The ranking of `scores`, computed once and reused by the bootstrap; undefined with a non-finite score. */
export function rankScores(scores: ArrayLike<number>): ScoreRanking | undefined {
  for (let row = 0; row < scores.length; row++) if (!Number.isFinite(scores[row])) return undefined;
  const order = Uint32Array.from({ length: scores.length }, (_, row) => row);
  order.sort((a, b) => scores[b] - scores[a]);
  const startsThreshold = new Uint8Array(order.length);
  for (let rank = 1; rank < order.length; rank++) startsThreshold[rank] = scores[order[rank]] !== scores[order[rank - 1]] ? 1 : 0;
  return { order, startsThreshold };
}

/**
 * The trapezoid AUC over a ranking, each row counted `multiplicities[row]` times (once without them):
 * the bootstrap's resamples are multiplicities. Undefined without both positives and negatives.
 */
export function rankedRocAuc(
  { order, startsThreshold }: ScoreRanking,
  isPositive: ArrayLike<boolean>,
  multiplicities?: ArrayLike<number>,
): number | undefined {
  let truePositives = 0;
  let falsePositives = 0;
  let previousTruePositives = 0;
  let previousFalsePositives = 0;
  let twiceArea = 0;
  for (let rank = 0; rank < order.length; rank++) {
    const row = order[rank];
    if (startsThreshold[rank]) {
      twiceArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
      previousTruePositives = truePositives;
      previousFalsePositives = falsePositives;
    }
    const times = multiplicities ? multiplicities[row] : 1;
    if (isPositive[row]) truePositives += times;
    else falsePositives += times;
  }
  if (truePositives === 0 || falsePositives === 0) return undefined;
  twiceArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
  return twiceArea / (2 * truePositives * falsePositives);
}
