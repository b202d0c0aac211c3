import { describe, expect, it } from '@jest/globals';
import { pseudoInverseQuadraticForm, symmetricEigen } from '../../../src/stattests/math/symmetric-eigen.js';

const A = [4, 1, -2, 2, 1, 2, 0, 1, -2, 0, 3, -2, 2, 1, -2, -1];

describe('symmetricEigen', () => {
  it('finds the eigenvalues of an indefinite 4x4 matrix', () => {
    // NumPy 1.24.2: np.linalg.eigvalsh(A) for the row-major matrix above
    const values = [...symmetricEigen(A, 4).values].sort((x, y) => x - y);
    const want = [-2.197516977439427, 1.0843644637732177, 2.2685314064312423, 6.844621107234966];
    values.forEach((value, i) => expect(Math.abs(value - want[i])).toBeLessThan(1e-14 * Math.abs(want[i])));
  });

  it('returns orthonormal eigenvectors with A v = lambda v', () => {
    const { values, vectors } = symmetricEigen(A, 4);
    for (let i = 0; i < 4; i++) {
      for (let row = 0; row < 4; row++) {
        let av = 0;
        for (let k = 0; k < 4; k++) av += A[row * 4 + k] * vectors[i * 4 + k];
        expect(Math.abs(av - values[i] * vectors[i * 4 + row])).toBeLessThan(1e-14);
      }
      for (let j = 0; j < 4; j++) {
        let dot = 0;
        for (let k = 0; k < 4; k++) dot += vectors[i * 4 + k] * vectors[j * 4 + k];
        expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(1e-15);
      }
    }
  });

  it('leaves a diagonal matrix alone', () => {
    const { values } = symmetricEigen([3, 0, 0, 0, -1, 0, 0, 0, 2], 3);
    expect([...values]).toEqual([3, -1, 2]);
  });
});

describe('pseudoInverseQuadraticForm', () => {
  it('equals x^T pinv(A) x and reports full rank for an invertible matrix', () => {
    // NumPy 1.24.2: x @ np.linalg.pinv(A) @ x = -1.4662162162162167, matrix_rank(pinv(A)) = 4, x = [1,-2,0.5,3]
    const { value, rank } = pseudoInverseQuadraticForm(A, 4, [1, -2, 0.5, 3]);
    expect(rank).toBe(4);
    expect(Math.abs(value - -1.4662162162162167)).toBeLessThan(1e-14);
  });

  it('drops the null space of a rank-2 matrix, as numpy pinv does', () => {
    // S = v v^T + 0.5 w w^T, v = [1,2,3,4], w = [0,1,-1,2]
    // NumPy 1.24.2: x @ np.linalg.pinv(S) @ x = 0.20201328593904772, matrix_rank(pinv(S)) = 2
    const v = [1, 2, 3, 4];
    const w = [0, 1, -1, 2];
    const S = Array.from({ length: 16 }, (_, i) => v[i >> 2] * v[i & 3] + 0.5 * w[i >> 2] * w[i & 3]);
    const { value, rank } = pseudoInverseQuadraticForm(S, 4, [1, -2, 0.5, 3]);
    expect(rank).toBe(2);
    expect(Math.abs(value - 0.20201328593904772)).toBeLessThan(1e-13);
  });

  it('has rank 0 for the zero matrix', () => {
    expect(pseudoInverseQuadraticForm(new Float64Array(16), 4, [1, 2, 3, 4])).toEqual({ value: 0, rank: 0 });
  });
});
