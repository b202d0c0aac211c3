/**
 * Eigen-decomposition of a small real symmetric matrix by the cyclic Jacobi method, and the pseudo-inverse
 * quadratic form built on it.
 *
 * Jacobi rotations are slow for big matrices but ideal for the 4×4 covariance of the Epps–Singleton test:
 * they are simple, need no library, and give eigenvalues with small relative error and orthonormal
 * eigenvectors. For a symmetric matrix the singular values are the absolute eigenvalues, so NumPy's
 * SVD-based `pinv` and `matrix_rank` conventions carry over directly (see `pseudoInverseQuadraticForm`).
 *
 * Reference: G. H. Golub, C. F. Van Loan, Matrix Computations, §8.5 (the symmetric Jacobi method).
 */

export interface SymmetricEigen {
  /** Eigenvalues, in no particular order. */
  readonly values: Float64Array;
  /** Column-major: eigenvector i is vectors[i*size .. i*size + size − 1]. */
  readonly vectors: Float64Array;
}

/** Eigenvalues and orthonormal eigenvectors of the symmetric `size`×`size` matrix (row-major; only read). */
export function symmetricEigen(matrix: ArrayLike<number>, size: number): SymmetricEigen {
  const a = Float64Array.from({ length: size * size }, (_, i) => matrix[i]);
  // v holds the accumulated rotations; column i ends up as eigenvector i.
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let p = 0; p < size; p++) {
      diagonal += a[p * size + p] ** 2;
      for (let q = p + 1; q < size; q++) offDiagonal += a[p * size + q] ** 2;
    }
    // Converged when what is left off the diagonal no longer changes the diagonal in double precision.
    if (offDiagonal === 0 || offDiagonal <= 1e-34 * diagonal) break;
    for (let p = 0; p < size - 1; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q];
        if (apq === 0) continue;
        const app = a[p * size + p];
        const aqq = a[q * size + q];
        // The rotation angle θ zeroes a_pq: t = tan θ is the smaller root of t² + 2τt − 1 = 0.
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          // Columns p and q, then rows p and q: A ← Jᵀ A J.
          const akp = a[k * size + p];
          const akq = a[k * size + q];
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k];
          const aqk = a[q * size + k];
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        a[p * size + q] = 0;
        a[q * size + p] = 0;
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p];
          const vkq = v[k * size + q];
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(size);
  const vectors = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    values[i] = a[i * size + i];
    for (let k = 0; k < size; k++) vectors[i * size + k] = v[k * size + i];
  }
  return { values, vectors };
}

/**
 * xᵀ·pinv(A)·x for a symmetric A, and the rank NumPy would report, with NumPy's conventions:
 * `pinv` (rcond = 1e-15) drops the singular values ≤ 1e-15·σ_max; `matrix_rank` of that pseudo-inverse
 * counts the singular values above σ_max(pinv)·size·ε, which keeps exactly the ones pinv kept (their
 * ratios are below 1e15 < 1/(size·ε)). Singular values of a symmetric matrix are |eigenvalues|.
 */
export function pseudoInverseQuadraticForm(matrix: ArrayLike<number>, size: number, x: ArrayLike<number>): { value: number; rank: number } {
  const { values, vectors } = symmetricEigen(matrix, size);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  const cutoff = 1e-15 * largest;
  let value = 0;
  let rank = 0;
  for (let i = 0; i < size; i++) {
    if (!(Math.abs(values[i]) > cutoff)) continue;
    rank++;
    let projection = 0;
    for (let k = 0; k < size; k++) projection += vectors[i * size + k] * x[k];
    value += (projection * projection) / values[i];
  }
  return { value, rank };
}
