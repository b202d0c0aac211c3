/**
 * The matrix arithmetic the multivariate methods share. A data matrix is row-major: `rows` rows of
 * `columns` values, row r at `values[r*columns .. r*columns + columns − 1]`.
 *
 * Principal axes come from the eigen-decomposition of the sample covariance, whose eigenvalues are the
 * variances scikit-learn's PCA reports (`S²/(n − 1)` from the SVD of the centred data) and whose
 * eigenvectors are its right singular vectors, up to sign. Jacobi (`symmetricEigen`) suits the few dozen
 * feature columns a drift check has: its cost depends on the columns, not on the rows.
 */
import { symmetricEigen } from '../stattests/math/symmetric-eigen.js';

export interface DataMatrix {
  readonly rows: number;
  readonly columns: number;
  /** Row-major. */
  readonly values: Float64Array;
}

/** The mean of each column. */
export function columnMeans(matrix: DataMatrix): Float64Array {
  const { rows, columns, values } = matrix;
  const sums = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    for (let column = 0; column < columns; column++) sums[column] += values[offset + column];
  }
  return sums.map((sum) => (rows === 0 ? NaN : sum / rows));
}

/**
 * The sample covariance (divisor n − 1), `columns`×`columns` row-major, from deviations about `means`:
 * centring first keeps the products small, so no variance is lost to cancellation.
 */
export function covarianceMatrix(matrix: DataMatrix, means: ArrayLike<number>): Float64Array {
  const { rows, columns, values } = matrix;
  const covariance = new Float64Array(columns * columns);
  const centred = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    for (let column = 0; column < columns; column++) centred[column] = values[offset + column] - means[column];
    for (let i = 0; i < columns; i++) {
      const deviation = centred[i];
      for (let j = i; j < columns; j++) covariance[i * columns + j] += deviation * centred[j];
    }
  }
  for (let i = 0; i < columns; i++) {
    for (let j = i; j < columns; j++) {
      const value = covariance[i * columns + j] / (rows - 1);
      covariance[i * columns + j] = value;
      covariance[j * columns + i] = value;
    }
  }
  return covariance;
}

export interface PrincipalAxes {
  /** Variance along each axis, largest first. */
  readonly variances: Float64Array;
  /** Unit axes in the same order, row-major: axis i at `axes[i*size .. i*size + size − 1]`. */
  readonly axes: Float64Array;
}

/**
 * Eigenvalues (largest first) and eigenvectors of a symmetric matrix. Each axis is signed so that its
 * largest-magnitude entry is positive: eigenvectors have no sign of their own, and a fixed rule keeps
 * results reproducible.
 */
export function principalAxes(symmetric: ArrayLike<number>, size: number): PrincipalAxes {
  const { values, vectors } = symmetricEigen(symmetric, size);
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => values[b] - values[a]);
  const variances = Float64Array.from(order, (i) => values[i]);
  const axes = new Float64Array(size * size);
  order.forEach((source, target) => {
    let largest = 0;
    for (let k = 0; k < size; k++) {
      if (Math.abs(vectors[source * size + k]) > Math.abs(largest)) largest = vectors[source * size + k];
    }
    const sign = largest < 0 ? -1 : 1;
    for (let k = 0; k < size; k++) axes[target * size + k] = sign * vectors[source * size + k];
  });
  return { variances, axes };
}
