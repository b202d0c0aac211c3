import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { categoryDraws, normalDraws, seededRandom, tableOf } from '../helpers/tables.js';

const column = (result: ReturnType<typeof compareTables>, name: string) => {
  const found = result.columns.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

describe('compareTables', () => {
  it('flags a shifted numerical column and leaves a stable one alone (auto: ks up to 1000 rows)', () => {
    const baseline = tableOf({ stable: normalDraws(500, 0, 1), shifted: normalDraws(500, 0, 2) });
    const current = tableOf({ stable: normalDraws(400, 0, 3), shifted: normalDraws(400, 1, 4) });
    const result = compareTables(baseline, current, defaultDriftOptions());
    expect(column(result, 'stable')).toMatchObject({ method: 'ks', auto_selected: true, status: 'no-drift', drift_detected: false });
    const shifted = column(result, 'shifted');
    expect(shifted).toMatchObject({ method: 'ks', status: 'drift', drift_detected: true, output: 'p_value', threshold: 0.05 });
    expect(shifted.p_value).toBeLessThan(1e-20);
    expect(shifted.effect_size?.method).toBe('wasserstein_normed');
    expect(shifted.effect_size?.distance).toBeGreaterThan(0.8);
    expect(shifted.direction).toMatchObject({ kind: 'shift' });
    expect((shifted.direction as { change: number }).change).toBeGreaterThan(0.8);
    expect(result.dataset).toMatchObject({ drift_detected: true, drifted_count: 1, tested_count: 2, drift_share: 0.5, status: 'drift' });
  });

  it('picks distances above 1000 baseline rows', () => {
    const baseline = tableOf({ x: normalDraws(1500, 0, 5), c: categoryDraws(1500, { a: 0.5, b: 0.3, c: 0.2 }, 6) });
    const current = tableOf({ x: normalDraws(800, 0, 7), c: categoryDraws(800, { a: 0.5, b: 0.3, c: 0.2 }, 8) });
    const result = compareTables(baseline, current, defaultDriftOptions());
    expect(column(result, 'x')).toMatchObject({ method: 'wasserstein_normed', output: 'distance', threshold: 0.1 });
    expect(column(result, 'c')).toMatchObject({ method: 'jensenshannon', type: 'categorical' });
    expect(result.dataset.drift_detected).toBe(false);
  });

  it('tests few-valued numbers as categories: z for two values, chi2 for three to five', () => {
    const uniform = seededRandom(9);
    const draw = (values: number[]) => Array.from({ length: 200 }, () => values[Math.floor(uniform() * values.length)]);
    const baseline = tableOf({ two: draw([0.5, 1.5]), four: draw([0.5, 1.5, 2.5, 3.5]) });
    const current = tableOf({ two: draw([0.5, 1.5]), four: draw([0.5, 1.5, 2.5, 3.5]) });
    const result = compareTables(baseline, current, defaultDriftOptions());
    expect(column(result, 'two')).toMatchObject({ type: 'numerical', method: 'z' });
    expect(column(result, 'four')).toMatchObject({ type: 'numerical', method: 'chi2', dof: 3 });
  });

  it('reports a baseline column absent from the current data as drifted, never skipping it', () => {
    const result = compareTables(
      tableOf({ a: [1, 2, 3], gone: [1, 2, 3] }),
      tableOf({ a: [1, 2, 3] }),
      defaultDriftOptions({ minRows: 1 }),
    );
    expect(column(result, 'gone')).toMatchObject({
      status: 'missing-in-current',
      drift_detected: true,
      reasons: ['missing in current data'],
    });
    expect(result.dataset.drifted_columns).toEqual(['gone']);
  });

  it('lists a column new in the current data without counting it', () => {
    const result = compareTables(
      tableOf({ a: [1, 2, 3] }),
      tableOf({ a: [1, 2, 3], extra: [4, 5, 6] }),
      defaultDriftOptions({ minRows: 1 }),
    );
    expect(column(result, 'extra')).toMatchObject({ status: 'new-in-current', drift_detected: false });
    expect(result.dataset.tested_count).toBe(1);
  });

  it('flags a column whose missing share jumps even when its values look alike', () => {
    const values = normalDraws(1000, 0, 10);
    const current = normalDraws(1000, 0, 11).map((value, index) => (index % 5 < 2 ? null : value));
    const result = compareTables(tableOf({ x: values }), tableOf({ x: current }), defaultDriftOptions({ method: 'ks' }));
    const x = column(result, 'x');
    expect(x.p_value).toBeGreaterThan(0.05);
    expect(x).toMatchObject({ status: 'drift', drift_detected: true });
    expect(x.reasons).toEqual(['missing values went from 0.0% to 40%']);
    expect(x.current).toMatchObject({ missing: 400, missing_share: 0.4 });
  });

  it('reports insufficient data below the minimum number of values, not a verdict', () => {
    const result = compareTables(tableOf({ x: [1, 2, 3, 4] }), tableOf({ x: [10, 20, 30, 40] }), defaultDriftOptions({ minRows: 5 }));
    expect(column(result, 'x')).toMatchObject({ status: 'insufficient-data', drift_detected: false });
    expect(result.dataset).toMatchObject({ status: 'insufficient-data', drift_detected: false, tested_count: 0 });
  });

  it('handles categories that only the current data has', () => {
    const baseline = tableOf({ colour: categoryDraws(300, { red: 0.5, blue: 0.5 }, 12) });
    const current = tableOf({ colour: categoryDraws(300, { red: 0.3, blue: 0.3, green: 0.4 }, 13) });
    const result = compareTables(baseline, current, defaultDriftOptions({ method: 'chi2' }));
    expect(column(result, 'colour')).toMatchObject({ method: 'chi2', dof: 2, status: 'drift' });
    expect(column(result, 'colour').direction).toMatchObject({ kind: 'share', category: 'green', baseline_share: 0 });
  });

  it('applies a per-column override without resetting the other columns', () => {
    const baseline = tableOf({ a: normalDraws(300, 0, 14), b: normalDraws(300, 0, 15) });
    const current = tableOf({ a: normalDraws(300, 0, 16), b: normalDraws(300, 0, 17) });
    const options = defaultDriftOptions({
      numericalMethod: 'mann_whitney',
      columnMethods: new Map([['a', 'psi']]),
      columnThresholds: new Map([['a', 0.2]]),
    });
    const result = compareTables(baseline, current, options);
    expect(column(result, 'a')).toMatchObject({ method: 'psi', threshold: 0.2, auto_selected: false });
    expect(column(result, 'b')).toMatchObject({ method: 'mann_whitney', threshold: 0.05 });
  });

  it('applies --method only to the columns whose type it supports', () => {
    const baseline = tableOf({ x: normalDraws(100, 0, 18), c: categoryDraws(100, { a: 0.5, b: 0.5 }, 19) });
    const result = compareTables(baseline, baseline, defaultDriftOptions({ method: 't_test' }));
    expect(column(result, 'x').method).toBe('t_test');
    expect(column(result, 'c')).toMatchObject({ method: 'z', auto_selected: true });
  });

  it('corrects p-values across columns when asked (Bonferroni)', () => {
    const baseline = tableOf(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, normalDraws(200, 0, 100 + i)])));
    const current = tableOf(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, normalDraws(200, i === 0 ? 0.3 : 0, 200 + i)])),
    );
    const plain = compareTables(baseline, current, defaultDriftOptions({ method: 'ks' }));
    const corrected = compareTables(baseline, current, defaultDriftOptions({ method: 'ks', correction: 'bonferroni' }));
    const raw = column(plain, 'c0').p_value!;
    expect(raw).toBeLessThan(0.05);
    expect(raw * 10).toBeGreaterThan(0.05);
    expect(column(plain, 'c0').drift_detected).toBe(true);
    expect(column(corrected, 'c0')).toMatchObject({
      p_value: raw,
      p_value_adjusted: Math.min(1, raw * 10),
      drift_detected: false,
      status: 'no-drift',
    });
  });

  it('decides the dataset by the share of drifted columns', () => {
    const baseline = tableOf({ a: normalDraws(300, 0, 20), b: normalDraws(300, 0, 21), c: normalDraws(300, 0, 22) });
    const current = tableOf({ a: normalDraws(300, 2, 23), b: normalDraws(300, 0, 24), c: normalDraws(300, 0, 25) });
    expect(compareTables(baseline, current, defaultDriftOptions()).dataset).toMatchObject({ drift_detected: false, drifted_count: 1 });
    expect(compareTables(baseline, current, defaultDriftOptions({ driftShare: 0.3 })).dataset).toMatchObject({
      drift_detected: true,
      status: 'drift',
    });
  });

  it('infers small integer codes as categorical and leaves identifier-like text untested', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `id-${i}`);
    const codes = Array.from({ length: 100 }, (_, i) => i % 4);
    const result = compareTables(
      tableOf({ id: ids, code: codes }),
      tableOf({ id: ids.map((id) => `${id}x`), code: codes }),
      defaultDriftOptions(),
    );
    expect(column(result, 'code').type).toBe('categorical');
    expect(column(result, 'id')).toMatchObject({ status: 'not-tested', drift_detected: false });
  });

  it('adds every applicable method with allMethods', () => {
    const result = compareTables(
      tableOf({ x: normalDraws(50, 0, 26) }),
      tableOf({ x: normalDraws(50, 0, 27) }),
      defaultDriftOptions({ allMethods: true }),
    );
    const methods = Object.keys(column(result, 'x').methods ?? {});
    expect(methods).toEqual(
      expect.arrayContaining(['ks', 'ks_exact', 'ks_asymp', 'anderson', 'psi', 'hellinger', 'energy', 'epps_singleton']),
    );
    expect(methods).not.toContain('chi2');
  });

  it('refuses unknown columns, unknown methods and methods of the wrong type with an InputError', () => {
    const table = tableOf({ x: [1, 2, 3], c: ['a', 'b', 'c'] });
    expect(() => compareTables(table, table, defaultDriftOptions({ columns: ['nope'] }))).toThrow(InputError);
    expect(() => compareTables(table, table, defaultDriftOptions({ method: 'bogus' }))).toThrow(/unknown method "bogus"/);
    expect(() => compareTables(table, table, defaultDriftOptions({ numericalMethod: 'chi2' }))).toThrow(/does not apply to numerical/);
    expect(() => compareTables(table, table, defaultDriftOptions({ columnMethods: new Map([['c', 'ks']]) }))).toThrow(
      /does not apply to categorical/,
    );
    expect(() => compareTables(table, table, defaultDriftOptions({ method: 'chi2', threshold: 2 }))).toThrow(/between 0 and 1/);
    expect(() => compareTables(table, table, defaultDriftOptions({ ignoreColumns: ['x', 'c'] }))).toThrow(/no column left to compare/);
  });
});
