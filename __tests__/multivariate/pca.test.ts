import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fitPca, projectRows } from '../../src/multivariate/pca.js';
import { reconstructionErrors } from '../../src/multivariate/reconstruction-error.js';
import { featureMatrices } from '../../src/multivariate/feature-matrix.js';
import type { DataMatrix } from '../../src/multivariate/linear-algebra.js';
import { tableOf } from '../helpers/tables.js';

interface PcaCase {
  name: string;
  variance_share: number;
  rows: number[][];
  n_components: number;
  mean: number[];
  components: number[][];
  explained_variance: number[];
  explained_variance_ratio: number[];
  transformed: number[][];
  reconstruction_errors: number[];
}

/** Written by scripts/make-multivariate-fixtures.py with scikit-learn 1.2. */
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/multivariate/pca.json', import.meta.url), 'utf8')) as {
  sklearn_version: string;
  pca: PcaCase[];
  preparation: { number: Array<number | null>; category: Array<string | null>; prepared: number[][] };
};

function matrixOf(rows: number[][]): DataMatrix {
  return { rows: rows.length, columns: rows[0].length, values: Float64Array.from(rows.flat()) };
}

/** Components have no sign of their own: compare each with scikit-learn's after matching its sign. */
function signsAgainst(components: Float64Array, expected: number[][]): number[] {
  const columns = expected[0].length;
  return expected.map((row, component) => {
    let dot = 0;
    for (let column = 0; column < columns; column++) dot += row[column] * components[component * columns + column];
    return dot < 0 ? -1 : 1;
  });
}

describe('PCA against scikit-learn', () => {
  it('was generated with scikit-learn 1.2', () => {
    expect(fixtures.sklearn_version).toMatch(/^1\.2\./);
  });

  describe.each(fixtures.pca)('$name', (expected) => {
    const matrix = matrixOf(expected.rows);
    const model = fitPca(matrix, expected.variance_share)!;
    const columns = expected.mean.length;

    it('keeps as many components and explains the same variance', () => {
      expect(model.componentCount).toBe(expected.n_components);
      expected.explained_variance.forEach((variance, i) => expect(model.explainedVariance[i]).toBeCloseTo(variance, 10));
      expected.explained_variance_ratio.forEach((ratio, i) => expect(model.explainedVarianceRatio[i]).toBeCloseTo(ratio, 12));
      expected.mean.forEach((mean, i) => expect(model.mean[i]).toBeCloseTo(mean, 12));
    });

    it('finds the same components and projections, up to sign', () => {
      const signs = signsAgainst(model.components, expected.components);
      expected.components.forEach((row, component) =>
        row.forEach((value, column) => expect(signs[component] * model.components[component * columns + column]).toBeCloseTo(value, 9)),
      );
      const projected = projectRows(model, matrix);
      expected.transformed.forEach((row, r) =>
        row.forEach((value, component) => expect(signs[component] * projected[r * model.componentCount + component]).toBeCloseTo(value, 9)),
      );
    });

    it('reconstructs each row with the same error', () => {
      const errors = reconstructionErrors(model, matrix);
      expected.reconstruction_errors.forEach((error, row) => expect(errors[row]).toBeCloseTo(error, 9));
    });
  });

  it('has no components without variance or rows', () => {
    expect(fitPca({ rows: 3, columns: 2, values: Float64Array.from([1, 2, 1, 2, 1, 2]) }, 0.65)).toBeUndefined();
    expect(fitPca({ rows: 1, columns: 2, values: Float64Array.from([1, 2]) }, 0.65)).toBeUndefined();
    expect(() =>
      fitPca(
        matrixOf([
          [1, 2],
          [3, 5],
        ]),
        1,
      ),
    ).toThrow(RangeError);
  });
});

describe('feature preparation against scikit-learn', () => {
  it('imputes, count-encodes and standardizes as SimpleImputer, normalized counts and StandardScaler', () => {
    const { number, category, prepared } = fixtures.preparation;
    const table = tableOf({ number, category });
    const { baseline, features } = featureMatrices(table, table, [
      { name: 'number', kind: 'numerical' },
      { name: 'category', kind: 'categorical' },
    ]);
    expect(features.map((feature) => feature.name)).toEqual(['number', 'category']);
    prepared.forEach((row, r) => row.forEach((value, column) => expect(baseline.values[r * 2 + column]).toBeCloseTo(value, 12)));
  });

  it('encodes a category the baseline never had as a zero count, on the baseline scale', () => {
    const baseline = tableOf({ colour: ['red', 'red', 'blue', 'blue'] });
    const current = tableOf({ colour: ['green', 'red'] });
    const { current: encoded } = featureMatrices(baseline, current, [{ name: 'colour', kind: 'categorical' }]);
    // Baseline shares are all 0.5 (a constant column, scale 1): green's 0 lands 0.5 below, red on 0.
    expect(Array.from(encoded.values)).toEqual([-0.5, 0]);
  });

  it('leaves out a column with no baseline value', () => {
    const table = tableOf({ empty: [null, null, null], kept: [1, 2, 3] });
    const { features } = featureMatrices(table, table, [
      { name: 'empty', kind: 'numerical' },
      { name: 'kept', kind: 'numerical' },
    ]);
    expect(features.map((feature) => feature.name)).toEqual(['kept']);
  });
});
