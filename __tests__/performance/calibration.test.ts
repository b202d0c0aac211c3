import { describe, expect, it } from '@jest/globals';
import { applyCalibration, decideCalibration, expectedCalibrationError } from '../../src/performance/calibration.js';
import { seededRandom } from '../../src/core/random.js';

/** Scores 0.05 and 0.95 of a model that is right three times in four: overconfident by 0.2 in each bin. */
function overconfident(copies: number): { scores: number[]; truth: boolean[] } {
  const scores = [0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95].flatMap((score) => new Array<number>(copies).fill(score));
  return { scores, truth: scores.map((score, row) => score > 0.5 === (row % 4 !== 0)) };
}

describe('expected calibration error', () => {
  it('weighs each equal-width bin by its rows', () => {
    // Bin 0: mean 0.025, share 0.5 (2 rows); bin 3: 0.3 vs 0 (1 row); bin 9 holds 1.0 and 0.95: 0.975 vs 1.
    const error = expectedCalibrationError([0.0, 0.05, 0.3, 1.0, 0.95], [true, false, false, true, true]);
    expect(error).toBeCloseTo((2 * 0.475 + 0.3 + 2 * 0.025) / 5, 14);
  });

  it('is zero for a calibrated model and undefined without rows', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [true, false, false, false])).toBe(0);
    expect(expectedCalibrationError([], [])).toBeUndefined();
  });

  it('puts scores outside [0, 1] in the end bins', () => {
    expect(expectedCalibrationError([-0.5, 1.5], [false, true])).toBeCloseTo(0.5, 14);
  });
});

describe('the calibration decision', () => {
  it('calibrates overconfident scores, judged on out-of-fold rows', () => {
    const { scores, truth } = overconfident(5);
    const decision = decideCalibration(scores, truth);
    expect(decision.rawError).toBeCloseTo(0.2, 14);
    expect(decision.calibratedError).toBeLessThan(0.1);
    expect(decision.calibrate).toBe(true);
    expect(Array.from(applyCalibration(decision, [0.05, 0.95]))).toEqual([0.25, 0.75]);
  });

  it('leaves calibrated scores alone when isotonic regression does not lower the error', () => {
    // Scores that are the exact shares of their bins: the raw error is 0, no map can beat it.
    const scores = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75].flatMap((score) => new Array<number>(5).fill(score));
    const truth = scores.map((score, row) => score > 0.5 === (row % 4 !== 0));
    const decision = decideCalibration(scores, truth);
    expect(decision.rawError).toBe(0);
    expect(decision.calibrate).toBe(false);
    expect(decision.calibrator).toBeUndefined();
    expect(Array.from(applyCalibration(decision, [0.3]))).toEqual([0.3]);
  });

  it('gives the same decision for the same seed', () => {
    const random = seededRandom(7);
    const scores = Array.from({ length: 300 }, () => random.nextDouble());
    const truth = scores.map((score) => random.nextDouble() < score ** 2);
    const first = decideCalibration(scores, truth, 3);
    expect(decideCalibration(scores, truth, 3)).toEqual(first);
    expect(first.seed).toBe(3);
    expect(first.folds).toBe(5);
  });

  it('declines with one class or too few rows', () => {
    expect(decideCalibration(new Array<number>(20).fill(0.3), new Array<boolean>(20).fill(true))).toMatchObject({
      calibrate: false,
      skipped: 'one class',
    });
    expect(decideCalibration([0.1, 0.9], [false, true])).toMatchObject({ calibrate: false, skipped: 'too few rows' });
  });
});
