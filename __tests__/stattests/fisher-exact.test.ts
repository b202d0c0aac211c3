import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, resultCheck, twoByTwoDomain } from '../helpers/scipy.js';
import { fisherExact } from '../../src/stattests/fisher-exact.js';
import { categoricalSample } from '../../src/stattests/sample.js';
import type { TestResult } from '../../src/stattests/types.js';

/**
 * fisher_exact on the 2×2 table [[a_A, a_B], [b_A, b_B]] as SciPy takes it: row 1 the reference counts,
 * row 2 the current counts, columns A and B (a category with no count on either side is dropped).
 */
function runTable([[referenceA, referenceB], [currentA, currentB]]: number[][]): TestResult | undefined {
  const reference = new Map([
    ['A', referenceA],
    ['B', referenceB],
  ]);
  const current = new Map([
    ['A', currentA],
    ['B', currentB],
  ]);
  return fisherExact.compute(categoricalSample(reference, current));
}

/** The odds ratio is given as `undefined` where SciPy's is inf or nan. */
const expectReference = resultCheck('fisher_exact');

describe('fisher_exact descriptor', () => {
  it('is a p-value test on categorical columns with the 0.05 default', () => {
    expectDescriptor(fisherExact, { name: 'fisher_exact', kinds: ['categorical'], output: 'p_value', defaultThreshold: 0.05 });
  });

  it('applies to categorical samples with at most two categories in total', () => {
    for (const { label, sample, inside } of twoByTwoDomain) {
      expect({ label, applies: fisherExact.applies!(sample) }).toEqual({ label, applies: inside });
    }
  });

  it('does not compute on numerical samples or on more than two categories', () => {
    for (const { label, sample } of twoByTwoDomain.filter(({ inside }) => !inside)) {
      expect({ label, got: fisherExact.compute(sample) }).toEqual({ label, got: undefined });
    }
  });
});

// binary ×3, category_changes/single, constant_column/const_cat.
describeGolden(fisherExact, { columns: 5, appliesWhereListed: true });

