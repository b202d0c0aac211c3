import { describe, expect, it } from '@jest/globals';
import { meanAbsoluteError } from '../../src/performance/mean-absolute-error.js';
import { meanAbsolutePercentageError } from '../../src/performance/mean-absolute-percentage-error.js';
import { r2 } from '../../src/performance/r2.js';
import { absoluteErrors } from '../../src/performance/regression-errors.js';
import { regressionMetrics } from '../../src/performance/regression.js';
import { rootMeanSquaredError } from '../../src/performance/root-mean-squared-error.js';
import { expectClose, loadFixture, type RegressionCase } from './sklearn-fixtures.js';

const fixture = loadFixture<RegressionCase>('regression.json');

describe('regression metrics against scikit-learn', () => {
  it('uses fixtures from scikit-learn 1.2.1', () => {
    expect(fixture.sklearn).toBe('1.2.1');
    expect(fixture.cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixture.cases.map((fixtureCase) => [fixtureCase.name, fixtureCase] as const))('%s', (name, fixtureCase) => {
    const { y_true: yTrue, y_pred: yPred, expected } = fixtureCase;
    expectClose(meanAbsoluteError(yTrue, yPred), expected.mae, `${name} mae`);
    expectClose(rootMeanSquaredError(yTrue, yPred), expected.rmse, `${name} rmse`);
    expectClose(meanAbsolutePercentageError(yTrue, yPred), expected.mape, `${name} mape`);
    expectClose(r2(yTrue, yPred), expected.r2, `${name} r2`);
    const metrics = regressionMetrics({ task: 'regression', yTrue, yPred });
    expect(metrics?.rows).toBe(yTrue.length);
    expectClose(metrics?.mae, expected.mae, `${name} regressionMetrics mae`);
    expectClose(metrics?.r2, expected.r2, `${name} regressionMetrics r2`);
  });
});

describe('documented examples', () => {
  it('computes the doc-comment examples', () => {
    const yTrue = [3, -0.5, 2, 7];
    const yPred = [2.5, 0, 2, 8];
    expect(meanAbsoluteError(yTrue, yPred)).toBe(0.5);
    expect(rootMeanSquaredError(yTrue, yPred)).toBe(0.6123724356957945);
    expect(meanAbsolutePercentageError(yTrue, yPred)).toBe(0.3273809523809524);
    expect(r2(yTrue, yPred)).toBe(0.9486081370449679);
    expect(r2([5, 5, 5], [5, 5, 6])).toBe(0);
    expect(absoluteErrors([1, 2], [1.5, 1])).toEqual(Float64Array.from([0.5, 1]));
    expect(regressionMetrics({ task: 'regression', yTrue, yPred })).toEqual({
      rows: 4,
      mae: 0.5,
      rmse: 0.6123724356957945,
      mape: 0.3273809523809524,
      r2: 0.9486081370449679,
    });
  });
});

describe('edge cases', () => {
  it('scores a constant target 1 when predicted exactly and 0 otherwise, whatever its mean rounds to', () => {
    // scikit-learn 1.2.1 gives r2_score([0.1]*3, [0.1, 0.2, 0.1]) = -1.7307656195116095e+31 because its
    // mean of three 0.1s is not 0.1; the documented answer for a constant target is 0.
    expect(r2([0.1, 0.1, 0.1], [0.1, 0.2, 0.1])).toBe(0);
    expect(r2([0.1, 0.1, 0.1], [0.1, 0.1, 0.1])).toBe(1);
  });

  it('has no R² below two rows, and nothing at all without rows', () => {
    expect(r2([1], [2])).toBeUndefined();
    expect(regressionMetrics({ task: 'regression', yTrue: [1], yPred: [2] })).toEqual({ rows: 1, mae: 1, rmse: 1, mape: 1 });
    expect(regressionMetrics({ task: 'regression', yTrue: [], yPred: [] })).toBeUndefined();
  });

  it('refuses non-finite values, as scikit-learn does', () => {
    expect(meanAbsoluteError([1, Number.NaN], [1, 2])).toBeUndefined();
    expect(r2([1, 2, 3], [1, Number.POSITIVE_INFINITY, 3])).toBeUndefined();
  });

  it('keeps a zero target finite through the epsilon guard', () => {
    expect(meanAbsolutePercentageError([0], [1])).toBe(1 / Number.EPSILON);
  });
});
