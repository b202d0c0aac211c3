import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { Table } from '../../src/core/table.js';
import { RECONSTRUCTION_FALSE_ALARM_RATE } from '../../src/multivariate/reconstruction-error.js';
import { DOMAIN_CLASSIFIER_FALSE_ALARM_RATE } from '../../src/multivariate/domain-classifier.js';
import { MMD_FALSE_ALARM_RATE } from '../../src/multivariate/mmd.js';
import { MULTIVARIATE_METHOD_NAMES } from '../../src/multivariate/methods.js';
import type { MultivariateMethodName } from '../../src/multivariate/result.js';
import { categoryDraws, normalDraws, tableOf } from '../helpers/tables.js';

/**
 * `a` and `b` standard normal with correlation `correlation`, `noise` an unrelated standard normal, and a
 * categorical `segment`: each column alone has the same distribution whatever the correlation.
 */
function sample(rows: number, correlation: number, seed: number): Table {
  const a = normalDraws(rows, 0, seed);
  const independent = normalDraws(rows, 0, seed + 1);
  const b = a.map((value, row) => correlation * value + Math.sqrt(1 - correlation ** 2) * independent[row]);
  return tableOf({
    a,
    b,
    noise: normalDraws(rows, 0, seed + 2),
    segment: categoryDraws(rows, { north: 0.5, south: 0.3, west: 0.2 }, seed + 3),
  });
}

const options = (methods: readonly MultivariateMethodName[]) => defaultDriftOptions({ multivariate: methods });

describe('two correlated columns that decorrelate, every marginal unchanged', () => {
  // 500 rows a side: enough for the domain classifier's depth-2 trees, small enough for MMD's kernel under jest.
  const result = compareTables(sample(500, 0.99, 1), sample(500, 0, 101), options(MULTIVARIATE_METHOD_NAMES));

  it('passes every per-column test', () => {
    expect(result.columns.map((column) => [column.name, column.status])).toEqual([
      ['a', 'no-drift'],
      ['b', 'no-drift'],
      ['noise', 'no-drift'],
      ['segment', 'no-drift'],
    ]);
    expect(result.dataset.drift_detected).toBe(false);
  });

  it.each(MULTIVARIATE_METHOD_NAMES)('is flagged by %s', (method) => {
    const found = result.multivariate!.methods.find((candidate) => candidate.method === method)!;
    expect(found.status).toBe('drift');
  });

  it('trips the gate on multivariate drift alone, and names the decorrelated columns as the separating ones', () => {
    expect(result.multivariate!.drifted_methods).toEqual(MULTIVARIATE_METHOD_NAMES);
    expect(result.gate).toMatchObject({ tripped: true, tripped_by: ['multivariate'] });
    const classifier = result.multivariate!.methods.find((method) => method.method === 'domain-classifier')!;
    expect(
      classifier
        .top_features!.slice(0, 2)
        .map((entry) => entry.column)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('reads the categorical column except in MMD, which reads the numerical ones', () => {
    const columnsOf = (method: MultivariateMethodName) =>
      result.multivariate!.methods.find((candidate) => candidate.method === method)!.columns;
    expect(columnsOf('reconstruction-error')).toEqual(['a', 'b', 'noise', 'segment']);
    expect(columnsOf('mmd')).toEqual(['a', 'b', 'noise']);
  });

  it('gives the same answer every time: every random choice is seeded', () => {
    const again = compareTables(sample(500, 0.99, 1), sample(500, 0, 101), options(['reconstruction-error', 'domain-classifier']));
    expect(again.multivariate!.methods).toEqual(result.multivariate!.methods.slice(0, 2));
  });
});

/** The smallest count that `trials` checks at false-alarm rate `rate` exceed with probability under 0.1%. */
function falseAlarmBound(trials: number, rate: number): number {
  let probability = (1 - rate) ** trials;
  let cumulative = probability;
  let count = 0;
  while (1 - cumulative >= 0.001) {
    probability *= ((trials - count) / (count + 1)) * (rate / (1 - rate));
    cumulative += probability;
    count++;
  }
  return count;
}

describe('random splits of one distribution', () => {
  const trials = 40;
  // Per method the smallest sizes it judges, the hardest case for its false-alarm rate, and cheap under jest.
  const cases: Array<[MultivariateMethodName, number, number]> = [
    ['reconstruction-error', 200, RECONSTRUCTION_FALSE_ALARM_RATE],
    ['domain-classifier', 100, DOMAIN_CLASSIFIER_FALSE_ALARM_RATE],
    ['mmd', 60, MMD_FALSE_ALARM_RATE],
  ];

  it.each(cases)('%s flags no more than its stated false-alarm rate allows (%i rows a side, 40 seeded trials)', (method, rows, rate) => {
    let flagged = 0;
    for (let trial = 0; trial < trials; trial++) {
      const result = compareTables(sample(rows, 0.9, 1000 + 10 * trial), sample(rows, 0.9, 5000 + 10 * trial), options([method]));
      const [outcome] = result.multivariate!.methods;
      expect(outcome.status).not.toBe('insufficient-data');
      if (outcome.drift_detected) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(falseAlarmBound(trials, rate));
  });

  it('bounds the count by the binomial tail', () => {
    // 40 trials at 5%: P(more than 7 alarms) = 0.08%, P(more than 6) = 0.35%.
    expect(falseAlarmBound(40, 0.05)).toBe(7);
  });
});

describe('too little data', () => {
  it('gives no verdict, and says why, with fewer rows than the method needs or a single column', () => {
    const few = compareTables(sample(50, 0.9, 1), sample(50, 0.9, 2), options(MULTIVARIATE_METHOD_NAMES));
    expect(few.multivariate!.methods.map((method) => [method.method, method.status])).toEqual([
      ['reconstruction-error', 'insufficient-data'],
      ['domain-classifier', 'insufficient-data'],
      ['mmd', 'no-drift'],
    ]);
    expect(few.multivariate!.methods[0].reason).toMatch(/fewer than 200 baseline rows/);
    const single = compareTables(
      tableOf({ x: normalDraws(300, 0, 1) }),
      tableOf({ x: normalDraws(300, 0, 2) }),
      options(['domain-classifier']),
    );
    expect(single.multivariate).toMatchObject({ status: 'insufficient-data', drift_detected: false });
    expect(single.multivariate!.methods[0].reason).toMatch(/fewer than two feature columns/);
    expect(single.gate.tripped).toBe(false);
  });

  it('leaves the result without a multivariate section when no method is chosen', () => {
    const result = compareTables(sample(50, 0.9, 1), sample(50, 0.9, 2), defaultDriftOptions());
    expect(result.multivariate).toBeUndefined();
    expect(result.gate.on).not.toContain('multivariate');
  });
});
