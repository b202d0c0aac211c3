/**
 * Checks against summarised profiles: each value within its stated bound of what the rows give, methods
 * without a bound refused, and the reports saying so.
 */
import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { ColumnResult } from '../../src/engine/result.js';
import type { Table } from '../../src/core/table.js';
import { datasetOf } from '../../src/io/profile-side.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { renderText } from '../../src/report/text.js';
import { normalDraws } from '../helpers/tables.js';

function tableOfValues(values: number[], source: string): Table {
  return { sources: [source], rowCount: values.length, columns: [{ storage: 'numeric', name: 'x', values: Float64Array.from(values) }] };
}

function profiled(table: Table) {
  const builder = new ProfileBuilder();
  // In several batches, as the streaming reader hands them over.
  const values = (table.columns[0] as { values: Float64Array }).values;
  for (let start = 0; start < values.length; start += 50_000)
    builder.addTable(tableOfValues(Array.from(values.subarray(start, start + 50_000)), table.sources[0]));
  return datasetOf(builder.finish(), table.sources, 'file');
}

const baseline = tableOfValues(normalDraws(200_000, 0, 21), 'train.csv');
const current = tableOfValues(normalDraws(120_000, 0.01, 22), 'fresh.csv');
const baselineProfile = profiled(baseline);

function columnOf(
  method: string,
  reference = baselineProfile as Parameters<typeof compareTables>[0],
  fresh: Parameters<typeof compareTables>[1] = current,
): ColumnResult {
  return compareTables(reference, fresh, defaultDriftOptions({ method })).columns[0];
}

describe('a check against a summarised profile', () => {
  it('is summarised at the default settings: far more distinct values than kept', () => {
    const column = baselineProfile.columns[0];
    expect(column.storage === 'profile' && column.profile.storage === 'numeric' && column.profile.distribution.kind).toBe('summary');
  });

  it.each(['ks', 'ks_asymp'])('%s: statistic within its bound, exact p-value inside the stated interval', (method) => {
    const exact = columnOf(method, baseline);
    const approximate = columnOf(method);
    const bounds = approximate.approximate!.bounds;
    expect(bounds.statistic).toBeGreaterThan(0);
    expect(bounds.statistic).toBeLessThanOrEqual(0.001 + 1 / 400_000);
    expect(Math.abs(approximate.statistic! - exact.statistic!)).toBeLessThanOrEqual(bounds.statistic!);
    expect(exact.p_value!).toBeGreaterThanOrEqual(bounds.p_value![0]);
    expect(exact.p_value!).toBeLessThanOrEqual(bounds.p_value![1]);
  });

  it.each(['wasserstein', 'wasserstein_normed'])('%s: distance within its bound', (method) => {
    const exact = columnOf(method, baseline);
    const approximate = columnOf(method);
    expect(Math.abs(approximate.distance! - exact.distance!)).toBeLessThanOrEqual(approximate.approximate!.bounds.distance!);
    expect(approximate.approximate!.bounds.distance).toBeLessThan(0.01);
  });

  it('t_test is exact: the profile keeps counts and moments', () => {
    const exact = columnOf('t_test', baseline);
    const fromProfile = columnOf('t_test');
    expect(fromProfile.approximate).toBeUndefined();
    expect(Math.abs(fromProfile.statistic! - exact.statistic!)).toBeLessThanOrEqual(1e-12 * Math.abs(exact.statistic!));
    expect(Math.abs(fromProfile.p_value! - exact.p_value!)).toBeLessThanOrEqual(1e-9 * exact.p_value!);
  });

  it('adds the errors of two summarised sides', () => {
    const both = columnOf('ks', baselineProfile, profiled(current));
    const exact = columnOf('ks', baseline);
    expect(both.approximate!.bounds.statistic).toBeGreaterThan(columnOf('ks').approximate!.bounds.statistic!);
    expect(Math.abs(both.statistic! - exact.statistic!)).toBeLessThanOrEqual(both.approximate!.bounds.statistic!);
  });

  it('refuses a method that has no bound on a summary, and says which have', () => {
    const column = columnOf('psi');
    expect(column.status).toBe('not-tested');
    expect(column.reasons.join(' ')).toMatch(
      /psi cannot be computed honestly from a rank summary; pick one of ks, ks_asymp, wasserstein, wasserstein_normed, t_test/,
    );
  });

  it('refuses a distance threshold calibrated by permutation, which needs the rows', () => {
    const column = compareTables(baselineProfile, current, defaultDriftOptions({ method: 'wasserstein', distanceThreshold: 'auto' }))
      .columns[0];
    expect(column.status).toBe('not-tested');
    expect(column.reasons.join(' ')).toMatch(/distance-threshold auto calibrates by permuting rows, which a rank summary does not keep/);
    expect(columnOf('wasserstein').status).not.toBe('not-tested');
  });

  it('marks the value approximate, with its bound, in the report', () => {
    const result = compareTables(baselineProfile, current, defaultDriftOptions({ method: 'wasserstein_normed' }));
    const text = renderText(result);
    expect(text).toMatch(/train\.csv \(200,000 rows — profile\)/);
    expect(text).toMatch(/\d ± 0\.\d+/);
    expect(text).toMatch(/approximate: a side is a rank summary/);
  });
});
