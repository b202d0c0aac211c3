import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, onCounts, resultCheck } from '../helpers/scipy.js';
import { gTest } from '../../src/stattests/g-test.js';
import { numericalSample } from '../../src/stattests/sample.js';

const run = onCounts(gTest);

const expectReference = resultCheck('g_test');

describe('g_test descriptor', () => {
  it('is a p-value test on categorical columns with the 0.05 default', () => {
    expectDescriptor(gTest, { name: 'g_test', kinds: ['categorical'], output: 'p_value', defaultThreshold: 0.05, applies: undefined });
  });

  it('does not compute on numerical samples', () => {
    expect(gTest.compute(numericalSample([1, 2], [3]))).toBeUndefined();
  });
});

// binary ×3, category_changes ×3, constant_column, csv_syntax ×2, identical_data, large_n ×2,
// missing_values, negative_scientific, no_drift, normal_shift, tiny_samples, unequal_sizes.
describeGolden(gTest, { columns: 18 });

describe('g_test (log-likelihood ratio, 2×k homogeneity)', () => {
  it('matches SciPy on small tables', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[3,1,4],[1,5,9]], correction=False, lambda_="log-likelihood")
    //   -> 3.766461556462204, p=0.15209791647025903, dof=2
    expectReference(run({ a: 3, b: 1, c: 4 }, { a: 1, b: 5, c: 9 }), 3.766461556462204, 0.15209791647025903, 2);
    // SciPy 1.10.1: stats.chi2_contingency([[30,20],[20,30]], correction=False, lambda_="log-likelihood")
    //   -> 4.027102710137775, p=0.04477477232924418, dof=1
    expectReference(run({ a: 30, b: 20 }, { a: 20, b: 30 }), 4.027102710137775, 0.04477477232924418, 1);
  });

  it('counts a category new in current (the empty reference cell adds 0)', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[30,20,0],[25,15,10]], correction=False, lambda_="log-likelihood")
    //   -> 15.034852550523595, p=0.0005435296629421858, dof=2
    expectReference(run({ a: 30, b: 20 }, { a: 25, b: 15, c: 10 }), 15.034852550523595, 0.0005435296629421858, 2);
  });

  it('counts a category gone from current', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[30,20,10],[40,20,0]], correction=False, lambda_="log-likelihood")
    //   -> 15.29641423152521, p=0.0004768983866011425, dof=2
    expectReference(run({ a: 30, b: 20, c: 10 }, { a: 40, b: 20 }), 15.29641423152521, 0.0004768983866011425, 2);
  });

  it('gives statistic 0, p 1 and dof 0 for a single category', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[5],[9]], correction=False, lambda_="log-likelihood") -> 0.0, 1.0, dof 0
    expect(run({ x: 5 }, { x: 9 })).toEqual({ statistic: 0, p_value: 1, dof: 0 });
  });

  it('is exactly 0 with p = 1 for identical counts', () => {
    expect(run({ a: 7, b: 3, c: 11 }, { a: 7, b: 3, c: 11 })).toEqual({ statistic: 0, p_value: 1, dof: 2 });
  });

  it('keeps p-values far in the tail on large unbalanced counts', () => {
    // SciPy 1.10.1: stats.chi2_contingency([[500000,500000],[479000,521000]], correction=False, lambda_="log-likelihood")
    //   -> 882.4541438433444, p=6.399125515563987e-194, dof=1
    expectReference(run({ a: 500000, b: 500000 }, { a: 479000, b: 521000 }), 882.4541438433444, 6.399125515563987e-194, 1);
    // SciPy 1.10.1: same with [470000,530000] -> 1801.8930191650943, p=0.0 (the true p ≈ 9.9e-394 underflows)
    const beyond = run({ a: 500000, b: 500000 }, { a: 470000, b: 530000 });
    expectReference(beyond, 1801.8930191650943, 0, 1);
    expect(beyond!.p_value).toBe(0);
  });
});
