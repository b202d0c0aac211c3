import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, lcgNormals, onValues, resultCheck } from '../helpers/scipy.js';
import { anderson } from '../../src/stattests/anderson.js';
import { categoricalSampleFromValues } from '../../src/stattests/sample.js';

const run = onValues(anderson);
const expectScipy = resultCheck('anderson');

describe('anderson descriptor', () => {
  it('is a p-value test on numerical columns with the 0.05 default', () => {
    expectDescriptor(anderson, {
      name: 'anderson',
      title: 'Anderson–Darling',
      kinds: ['numerical'],
      output: 'p_value',
      defaultThreshold: 0.05,
    });
  });

  it('does not compute on categorical samples', () => {
    expect(anderson.compute(categoricalSampleFromValues(['a', 'b'], ['b', 'c']))).toBeUndefined();
  });
});

describeGolden(anderson, { columns: { moreThan: 20 } });

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
