import { describe, expect, it } from '@jest/globals';
import { describeGolden, goldenColumnsFor } from '../helpers/golden.js';
import { expectDescriptor, onCounts, resultCheck } from '../helpers/scipy.js';
import { gTestGof } from '../../src/stattests/g-test-gof.js';
import { numericalSample } from '../../src/stattests/sample.js';

const run = onCounts(gTestGof);

// A goodness-of-fit result has no dof field.
const expectReference = resultCheck('g_test_gof', { fields: ['p_value', 'statistic'] });

describe('g_test_gof descriptor', () => {
  it('is a p-value test on categorical columns with the 0.05 default', () => {
    expectDescriptor(gTestGof, {
      name: 'g_test_gof',
      kinds: ['categorical'],
      output: 'p_value',
      defaultThreshold: 0.05,
      applies: undefined,
    });
  });

  it('does not compute on numerical samples', () => {
    expect(gTestGof.compute(numericalSample([1, 2], [3]))).toBeUndefined();
  });
});

describeGolden(gTestGof, { columns: 18 }, () => {
  it('is undefined on 3 of them', async () => {
    const columns = await goldenColumnsFor('g_test_gof');
    expect(columns.filter(({ column }) => column.expected.undefined?.includes('g_test_gof')).length).toBe(3);
  });
});

describe('g_test_gof (current counts against reference proportions)', () => {
  it('matches SciPy with equal sizes', () => {
    // SciPy 1.10.1: stats.power_divergence([20.,30], [30.,20], lambda_=0) -> 8.109302162163285, p=0.004403867694977896
    expectReference(run({ a: 30, b: 20 }, { a: 20, b: 30 }), 8.109302162163285, 0.004403867694977896);
  });

  it('rescales the reference counts to the current size (ratio first)', () => {
    // SciPy 1.10.1: stats.power_divergence([12.,4], np.array([5.,3])*(16/8), lambda_=0)
    //   -> 1.131996498189595, p=0.28734988258162975
    expectReference(run({ a: 5, b: 3 }, { a: 12, b: 4 }), 1.131996498189595, 0.28734988258162975);
    // SciPy 1.10.1: stats.power_divergence([1.,5,9], np.array([3.,1,4])*(15/8), lambda_=0)
    //   -> 9.635638656227478, p=0.008084397349092694
    expectReference(run({ a: 3, b: 1, c: 4 }, { a: 1, b: 5, c: 9 }), 9.635638656227478, 0.008084397349092694);
  });

  it('is undefined when a category is new in current (expected count 0)', () => {
    // SciPy 1.10.1: stats.power_divergence([25.,15,10], [30.,20,0], lambda_=0) -> statistic=inf
    expect(run({ a: 30, b: 20 }, { a: 25, b: 15, c: 10 })).toBeUndefined();
  });

  it('counts a category gone from current (it adds 0 to the sum but keeps its degree of freedom)', () => {
    // SciPy 1.10.1: stats.power_divergence([40.,20,0], [30.,20,10], lambda_=0) -> 23.014565796142467, p=1.0056585161637529e-05
    expectReference(run({ a: 30, b: 20, c: 10 }, { a: 40, b: 20 }), 23.014565796142467, 1.0056585161637529e-5);
  });

  it('gives only the statistic 0 for a single category', () => {
    // SciPy 1.10.1: stats.power_divergence([9.], [5*(9/5)], lambda_=0) -> statistic=0.0, pvalue=nan
    expect(run({ x: 5 }, { x: 9 })).toEqual({ statistic: 0 });
  });

  it('is exactly 0 with p = 1 for identical counts', () => {
    expect(run({ a: 7, b: 3, c: 11 }, { a: 7, b: 3, c: 11 })).toEqual({ statistic: 0, p_value: 1 });
  });

  it('keeps p-values far in the tail on large unbalanced counts', () => {
    // SciPy 1.10.1: stats.power_divergence([485000.,515000], [500000.,500000], lambda_=0)
    //   -> 900.1350486234478, p=9.171973444501538e-198
    expectReference(run({ a: 500000, b: 500000 }, { a: 485000, b: 515000 }), 900.1350486234478, 9.171973444501538e-198);
  });
});
