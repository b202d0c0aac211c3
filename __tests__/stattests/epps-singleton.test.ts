import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, lcgNormals, onValues, range, resultCheck } from '../helpers/scipy.js';
import { eppsSingleton } from '../../src/stattests/epps-singleton.js';
import { categoricalSampleFromValues } from '../../src/stattests/sample.js';

const run = onValues(eppsSingleton);
const expectScipy = resultCheck('epps_singleton');

describe('epps_singleton descriptor', () => {
  it('is a p-value test on numerical columns with the 0.05 default', () => {
    expectDescriptor(eppsSingleton, { name: 'epps_singleton', kinds: ['numerical'], output: 'p_value', defaultThreshold: 0.05 });
  });

  it('does not compute on categorical samples', () => {
    expect(eppsSingleton.compute(categoricalSampleFromValues(['a', 'b'], ['b', 'c']))).toBeUndefined();
  });
});

describeGolden(eppsSingleton, { columns: { moreThan: 20 } });

describe('epps_singleton small-sample correction (max(n, m) < 25)', () => {
  // In Python: a24 = [((i*7)%24)/3 for i in range(24)]; b24 = [((i*5)%24)/3+0.9 for i in range(24)]
  //            b25 = [((i*2)%25)/3+0.9 for i in range(25)]
  const a24 = range(0, 24).map((i) => ((i * 7) % 24) / 3);
  const b24 = range(0, 24).map((i) => ((i * 5) % 24) / 3 + 0.9);
  const b25 = range(0, 25).map((i) => ((i * 2) % 25) / 3 + 0.9);

  it('applies the correction when both sides have fewer than 25 values', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp(a24, b24) -> 3.431208154268619, p 0.48841508418885604
    //   (the uncorrected W would be 3.431208154268619 / 0.7897943846177126 = 4.344432197918755)
    expectScipy(run(a24, b24), 3.431208154268619, 0.48841508418885604);
  });

  it('does not apply it once one side has 25 values', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp(a24, b25) -> 5.5433096840823115, p 0.2359486725635721
    expectScipy(run(a24, b25), 5.5433096840823115, 0.2359486725635721);
  });

  it('works at the minimum of 5 values a side', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp([1,2,3,4,5],[2,3,4,5,6.5]) -> 0.922568689823067, p 0.9213008800930216
    expectScipy(run([1, 2, 3, 4, 5], [2, 3, 4, 5, 6.5]), 0.922568689823067, 0.9213008800930216);
  });
});

describe('epps_singleton edge cases', () => {
  it('gives W = 0 and p = 1 for identical samples', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp([1.5,2,7,3,9,4],[1.5,2,7,3,9,4]) -> 0.0, p 1.0
    expectScipy(run([1.5, 2, 7, 3, 9, 4], [1.5, 2, 7, 3, 9, 4]), 0, 1);
  });

  it('handles heavy ties with 5 distinct values (full rank)', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp([0,1,2,3,4,0,1],[4,3,2,1,0,0]) -> 0.1251535755970072, p 0.9981218681766801
    expectScipy(run([0, 1, 2, 3, 4, 0, 1], [4, 3, 2, 1, 0, 0]), 0.1251535755970072, 0.9981218681766801);
    // SciPy 1.10.1: stats.epps_singleton_2samp([i%5 for i in range(40)], [(i%7)//1.5 for i in range(35)])
    //   -> 2.261103633915916, p 0.6878594141723113
    const reference = range(0, 40).map((i) => i % 5);
    const current = range(0, 35).map((i) => Math.floor((i % 7) / 1.5));
    expectScipy(run(reference, current), 2.261103633915916, 0.6878594141723113);
  });

  it('is undefined with fewer than 5 values on a side', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp([1,2,3,4],[2,3,4,5,6.5]) raises ValueError
    expect(run([1, 2, 3, 4], [2, 3, 4, 5, 6.5])).toBeUndefined();
    expect(run([2, 3, 4, 5, 6.5], [1, 2, 3, 4])).toBeUndefined();
  });

  it('is undefined when the pooled IQR is 0 although the values vary', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp([0]*10+[1,2], [0]*8+[3]) raises LinAlgError (SVD did not converge)
    expect(run([...Array<number>(10).fill(0), 1, 2], [...Array<number>(8).fill(0), 3])).toBeUndefined();
  });

  it('is undefined when the covariance is rank-deficient (4 distinct values)', () => {
    // SciPy 1.10.1: stats.epps_singleton_2samp([0,1,2,3,0,1],[3,2,1,0,0]) warns that the covariance does not
    // have full rank and returns 0.1040485595168474 with fewer degrees of freedom; the corpus omits such values.
    expect(run([0, 1, 2, 3, 0, 1], [3, 2, 1, 0, 0])).toBeUndefined();
  });

  it('keeps digits far into the tail', () => {
    // In Python: x = [(i*0.37)%50 for i in range(20000)]; y = [(i*0.41)%53 for i in range(30000)]
    // SciPy 1.10.1: stats.epps_singleton_2samp(x, y) -> 886.2622018499078, p 1.57804467806129e-190
    const reference = range(0, 20000).map((i) => (i * 0.37) % 50);
    const current = range(0, 30000).map((i) => (i * 0.41) % 53);
    expectScipy(run(reference, current), 886.2622018499078, 1.57804467806129e-190);
  });

  it('handles 50 000 values', () => {
    const reference = lcgNormals(12345, 20000, 0, 1);
    const current = lcgNormals(987654321, 30000, 0.01, 1);
    // SciPy 1.10.1: stats.epps_singleton_2samp(x, y) on the same lcgNormals (Python port of the generator)
    //   -> 12.447881522039205, p 0.014313671560812778
    expectScipy(run(reference, current), 12.447881522039205, 0.014313671560812778);
  });
});
