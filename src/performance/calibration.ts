/**
 * Whether a binary model's positive-class scores need calibrating before they are read as probabilities,
 * and the calibration itself: the first step of confidence-based performance estimation (`cbpe.ts`),
 * which needs P(positive | score) to be right on the current rows.
 *
 * Calibration map: isotonic regression of the 0/1 truth on the score over the labelled baseline
 * (`isotonic.ts`, scikit-learn's `IsotonicRegression(out_of_bounds='clip')`, NannyML's calibrator).
 *
 * Expected calibration error (C. Guo et al., "On Calibration of Modern Neural Networks", ICML 2017,
 * eq. 3): the scores are put in 10 equal-width bins of [0, 1] (bin b holds b/10 ≤ p < (b+1)/10, the last
 * one including 1; scores outside [0, 1] go to the end bins) and
 * `ECE = Σ_b (n_b / n) · |mean p in b − share of positives in b|`, empty bins counting zero. NannyML bins
 * by rank instead (equal-count bins); equal width is used here because an isotonic map is a step
 * function, so its many tied scores always share a bin and the error does not depend on how ties are
 * ordered.
 *
 * Decision (calibrate only where it helps, as NannyML's `needs_calibration` does with its own split):
 * the baseline rows are shuffled with a seeded generator (`src/core/random.ts`, default seed 42) and dealt, the
 * positives and then the negatives in turn, into K = 5 folds of near-equal size and class balance. Each
 * fold's scores are calibrated by an isotonic map fitted on the other folds, so every baseline row gets
 * an out-of-fold calibrated score. Calibrate when the ECE of those out-of-fold scores is strictly below
 * the ECE of the raw scores over the same rows; the map then used is the isotonic fit on the whole
 * baseline. Not calibrated: a baseline with one class only (nothing to learn but a constant) or fewer
 * than 2·K rows.
 *
 * @example
 * // Overconfident scores of a model whose true probability is 0.25 or 0.75:
 * const scores = [0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95].flatMap((s) => [s, s, s, s, s]);
 * const truth = scores.map((s, row) => (s > 0.5) === (row % 4 !== 0));
 * decideCalibration(scores, truth);
 * // => calibrate: true, rawError ≈ 0.2, calibratedError ≈ 0.096 (out of fold); the map sends 0.05 → 0.25, 0.95 → 0.75
 */
import { fitIsotonic, predictIsotonic, type IsotonicFit } from './isotonic.js';
import { seededRandom } from '../core/random.js';
import { requireAligned } from './rows.js';

// Module-level aliases: inside Jest's vm contexts a global lookup per row makes the tests' simulations
// many times slower.
const { abs, floor, max, min } = Math;

export const CALIBRATION_FOLDS = 5;
export const CALIBRATION_BINS = 10;
export const DEFAULT_CALIBRATION_SEED = 42;

export interface CalibrationDecision {
  readonly calibrate: boolean;
  /** The map to apply, set when `calibrate` is. */
  readonly calibrator?: IsotonicFit;
  /** ECE of the raw and of the out-of-fold calibrated baseline scores; unset where no folds were fitted. */
  readonly rawError?: number;
  readonly calibratedError?: number;
  readonly folds: number;
  readonly seed: number;
  /** Why there is no comparison, where there is none. */
  readonly skipped?: 'one class' | 'too few rows';
}

