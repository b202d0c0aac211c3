import { describe, expect, it } from '@jest/globals';
import { expectGolden, goldenColumnsFor, withinTolerance } from '../helpers/golden.js';
import { anderson } from '../../src/stattests/anderson.js';
import { categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';
import type { TestResult } from '../../src/stattests/types.js';

function run(reference: ArrayLike<number>, current: ArrayLike<number>): TestResult | undefined {
  return anderson.compute(numericalSample(reference, current));
}

/** Asserts A2 and p against SciPy with the corpus tolerances. */
function expectScipy(got: TestResult | undefined, statistic: number, pValue: number): void {
  expect(got).toBeDefined();
  const ok = {
    statistic: withinTolerance('anderson', 'statistic', got!.statistic!, statistic),
    p_value: withinTolerance('anderson', 'p_value', got!.p_value!, pValue),
  };
  expect({ got, ok }).toEqual({ got, ok: { statistic: true, p_value: true } });
}

/**
 * Deterministic normal-ish values reproducible in Python: MINSTD (48271·s mod 2^31−1, exact in doubles),
 * the sum of 12 uniforms minus 6, times `scale`, plus `shift`.
 */
function lcgNormals(seed: number, count: number, shift: number, scale: number): number[] {
  let state = seed;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let total = 0;
    for (let j = 0; j < 12; j++) {
      state = (48271 * state) % 2147483647;
      total += state / 2147483647;
    }
    out.push((total - 6) * scale + shift);
  }
  return out;
}

describe('anderson descriptor', () => {
  it('is a p-value test on numerical columns with the 0.05 default', () => {
    expect(anderson.name).toBe('anderson');
    expect(anderson.kinds).toEqual(['numerical']);
    expect(anderson.output).toBe('p_value');
    expect(anderson.defaultThreshold).toBe(0.05);
    expect(anderson.title).toBe('Anderson–Darling');
  });

  it('does not compute on categorical samples', () => {
    expect(anderson.compute(categoricalSampleFromValues(['a', 'b'], ['b', 'c']))).toBeUndefined();
  });
});

describe('anderson golden corpus', () => {
  it('matches every golden column', async () => {
    const columns = await goldenColumnsFor('anderson');
    expect(columns.length).toBeGreaterThan(20);
    for (const { caseName, column } of columns) {
      expectGolden('anderson', anderson.compute(column.sample), column.expected, `${caseName}/${column.name}`);
    }
  });
});

describe('anderson p-value interpolation', () => {
  it('interpolates ln p quadratically inside the table', () => {
    // SciPy 1.10.1: stats.anderson_ksamp([[1,2],[3,4]]) -> 1.5427784316797186, p 0.07502559142197442
    expectScipy(run([1, 2], [3, 4]), 1.5427784316797186, 0.07502559142197442);
    // SciPy 1.10.1: stats.anderson_ksamp([[1,2],[2,3]]) -> 0.530330085889903, p 0.20041903159316168
    expectScipy(run([1, 2], [2, 3]), 0.530330085889903, 0.20041903159316168);
    // SciPy 1.10.1: stats.anderson_ksamp([[1,2,3],[4,5]]) -> 2.0475044121331405, p 0.04661526508882694
    expectScipy(run([1, 2, 3], [4, 5]), 2.0475044121331405, 0.04661526508882694);
    // SciPy 1.10.1: stats.anderson_ksamp([[1,2,3,4,5,6],[3.5,4.5,5.5,6.5,7.5,8.5]])
    //   -> 1.816489009825421, p 0.057893177575290514
    expectScipy(run([1, 2, 3, 4, 5, 6], [3.5, 4.5, 5.5, 6.5, 7.5, 8.5]), 1.816489009825421, 0.057893177575290514);
  });

  it('caps p at exactly 0.25 below the smallest critical value', () => {
    // SciPy 1.10.1: stats.anderson_ksamp([[1,1,2],[1,2]]) -> -1.6930269040894181, p 0.25 (capped)
    const got = run([1, 1, 2], [1, 2]);
    expectScipy(got, -1.6930269040894181, 0.25);
    expect(got!.p_value).toBe(0.25);
    // SciPy 1.10.1: stats.anderson_ksamp([[1,2,3,4],[1,2,3,4]]) -> -1.6399445001598159, p 0.25
    expectScipy(run([1, 2, 3, 4], [1, 2, 3, 4]), -1.6399445001598159, 0.25);
  });

  it('floors p at exactly 0.001 above the largest critical value', () => {
    const ranks = Array.from({ length: 20 }, (_, i) => i + 1);
    // SciPy 1.10.1: stats.anderson_ksamp([list(range(1,11)), list(range(11,21))]) -> 9.85747217001257, p 0.001
    const got = run(ranks.slice(0, 10), ranks.slice(10));
    expectScipy(got, 9.85747217001257, 0.001);
    expect(got!.p_value).toBe(0.001);
  });
});

describe('anderson ties and sizes', () => {
  it('uses midranks for tied values', () => {
    // SciPy 1.10.1: stats.anderson_ksamp([[1,1,1,2,2,3],[2,3,3,3,4,4]]) -> 5.015122924818343, p 0.0034257261120775634
    expectScipy(run([1, 1, 1, 2, 2, 3], [2, 3, 3, 3, 4, 4]), 5.015122924818343, 0.0034257261120775634);
    // Two distinct values only, one giant tie group:
    // SciPy 1.10.1: stats.anderson_ksamp([[0]*50+[1], [0]*40+[1]*11]) -> 11.172804451208712, p 0.001
    const reference = [...Array<number>(50).fill(0), 1];
    const current = [...Array<number>(40).fill(0), ...Array<number>(11).fill(1)];
    expectScipy(run(reference, current), 11.172804451208712, 0.001);
  });

  it('is undefined with a single distinct pooled value', () => {
    // SciPy 1.10.1: stats.anderson_ksamp([[5,5,5],[5,5]]) raises ValueError (one distinct observation)
    expect(run([5, 5, 5], [5, 5])).toBeUndefined();
  });

  it('is undefined when N <= 3 (the null variance is 0/0)', () => {
    // SciPy 1.10.1: stats.anderson_ksamp([[1,2],[3]]) -> nan, nan; ([[1],[2]]) raises IndexError
    expect(run([1, 2], [3])).toBeUndefined();
    expect(run([1], [2, 3])).toBeUndefined();
    expect(run([1], [2])).toBeUndefined();
  });

  it('handles 50 000 values with the interpolated p-value', () => {
    const reference = lcgNormals(12345, 20000, 0, 1);
    const current = lcgNormals(987654321, 30000, 0.01, 1);
    // SciPy 1.10.1: stats.anderson_ksamp([x, y]) on the same lcgNormals (Python port of the generator)
    //   -> 3.54642606411835, p 0.011980304096854348
    expectScipy(run(reference, current), 3.54642606411835, 0.011980304096854348);
  });
});
