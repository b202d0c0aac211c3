/**
 * Performance estimated without labels: confidence-based performance estimation (CBPE) as NannyML defines
 * it for a binary classifier that logs the probability of its positive class (NannyML's documentation,
 * "How it works: Confidence-based Performance Estimation"; `nannyml/performance_estimation/
 * confidence_based`).
 *
 * Idea: where the scores are calibrated, a current row with probability p is a true positive with
 * probability p if it was predicted positive, and a false negative with probability p if not. So the
 * confusion matrix of the current rows, whose labels have not arrived, has expectation
 * `E[TP] = Σ_{ŷ=1} p`, `E[FP] = Σ_{ŷ=1} (1 − p)`, `E[FN] = Σ_{ŷ=0} p`, `E[TN] = Σ_{ŷ=0} (1 − p)`,
 * and the metrics are read off it as NannyML does:
 * - accuracy = (TP + TN) / n; precision = TP / (TP + FP); recall = TP / (TP + FN);
 *   F1 = TP / (TP + (FP + FN) / 2). A zero denominator gives 0 (NannyML, and scikit-learn's realized
 *   scores with their default `zero_division`).
 * - ROC AUC: the area under the expected ROC curve. Rows are ranked by the model's own (uncalibrated)
 *   score, as the realized AUC ranks them; at each distinct score t the expected counts above it are
 *   `TP(t) = Σ_{s ≥ t} p` and `FP(t) = Σ_{s ≥ t} (1 − p)`, the curve joins (0, 0) and
 *   (FP(t)/FP(−∞), TP(t)/TP(−∞)), and the area is its trapezoid sum. Tied scores are one threshold, as
 *   scikit-learn groups them (NannyML does not, which gives the same area whenever tied scores have equal
 *   calibrated probabilities, as a calibration map gives them); NannyML also rounds the cumulative
 *   counts to 5 decimals, which is left out. Undefined when Σ p or Σ (1 − p) is zero.
 * The probabilities p come from `calibration.ts`: the raw scores, or their isotonic calibration on the
 * labelled baseline where that lowers the expected calibration error. The prediction ŷ is the logged
 * prediction column (positive where it names the positive class), not a threshold on p.
 *
 * Sampling error: the standard error σ a metric has on n rows drawn like the current ones, estimated
 * from the labelled baseline as NannyML does, with sizes taken from the current rows:
 * - accuracy, precision, recall: each is the share of one kind of row among the "relevant" rows (right
 *   among all rows, right among predicted positives, predicted positive among actual positives). With
 *   s the standard deviation of that 0/1 indicator over the baseline's relevant rows (population form,
 *   NannyML's `np.std`), σ = s / √m, m being the current rows' relevant count: n, the predicted
 *   positives, and E[TP + FN] (the expected positives) respectively.
 * - F1 = 2t / (1 + t) with t the share of true positives among the TP, FP and FN rows; the delta method
 *   gives σ = 2 / (1 + t)² · s / √m with s the baseline's standard deviation of that share's indicator
 *   and t its baseline value, m = E[TP + FP + FN] now. (NannyML's observation-level F1 gives a σ larger
 *   by the factor 1 + t.)
 * - ROC AUC: DeLong's variance (E. R. DeLong, D. M. DeLong and D. L. Clarke-Pearson, Biometrics 44,
 *   1988): with the baseline's placement values (for each positive, the share of negatives it outscores,
 *   ties counting half; for each negative, the share of positives outscoring it) of sample variances
 *   S₁₀ and S₀₁, σ² = S₁₀ / m₁ + S₀₁ / m₀ with m₁ = Σ p and m₀ = Σ (1 − p) the expected class sizes now.
 *   (NannyML keeps only the first term.)
 * Where the scores were calibrated, the probabilities are themselves estimated from the baseline's labels
 * and carry its sampling error too; the estimate and the realized value then behave like statistics of
 * two independent samples, and each variance above gets a second term in the baseline's own count M of
 * the same rows: σ = s · √(1/m + 1/M), for F1 times 2 / (1 + t)², and for ROC AUC
 * σ² = S₁₀ (1/m₁ + 1/M₁) + S₀₁ (1/m₀ + 1/M₀). NannyML leaves this term out; it matters when the current
 * rows are not few next to the baseline's (with 400 current rows on a 1000-row baseline, leaving it out
 * made the simulation's ±3σ bands miss about 1 % of the time instead of 0.3 %).
 * The band is the estimate ± 3σ, clipped to [0, 1]: where the metric computed on the current rows'
 * labels, once they arrive, should lie if the model's relation between score and outcome is unchanged
 * (CBPE's one assumption: covariate shift, no concept shift). No band where σ is undefined: the baseline
 * or the current rows hold none of a metric's relevant rows.
 *
 * Edge cases: no current rows, no estimate (undefined); a baseline for which `decideCalibration`
 * declines (one class, fewer than 10 rows) is used uncalibrated.
 *
 * @example
 * // A baseline of 40 rows scored 0.05 or 0.95 and right three times in four (calibrated to 0.25, 0.75):
 * const scores = [0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95].flatMap((s) => [s, s, s, s, s]);
 * const isPositive = scores.map((s, row) => (s > 0.5) === (row % 4 !== 0));
 * const model = fitCbpe({ scores, isPositive, predictedPositive: scores.map((s) => s > 0.5) });
 * const estimate = estimatePerformance(model, { scores: [0.95, 0.95, 0.05, 0.05], predictedPositive: [true, true, false, false] });
 * estimate?.accuracy; // => { value: 0.75, standardError: 0.227…, lower: 0.0688…, upper: 1 }: four rows say little
 */