export function decideCalibration(
  scores: ArrayLike<number>,
  isPositive: readonly boolean[],
  seed: number = DEFAULT_CALIBRATION_SEED,
): CalibrationDecision {
  requireAligned('the truth', scores.length, isPositive);
  const folds = CALIBRATION_FOLDS;
  const base = { folds, seed };
  const positives = isPositive.filter(Boolean).length;
  if (scores.length < 2 * folds) return { ...base, calibrate: false, skipped: 'too few rows' };
  if (positives === 0 || positives === scores.length) return { ...base, calibrate: false, skipped: 'one class' };

  const truth = isPositive.map(Number);
  // Rows in score order, so every fit below sorts input that is already sorted (linear for V8's TimSort).
  const byScore = Array.from({ length: scores.length }, (_, row) => row).sort((a, b) => scores[a] - scores[b] || truth[a] - truth[b]);
  const foldOf = stratifiedFolds(isPositive, folds, seed);
  const outOfFold = new Float64Array(scores.length);
  for (let fold = 0; fold < folds; fold++) {
    const training = byScore.filter((row) => foldOf[row] !== fold);
    const heldOut = byScore.filter((row) => foldOf[row] === fold);
    const fit = fitIsotonic(pick(scores, training), pick(truth, training));
    const calibrated = predictIsotonic(fit, pick(scores, heldOut));
    heldOut.forEach((row, index) => (outOfFold[row] = calibrated[index]));
  }
  const rawError = expectedCalibrationError(scores, isPositive)!;
  const calibratedError = expectedCalibrationError(outOfFold, isPositive)!;
  const calibrate = calibratedError < rawError;
  const calibrator = calibrate ? fitIsotonic(pick(scores, byScore), pick(truth, byScore)) : undefined;
  return { ...base, calibrate, rawError, calibratedError, ...(calibrator ? { calibrator } : {}) };
}

/** The scores as probabilities: through the map where the decision says so, unchanged otherwise. */
export function applyCalibration(decision: CalibrationDecision, scores: ArrayLike<number>): Float64Array {
  return decision.calibrator ? predictIsotonic(decision.calibrator, scores) : Float64Array.from(scores);
}

/** ECE over 10 equal-width bins of [0, 1], as defined above; undefined without rows. */
export function expectedCalibrationError(probabilities: ArrayLike<number>, isPositive: readonly boolean[]): number | undefined {
  requireAligned('the truth', probabilities.length, isPositive);
  if (probabilities.length === 0) return undefined;
  const counts = new Float64Array(CALIBRATION_BINS);
  const probabilitySums = new Float64Array(CALIBRATION_BINS);
  const positiveCounts = new Float64Array(CALIBRATION_BINS);
  for (let row = 0; row < probabilities.length; row++) {
    const bin = min(max(floor(probabilities[row] * CALIBRATION_BINS), 0), CALIBRATION_BINS - 1);
    counts[bin]++;
    probabilitySums[bin] += probabilities[row];
    if (isPositive[row]) positiveCounts[bin]++;
  }
  let error = 0;
  for (let bin = 0; bin < CALIBRATION_BINS; bin++) {
    if (counts[bin] > 0) error += abs(probabilitySums[bin] - positiveCounts[bin]) / probabilities.length;
  }
  return error;
}

/** Fold of each row: each class shuffled (Fisher–Yates) and dealt round-robin, positives first. */
function stratifiedFolds(isPositive: readonly boolean[], folds: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const foldOf = new Uint8Array(isPositive.length);
  let dealt = 0;
  for (const positive of [true, false]) {
    const rows = rowsWhere(isPositive, (truth) => truth === positive);
    for (let index = rows.length - 1; index > 0; index--) {
      const other = random.nextIndex(index + 1);
      [rows[index], rows[other]] = [rows[other], rows[index]];
    }
    for (const row of rows) foldOf[row] = dealt++ % folds;
  }
  return foldOf;
}

function rowsWhere<Value>(values: ArrayLike<Value>, keep: (value: Value) => boolean): number[] {
  const rows: number[] = [];
  for (let row = 0; row < values.length; row++) if (keep(values[row])) rows.push(row);
  return rows;
}

function pick(values: ArrayLike<number>, rows: readonly number[]): Float64Array {
  // A loop: Float64Array.from with a mapping function is many times slower in V8.
  const picked = new Float64Array(rows.length);
  rows.forEach((row, index) => (picked[index] = values[row]));
  return picked;
}
