/**
 * Principal component analysis, as scikit-learn 1.2's `PCA(n_components=share)` with a share of the
 * variance to keep (0 < share < 1, which scikit-learn always solves by a full SVD).
 *
 * Definition: centre the rows on the column means; the components are the unit directions of largest
 * variance, the eigenvectors of the sample covariance (n − 1 divisor), and `explained_variance_` their
 * eigenvalues. Keep the fewest leading components whose cumulative share of the total variance exceeds
 * `share` strictly: scikit-learn's `searchsorted(cumsum(ratio), share, side='right') + 1`. The
 * projection is `(x − mean)·componentsᵀ` (`transform`, no whitening) and the reconstruction
 * `z·components + mean` (`inverse_transform`). Signs differ from scikit-learn's (its sign follows the
 * data through `svd_flip`; here each component's largest loading is positive); nothing downstream
 * depends on them.
 *
 * Edge cases: undefined with fewer than two rows or no variance at all (scikit-learn's ratios would be
 * NaN there).
 *
 * Reference: scikit-learn, sklearn.decomposition.PCA (1.2),
 * https://scikit-learn.org/1.2/modules/generated/sklearn.decomposition.PCA.html
 */
import { columnMeans, covarianceMatrix, principalAxes, type DataMatrix } from './linear-algebra.js';

export interface PcaModel {
  /** Column means of the fitted rows. */
  readonly mean: Float64Array;
  /** Number of components kept. */
  readonly componentCount: number;
  /** Row-major `componentCount`×columns, largest variance first. */
  readonly components: Float64Array;
  readonly explainedVariance: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
}

export function fitPca(matrix: DataMatrix, varianceShare: number): PcaModel | undefined {
  if (!(varianceShare > 0 && varianceShare < 1)) throw new RangeError(`the variance share must be between 0 and 1, got ${varianceShare}`);
  const { rows, columns } = matrix;
  if (rows < 2 || columns === 0) return undefined;
  const mean = columnMeans(matrix);
  const { variances, axes } = principalAxes(covarianceMatrix(matrix, mean), columns);
  // Rounding can leave the smallest eigenvalues of a singular covariance a hair below zero; SVD gives 0.
  const explained = variances.map((variance) => Math.max(variance, 0));
  const total = explained.reduce((sum, variance) => sum + variance, 0);
  if (!(total > 0)) return undefined;
  let componentCount = 0;
  let cumulative = 0;
  while (componentCount < columns - 1 && (cumulative += explained[componentCount] / total) <= varianceShare) componentCount++;
  componentCount++;
  return {
    mean,
    componentCount,
    components: axes.slice(0, componentCount * columns),
    explainedVariance: explained.slice(0, componentCount),
    explainedVarianceRatio: explained.slice(0, componentCount).map((variance) => variance / total),
  };
}

/** Each row's coordinates on the components (`transform`): rows × componentCount, row-major. */
export function projectRows(model: PcaModel, matrix: DataMatrix): Float64Array {
  const { componentCount, components, mean } = model;
  const { rows, columns, values } = matrix;
  const projected = new Float64Array(rows * componentCount);
  for (let row = 0; row < rows; row++) {
    for (let component = 0; component < componentCount; component++) {
      let coordinate = 0;
      for (let column = 0; column < columns; column++) {
        coordinate += (values[row * columns + column] - mean[column]) * components[component * columns + column];
      }
      projected[row * componentCount + component] = coordinate;
    }
  }
  return projected;
}

/** Rows back in the original columns from their coordinates (`inverse_transform`). */
export function reconstructRows(model: PcaModel, coordinates: Float64Array, rows: number): DataMatrix {
  const { componentCount, components, mean } = model;
  const columns = mean.length;
  const values = new Float64Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let value = mean[column];
      for (let component = 0; component < componentCount; component++) {
        value += coordinates[row * componentCount + component] * components[component * columns + column];
      }
      values[row * columns + column] = value;
    }
  }
  return { rows, columns, values };
}