import { sampleVariance, sum } from 'simple-statistics';
import { applyCalibration, decideCalibration, DEFAULT_CALIBRATION_SEED, type CalibrationDecision } from './calibration.js';
import { rankScores } from './roc-auc.js';
import { requireAligned } from './rows.js';

/** Half-width of the band in standard errors: about 99.7 % coverage for a normal estimate. */
export const BAND_STANDARD_ERRORS = 3;

/** Rows whose labels have not arrived: the model's positive-class score and whether it predicted positive. */
export interface UnlabelledBinaryRows {
  readonly scores: ArrayLike<number>;
  readonly predictedPositive: readonly boolean[];
}

export interface LabelledBinaryRows extends UnlabelledBinaryRows {
  readonly isPositive: readonly boolean[];
}

export interface ExpectedConfusion {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
}

export interface EstimatedMetric {
  readonly value: number;
  readonly standardError?: number;
  readonly lower?: number;
  readonly upper?: number;
}

export interface PerformanceEstimate {
  readonly rows: number;
  readonly calibrated: boolean;
  readonly expectedConfusion: ExpectedConfusion;
  readonly accuracy: EstimatedMetric;
  readonly precision: EstimatedMetric;
  readonly recall: EstimatedMetric;
  readonly f1: EstimatedMetric;
  /** Unset when the current rows are expected to hold one class only. */
  readonly rocAuc?: EstimatedMetric;
}

/** A share among a baseline's relevant rows: its value, its 0/1 indicator's deviation and the row count. */
export interface ShareComponent {
  readonly share: number;
  readonly deviation: number;
  readonly baselineRows: number;
}

/** What the baseline contributes to the standard errors (see the sampling error above). */
export interface SamplingErrorComponents {
  readonly accuracy?: ShareComponent;
  readonly precision?: ShareComponent;
  readonly recall?: ShareComponent;
  /** The share of true positives among the TP, FP and FN rows. */
  readonly f1?: ShareComponent;
  /** S₁₀ and S₀₁ and the baseline's class sizes. */
  readonly rocAuc?: {
    readonly positivePlacementVariance: number;
    readonly negativePlacementVariance: number;
    readonly baselinePositives: number;
    readonly baselineNegatives: number;
  };
}

