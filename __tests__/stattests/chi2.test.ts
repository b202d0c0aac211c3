import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, onCounts, resultCheck } from '../helpers/scipy.js';
import { chi2 } from '../../src/stattests/chi2.js';
import { numericalSample } from '../../src/stattests/sample.js';

const run = onCounts(chi2);

const expectReference = resultCheck('chi2');

describe('chi2 descriptor', () => {
  it('is a p-value test on categorical columns with the 0.05 default', () => {
    expectDescriptor(chi2, { name: 'chi2', kinds: ['categorical'], output: 'p_value', defaultThreshold: 0.05, applies: undefined });
  });

  it('does not compute on numerical samples', () => {
    expect(chi2.compute(numericalSample([1, 2], [3]))).toBeUndefined();
  });
});

// binary ×3, category_changes ×3, constant_column, csv_syntax ×2, identical_data, large_n ×2,
// missing_values, negative_scientific, no_drift, normal_shift, tiny_samples, unequal_sizes.
describeGolden(chi2, { columns: 18 });

describe('chi2 (Pearson, 2×k homogeneity)', () => {
  it('matches SciPy on a small table with unequal sizes', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[3,1,4],[1,5,9]], correction=False)
    //   -> 3.8124465811965815, p=0.14864070058928583, dof=2
    expectReference(run({ a: 3, b: 1, c: 4 }, { a: 1, b: 5, c: 9 }), 3.8124465811965815, 0.14864070058928583, 2);
  });

  it('applies no continuity correction on 2×2 tables', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[30,20],[20,30]], correction=False) -> 4.0, p=0.04550026389635857, dof=1
    // (SciPy's default Yates correction would give 3.24, p=0.07186063822585143)
    expectReference(run({ a: 30, b: 20 }, { a: 20, b: 30 }), 4.0, 0.04550026389635857, 1);
  });

  it('counts a category new in current as a column with a reference 0', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[30,20,0],[25,15,10]], correction=False)
    //   -> 11.168831168831169, p=0.0037559441607914095, dof=2
    expectReference(run({ a: 30, b: 20 }, { a: 25, b: 15, c: 10 }), 11.168831168831169, 0.0037559441607914095, 2);
  });

  it('counts a category gone from current as a column with a current 0', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[30,20,10],[40,20,0]], correction=False)
    //   -> 11.428571428571429, p=0.003298505755939092, dof=2
    expectReference(run({ a: 30, b: 20, c: 10 }, { a: 40, b: 20 }), 11.428571428571429, 0.003298505755939092, 2);
  });

  it('gives statistic 0, p 1 and dof 0 for a single category', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[5],[9]], correction=False) -> 0.0, 1.0, dof 0
    expect(run({ x: 5 }, { x: 9 })).toEqual({ statistic: 0, p_value: 1, dof: 0 });
  });

  it('is exactly 0 with p = 1 for identical counts', () => {
    expect(run({ a: 7, b: 3, c: 11 }, { a: 7, b: 3, c: 11 })).toEqual({ statistic: 0, p_value: 1, dof: 2 });
  });

  it('keeps p-values far in the tail on large unbalanced counts', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[500000,500000],[479000,521000]], correction=False)
    //   -> 882.389133607921, p=6.610790338384554e-194, dof=1
    expectReference(run({ a: 500000, b: 500000 }, { a: 479000, b: 521000 }), 882.389133607921, 6.610790338384554e-194, 1);
    // SciPy 1.10.1: stats.chi2_contingency([[500000,500000],[470000,530000]], correction=False)
    //   -> 1801.6214593133818, p=0.0, dof=1 (the true p ≈ 1.1e-393 is below the smallest double)
    const beyond = run({ a: 500000, b: 500000 }, { a: 470000, b: 530000 });
    expectReference(beyond, 1801.6214593133818, 0, 1);
    expect(beyond!.p_value).toBe(0);
  });
});
