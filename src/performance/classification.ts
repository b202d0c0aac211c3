/**
 * Every classification metric of one side at once, for reports: accuracy, balanced accuracy, the
 * confusion matrix, precision / recall / F1 per class and macro, and, when the model's class
 * probabilities are given, ROC AUC and log loss. Each value is defined, edge cases included, as in the
 * module that computes it (one per metric, matching scikit-learn 1.2.1).
 *
 * Labels are every label seen in `yTrue` or `yPred`, in scikit-learn's order (`label-order.ts`), unless
 * `labels` fixes the set for the confusion matrix and the per-class scores (say, the union of both sides,
 * so baseline and current tables line up); balanced accuracy always uses the labels seen, as
 * scikit-learn's has no `labels` argument.
 *
 * Edge cases: no rows, no metrics (undefined). A probability metric that cannot be computed (see
 * `roc-auc.ts`, `log-loss.ts`) is absent rather than the whole result.
 *
 * @example
 * const metrics = classificationMetrics({ task: 'classification', yTrue: ['a', 'b'], yPred: ['a', 'a'] });
 * metrics?.accuracy; // => 0.5
 * metrics?.confusionMatrix; // => [[1, 0], [1, 0]]
 */
import { accuracy } from './accuracy.js';
import { balancedAccuracy } from './balanced-accuracy.js';
import { confusionMatrix } from './confusion-matrix.js';
import { sortedLabels } from './label-order.js';
import { logLoss } from './log-loss.js';
import { precisionRecallF1, type ClassScores } from './precision-recall-f1.js';
import { rocAuc } from './roc-auc.js';
import type { ClassificationRows } from './rows.js';

export interface ClassificationMetrics {
  readonly rows: number;
  readonly labels: readonly string[];
  /** `confusionMatrix[true label index][predicted label index]`, indices into `labels`. */
  readonly confusionMatrix: number[][];
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly perClass: readonly ClassScores[];
  readonly precisionMacro: number;
  readonly recallMacro: number;
  readonly f1Macro: number;
  readonly rocAuc?: number;
  readonly logLoss?: number;
}

export function classificationMetrics(
  rows: ClassificationRows,
  labels: readonly string[] = sortedLabels(rows.yTrue, rows.yPred),
): ClassificationMetrics | undefined {
  const { yTrue, yPred, probabilities } = rows;
  const share = accuracy(yTrue, yPred);
  const scores = precisionRecallF1(yTrue, yPred, labels);
  if (share === undefined || scores === undefined) return undefined;
  const metrics: ClassificationMetrics = {
    rows: yTrue.length,
    labels,
    confusionMatrix: confusionMatrix(yTrue, yPred, labels).counts,
    accuracy: share,
    balancedAccuracy: balancedAccuracy(yTrue, yPred)!,
    perClass: scores.perClass,
    precisionMacro: scores.precisionMacro,
    recallMacro: scores.recallMacro,
    f1Macro: scores.f1Macro,
  };
  if (!probabilities) return metrics;
  const auc = rocAuc(yTrue, probabilities);
  const loss = logLoss(yTrue, probabilities);
  return {
    ...metrics,
    ...(auc === undefined ? {} : { rocAuc: auc }),
    ...(loss === undefined ? {} : { logLoss: loss }),
  };
}
