/**
 * Numeric edge cases against SciPy 1.10.1 (values from scripts/make-edge-case-fixtures.py): a column
 * spanning ±1e308, Welch t-tests whose p-values are subnormal, and a side without values.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { ColumnResult } from '../../src/engine/result.js';
import { numericalSample } from '../../src/stattests/sample.js';
import { eppsSingleton } from '../../src/stattests/epps-singleton.js';
import { tTest } from '../../src/stattests/t-test.js';
import { tableOf } from '../helpers/tables.js';

interface Outcome {
  statistic?: number;
  p_value?: number;
  raises?: string;
}
interface TwoSamples {
  reference: number[];
  current: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/edge-cases/scipy.json', import.meta.url), 'utf8')) as {
  huge: TwoSamples &
    Record<'ks' | 'mann_whitney', Outcome> & { t_test_p_value_is_nan: boolean } & Record<
      'reference_mean' | 'reference_std' | 'current_mean' | 'current_std',
      number
    >;
  subnormal_t_tests: Array<TwoSamples & { statistic: number; p_value: number }>;
  nearly_singular_epps_singleton: TwoSamples & { statistic: number; p_value: number; condition_number: number };
  empty_side: Record<'ks' | 'mann_whitney' | 'chi2', Outcome>;
};

/** The golden corpus's rules: statistics within 1e-9 relative, p-values within 1e-6 relative. */
const expectStatistic = (got: number | undefined, expected: number) =>
  expect(Math.abs(got! - expected)).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected), 1e-12));
const expectPValue = (got: number | undefined, expected: number) =>
  expect(Math.abs(got! - expected)).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(expected), 1e-12));

function check(samples: TwoSamples, method?: string): ColumnResult {
  const options = defaultDriftOptions({ allMethods: true, ...(method ? { methods: new Map([['x', method]]) } : {}) });
  return compareTables(tableOf({ x: samples.reference }), tableOf({ x: samples.current }), options).columns[0];
}

describe('a column spanning ±1e308', () => {
  const { huge } = fixture;

  it('checks without overflowing: ks and Mann–Whitney as SciPy, the chart histogram finite', () => {
    for (const method of [undefined, 'ks']) {
      const column = check(huge, method);
      expect(column.status).toBe('drift');
      const edges = column.histogram?.kind === 'bins' ? column.histogram.edges : [];
      expect(edges.length).toBeGreaterThan(2);
      expect(edges.every(Number.isFinite)).toBe(true);
    }
    const { methods } = check(huge);
    expectStatistic(methods!.ks.statistic, huge.ks.statistic!);
    expectPValue(methods!.ks.p_value, huge.ks.p_value!);
    // SciPy returns NaN for Mann–Whitney on these raw values (its NaN check sums them and overflows); the
    // fixture holds its value on the values scaled by 1e-300, which have the same ranks.
    expectStatistic(methods!.mann_whitney.statistic, huge.mann_whitney.statistic!);
    expectPValue(methods!.mann_whitney.p_value, huge.mann_whitney.p_value!);
  });

  it('reports the exact means and standard deviations, and no t-test where SciPy has none', () => {
    const column = check(huge);
    for (const [got, expected] of [
      [column.baseline.mean, huge.reference_mean],
      [column.baseline.std, huge.reference_std],
      [column.current.mean, huge.current_mean],
      [column.current.std, huge.current_std],
    ]) {
      expect(Math.abs(got! - expected!) / Math.abs(expected!)).toBeLessThan(1e-12);
    }
    expect(huge.t_test_p_value_is_nan).toBe(true);
    expect(column.methods!.t_test).toBeUndefined();
  });
});

describe('Welch t-tests far in the tail', () => {
  it.each(fixture.subnormal_t_tests.map((testCase) => [testCase.p_value, testCase] as const))(
    "keeps SciPy's subnormal p-value %p",
    (_, testCase) => {
      const result = tTest.compute(numericalSample(testCase.reference, testCase.current))!;
      expectStatistic(result.statistic, testCase.statistic);
      // A subnormal carries few digits: within 1e-6 relative, or 4 units of the last place (2⁻¹⁰⁷⁴), and never 0.
      expect(result.p_value).toBeGreaterThan(0);
      expect(Math.abs(result.p_value! - testCase.p_value)).toBeLessThanOrEqual(Math.max(1e-6 * testCase.p_value, 4 * 2 ** -1074));
    },
  );
});

describe('Epps–Singleton on a nearly singular covariance', () => {
  it('matches SciPy within the golden tolerances at a condition number of about 2e7', () => {
    const testCase = fixture.nearly_singular_epps_singleton;
    expect(testCase.condition_number).toBeGreaterThan(1e7);
    const result = eppsSingleton.compute(numericalSample(testCase.reference, testCase.current))!;
    expectStatistic(result.statistic, testCase.statistic);
    expectPValue(result.p_value, testCase.p_value);
  });
});

describe('a side without values', () => {
  it('gets no value from any method, as SciPy refuses them all', () => {
    for (const outcome of Object.values(fixture.empty_side)) expect(outcome.raises).toMatch(/^ValueError: /);
    const reference = tableOf({
      x: Array.from({ length: 40 }, (_, row) => row / 7),
      c: Array.from({ length: 40 }, (_, row) => (row % 2 ? 'a' : 'b')),
    });
    const current = tableOf({ x: Array.from({ length: 40 }, () => null), c: Array.from({ length: 40 }, () => null) });
    const options = defaultDriftOptions({
      allMethods: true,
      declaredKinds: new Map([
        ['x', 'numerical'],
        ['c', 'categorical'],
      ]),
    });
    for (const column of compareTables(reference, current, options).columns) {
      expect({ name: column.name, methods: column.methods }).toEqual({ name: column.name, methods: {} });
    }
  });
});
