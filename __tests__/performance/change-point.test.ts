import { describe, expect, it } from '@jest/globals';
import { errorSignal, firstChangePoints, shiftOnset } from '../../src/performance/change-point.js';
import { absoluteNormalStream, bernoulliStream } from './streams.js';

describe('firstChangePoints', () => {
  // Seed 1: one of the streams on which DDM does not fire before the change (seed 7, say, it does).
  const signal = bernoulliStream(1, [
    [2000, 0.1],
    [2000, 0.3],
  ]);

  it('gives the documented example', () => {
    expect(firstChangePoints(signal).adwin).toEqual({
      status: 'change',
      detected: { position: 2079, row: 2079 },
      onset: { position: 1999, row: 1999 },
    });
  });

  it('reports, per detector, the alarm after the change and an onset near it', () => {
    const outcome = firstChangePoints(signal);
    for (const name of ['ddm', 'adwin', 'page-hinkley'] as const) {
      const result = outcome[name];
      if (result.status !== 'change') throw new Error(`${name}: ${result.status}`);
      expect(result.detected.position).toBeGreaterThanOrEqual(2000);
      expect(result.detected.row).toBe(result.detected.position);
      // Onsets measured on 200 streams: 95 % within [−18, +48] rows of the change.
      expect(Math.abs(result.onset.position - 2000)).toBeLessThanOrEqual(100);
      expect(result.onset.position).toBeLessThanOrEqual(result.detected.position);
    }
  });

  it('streams rows in order-column order and reports rows and order values', () => {
    // Shuffle rows deterministically, keeping each row's timestamp; streaming by timestamp restores them.
    const length = signal.length;
    const permutation = Array.from({ length }, (_, index) => (index * 7919) % length);
    const shuffled = permutation.map((original) => signal[original]);
    const timestamps = permutation.map((original) => 1_700_000_000_000 + original * 60_000);
    const isoTimestamps = timestamps.map((time) => new Date(time).toISOString());
    const inOrder = firstChangePoints(signal).adwin;
    const byNumber = firstChangePoints(shuffled, { order: timestamps }).adwin;
    const byText = firstChangePoints(shuffled, { order: isoTimestamps }).adwin;
    if (inOrder.status !== 'change' || byNumber.status !== 'change' || byText.status !== 'change') throw new Error('no change found');
    expect(byNumber.detected.position).toBe(inOrder.detected.position);
    expect(byNumber.onset.position).toBe(inOrder.onset.position);
    expect(permutation[byNumber.detected.row]).toBe(inOrder.detected.position);
    expect(byNumber.detected.order).toBe(1_700_000_000_000 + inOrder.detected.position * 60_000);
    expect(byText.detected).toEqual({ ...byNumber.detected, order: new Date(byNumber.detected.order as number).toISOString() });
  });

  it('keeps row order among tied order values', () => {
    const outcome = firstChangePoints(signal, { order: new Array<number>(signal.length).fill(5) });
    const plain = firstChangePoints(signal);
    expect(outcome.adwin.status === 'change' && outcome.adwin.detected.row).toBe(
      plain.adwin.status === 'change' && plain.adwin.detected.row,
    );
  });

  it('reports no change on a stationary stream', () => {
    const outcome = firstChangePoints(bernoulliStream(1003, [[10_000, 0.1]]));
    expect(outcome.adwin).toEqual({ status: 'no-change' });
    expect(outcome['page-hinkley']).toEqual({ status: 'no-change' });
  });

  it('skips ADWIN drifts where the error fell', () => {
    const outcome = firstChangePoints(
      bernoulliStream(4, [
        [2000, 0.3],
        [2000, 0.1],
      ]),
    );
    expect(outcome.adwin).toEqual({ status: 'no-change' });
  });

  it('runs only ADWIN on a continuous (regression) signal unless Page-Hinkley is configured', () => {
    const errors = absoluteNormalStream(5, [
      [2000, 1],
      [2000, 1.5],
    ]);
    const outcome = firstChangePoints(errors);
    expect(outcome.ddm.status).toBe('not-applicable');
    expect(outcome['page-hinkley'].status).toBe('not-applicable');
    expect(outcome.adwin.status).toBe('change');
    const configured = firstChangePoints(errors, { pageHinkley: { threshold: 200 } });
    expect(configured['page-hinkley'].status).not.toBe('not-applicable');
  });

  it('throws when the order column is not aligned with the signal', () => {
    expect(() => firstChangePoints([0, 1], { order: [1] })).toThrow(RangeError);
  });
});

describe('errorSignal', () => {
  it('is 0/1 misclassification for classification and scaled absolute error for regression', () => {
    expect(errorSignal({ task: 'classification', yTrue: ['a', 'b', 'c'], yPred: ['a', 'c', 'c'] })).toEqual(Float64Array.from([0, 1, 0]));
    expect(errorSignal({ task: 'regression', yTrue: [1, 2], yPred: [2, 0] }, 2)).toEqual(Float64Array.from([0.5, 1]));
    expect(errorSignal({ task: 'regression', yTrue: [1, Number.NaN], yPred: [2, 0] })).toBeUndefined();
  });
});

describe('shiftOnset', () => {
  it('finds a clean step exactly and ignores falls', () => {
    expect(shiftOnset([0, 0, 0, 0, 1, 1, 1], 6)).toBe(4);
    expect(shiftOnset([0, 0, 0, 0, 1, 1, 1, 0, 0], 6)).toBe(4);
    expect(shiftOnset([1, 1, 1, 0, 0, 0], 5)).toBe(5);
  });
});
