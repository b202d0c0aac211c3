import { describe, expect, it } from '@jest/globals';
import { bootstrapDifference } from '../../src/performance/bootstrap.js';
import { performanceMetric } from '../../src/performance/metric-registry.js';
import { seededRandom } from '../../src/core/random.js';
import type { ClassificationRows, LabelledRows } from '../../src/performance/rows.js';

const accuracy = performanceMetric('accuracy')!.prepare;

/** The doc-comment example: 100 rows, the first `correct` predicted right. */
function rows(correct: number): LabelledRows {
  return {
    task: 'classification',
    yTrue: new Array<string>(100).fill('y'),
    yPred: Array.from({ length: 100 }, (_, row) => (row < correct ? 'y' : 'n')),
  };
}

/** `size` rows, each predicted right with probability `rate`. */
function sampledRows(seed: number, size: number, rate: number): ClassificationRows {
  const random = seededRandom(seed);
  return {
    task: 'classification',
    yTrue: new Array<string>(size).fill('y'),
    yPred: Array.from({ length: size }, () => (random.nextDouble() < rate ? 'y' : 'n')),
  };
}

describe('bootstrapDifference', () => {
  it('gives the documented example', () => {
    expect(bootstrapDifference(accuracy, rows(90), rows(80))).toEqual({
      lower: -0.20000000000000007,
      upper: 0,
      confidence: 0.95,
      resamples: 1000,
      seed: 42,
      undefinedResamples: 0,
    });
  });

  it('is reproducible with a seed and changes with it', () => {
    const baseline = sampledRows(1, 300, 0.85);
    const current = sampledRows(2, 250, 0.8);
    const first = bootstrapDifference(accuracy, baseline, current, { seed: 7, resamples: 300 });
    expect(bootstrapDifference(accuracy, baseline, current, { seed: 7, resamples: 300 })).toEqual(first);
    expect(bootstrapDifference(accuracy, baseline, current, { seed: 8, resamples: 300 })).not.toEqual(first);
  });

  it('covers the true difference about as often as it claims', () => {
    // 30 independent pairs of samples with accuracies 0.85 and 0.80: the 95 % interval should hold the
    // true −0.05 in about 28.5 of them (binomial sd 1.2).
    let covered = 0;
    for (let pair = 0; pair < 30; pair++) {
      const interval = bootstrapDifference(accuracy, sampledRows(100 + pair, 200, 0.85), sampledRows(200 + pair, 200, 0.8), {
        resamples: 200,
      })!;
      if (interval.lower <= -0.05 && -0.05 <= interval.upper) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(25);
  });

  it('has the width the normal approximation predicts on a large known case', () => {
    const interval = bootstrapDifference(accuracy, sampledRows(3, 1000, 0.9), sampledRows(4, 1000, 0.8), { resamples: 400 })!;
    const halfWidth = 1.96 * Math.sqrt((0.9 * 0.1 + 0.8 * 0.2) / 1000);
    expect((interval.upper - interval.lower) / 2).toBeGreaterThan(0.85 * halfWidth);
    expect((interval.upper - interval.lower) / 2).toBeLessThan(1.15 * halfWidth);
    expect(interval.lower).toBeLessThan(-0.1);
    expect(interval.upper).toBeGreaterThan(-0.1);
  });

  it('narrows with a lower confidence', () => {
    const wide = bootstrapDifference(accuracy, rows(90), rows(80), { confidence: 0.99 })!;
    const narrow = bootstrapDifference(accuracy, rows(90), rows(80), { confidence: 0.5 })!;
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it('counts resamples without a value and gives no interval when they exceed 10 %', () => {
    // ROC AUC is undefined on a resample that draws no positive: 1 positive in 20 rows misses it in
    // (19/20)^20 ≈ 36 % of resamples.
    const probabilities = new Map([
      ['n', Array.from({ length: 20 }, (_, row) => 1 - row / 20)],
      ['p', Array.from({ length: 20 }, (_, row) => row / 20)],
    ]);
    const rare: ClassificationRows = {
      task: 'classification',
      yTrue: Array.from({ length: 20 }, (_, row) => (row === 19 ? 'p' : 'n')),
      yPred: new Array<string>(20).fill('n'),
      probabilities,
    };
    const rocAuc = performanceMetric('roc_auc')!.prepare;
    expect(bootstrapDifference(rocAuc, rare, rare, { resamples: 200 })).toBeUndefined();
    const common: ClassificationRows = { ...rare, yTrue: Array.from({ length: 20 }, (_, row) => (row >= 15 ? 'p' : 'n')) };
    const interval = bootstrapDifference(rocAuc, common, common, { resamples: 200 });
    expect(interval?.undefinedResamples).toBeLessThanOrEqual(20);
  });

  it('has no interval without rows and refuses nonsense options', () => {
    expect(bootstrapDifference(accuracy, rows(90), { task: 'classification', yTrue: [], yPred: [] })).toBeUndefined();
    expect(() => bootstrapDifference(accuracy, rows(90), rows(80), { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapDifference(accuracy, rows(90), rows(80), { confidence: 1 })).toThrow(RangeError);
  });
});
