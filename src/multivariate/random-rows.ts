/**
 * Seeded choices of rows: row budgets, cross-validation folds and permutations all draw from one partial
 * Fisher–Yates shuffle, so every method is deterministic for a given seed.
 */
import type { SeededRandom } from '../core/random.js';
import type { DataMatrix } from './linear-algebra.js';

/** The first `count` places of a uniformly random ordering of 0 … n − 1 (all n by default). */
export function shuffledIndices(n: number, random: SeededRandom, count = n): Int32Array {
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(count, n - 1); i++) {
    const j = i + random.nextIndex(n - i);
    const swapped = indices[i];
    indices[i] = indices[j];
    indices[j] = swapped;
  }
  return count < n ? indices.slice(0, count) : indices;
}

/** At most `budget` rows drawn without replacement, kept in their order; the matrix itself when it has no more. */
export function sampleRows(matrix: DataMatrix, budget: number, random: SeededRandom): DataMatrix {
  if (matrix.rows <= budget) return matrix;
  return selectRows(matrix, shuffledIndices(matrix.rows, random, budget).sort());
}

/** The given rows of the matrix, in the given order. */
export function selectRows(matrix: DataMatrix, rows: ArrayLike<number>): DataMatrix {
  const { columns } = matrix;
  const values = new Float64Array(rows.length * columns);
  for (let index = 0; index < rows.length; index++) {
    values.set(matrix.values.subarray(rows[index] * columns, rows[index] * columns + columns), index * columns);
  }
  return { rows: rows.length, columns, values };
}
