import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { compareWithDeployed, type MetricsFile } from '../../src/publish/metrics.js';
import { decidePromotion, ruleDirection } from '../../src/publish/promotion.js';

const decide = (metric: string, margin: number, metrics: MetricsFile, stored?: Record<string, number>) =>
  decidePromotion({ metric, margin }, metrics, compareWithDeployed(metrics, 'v1', stored), 'out/metrics.json');

describe('decidePromotion', () => {
  it('promotes at exactly the margin, despite the rounding error of the difference', () => {
    // In binary floating point 0.3 - 0.1 is 0.19999999999999998 and 1.3 - 1.1 is 0.19999999999999996.
    const metrics: MetricsFile = { values: { accuracy: 0.3 }, deployed: { values: { accuracy: 0.1 } } };
    expect(decide('accuracy', 0.2, metrics).promoted).toBe(true);
    expect(decide('accuracy', 0.2001, metrics).promoted).toBe(false);
    const lower: MetricsFile = { values: { rmse: 1.1 }, deployed: { values: { rmse: 1.3 } } };
    expect(decide('rmse', 0.2, lower).promoted).toBe(true);
    expect(decide('rmse', 0.21, lower).promoted).toBe(false);
  });

  it('at margin 0, promotes a tie and holds back any loss', () => {
    expect(decide('f1', 0, { values: { f1: 0.8 }, deployed: { values: { f1: 0.8 } } }).promoted).toBe(true);
    expect(decide('f1', 0, { values: { f1: 0.799 }, deployed: { values: { f1: 0.8 } } })).toEqual({
      promoted: false,
      reason:
        'f1 0.8 → 0.799 (-0.001, higher is better) on the same holdout: not at least as good as the deployed v1, so no pull request is opened',
    });
  });

  it('promotes the first version: nothing is deployed to beat', () => {
    const decision = decidePromotion({ metric: 'accuracy', margin: 0.1 }, { values: { accuracy: 0.5 } }, undefined, 'm.json');
    expect(decision).toEqual({
      promoted: true,
      reason: 'nothing is deployed yet, so the first version is proposed without comparing accuracy',
    });
  });

  it('refuses other-data numbers and metrics missing on either side, naming the file', () => {
    expect(() => decide('accuracy', 0, { values: { accuracy: 0.9 } }, { accuracy: 0.8 })).toThrow(
      /same holdout .* numbers from other data$/,
    );
    expect(() => decide('accuracy', 0, { values: { accuracy: 0.9 } }, undefined)).toThrow(/the metrics file has none for v1/);
    expect(() => decide('roc_auc', 0, { values: { accuracy: 0.9 }, deployed: { values: { roc_auc: 0.8 } } })).toThrow(
      /the metrics file has no number called "roc_auc"/,
    );
    expect(() => decide('roc_auc', 0, { values: { roc_auc: 0.9 }, deployed: { values: { accuracy: 0.8 } } })).toThrow(
      /"deployed" object has no number called "roc_auc"/,
    );
    try {
      decide('accuracy', 0, { values: { accuracy: 0.9 } }, { accuracy: 0.8 });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location.file).toBe('out/metrics.json');
    }
  });
});

describe('ruleDirection', () => {
  it('takes the direction from the metric and refuses a name it cannot judge', () => {
    expect(ruleDirection('roc_auc')).toBe('higher');
    expect(ruleDirection('mape')).toBe('lower');
    expect(() => ruleDirection('latency_ms')).toThrow(/promote-metric "latency_ms" is not a metric whose better direction driftgate knows/);
  });
});