describe('fisher_exact (SciPy two-sided)', () => {
  it('matches SciPy on small tables', () => {
    // SciPy 1.10.1: stats.fisher_exact([[1,9],[11,3]]) -> 0.030303030303030304, p=0.0027594561852200836
    expectReference(
      runTable([
        [1, 9],
        [11, 3],
      ]),
      0.030303030303030304,
      0.0027594561852200836,
    );
    // SciPy 1.10.1: stats.fisher_exact([[2,7],[9,3]]) -> 0.09523809523809523, p=0.02997312285237982
    expectReference(
      runTable([
        [2, 7],
        [9, 3],
      ]),
      0.09523809523809523,
      0.02997312285237982,
    );
    // SciPy 1.10.1: stats.fisher_exact([[1,3],[3,1]]) -> 0.1111111111111111, p=0.48571428571428565
    expectReference(
      runTable([
        [1, 3],
        [3, 1],
      ]),
      0.1111111111111111,
      0.48571428571428565,
    );
  });

  it('counts tables exactly as probable as the observed one, also when the tie is a coincidence', () => {
    // Hypergeometric(15, 4, 4): P(X=0) = P(X=2) = 22/91 exactly, without any symmetry of the margins.
    // SciPy 1.10.1: stats.fisher_exact([[0,4],[4,7]]) -> 0.0, p=0.5164835164835164
    //   (without the tied table the sum would be 0.2747252747252747)
    expectReference(
      runTable([
        [0, 4],
        [4, 7],
      ]),
      0,
      0.5164835164835164,
    );
    // SciPy 1.10.1: stats.fisher_exact([[2,2],[2,9]]) -> 4.5, p=0.5164835164835164
    expectReference(
      runTable([
        [2, 2],
        [2, 9],
      ]),
      4.5,
      0.5164835164835164,
    );
    // Hypergeometric(151, 19, 64): P(X=7) = P(X=9), on either side of the mode 8.
    // SciPy 1.10.1: stats.fisher_exact([[7,12],[57,75]]) -> 0.7675438596491229, p=0.804552621739939
    expectReference(
      runTable([
        [7, 12],
        [57, 75],
      ]),
      0.7675438596491229,
      0.804552621739939,
    );
    // SciPy 1.10.1: stats.fisher_exact([[9,10],[55,77]]) -> 1.26, p=0.804552621739939
    expectReference(
      runTable([
        [9, 10],
        [55, 77],
      ]),
      1.26,
      0.804552621739939,
    );
  });

  it('is 1 when the observed table is as probable as the mode (two modes)', () => {
    // Hypergeometric(10, 2, 3): P(X=0) = P(X=1) = 7/15, both modes.
    // SciPy 1.10.1: stats.fisher_exact([[0,2],[3,5]]) -> 0.0, p=1.0; stats.fisher_exact([[1,1],[2,6]]) -> 3.0, p=1.0
    expect(
      runTable([
        [0, 2],
        [3, 5],
      ]),
    ).toEqual({ statistic: 0, p_value: 1 });
    expect(
      runTable([
        [1, 1],
        [2, 6],
      ]),
    ).toEqual({ statistic: 3, p_value: 1 });
  });

  it('omits an infinite odds ratio for a category only in current, and keeps the p-value', () => {
    // SciPy 1.10.1: stats.fisher_exact([[10,0],[5,5]]) -> inf, p=0.032507739938080496
    expectReference(
      runTable([
        [10, 0],
        [5, 5],
      ]),
      undefined,
      0.032507739938080496,
    );
    // SciPy 1.10.1: stats.fisher_exact([[7,0],[3,5]]) -> inf, p=0.02564102564102564
    expectReference(
      runTable([
        [7, 0],
        [3, 5],
      ]),
      undefined,
      0.02564102564102564,
    );
    // SciPy 1.10.1: stats.fisher_exact([[4,0],[0,4]]) -> inf, p=0.028571428571428567
    expectReference(
      runTable([
        [4, 0],
        [0, 4],
      ]),
      undefined,
      0.028571428571428567,
    );
  });

  it('reports an odds ratio of 0 for a category only in reference', () => {
    // SciPy 1.10.1: stats.fisher_exact([[5,5],[10,0]]) -> 0.0, p=0.032507739938080496
    expectReference(
      runTable([
        [5, 5],
        [10, 0],
      ]),
      0,
      0.032507739938080496,
    );
    // SciPy 1.10.1: stats.fisher_exact([[0,5],[5,0]]) -> 0.0, p=0.007936507936507938
    expectReference(
      runTable([
        [0, 5],
        [5, 0],
      ]),
      0,
      0.007936507936507938,
    );
  });

  it('gives p = 1 and no odds ratio when a margin is 0 (one category in total)', () => {
    // SciPy 1.10.1: stats.fisher_exact([[5,0],[9,0]]) and stats.fisher_exact([[0,5],[0,9]]) -> nan, p=1.0
    expect(
      runTable([
        [5, 0],
        [9, 0],
      ]),
    ).toEqual({ p_value: 1 });
    expect(
      runTable([
        [0, 5],
        [0, 9],
      ]),
    ).toEqual({ p_value: 1 });
  });

  it('counts the mirror table on large symmetric margins (equal sizes)', () => {
    // ln-factorials of 300000 are ~3.5e6, so their rounding alone could not tell these two tables apart.
    // SciPy 1.10.1: stats.fisher_exact([[151500,148500],[148500,151500]]) -> 1.0408121620242832, p=9.67562819938233e-15
    //   (each tail is 4.837814099691165e-15: hypergeom(600000,300000,300000).cdf(148500))
    expectReference(
      runTable([
        [151500, 148500],
        [148500, 151500],
      ]),
      1.0408121620242832,
      9.67562819938233e-15,
    );
    // SciPy 1.10.1: stats.fisher_exact([[151501,148499],[148500,151500]]) -> 1.0408260410011263, p=9.480999410103697e-15
    expectReference(
      runTable([
        [151501, 148499],
        [148500, 151500],
      ]),
      1.0408260410011263,
      9.480999410103697e-15,
    );
  });

  it('is accurate on large counts, on either side of the mode', () => {
    // SciPy 1.10.1: stats.fisher_exact([[250000,250000],[250100,249900]]) -> 0.9992003198720512, p=0.8430450730552606
    //   (a 50-digit mpmath sum of the same tables gives 0.8430450730357207; both are within the tolerance)
    expectReference(
      runTable([
        [250000, 250000],
        [250100, 249900],
      ]),
      0.9992003198720512,
      0.8430450730552606,
    );
    // SciPy 1.10.1: stats.fisher_exact([[250000,250000],[251000,249000]]) -> 0.9920318725099602, p=0.045716172892690705
    expectReference(
      runTable([
        [250000, 250000],
        [251000, 249000],
      ]),
      0.9920318725099602,
      0.045716172892690705,
    );
    // SciPy 1.10.1: stats.fisher_exact([[120000,80000],[355000,205000]]) -> 0.8661971830985915, p=1.408712392465937e-158
    expectReference(
      runTable([
        [120000, 80000],
        [355000, 205000],
      ]),
      0.8661971830985915,
      1.408712392465937e-158,
    );
    // SciPy 1.10.1: stats.fisher_exact([[355000,205000],[120000,80000]]) -> 1.1544715447154472, p=1.408712392465937e-158
    expectReference(
      runTable([
        [355000, 205000],
        [120000, 80000],
      ]),
      1.1544715447154472,
      1.408712392465937e-158,
    );
    // SciPy 1.10.1: stats.fisher_exact([[120000,80000],[330000,230000]]) -> 1.0454545454545454, p=5.644204111917236e-17
    expectReference(
      runTable([
        [120000, 80000],
        [330000, 230000],
      ]),
      1.0454545454545454,
      5.644204111917236e-17,
    );
    // SciPy 1.10.1: stats.fisher_exact([[500000,1],[499990,11]]) -> 11.000220004400088, p=0.006347366215457648
    expectReference(
      runTable([
        [500000, 1],
        [499990, 11],
      ]),
      11.000220004400088,
      0.006347366215457648,
    );
  });

  it('keeps p-values far in the tail, and is 0 only where SciPy underflows too', () => {
    // SciPy 1.10.1: stats.fisher_exact([[200000,100000],[190000,110000]]) -> 1.1578947368421053, p=2.3623646079380614e-161
    expectReference(
      runTable([
        [200000, 100000],
        [190000, 110000],
      ]),
      1.1578947368421053,
      2.3623646079380614e-161,
    );
    // SciPy 1.10.1: stats.fisher_exact([[200000,100000],[188000,112000]]) -> 1.1914893617021276, p=1.7793033625446589e-230
    expectReference(
      runTable([
        [200000, 100000],
        [188000, 112000],
      ]),
      1.1914893617021276,
      1.7793033625446589e-230,
    );
    // SciPy 1.10.1: stats.fisher_exact([[200000,100000],[180000,120000]]) -> 1.3333333333333333, p=0.0
    const beyond = runTable([
      [200000, 100000],
      [180000, 120000],
    ]);
    expectReference(beyond, 1.3333333333333333, 0);
    expect(beyond!.p_value).toBe(0);
  });
});
