import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { ColumnResult } from '../../src/engine/result.js';
import { categoryDraws, normalDraws, tableOf } from '../helpers/tables.js';

/** `count` columns of standard-normal draws, a different stream per column and side. */
function stableColumns(count: number, rows: number, seed: number): Record<string, number[]> {
  return Object.fromEntries(Array.from({ length: count }, (_, k) => [`x${k}`, normalDraws(rows, 0, seed + k)]));
}

const flagged = (columns: ColumnResult[]) => columns.filter((column) => column.distribution_drift).length;

describe('distance thresholds calibrated by permutation (auto)', () => {
  const baseline = tableOf(stableColumns(30, 300, 1000));
  const current = tableOf(stableColumns(30, 300, 2000));
  const options = defaultDriftOptions({ numericalMethod: 'wasserstein_normed', distanceThreshold: 'auto', permutations: 199 });
  const calibrated = compareTables(baseline, current, options).columns;

  it('flags about alpha of stable columns on small samples, where the fixed distance threshold flags many', () => {
    const fixed = compareTables(baseline, current, defaultDriftOptions({ numericalMethod: 'wasserstein_normed' })).columns;
    // 30 stable columns at alpha 0.05: 1.5 expected; more than 5 would happen by chance less than 0.3% of the time.
    expect(flagged(calibrated)).toBeLessThanOrEqual(5);
    expect(flagged(fixed)).toBeGreaterThan(flagged(calibrated) + 5);
  });

  it('reports (k+1)/(n+1) p-values, and drifts exactly when distance >= threshold, which is when p < alpha', () => {
    for (const column of calibrated) {
      const { calibration, distance, threshold } = column;
      expect(calibration).toMatchObject({ method: 'permutation', permutations: 199, seed: 42, alpha: 0.05 });
      const k = calibration!.p_value * 200 - 1;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(distance! >= threshold!).toBe(calibration!.p_value < 0.05);
      expect(column.distribution_drift).toBe(calibration!.p_value < 0.05);
    }
  });

  it('catches a real shift, for numbers and categories', () => {
    const shifted = tableOf({ x: normalDraws(300, 0.4, 7), c: categoryDraws(300, { a: 0.4, b: 0.35, c: 0.25 }, 8) });
    const reference = tableOf({ x: normalDraws(300, 0, 9), c: categoryDraws(300, { a: 0.6, b: 0.25, c: 0.15 }, 10) });
    const result = compareTables(
      reference,
      shifted,
      defaultDriftOptions({ method: 'jensenshannon', numericalMethod: 'wasserstein_normed', distanceThreshold: 'auto' }),
    );
    for (const column of result.columns) {
      expect(column.calibration!.p_value).toBeLessThan(0.01);
      expect(column.reasons[0]).toMatch(/^distribution changed: .* ≥ .* \(permutation p = .* < 0\.05\)$/);
    }
  });

  it('is deterministic, follows the seed, and does not depend on the other columns', () => {
    const alone = (seed: number) =>
      compareTables(tableOf({ x3: normalDraws(300, 0, 1003) }), tableOf({ x3: normalDraws(300, 0, 2003) }), {
        ...options,
        permutationSeed: seed,
      }).columns[0];
    expect(alone(42)).toEqual(calibrated[3]);
    expect(alone(7).threshold).not.toBe(calibrated[3].threshold);
  });

  it('takes its alpha from the p-value threshold and refuses one the permutations cannot reach', () => {
    const single = (table: typeof baseline) => tableOf({ x0: Array.from((table.columns[0] as { values: Float64Array }).values) });
    const strict = compareTables(single(baseline), single(current), { ...options, pValueThreshold: 0.01 }).columns[0];
    expect(strict.calibration!.alpha).toBe(0.01);
    expect(strict.threshold).toBeGreaterThan(calibrated[0].threshold!);
    expect(() => compareTables(baseline, current, { ...options, pValueThreshold: 0.004 })).toThrow(
      /smallest permutation p-value is 0\.005/,
    );
  });

  it('refuses auto for a p-value method', () => {
    expect(() => compareTables(baseline, current, defaultDriftOptions({ method: 'ks', threshold: 'auto' }))).toThrow(InputError);
    expect(() => compareTables(baseline, current, defaultDriftOptions({ method: 'ks', threshold: 'auto' }))).toThrow(
      /auto calibrates distances, and ks gives a p-value/,
    );
  });
});
