/**
 * Every regression metric of one side at once, for reports: MAE, RMSE, MAPE and R², each defined, edge
 * cases included, in its own module (matching scikit-learn 1.2.1).
 *
 * Edge cases: no rows or a non-finite value, no metrics (undefined); R² alone is absent below two rows.
 *
 * @example
 * regressionMetrics({ task: 'regression', yTrue: [3, -0.5, 2, 7], yPred: [2.5, 0, 2, 8] });
 * // => { rows: 4, mae: 0.5, rmse: 0.6123724356957945, mape: 0.3273809523809524, r2: 0.9486081370449679 }
 */
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { r2 } from './r2.js';
import { rootMeanSquaredError } from './root-mean-squared-error.js';
import type { RegressionRows } from './rows.js';

export interface RegressionMetrics {
  readonly rows: number;
  readonly mae: number;
  readonly rmse: number;
  readonly mape: number;
  readonly r2?: number;
}

export function regressionMetrics(rows: RegressionRows): RegressionMetrics | undefined {
  const { yTrue, yPred } = rows;
  const mae = meanAbsoluteError(yTrue, yPred);
  if (mae === undefined) return undefined;
  const metrics: RegressionMetrics = {
    rows: yTrue.length,
    mae,
    rmse: rootMeanSquaredError(yTrue, yPred)!,
    mape: meanAbsolutePercentageError(yTrue, yPred)!,
  };
  const score = r2(yTrue, yPred);
  return score === undefined ? metrics : { ...metrics, r2: score };
}
