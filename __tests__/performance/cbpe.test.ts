import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  estimatedMetrics,
  estimatedRocAuc,
  estimatePerformance,
  expectedConfusion,
  fitCbpe,
  type CbpeModel,
  type EstimatedMetric,
  type LabelledBinaryRows,
} from '../../src/performance/cbpe.js';
import { precisionRecallF1 } from '../../src/performance/precision-recall-f1.js';
import { seededRandom, type SeededRandom } from '../../src/core/random.js';
import { binaryRocAuc } from '../../src/performance/roc-auc.js';
import { normalSurvival } from '../../src/stattests/math/distributions.js';
import { expectClose, loadFixture } from './sklearn-fixtures.js';

interface ExpectedConfusionCase {
  readonly name: string;
  readonly scores: number[];
  readonly p: number[];
  readonly predicted_positive: boolean[];
  readonly expected: {
    readonly accuracy: number;
    readonly precision: number;
    readonly recall: number;
    readonly f1: number;
    /** scikit-learn's layout: [[TN, FP], [FN, TP]]. */
    readonly confusion_matrix: number[][];
    readonly roc_auc: number | null;
  };
}

const fixture = loadFixture<ExpectedConfusionCase>('expected-confusion.json');

describe('estimates from calibrated probabilities, against weighted scikit-learn metrics', () => {
  it('uses fixtures from scikit-learn 1.2.1', () => {
    expect(fixture.sklearn).toBe('1.2.1');
    expect(fixture.cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixture.cases.map((fixtureCase) => [fixtureCase.name, fixtureCase] as const))('%s', (name, fixtureCase) => {
    const { expected } = fixtureCase;
    const confusion = expectedConfusion(fixtureCase.p, fixtureCase.predicted_positive);
    const [[tn, fp], [fn, tp]] = expected.confusion_matrix;
    expectClose(confusion.trueNegatives, tn, `${name} TN`);
    expectClose(confusion.falsePositives, fp, `${name} FP`);
    expectClose(confusion.falseNegatives, fn, `${name} FN`);
    expectClose(confusion.truePositives, tp, `${name} TP`);
    const metrics = estimatedMetrics(confusion);
    expectClose(metrics.accuracy, expected.accuracy, `${name} accuracy`);
    expectClose(metrics.precision, expected.precision, `${name} precision`);
    expectClose(metrics.recall, expected.recall, `${name} recall`);
    expectClose(metrics.f1, expected.f1, `${name} F1`);
    expectClose(estimatedRocAuc(fixtureCase.scores, fixtureCase.p), expected.roc_auc, `${name} ROC AUC`);
  });
});

describe('the sampling-error band', () => {
  // Six baseline rows (too few to calibrate, so the scores are used as they are) and two current rows.
  const baseline: LabelledBinaryRows = {
    scores: [0.9, 0.8, 0.3, 0.6, 0.2, 0.1],
    isPositive: [true, true, true, false, false, false],
    predictedPositive: [true, true, false, true, false, false],
  };
  const model = fitCbpe(baseline);
  const estimate = estimatePerformance(model, { scores: [0.7, 0.4], predictedPositive: [true, false] })!;
  // Expected counts now: TP 0.7, FP 0.3, FN 0.4, TN 0.6. Baseline: TP 2, FP 1, FN 1, TN 2, so the shares
  // right, precise and recalled are all 2/3 (s = √(2/9)), and TP is half of TP + FP + FN (t = s = 1/2).
  const s = Math.sqrt(2 / 9);

  it('is uncalibrated here, and says so', () => {
    expect(model.calibration).toMatchObject({ calibrate: false, skipped: 'too few rows' });
    expect(estimate.calibrated).toBe(false);
    expect(estimate.rows).toBe(2);
  });

  it('scales the baseline deviation of accuracy, precision and recall by the current relevant rows', () => {
    expectMetric(estimate.accuracy, 0.65, s / Math.sqrt(2));
    expectMetric(estimate.precision, 0.7, s / Math.sqrt(1));
    expectMetric(estimate.recall, 0.7 / 1.1, s / Math.sqrt(1.1));
  });

  it('takes F1 through the delta method', () => {
    expectMetric(estimate.f1, 0.7 / (0.7 + 0.35), ((2 / 1.5 ** 2) * 0.5) / Math.sqrt(1.4));
  });

  it('takes ROC AUC through DeLong placements of the baseline', () => {
    // Positives' placements 1, 1, 2/3 and negatives' 2/3, 1, 1: sample variance 1/27 each.
    // Expected curve: (0, 0), (0.3/0.9, 0.7/1.1), (1, 1).
    const area = (0.3 * 0.7 + 0.6 * (1.1 + 0.7)) / (2 * 1.1 * 0.9);
    expectMetric(estimate.rocAuc, area, Math.sqrt(1 / 27 / 1.1 + 1 / 27 / 0.9));
  });

  it('has no band where the current rows hold none of the relevant rows, and no estimate without rows', () => {
    const none = estimatePerformance(model, { scores: [0.2, 0.1], predictedPositive: [false, false] })!;
    expect(none.precision).toEqual({ value: 0 });
    expect(none.recall.standardError).toBeDefined();
    expect(estimatePerformance(model, { scores: [], predictedPositive: [] })).toBeUndefined();
    expect(estimatePerformance(model, { scores: [0, 0], predictedPositive: [false, true] })!.rocAuc).toBeUndefined();
  });
});

describe('the band of calibrated estimates', () => {
  // 40 rows scored 0.05 or 0.95, right three times in four: calibrated to 0.25 and 0.75.
  const scores = [0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95].flatMap((score) => new Array<number>(5).fill(score));
  const isPositive = scores.map((score, row) => score > 0.5 === (row % 4 !== 0));
  const model = fitCbpe({ scores, isPositive, predictedPositive: scores.map((score) => score > 0.5) });
  const estimate = estimatePerformance(model, { scores: [0.95, 0.95, 0.05, 0.05], predictedPositive: [true, true, false, false] })!;

  it('estimates from the calibrated probabilities', () => {
    expect(estimate.calibrated).toBe(true);
    expect(estimate.expectedConfusion).toEqual({ truePositives: 1.5, falsePositives: 0.5, falseNegatives: 0.5, trueNegatives: 1.5 });
  });

  it('adds the baseline term, the calibration being learnt from the baseline labels', () => {
    // Baseline accuracy 3/4 over 40 rows; precision 3/4 over 20 predicted positives, recall 3/4 over 20 positives.
    const s = Math.sqrt(0.75 * 0.25);
    expectMetric(estimate.accuracy, 0.75, s * Math.sqrt(1 / 4 + 1 / 40));
    expectMetric(estimate.precision, 0.75, s * Math.sqrt(1 / 2 + 1 / 20));
    expectMetric(estimate.recall, 0.75, s * Math.sqrt(1 / 2 + 1 / 20));
    // F1's share: 15 true positives among 15 + 5 + 5 rows (t = 0.6); now E[TP + FP + FN] = 2.5.
    const t = 0.6;
    expectMetric(estimate.f1, 1.5 / 2, (2 / (1 + t) ** 2) * Math.sqrt(t * (1 - t)) * Math.sqrt(1 / 2.5 + 1 / 25));
  });
});

function expectMetric(metric: EstimatedMetric | undefined, value: number, standardError: number): void {
  expect(metric?.value).toBeCloseTo(value, 12);
  expect(metric?.standardError).toBeCloseTo(standardError, 12);
  expect(metric?.lower).toBeCloseTo(Math.max(0, value - 3 * standardError), 12);
  expect(metric?.upper).toBeCloseTo(Math.min(1, value + 3 * standardError), 12);
}

function standardNormal(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
}

/**
 * Rows of a known world: a feature x ~ N(shift, 1) and the truth positive with probability
 * σ(1.5·x − 0.5). The model ranks rows as the truth does but reports σ(2.5 · (1.5·x − 0.5)), so it is
 * overconfident and only its calibrated scores are probabilities. It predicts positive at score ≥ 0.5.
 */
function simulate(random: SeededRandom, rows: number, shift: number): LabelledBinaryRows {
  const scores: number[] = [];
  const isPositive: boolean[] = [];
  for (let row = 0; row < rows; row++) {
    const logit = 1.5 * (shift + standardNormal(random)) - 0.5;
    isPositive.push(random.nextDouble() < 1 / (1 + Math.exp(-logit)));
    scores.push(1 / (1 + Math.exp(-2.5 * logit)));
  }
  return { scores, isPositive, predictedPositive: scores.map((score) => score >= 0.5) };
}

const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc'] as const;
type MetricName = (typeof METRICS)[number];

/** The metrics of the current rows once their labels are known: what the estimate stands in for. */
function realized(rows: LabelledBinaryRows): Record<MetricName, number | undefined> {
  const label = (flag: boolean) => (flag ? 'positive' : 'negative');
  const positive = precisionRecallF1(rows.isPositive.map(label), rows.predictedPositive.map(label), ['negative', 'positive'])!.perClass[1];
  const right = rows.isPositive.filter((truth, row) => truth === rows.predictedPositive[row]).length;
  return {
    accuracy: right / rows.isPositive.length,
    precision: positive.precision,
    recall: positive.recall,
    f1: positive.f1,
    rocAuc: binaryRocAuc(rows.isPositive, rows.scores),
  };
}

/** P(X > misses) for X ~ Binomial(trials, share), summed exactly term by term. */
function binomialSurvival(misses: number, trials: number, share: number): number {
  let term = (1 - share) ** trials;
  let cumulative = term;
  for (let k = 1; k <= misses; k++) {
    term *= ((trials - k + 1) / k) * (share / (1 - share));
    cumulative += term;
  }
  return 1 - cumulative;
}

describe('CBPE on simulated data with known truth', () => {
  const TRIALS = 200;
  /**
   * The bound: a ±3σ band of a normal estimate misses with probability 2·P(Z > 3) ≈ 0.0027. Over 200
   * independent trials the misses are Binomial(200, 0.0027); the test allows the fewest misses m with
   * P(misses > m) < 0.001, so a band as good as it claims fails this test less than once in a thousand
   * seeds, per metric. That gives m = 4, i.e. the realized value inside its band in at least 196 of 200
   * trials (98 %).
   */
  const missShare = 2 * normalSurvival(3);
  let allowedMisses = 0;
  while (binomialSurvival(allowedMisses, TRIALS, missShare) >= 0.001) allowedMisses++;

  // Each trial: a labelled baseline of 1000 rows, then 400 current rows drawn after a covariate shift
  // (x centred at 0.4), whose labels are held back from the estimate and used only to score it. The same
  // fitted model without its calibration is the control: overconfident scores taken at face value.
  const inside = { calibrated: counter(), raw: counter() };
  let calibratedTrials = 0;
  beforeAll(() => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const random = seededRandom(20260000 + trial);
      const model = fitCbpe(simulate(random, 1000, 0), trial);
      const current = simulate(random, 400, 0.4);
      const truth = realized(current);
      const uncalibrated: CbpeModel = { ...model, calibration: { ...model.calibration, calibrate: false, calibrator: undefined } };
      if (model.calibration.calibrate) calibratedTrials++;
      countInside(inside.calibrated, estimatePerformance(model, current)!, truth);
      countInside(inside.raw, estimatePerformance(uncalibrated, current)!, truth);
    }
  });

  it('allows 4 misses of 200 for a nominal 99.73 % band', () => {
    expect(allowedMisses).toBe(4);
  });

  it('decides to calibrate the overconfident scores', () => {
    expect(calibratedTrials).toBe(TRIALS);
  });

  it.each(METRICS)('puts the realized %s inside the ±3σ band in the stated share of trials', (metric) => {
    expect(inside.calibrated[metric]).toBeGreaterThanOrEqual(TRIALS - allowedMisses);
  });

  it('misses badly without calibration, so the check has power', () => {
    for (const metric of ['accuracy', 'f1', 'rocAuc'] as const) expect(inside.raw[metric]).toBeLessThan(TRIALS / 2);
  });
});

function counter(): Record<MetricName, number> {
  return { accuracy: 0, precision: 0, recall: 0, f1: 0, rocAuc: 0 };
}

function countInside(
  inside: Record<MetricName, number>,
  estimate: NonNullable<ReturnType<typeof estimatePerformance>>,
  truth: Record<MetricName, number | undefined>,
): void {
  for (const metric of METRICS) {
    const { lower, upper } = estimate[metric] ?? {};
    const value = truth[metric];
    if (lower !== undefined && upper !== undefined && value !== undefined && lower <= value && value <= upper) inside[metric]++;
  }
}
