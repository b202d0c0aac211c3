import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, onValues, range, resultCheck } from '../helpers/scipy.js';
import { tTest } from '../../src/stattests/t-test.js';
import { categoricalSampleFromValues } from '../../src/stattests/sample.js';

const run = onValues(tTest);
const expectReference = resultCheck('t_test');

describe('t_test descriptor', () => {
  it('is a p-value test on numerical columns with the 0.05 default', () => {
    expectDescriptor(tTest, { name: 't_test', kinds: ['numerical'], output: 'p_value', defaultThreshold: 0.05 });
  });

  it('does not compute on categorical samples', () => {
    expect(tTest.compute(categoricalSampleFromValues(['a', 'b'], ['b']))).toBeUndefined();
  });
});

describeGolden(tTest, { columns: { moreThan: 20 } });

describe('t_test (Welch)', () => {
  it('matches SciPy on small samples with unequal variances', () => {
    // SciPy 1.10.1: stats.ttest_ind([1,2,3,4],[2,4,6,8,10], equal_var=False)
    //   -> t=-2.2514363231593695, p=0.06913359319239236
    expectReference(run([1, 2, 3, 4], [2, 4, 6, 8, 10]), -2.2514363231593695, 0.06913359319239236);
    // SciPy 1.10.1: stats.ttest_ind([0,1],[5,7], equal_var=False) -> t=-4.919349550499537, p=0.06928617334395318
    expectReference(run([0, 1], [5, 7]), -4.919349550499537, 0.06928617334395318);
  });

  it('handles heavy ties', () => {
    // SciPy 1.10.1: stats.ttest_ind([1,1,2,2,2,3],[2,3,3,3,4,4,4,4], equal_var=False)
    //   -> t=-3.81104948952113, p=0.002958421803899876
    expectReference(run([1, 1, 2, 2, 2, 3], [2, 3, 3, 3, 4, 4, 4, 4]), -3.81104948952113, 0.002958421803899876);
  });

  it('allows one constant side', () => {
    // SciPy 1.10.1: stats.ttest_ind([3,3,3],[1,2,4,6], equal_var=False) -> t=-0.22549380840084865, p=0.8360832258079627
    expectReference(run([3, 3, 3], [1, 2, 4, 6]), -0.22549380840084865, 0.8360832258079627);
  });

  it('keeps p-values deep in the tail', () => {
    // SciPy 1.10.1: stats.ttest_ind(range(10), range(100, 110), equal_var=False)
    //   -> t=-73.85489458759963, p=8.368872570703206e-24
    expectReference(run(range(0, 10), range(100, 110)), -73.85489458759963, 8.368872570703206e-24);
    // SciPy 1.10.1: a=[i/10 for i in range(100)]; b=[i/10+15 for i in range(100)]; stats.ttest_ind(a, b, equal_var=False)
    //   -> t=-36.56000086660744, p=5.471680121331152e-90
    const a = range(0, 100).map((i) => i / 10);
    const b = range(0, 100).map((i) => i / 10 + 15);
    expectReference(run(a, b), -36.56000086660744, 5.471680121331152e-90);
  });

  it('stays accurate on values with a large common offset', () => {
    // Reference from exact rational arithmetic on the same doubles (Python fractions.Fraction for the means,
    // variances and Welch df), then SciPy 1.10.1 special.stdtr(df, -|t|)*2:
    //   t=-0.6333005351380553, df=5.877471623088555, p=0.5503684040540762.
    // SciPy's ttest_ind itself gives t=-0.6332993272129914 here, because np.mean rounds the first mean to
    // 1000000000.2500001; the error is NumPy's, so the exact value is the expectation.
    expectReference(
      run([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3, 1e9 + 0.4], [1e9 + 0.15, 1e9 + 0.25, 1e9 + 0.35, 1e9 + 0.5]),
      -0.6333005351380553,
      0.5503684040540762,
    );
  });

  it('is 0 with p = 1 for identical samples', () => {
    expect(run([1.5, 2, 7, 3], [3, 7, 2, 1.5])).toEqual({ statistic: 0, p_value: 1 });
  });

  it('omits an infinite statistic but keeps p = 0 when two constant sides differ', () => {
    // SciPy 1.10.1: stats.ttest_ind([1.0,1],[2,2,2], equal_var=False) -> t=-inf, p=0.0 (df 0/0 -> 1)
    expect(run([1, 1], [2, 2, 2])).toEqual({ p_value: 0 });
  });

  it('uses df = 1 when the Welch–Satterthwaite terms underflow to 0/0', () => {
    // SciPy 1.10.1: stats.ttest_ind([0,1e-155,2e-155],[1e-155,3e-155,5e-155,8e-155], equal_var=False)
    //   -> t=-2.030258904551866, p=0.2913606708182603 (its df formula gives nan, replaced by 1)
    expectReference(run([0, 1e-155, 2e-155], [1e-155, 3e-155, 5e-155, 8e-155]), -2.030258904551866, 0.2913606708182603);
  });

  it('is undefined for two equal constant sides', () => {
    // SciPy 1.10.1: stats.ttest_ind([1.0,1],[1,1,1], equal_var=False) -> t=nan, p=nan
    expect(run([1, 1], [1, 1, 1])).toBeUndefined();
  });

  it('treats constant sides as exactly constant, unlike a rounded mean', () => {
    // SciPy 1.10.1: stats.ttest_ind(np.full(3, 0.1), np.full(7, 0.1), equal_var=False)
    //   -> t=2.449489742783178, p=0.08107009769840696: NumPy's means round to 0.10000000000000002 and
    //   0.09999999999999999 and leave ~1e-34 variances (a compensated sum also rounds 3·0.1 up). The samples
    //   are the same constant, so the test is 0/0, as for the golden `const` column.
    expect(run(new Float64Array(3).fill(0.1), new Float64Array(7).fill(0.1))).toBeUndefined();
    // Different constants: t = −∞ (omitted) and p = 0, as SciPy gives for exactly representable constants
    // ([1,1] vs [2,2,2] above). SciPy 1.10.1: stats.ttest_ind([0.1]*3, [0.2]*3, equal_var=False) instead gives
    // t=-4557322397432435.0, p=1.842351189741129e-46, from the same rounded-mean variance of ~1e-34.
    expect(run(new Float64Array(3).fill(0.1), new Float64Array(3).fill(0.2))).toEqual({ p_value: 0 });
  });

  it('is undefined when a side has a single value (no unbiased variance)', () => {
    // SciPy 1.10.1: stats.ttest_ind([1.0],[2,3,4], equal_var=False) -> t=nan, p=nan
    expect(run([1], [2, 3, 4])).toBeUndefined();
    expect(run([2, 3, 4], [1])).toBeUndefined();
  });
});