export interface CbpeModel {
  readonly calibration: CalibrationDecision;
  readonly samplingError: SamplingErrorComponents;
}

/** Learns the calibration and the sampling-error components from the labelled baseline. */
export function fitCbpe(baseline: LabelledBinaryRows, seed: number = DEFAULT_CALIBRATION_SEED): CbpeModel {
  const { scores, isPositive, predictedPositive } = baseline;
  requireAligned('the predictions', scores.length, predictedPositive);
  requireAligned('the truth', scores.length, isPositive);
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let row = 0; row < scores.length; row++) {
    if (predictedPositive[row]) counts[isPositive[row] ? 'tp' : 'fp']++;
    else counts[isPositive[row] ? 'fn' : 'tn']++;
  }
  const { tp, fp, fn, tn } = counts;
  const samplingError: SamplingErrorComponents = {
    accuracy: bernoulliShare(tp + tn, scores.length),
    precision: bernoulliShare(tp, tp + fp),
    recall: bernoulliShare(tp, tp + fn),
    f1: bernoulliShare(tp, tp + fp + fn),
    rocAuc: placementVariances(scores, isPositive),
  };
  return { calibration: decideCalibration(scores, isPositive, seed), samplingError };
}

export function estimatePerformance(model: CbpeModel, current: UnlabelledBinaryRows): PerformanceEstimate | undefined {
  const { scores, predictedPositive } = current;
  requireAligned('the predictions', scores.length, predictedPositive);
  const rows = scores.length;
  if (rows === 0) return undefined;
  const probabilities = applyCalibration(model.calibration, scores);
  const confusion = expectedConfusion(probabilities, predictedPositive);
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = confusion;
  const error = model.samplingError;
  // Calibrated probabilities are estimated from the baseline's labels: their error adds a baseline term.
  const baselineWeight = model.calibration.calibrate ? 1 : 0;
  const shareError = (component: ShareComponent | undefined, currentRows: number) =>
    component && component.deviation * Math.sqrt(1 / currentRows + baselineWeight / component.baselineRows);
  const predictedPositives = predictedPositive.filter(Boolean).length;
  const f1Error = error.f1 && (2 / (1 + error.f1.share) ** 2) * shareError(error.f1, tp + fp + fn)!;
  const rocAuc = error.rocAuc;
  const rocAucError =
    rocAuc &&
    Math.sqrt(
      rocAuc.positivePlacementVariance * (1 / (tp + fn) + baselineWeight / rocAuc.baselinePositives) +
        rocAuc.negativePlacementVariance * (1 / (fp + confusion.trueNegatives) + baselineWeight / rocAuc.baselineNegatives),
    );
  const metrics = estimatedMetrics(confusion);
  const auc = estimatedRocAuc(scores, probabilities);
  return {
    rows,
    calibrated: model.calibration.calibrate,
    expectedConfusion: confusion,
    accuracy: banded(metrics.accuracy, shareError(error.accuracy, rows)),
    precision: banded(metrics.precision, shareError(error.precision, predictedPositives)),
    recall: banded(metrics.recall, shareError(error.recall, tp + fn)),
    f1: banded(metrics.f1, f1Error),
    ...(auc === undefined ? {} : { rocAuc: banded(auc, rocAucError) }),
  };
}

/** The expected confusion matrix of rows with calibrated probabilities `probabilities` (defined above). */
export function expectedConfusion(probabilities: ArrayLike<number>, predictedPositive: readonly boolean[]): ExpectedConfusion {
  requireAligned('the predictions', probabilities.length, predictedPositive);
  const cells: [number[], number[], number[], number[]] = [[], [], [], []];
  for (let row = 0; row < probabilities.length; row++) {
    const p = probabilities[row];
    if (predictedPositive[row]) {
      cells[0].push(p);
      cells[1].push(1 - p);
    } else {
      cells[2].push(p);
      cells[3].push(1 - p);
    }
  }
  const [truePositives, falsePositives, falseNegatives, trueNegatives] = cells.map((cell) => sum(cell));
  return { truePositives, falsePositives, falseNegatives, trueNegatives };
}

