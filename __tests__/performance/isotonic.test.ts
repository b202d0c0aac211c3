import { describe, expect, it } from '@jest/globals';
import { fitIsotonic, predictIsotonic } from '../../src/performance/isotonic.js';
import { expectClose, loadFixture } from './sklearn-fixtures.js';

interface IsotonicCase {
  readonly name: string;
  readonly x: number[];
  readonly y: number[];
  readonly weights?: number[];
  readonly predict_at: number[];
  readonly expected: { readonly x_thresholds: number[]; readonly y_thresholds: number[]; readonly predictions: number[] };
}

const fixture = loadFixture<IsotonicCase>('isotonic.json');

describe('isotonic regression against scikit-learn', () => {
  it('uses fixtures from scikit-learn 1.2.1', () => {
    expect(fixture.sklearn).toBe('1.2.1');
    expect(fixture.cases.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(fixture.cases.map((fixtureCase) => [fixtureCase.name, fixtureCase] as const))('%s', (name, fixtureCase) => {
    const fit = fitIsotonic(fixtureCase.x, fixtureCase.y, fixtureCase.weights);

    it('keeps the knots scikit-learn keeps', () => {
      expect(Array.from(fit.x)).toEqual(fixtureCase.expected.x_thresholds);
      expect(fit.y.length).toBe(fixtureCase.expected.y_thresholds.length);
      fit.y.forEach((value, index) => expectClose(value, fixtureCase.expected.y_thresholds[index], `${name} knot ${index}`));
    });

    it('predicts as scikit-learn, clipped beyond the ends', () => {
      const predictions = predictIsotonic(fit, fixtureCase.predict_at);
      predictions.forEach((value, index) =>
        expectClose(value, fixtureCase.expected.predictions[index], `${name} at ${fixtureCase.predict_at[index]}`),
      );
    });
  });
});

describe('isotonic regression edge cases', () => {
  it('pools a violating pair to its weighted mean', () => {
    const fit = fitIsotonic([1, 2], [3, 1], [1, 3]);
    expect(Array.from(predictIsotonic(fit, [1, 2]))).toEqual([1.5, 1.5]);
  });

  it('does not depend on the order of the input rows', () => {
    const x = [0.3, 0.1, 0.2, 0.1, 0.5, 0.4];
    const y = [1, 0, 1, 1, 0, 1];
    const order = [5, 2, 0, 4, 1, 3];
    const direct = predictIsotonic(fitIsotonic(x, y), [0, 0.15, 0.45, 1]);
    const shuffled = predictIsotonic(
      fitIsotonic(
        order.map((i) => x[i]),
        order.map((i) => y[i]),
      ),
      [0, 0.15, 0.45, 1],
    );
    expect(Array.from(shuffled)).toEqual(Array.from(direct));
  });

  it('gives NaN at NaN', () => {
    expect(predictIsotonic(fitIsotonic([0, 1], [0, 1]), [NaN])[0]).toBeNaN();
  });

  it('refuses non-finite input, negative weights and no positive weight', () => {
    expect(() => fitIsotonic([0, NaN], [0, 1])).toThrow(RangeError);
    expect(() => fitIsotonic([0, 1], [0, Infinity])).toThrow(RangeError);
    expect(() => fitIsotonic([0, 1], [0, 1], [1, -1])).toThrow(RangeError);
    expect(() => fitIsotonic([0, 1], [0, 1], [0, 0])).toThrow(RangeError);
    expect(() => fitIsotonic([], [])).toThrow(RangeError);
    expect(() => fitIsotonic([0, 1], [0])).toThrow(RangeError);
  });
});
