import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { categoryDraws, normalDraws, tableOf } from '../helpers/tables.js';

const large = (seed: number) =>
  tableOf({ x: normalDraws(1500, 0, seed), c: categoryDraws(1500, { a: 0.5, b: 0.5 }, seed + 1), y: normalDraws(1500, 0, seed + 2) });
const small = (seed: number) => tableOf({ x: normalDraws(400, 0, seed), y: normalDraws(400, 0, seed + 2) });

describe('thresholds that cannot be applied to the wrong kind of output', () => {
  it('applies the p-value threshold to p-value methods and the distance threshold to distances only', () => {
    const onDistances = compareTables(large(1), large(11), defaultDriftOptions({ pValueThreshold: 0.01, distanceThreshold: 0.2 }));
    expect(onDistances.columns.map((column) => [column.method, column.threshold])).toEqual([
      ['wasserstein_normed', 0.2],
      ['jensenshannon', 0.2],
      ['wasserstein_normed', 0.2],
    ]);
    const onPValues = compareTables(small(1), small(11), defaultDriftOptions({ pValueThreshold: 0.01, distanceThreshold: 0.2 }));
    expect(onPValues.columns.map((column) => [column.method, column.threshold])).toEqual([
      ['ks', 0.01],
      ['ks', 0.01],
    ]);
  });

  it('refuses a plain threshold on a column whose method the automatic choice picks, naming the column and the fix', () => {
    let error: unknown;
    try {
      compareTables(large(1), large(11), defaultDriftOptions({ threshold: 0.01 }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'the threshold for every column (0.01) does not say whether it is a p-value or a distance, and column "x" is tested with wasserstein_normed (a distance) by automatic choice, which picks p-values up to 1000 baseline rows and distances above: set p-value-threshold or distance-threshold instead, or choose the column\'s method',
    );
    expect(() => compareTables(small(1), small(11), defaultDriftOptions({ columnThresholds: new Map([['y', 0.2]]) }))).toThrow(
      /the column threshold for "y" \(0\.2\)/,
    );
    expect(() => compareTables(small(1), small(11), defaultDriftOptions({ numericalThreshold: 0.2 }))).toThrow(
      /the numerical threshold \(0\.2\)/,
    );
  });

  it('takes a plain threshold where the method was chosen, over the p-value and distance thresholds', () => {
    const result = compareTables(
      large(1),
      large(11),
      defaultDriftOptions({
        numericalMethod: 'ks',
        categoricalMethod: 'psi',
        columnMethods: new Map([['y', 'psi']]),
        numericalThreshold: 0.001,
        columnThresholds: new Map([['y', 0.3]]),
        pValueThreshold: 0.2,
        distanceThreshold: 0.25,
      }),
    );
    expect(result.columns.map((column) => [column.method, column.threshold, column.auto_selected])).toEqual([
      ['ks', 0.001, false],
      ['psi', 0.25, false],
      ['psi', 0.3, false],
    ]);
  });
});