/** Accuracy, precision, recall and F1 of an expected confusion matrix, NannyML's formulas. */
export function estimatedMetrics(confusion: ExpectedConfusion): { accuracy: number; precision: number; recall: number; f1: number } {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn } = confusion;
  return {
    accuracy: ratioOrZero(tp + tn, tp + fp + fn + tn),
    precision: ratioOrZero(tp, tp + fp),
    recall: ratioOrZero(tp, tp + fn),
    f1: ratioOrZero(tp, tp + 0.5 * (fp + fn)),
  };
}

/** Area under the expected ROC curve, rows ranked by `scores`, counted by `probabilities` (defined above). */
export function estimatedRocAuc(scores: ArrayLike<number>, probabilities: ArrayLike<number>): number | undefined {
  requireAligned('the probabilities', scores.length, probabilities);
  const ranking = rankScores(scores);
  if (!ranking) return undefined;
  let truePositives = 0;
  let falsePositives = 0;
  let previousTruePositives = 0;
  let previousFalsePositives = 0;
  let twiceArea = 0;
  ranking.order.forEach((row, rank) => {
    if (ranking.startsThreshold[rank]) {
      twiceArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
      [previousTruePositives, previousFalsePositives] = [truePositives, falsePositives];
    }
    truePositives += probabilities[row];
    falsePositives += 1 - probabilities[row];
  });
  if (!(truePositives > 0 && falsePositives > 0)) return undefined;
  twiceArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
  return twiceArea / (2 * truePositives * falsePositives);
}

/**
 * DeLong's placement values of the baseline, ranked by score with ties counting half, and their sample
 * variances; undefined without two positives and two negatives or with a non-finite score.
 */
function placementVariances(scores: ArrayLike<number>, isPositive: readonly boolean[]): SamplingErrorComponents['rocAuc'] {
  const ranking = rankScores(scores);
  const positives = isPositive.filter(Boolean).length;
  const negatives = isPositive.length - positives;
  if (!ranking || positives < 2 || negatives < 2) return undefined;
  const positivePlacements: number[] = [];
  const negativePlacements: number[] = [];
  // Ranked by decreasing score: the positives above a negative outscore it, the negatives below a positive lose.
  const { order, startsThreshold } = ranking;
  let positivesAbove = 0;
  let negativesAbove = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && !startsThreshold[end]) end++;
    const tiedRows = Array.from(order.subarray(start, end));
    const tiedPositives = tiedRows.filter((row) => isPositive[row]).length;
    const tiedNegatives = tiedRows.length - tiedPositives;
    for (const row of tiedRows) {
      if (isPositive[row]) positivePlacements.push((negatives - negativesAbove - tiedNegatives + tiedNegatives / 2) / negatives);
      else negativePlacements.push((positivesAbove + tiedPositives / 2) / positives);
    }
    positivesAbove += tiedPositives;
    negativesAbove += tiedNegatives;
    start = end;
  }
  return {
    positivePlacementVariance: sampleVariance(positivePlacements),
    negativePlacementVariance: sampleVariance(negativePlacements),
    baselinePositives: positives,
    baselineNegatives: negatives,
  };
}

/** A share of `hits` among `of` rows and the population standard deviation of its 0/1 indicator. */
function bernoulliShare(hits: number, of: number): ShareComponent | undefined {
  if (of === 0) return undefined;
  const share = hits / of;
  return { share, deviation: Math.sqrt(share * (1 - share)), baselineRows: of };
}

function banded(value: number, standardError: number | undefined): EstimatedMetric {
  if (standardError === undefined || !Number.isFinite(standardError)) return { value };
  const halfWidth = BAND_STANDARD_ERRORS * standardError;
  return { value, standardError, lower: Math.max(0, value - halfWidth), upper: Math.min(1, value + halfWidth) };
}

function ratioOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
