import { describe, expect, it } from '@jest/globals';
import { PERFORMANCE_METRIC_NAMES, PERFORMANCE_METRICS, performanceMetric } from '../../src/performance/metric-registry.js';
import type { ClassificationRows, RegressionRows } from '../../src/performance/rows.js';

const classificationRows: ClassificationRows = {
  task: 'classification',
  yTrue: ['a', 'b', 'b', 'a'],
  yPred: ['a', 'b', 'a', 'a'],
  probabilities: new Map([
    ['a', [0.8, 0.3, 0.6, 0.7]],
    ['b', [0.2, 0.7, 0.4, 0.3]],
  ]),
};
const regressionRows: RegressionRows = { task: 'regression', yTrue: [1, 2, 3], yPred: [1.5, 2, 2] };

describe('performance metric registry', () => {
  it('lists each metric of the issue once, in order', () => {
    expect(PERFORMANCE_METRICS.map((metric) => metric.name)).toEqual([...PERFORMANCE_METRIC_NAMES]);
    expect(new Set(PERFORMANCE_METRIC_NAMES).size).toBe(11);
  });

  it('records task, direction and the need for probabilities', () => {
    const summary = Object.fromEntries(
      PERFORMANCE_METRICS.map((metric) => [
        metric.name,
        `${metric.task} ${metric.direction}${metric.needsProbabilities ? ' probabilities' : ''}`,
      ]),
    );
    expect(summary).toEqual({
      accuracy: 'classification higher',
      balanced_accuracy: 'classification higher',
      f1_macro: 'classification higher',
      precision_macro: 'classification higher',
      recall_macro: 'classification higher',
      roc_auc: 'classification higher probabilities',
      log_loss: 'classification lower probabilities',
      mae: 'regression lower',
      rmse: 'regression lower',
      mape: 'regression lower',
      r2: 'regression higher',
    });
  });

  it('computes each metric on rows of its task and nothing on the other', () => {
    for (const metric of PERFORMANCE_METRICS) {
      const own = metric.task === 'classification' ? classificationRows : regressionRows;
      const other = metric.task === 'classification' ? regressionRows : classificationRows;
      expect(metric.compute(own)).toEqual(expect.any(Number));
      expect(metric.compute(other)).toBeUndefined();
    }
    expect(performanceMetric('accuracy')!.compute(classificationRows)).toBe(0.75);
    expect(performanceMetric('roc_auc')!.compute(classificationRows)).toBe(1);
    expect(performanceMetric('mae')!.compute(regressionRows)).toBe(0.5);
  });

  it('gives nothing for a probability metric without probabilities, or an unknown name', () => {
    const bare: ClassificationRows = { task: 'classification', yTrue: classificationRows.yTrue, yPred: classificationRows.yPred };
    expect(performanceMetric('log_loss')!.compute(bare)).toBeUndefined();
    expect(performanceMetric('auc')).toBeUndefined();
  });

  it('computes the doc-comment example', () => {
    const metric = performanceMetric('rmse');
    expect(metric?.direction).toBe('lower');
    expect(metric?.compute({ task: 'regression', yTrue: [1, 2], yPred: [1, 4] })).toBe(1.4142135623730951);
  });
});
