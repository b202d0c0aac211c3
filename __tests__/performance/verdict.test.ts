import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { performanceMetric } from '../../src/performance/metric-registry.js';
import type { ClassificationRows, LabelledRows, RegressionRows } from '../../src/performance/rows.js';
import { MIN_LABELLED_ROWS, parseMaxDegradation, performanceVerdict } from '../../src/performance/verdict.js';

const quick = { bootstrap: { resamples: 100 } };
const accuracy = performanceMetric('accuracy')!;

/** `size` rows, the first `correct` predicted right. */
function rows(correct: number, size = 100): ClassificationRows {
  return {
    task: 'classification',
    yTrue: new Array<string>(size).fill('y'),
    yPred: Array.from({ length: size }, (_, row) => (row < correct ? 'y' : 'n')),
  };
}

/** Regression rows whose absolute error is `error` on every row. */
function regressionRows(error: number, size = 50): RegressionRows {
  const yTrue = Array.from({ length: size }, (_, row) => row + 1);
  return { task: 'regression', yTrue, yPred: yTrue.map((value, row) => value + (row % 2 === 0 ? error : -error)) };
}

describe('parseMaxDegradation', () => {
  it('reads absolute amounts and percentages', () => {
    expect(parseMaxDegradation('0.02')).toEqual({ kind: 'absolute', amount: 0.02 });
    expect(parseMaxDegradation(' 5% ')).toEqual({ kind: 'relative', share: 0.05 });
    expect(parseMaxDegradation('0')).toEqual({ kind: 'absolute', amount: 0 });
    expect(parseMaxDegradation('12.5 %')).toEqual({ kind: 'relative', share: 0.125 });
  });

  it('refuses anything else with the option named', () => {
    for (const text of ['', '%', '-0.1', 'five', '5%%', 'NaN', 'Infinity']) {
      expect(() => parseMaxDegradation(text)).toThrow(InputError);
    }
    expect(() => parseMaxDegradation('x', 'performance-tolerance')).toThrow(/performance-tolerance/);
  });
});

describe('performanceVerdict', () => {
  it('gives the documented example', () => {
    const verdict = performanceVerdict(accuracy, rows(90), rows(80), parseMaxDegradation('0.05'));
    expect(verdict).toMatchObject({
      status: 'degraded',
      metric: 'accuracy',
      direction: 'higher',
      baseline: 0.9,
      current: 0.8,
      difference: -0.09999999999999998,
      degradation: 0.09999999999999998,
      allowed: 0.05,
      interval: { lower: -0.20000000000000007, upper: 0, resamples: 1000, seed: 42 },
    });
  });

  it('is ok within an absolute tolerance, the boundary included despite rounding', () => {
    // 0.90 − 0.88 is 0.020000000000000018 in doubles: still within 0.02.
    expect(performanceVerdict(accuracy, rows(90), rows(88), parseMaxDegradation('0.02'), quick).status).toBe('ok');
    expect(performanceVerdict(accuracy, rows(90), rows(87), parseMaxDegradation('0.02'), quick).status).toBe('degraded');
  });

  it('scales a relative tolerance by the baseline value', () => {
    // 5 % of 0.80 is 0.04.
    expect(performanceVerdict(accuracy, rows(80), rows(76), parseMaxDegradation('5%'), quick)).toMatchObject({
      status: 'ok',
      allowed: 0.04000000000000001,
    });
    expect(performanceVerdict(accuracy, rows(80), rows(75), parseMaxDegradation('5%'), quick).status).toBe('degraded');
  });

  it('never calls an improvement a degradation', () => {
    const verdict = performanceVerdict(accuracy, rows(70), rows(95), parseMaxDegradation('0'), quick);
    expect(verdict.status).toBe('ok');
    expect(verdict.degradation).toBeLessThan(0);
  });

  it('reads lower-is-better metrics the other way', () => {
    const mae = performanceMetric('mae')!;
    const worse = performanceVerdict(mae, regressionRows(1), regressionRows(1.5), parseMaxDegradation('0.2'), quick);
    expect(worse).toMatchObject({ status: 'degraded', direction: 'lower', baseline: 1, current: 1.5, difference: 0.5, degradation: 0.5 });
    const better = performanceVerdict(mae, regressionRows(1.5), regressionRows(1), parseMaxDegradation('0'), quick);
    expect(better).toMatchObject({ status: 'ok', degradation: -0.5 });
    expect(performanceVerdict(mae, regressionRows(1), regressionRows(1.1), parseMaxDegradation('10%'), quick).status).toBe('ok');
  });

  it(`needs ${MIN_LABELLED_ROWS} labelled rows a side, adjustable`, () => {
    const few = performanceVerdict(accuracy, rows(90), rows(20, 29), parseMaxDegradation('0.02'), quick);
    expect(few).toMatchObject({ status: 'insufficient-data', baselineRows: 100, currentRows: 29 });
    expect(few.reason).toBe('the current side has 29 labelled rows; 30 are needed');
    expect(few.baseline).toBeUndefined();
    const enough = performanceVerdict(accuracy, rows(90), rows(20, 29), parseMaxDegradation('0.02'), { ...quick, minRows: 20 });
    expect(enough.status).toBe('degraded');
  });

  it('has no verdict where the metric is not defined on a side', () => {
    const rocAuc = performanceMetric('roc_auc')!;
    const scored = (yTrue: string[]): LabelledRows => ({
      task: 'classification',
      yTrue,
      yPred: yTrue,
      probabilities: new Map<string, number[]>([
        ['n', yTrue.map((label) => (label === 'n' ? 0.8 : 0.3))],
        ['p', yTrue.map((label) => (label === 'n' ? 0.2 : 0.7))],
      ]),
    });
    const mixed = Array.from({ length: 40 }, (_, row) => (row % 2 === 0 ? 'p' : 'n'));
    const verdict = performanceVerdict(rocAuc, scored(mixed), scored(new Array<string>(40).fill('n')), parseMaxDegradation('0.02'), quick);
    expect(verdict).toMatchObject({ status: 'insufficient-data', reason: 'roc_auc is not defined on the current rows' });
  });

  it('throws on a configuration mistake', () => {
    expect(() => performanceVerdict(performanceMetric('mae')!, rows(90), rows(80), parseMaxDegradation('0.02'))).toThrow(InputError);
    expect(() => performanceVerdict(performanceMetric('log_loss')!, rows(90), rows(80), parseMaxDegradation('0.02'))).toThrow(
      /needs the model's class probabilities/,
    );
  });

  it('is reproducible: the interval depends only on the rows, the metric and the seed', () => {
    const first = performanceVerdict(accuracy, rows(90), rows(85), parseMaxDegradation('0.02'), { bootstrap: { seed: 3, resamples: 200 } });
    const again = performanceVerdict(accuracy, rows(90), rows(85), parseMaxDegradation('0.02'), { bootstrap: { seed: 3, resamples: 200 } });
    expect(again).toEqual(first);
    expect(first.interval?.seed).toBe(3);
  });
});
