/**
 * Each metric's resampled form (multiplicities over fixed rows) against the metric itself on the
 * materialised resample, over the scikit-learn fixture cases and seeded random draws.
 */
import { describe, expect, it } from '@jest/globals';
import { PERFORMANCE_METRICS } from '../../src/performance/metric-registry.js';
import { seededRandom } from '../../src/core/random.js';
import { prepareResampling } from '../../src/performance/resampling.js';
import type { ClassificationRows, LabelledRows } from '../../src/performance/rows.js';
import { isClose, loadFixture, type ClassificationCase, type RegressionCase } from './sklearn-fixtures.js';

function materialise(rows: LabelledRows, multiplicities: Uint32Array): LabelledRows {
  const indices: number[] = [];
  multiplicities.forEach((times, row) => {
    for (let i = 0; i < times; i++) indices.push(row);
  });
  if (rows.task === 'regression') {
    return { task: 'regression', yTrue: indices.map((row) => rows.yTrue[row]), yPred: indices.map((row) => rows.yPred[row]) };
  }
  const picked: ClassificationRows = {
    task: 'classification',
    yTrue: indices.map((row) => rows.yTrue[row]),
    yPred: indices.map((row) => rows.yPred[row]),
  };
  if (!rows.probabilities) return picked;
  const probabilities = new Map([...rows.probabilities].map(([label, column]) => [label, indices.map((row) => column[row])]));
  return { ...picked, probabilities };
}

const sides: [string, LabelledRows][] = [
  ...loadFixture<ClassificationCase>('classification.json').cases.map((fixtureCase): [string, LabelledRows] => [
    fixtureCase.name,
    {
      task: 'classification',
      yTrue: fixtureCase.y_true,
      yPred: fixtureCase.y_pred,
      ...(fixtureCase.probabilities ? { probabilities: new Map(Object.entries(fixtureCase.probabilities)) } : {}),
    },
  ]),
  ...loadFixture<RegressionCase>('regression.json').cases.map((fixtureCase): [string, LabelledRows] => [
    `regression ${fixtureCase.name}`,
    { task: 'regression', yTrue: fixtureCase.y_true, yPred: fixtureCase.y_pred },
  ]),
];

describe('prepareResampling', () => {
  it.each(sides)('agrees with the metric on materialised resamples: %s', (_, rows) => {
    const random = seededRandom(99);
    const size = rows.yTrue.length;
    const draws = Array.from({ length: 12 }, (_, resample) => {
      const multiplicities = new Uint32Array(size);
      // The first draw is the rows themselves; the rest are bootstrap resamples.
      if (resample === 0) multiplicities.fill(1);
      else for (let i = 0; i < size; i++) multiplicities[random.nextIndex(size)]++;
      return multiplicities;
    });
    for (const metric of PERFORMANCE_METRICS) {
      const resampled = metric.prepare(rows);
      for (const multiplicities of draws) {
        const expected = metric.compute(materialise(rows, multiplicities));
        const got = resampled(multiplicities);
        if (!isClose(got, expected ?? null)) expect({ metric: metric.name, got }).toEqual({ metric: metric.name, got: expected });
      }
    }
  });

  it('computes the doc-comment example', () => {
    const accuracyOf = prepareResampling('accuracy', { task: 'classification', yTrue: ['a', 'b'], yPred: ['a', 'a'] });
    expect(accuracyOf([2, 0])).toBe(1);
    expect(accuracyOf([0, 2])).toBe(0);
  });

  it('is undefined on a resample without rows or of the other task', () => {
    const rows: LabelledRows = { task: 'regression', yTrue: [1, 2, 3], yPred: [1, 2, 4] };
    expect(prepareResampling('mae', rows)([0, 0, 0])).toBeUndefined();
    expect(prepareResampling('accuracy', rows)([1, 1, 1])).toBeUndefined();
    expect(prepareResampling('r2', rows)([0, 1, 0])).toBeUndefined();
  });
});
