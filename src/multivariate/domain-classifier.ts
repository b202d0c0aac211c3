/**
 * Domain classifier (Deepchecks' multivariate drift check): how well a model tells current rows from
 * baseline rows.
 *
 * Definition: label the baseline rows 0 and the current rows 1, and score every row by a gradient-boosted
 * tree classifier (depth 2, 10 iterations, learning rate 0.1, as Deepchecks configures scikit-learn's
 * `HistGradientBoostingClassifier`; here `gradient-boosting.ts`) trained on the other folds of a
 * stratified 5-fold split. The out-of-fold ROC AUC is 0.5 when the sides cannot be told apart and 1 when
 * they always can; the drift score is Deepchecks' max(0, 2·AUC − 1). Drift when the score reaches 0.25,
 * Deepchecks' default condition. The explanation lists the features with the largest share of the split
 * gain summed over the fold models: those that separate the sides most.
 *
 * Row budget: at most 10,000 rows a side (Deepchecks' default sample size), drawn with the seed; with the
 * seed the whole result is deterministic.
 *
 * False alarms: with no drift the out-of-fold AUC scatters around 0.5 with at most the standard deviation
 * of a Mann–Whitney AUC, √((m + n + 1)/(12·m·n)); at 100 rows a side (the minimum) a score of 0.25 is
 * 3 such deviations of 2·AUC − 1 away, so it is reached in under 1% of checks, and less with more rows.
 *
 * Needs rows: it trains on them.
 *
 * Reference: Deepchecks, "Multivariate Drift",
 * https://docs.deepchecks.com/stable/tabular/auto_checks/train_test_validation/plot_multivariate_drift.html
 */
import { binaryRocAuc } from '../performance/roc-auc.js';
import { seededRandom } from '../core/random.js';
import { fitBoostedTrees, predictScores, type BoostingSettings } from './gradient-boosting.js';
import type { DataMatrix } from './linear-algebra.js';
import { sampleRows, selectRows, shuffledIndices } from './random-rows.js';

export const DOMAIN_CLASSIFIER_ROW_BUDGET = 10_000;
export const DOMAIN_CLASSIFIER_MIN_ROWS = 100;
export const DOMAIN_CLASSIFIER_THRESHOLD = 0.25;
export const DOMAIN_CLASSIFIER_FOLDS = 5;
export const DOMAIN_CLASSIFIER_FALSE_ALARM_RATE = 0.01;
/** Features named in the explanation at most. */
export const DOMAIN_CLASSIFIER_TOP_FEATURES = 3;

const BOOSTING: BoostingSettings = { iterations: 10, depth: 2, learningRate: 0.1, minLeafRows: 20, bins: 32 };

export interface DomainClassifierOutcome {
  auc: number;
  /** max(0, 2·AUC − 1). */
  score: number;
  threshold: number;
  folds: number;
  rows: { baseline: number; current: number };
  /** Indices into the feature columns with their share of the total split gain, largest first. */
  top_features: Array<{ feature: number; importance: number }>;
  drift_detected: boolean;
}

/** Undefined with fewer than `DOMAIN_CLASSIFIER_MIN_ROWS` rows on a side. */
export function domainClassifierDrift(baseline: DataMatrix, current: DataMatrix, seed: number): DomainClassifierOutcome | undefined {
  if (Math.min(baseline.rows, current.rows) < DOMAIN_CLASSIFIER_MIN_ROWS) return undefined;
  const random = seededRandom(seed);
  const sides = [sampleRows(baseline, DOMAIN_CLASSIFIER_ROW_BUDGET, random), sampleRows(current, DOMAIN_CLASSIFIER_ROW_BUDGET, random)];
  const { columns } = baseline;
  const rows = sides[0].rows + sides[1].rows;
  const pooled: DataMatrix = { rows, columns, values: new Float64Array(rows * columns) };
  pooled.values.set(sides[0].values);
  pooled.values.set(sides[1].values, sides[0].values.length);
  const isCurrent = new Uint8Array(rows).fill(1, sides[0].rows);
  // Stratified folds: each side's rows dealt round-robin in a seeded order.
  const fold = new Uint8Array(rows);
  shuffledIndices(sides[0].rows, random).forEach((row, place) => (fold[row] = place % DOMAIN_CLASSIFIER_FOLDS));
  shuffledIndices(sides[1].rows, random).forEach((row, place) => (fold[sides[0].rows + row] = place % DOMAIN_CLASSIFIER_FOLDS));

  const outOfFold = new Float64Array(rows);
  const gains = new Float64Array(columns);
  for (let held = 0; held < DOMAIN_CLASSIFIER_FOLDS; held++) {
    const training = rowsWhere(rows, (row) => fold[row] !== held);
    const testing = rowsWhere(rows, (row) => fold[row] === held);
    const model = fitBoostedTrees(
      selectRows(pooled, training),
      isCurrent.filter((_, row) => fold[row] !== held),
      BOOSTING,
    );
    predictScores(model, selectRows(pooled, testing)).forEach((score, index) => (outOfFold[testing[index]] = score));
    model.importances.forEach((gain, feature) => (gains[feature] += gain));
  }
  const auc = binaryRocAuc(
    Array.from(isCurrent, (label) => label === 1),
    outOfFold,
  )!;
  const score = Math.max(0, 2 * auc - 1);
  const totalGain = gains.reduce((sum, gain) => sum + gain, 0);
  const top_features = [...gains]
    .map((gain, feature) => ({ feature, importance: totalGain > 0 ? gain / totalGain : 0 }))
    .filter((entry) => entry.importance > 0)
    .sort((a, b) => b.importance - a.importance || a.feature - b.feature)
    .slice(0, DOMAIN_CLASSIFIER_TOP_FEATURES);
  return {
    auc,
    score,
    threshold: DOMAIN_CLASSIFIER_THRESHOLD,
    folds: DOMAIN_CLASSIFIER_FOLDS,
    rows: { baseline: sides[0].rows, current: sides[1].rows },
    top_features,
    drift_detected: score >= DOMAIN_CLASSIFIER_THRESHOLD,
  };
}

function rowsWhere(rows: number, keep: (row: number) => boolean): Int32Array {
  return Int32Array.from({ length: rows }, (_, row) => row).filter(keep);
}
