import { describe, expect, it } from '@jest/globals';
import { describeGolden, goldenColumnsFor } from '../helpers/golden.js';
import { expectDescriptor, onCounts, resultCheck } from '../helpers/scipy.js';
import { chi2Gof } from '../../src/stattests/chi2-gof.js';
import { numericalSample } from '../../src/stattests/sample.js';

const run = onCounts(chi2Gof);

// A goodness-of-fit result has no dof field.
const expectReference = resultCheck('chi2_gof', { fields: ['p_value', 'statistic'] });

describe('chi2_gof descriptor', () => {
  it('is a p-value test on categorical columns with the 0.05 default', () => {
    expectDescriptor(chi2Gof, { name: 'chi2_gof', kinds: ['categorical'], output: 'p_value', defaultThreshold: 0.05, applies: undefined });
  });

  it('does not compute on numerical samples', () => {
    expect(chi2Gof.compute(numericalSample([1, 2], [3]))).toBeUndefined();
  });
});

describeGolden(chi2Gof, { columns: 18 }, () => {
  it('is undefined on 3 of them', async () => {
    const columns = await goldenColumnsFor('chi2_gof');
    // category_changes/mixed_change, category_changes/new_only and large_n/cat have categories new in current.
    expect(columns.filter(({ column }) => column.expected.undefined?.includes('chi2_gof')).length).toBe(3);
  });
});

describe('chi2_gof (current counts against reference proportions)', () => {
  it('matches SciPy with equal sizes', () => {
    // SciPy 1.10.1: stats.chisquare([20,30], [30,20]) -> 8.333333333333334, p=0.003892417122778637
    expectReference(run({ a: 30, b: 20 }, { a: 20, b: 30 }), 8.333333333333334, 0.003892417122778637);
  });

  it('rescales the reference counts to the current size (ratio first)', () => {
    // SciPy 1.10.1: stats.chisquare([12.,4], np.array([5.,3])*(16/8)) -> 1.0666666666666667, p=0.30169958247834494
    expectReference(run({ a: 5, b: 3 }, { a: 12, b: 4 }), 1.0666666666666667, 0.30169958247834494);
    // SciPy 1.10.1: stats.chisquare([1.,5,9], np.array([3.,1,4])*(15/8)) -> 9.311111111111112, p=0.00950862920253162
    expectReference(run({ a: 3, b: 1, c: 4 }, { a: 1, b: 5, c: 9 }), 9.311111111111112, 0.00950862920253162);
  });

  it('is undefined when a category is new in current (expected count 0)', () => {
    // SciPy 1.10.1: stats.chisquare([25.,15,10], np.array([30.,20,0])*(50/50)) -> statistic=inf
    expect(run({ a: 30, b: 20 }, { a: 25, b: 15, c: 10 })).toBeUndefined();
  });

  it('counts a category gone from current', () => {
    // SciPy 1.10.1: stats.chisquare([40.,20,0], np.array([30.,20,10])*(60/60)) -> 13.333333333333334, p=0.0012726338013398079
    expectReference(run({ a: 30, b: 20, c: 10 }, { a: 40, b: 20 }), 13.333333333333334, 0.0012726338013398079);
  });

  it('gives only the statistic 0 for a single category', () => {
    // SciPy 1.10.1: stats.chisquare([9.], [5*(9/5)]) -> statistic=0.0, pvalue=nan
    expect(run({ x: 5 }, { x: 9 })).toEqual({ statistic: 0 });
  });

  it('is exactly 0 with p = 1 for identical counts', () => {
    expect(run({ a: 7, b: 3, c: 11 }, { a: 7, b: 3, c: 11 })).toEqual({ statistic: 0, p_value: 1 });
  });

  it('keeps p-values far in the tail on large unbalanced counts', () => {
    // SciPy 1.10.1: stats.chisquare([485000.,515000], [500000.,500000]) -> 900.0, p=9.813427854296455e-198
    expectReference(run({ a: 500000, b: 500000 }, { a: 485000, b: 515000 }), 900, 9.813427854296455e-198);
    // SciPy 1.10.1: stats.chisquare([479000.,521000], [500000.,500000]) -> 1764.0, p=0.0 (true p ≈ 1.7e-385, below the smallest double)
    const beyond = run({ a: 500000, b: 500000 }, { a: 479000, b: 521000 });
    expectReference(beyond, 1764, 0);
    expect(beyond!.p_value).toBe(0);
  });
});
