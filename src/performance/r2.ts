/**
 * Coefficient of determination R², as `sklearn.metrics.r2_score(y_true, y_pred)`.
 *
 * Definition: `R² = 1 − Σ (y_i − ŷ_i)² / Σ (y_i − ȳ)²`: 1 for perfect predictions, 0 for predicting
 * the mean of the truth, negative (unbounded) for worse. Higher is better.
 *
 * Edge cases, as scikit-learn's default `force_finite=True`:
 * - a constant target (zero denominator) scores 1 when the predictions are perfect and 0 otherwise;
 * - fewer than two rows, no R² (undefined; scikit-learn warns and gives NaN), nor with a non-finite
 *   value (scikit-learn raises).
 * A constant target is recognised exactly (every value equal), not through its computed mean:
 * scikit-learn's mean of three 0.1s is 0.10000000000000002, leaving a denominator of ~1e-34 and an R²
 * near −1.7e31 where the documented answer is 0; we give 0. Everywhere else the sums are compensated
 * (`moments.ts`), so R² matches scikit-learn to ~1e-15.
 *
 * @example
 * r2([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // => 0.9486081370449679
 * r2([5, 5, 5], [5, 5, 6]); // => 0 (constant target, imperfect predictions)
 */
import { sum } from 'simple-statistics';
import { momentsOf } from '../stattests/math/moments.js';
import { absoluteErrors } from './regression-errors.js';

export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number | undefined {
  const errors = absoluteErrors(yTrue, yPred);
  if (!errors || errors.length < 2) return undefined;
  const residualSquares = sum(Array.from(errors, (error) => error * error));
  if (residualSquares === 0) return 1;
  const { squaredDeviations } = momentsOf(Float64Array.from(yTrue));
  return squaredDeviations === 0 ? 0 : 1 - residualSquares / squaredDeviations;
}
