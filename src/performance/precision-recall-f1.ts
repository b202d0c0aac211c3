/**
 * Precision, recall and F1 per class and their macro averages, as scikit-learn's
 * `precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None)` and `average='macro'`
 * (so `precision_score`, `recall_score` and `f1_score` with `average='macro'`).
 *
 * Definition, for each label k with tp_k rows predicted k and truly k:
 * `precision_k = tp_k / #(ŷ = k)`, `recall_k = tp_k / #(y = k)`,
 * `F1_k = 2 · precision_k · recall_k / (precision_k + recall_k)`; each macro average is the plain mean
 * over the labels. F1 is evaluated in that product form, operation for operation as scikit-learn 1.2
 * does, so results agree to the last bit or two.
 *
 * Zero division, scikit-learn's default (`zero_division="warn"`): a ratio with a zero denominator is 0
 * (scikit-learn also warns) — precision of a label never predicted, recall of a label absent from the
 * truth — and F1 is 0 whenever precision + recall is 0. Those zeros still count in the macro averages,
 * so a class the model no longer meets, or no longer predicts, pulls the macro scores down. Later 1.x
 * releases compute F1 as 2·tp / (2·tp + fp + fn) with the same default; the two agree on every label
 * drawn from the data and on absent explicit labels (both 0).
 *
 * Edge cases: labels default to every label seen on either side, in scikit-learn's order; explicit
 * labels may name labels seen nowhere (all three scores 0) or leave some out, counts still coming from
 * all rows. No labels (no rows), no result (undefined).
 *
 * @example
 * const scores = precisionRecallF1(['a', 'a', 'b'], ['a', 'b', 'b']);
 * scores.perClass[0]; // => { label: 'a', precision: 1, recall: 0.5, f1: 0.6666666666666666, support: 2 }
 * scores.f1Macro; // => 0.6666666666666666
 */
import { sortedLabels } from './label-order.js';
import { compensatedMean } from './mean.js';
import { requireAligned } from './rows.js';

export interface ClassScores {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows whose true label is this one. */
  readonly support: number;
}

export interface PrecisionRecallF1 {
  /** One entry per label, in label order. */
  readonly perClass: readonly ClassScores[];
  readonly precisionMacro: number;
  readonly recallMacro: number;
  readonly f1Macro: number;
}

export function precisionRecallF1(
  yTrue: readonly string[],
  yPred: readonly string[],
  labels: readonly string[] = sortedLabels(yTrue, yPred),
): PrecisionRecallF1 | undefined {
  requireAligned('y_pred', yTrue.length, yPred);
  if (labels.length === 0) return undefined;
  const truePositives = new Map<string, number>();
  const predicted = new Map<string, number>();
  const actual = new Map<string, number>();
  const increment = (counts: Map<string, number>, label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  for (let row = 0; row < yTrue.length; row++) {
    increment(actual, yTrue[row]);
    increment(predicted, yPred[row]);
    if (yTrue[row] === yPred[row]) increment(truePositives, yTrue[row]);
  }
  return scoresFromCounts(
    labels,
    labels.map((label) => truePositives.get(label) ?? 0),
    labels.map((label) => predicted.get(label) ?? 0),
    labels.map((label) => actual.get(label) ?? 0),
  );
}

/**
 * The scores from per-label counts (aligned with `labels`): rows right, rows predicted as the label,
 * rows truly of the label. Shared with the bootstrap, which counts resampled rows.
 */
export function scoresFromCounts(
  labels: readonly string[],
  truePositives: readonly number[],
  predicted: readonly number[],
  actual: readonly number[],
): PrecisionRecallF1 {
  const perClass = labels.map((label, index): ClassScores => {
    const precision = ratioOrZero(truePositives[index], predicted[index]);
    const recall = ratioOrZero(truePositives[index], actual[index]);
    const denominator = precision + recall;
    const f1 = denominator === 0 ? 0 : (2 * precision * recall) / denominator;
    return { label, precision, recall, f1, support: actual[index] };
  });
  return {
    perClass,
    precisionMacro: compensatedMean(perClass.map((scores) => scores.precision))!,
    recallMacro: compensatedMean(perClass.map((scores) => scores.recall))!,
    f1Macro: compensatedMean(perClass.map((scores) => scores.f1))!,
  };
}

function ratioOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
