import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { resultCheck } from '../helpers/scipy.js';
import { ks } from '../../src/stattests/ks.js';
import { ksAsymp } from '../../src/stattests/ks-asymp.js';
import { ksExact } from '../../src/stattests/ks-exact.js';
import { categoricalSampleFromValues, numericalSample } from '../../src/stattests/sample.js';
import type { StatTest, TestResult } from '../../src/stattests/types.js';

const range = (count: number, f: (i: number) => number = (i) => i): number[] => Array.from({ length: count }, (_, i) => f(i));

function run(test: StatTest, reference: ArrayLike<number>, current: ArrayLike<number>): TestResult | undefined {
  return test.compute(numericalSample(reference, current));
}

// The three KS methods share the corpus's tolerances; a p-value left out of `want` must be absent.
const scipy = resultCheck('ks');
const expectScipy = (got: TestResult | undefined, want: { statistic: number; p_value?: number }): void =>
  scipy(got, want.statistic, want.p_value);

/** For tails far below the corpus's 1e-12 absolute floor: relative agreement only. */
function expectTail(got: number | undefined, want: number): void {
  const ok = got !== undefined && got > 0 && Math.abs(got - want) <= 1e-9 * want;
  expect({ got, want, ok }).toEqual({ got, want, ok: true });
}

describe('KS descriptors', () => {
  it.each([
    ['ks', ks],
    ['ks_exact', ksExact],
    ['ks_asymp', ksAsymp],
  ] as const)('%s is a numerical p-value test with threshold 0.05', (name, test) => {
    expect(test.name).toBe(name);
    expect(test.kinds).toEqual(['numerical']);
    expect(test.output).toBe('p_value');
    expect(test.defaultThreshold).toBe(0.05);
    expect(test.title.length).toBeGreaterThan(0);
    // A cell of the README's method table: lower case, no closing period.
    expect(test.description).toMatch(/^[a-z].*[^.]$/);
    expect(test.compute(categoricalSampleFromValues(['a'], ['b']))).toBeUndefined();
  });

  it('ks_exact applies up to 10000 values a side, the others always', () => {
    const atLimit = numericalSample(new Float64Array(10000), new Float64Array(3));
    const overLimit = numericalSample(new Float64Array(3), new Float64Array(10001));
    expect(ksExact.applies?.(atLimit)).toBe(true);
    expect(ksExact.applies?.(overLimit)).toBe(false);
    expect(ks.applies).toBeUndefined();
    expect(ksAsymp.applies).toBeUndefined();
  });
});

describeGolden(ks, { columns: { moreThan: 20 } });
// The corpus leaves ks_exact out exactly where max(n, m) > 10000.
describeGolden(ksExact, { columns: { moreThan: 20 }, appliesWhereListed: true });
describeGolden(ksAsymp, { columns: { moreThan: 20 } });

describe('KS statistic', () => {
  it('reports the raw D for ks_asymp and the lattice-rounded h/lcm(n, m) for ks_exact', () => {
    // SciPy 1.10.1: stats.ks_2samp([1,2,3],[2.5,3.5,4,5,6,7,8], method='exact')  -> (0.8571428571428571, 0.06666666666666667)
    //               stats.ks_2samp([1,2,3],[2.5,3.5,4,5,6,7,8], method='asymp')  -> (0.8571428571428572, 0.04081632653061221)
    const exact = run(ksExact, [1, 2, 3], [2.5, 3.5, 4, 5, 6, 7, 8]);
    const asymp = run(ksAsymp, [1, 2, 3], [2.5, 3.5, 4, 5, 6, 7, 8]);
    expect(exact?.statistic).toBe(0.8571428571428571);
    expect(asymp?.statistic).toBe(0.8571428571428572);
    expectScipy(exact, { statistic: 0.8571428571428571, p_value: 0.06666666666666667 });
    expectScipy(asymp, { statistic: 0.8571428571428572, p_value: 0.04081632653061221 });
  });

  it('handles ties within and across the samples', () => {
    // SciPy 1.10.1: stats.ks_2samp([1,1,2,2,2,3],[2,2,3,3,3,3,4], method='exact') -> (0.5476190476190477, 0.21212121212121213)
    //               method='asymp' -> (0.5476190476190477, 0.23172443580606836)
    expectScipy(run(ksExact, [1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 3, 3, 4]), { statistic: 0.5476190476190477, p_value: 0.21212121212121213 });
    expectScipy(run(ksAsymp, [1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 3, 3, 4]), { statistic: 0.5476190476190477, p_value: 0.23172443580606836 });
  });

  it('treats -0 and 0 as one value', () => {
    // SciPy 1.10.1: stats.ks_2samp([-0.0,1,2],[0.0,0.0,3], method='exact') -> (0.3333333333333333, 1.0)
    //               method='asymp' -> (0.33333333333333337, 0.9444444444444444)
    expectScipy(run(ksExact, [-0, 1, 2], [0, 0, 3]), { statistic: 0.3333333333333333, p_value: 1 });
    expectScipy(run(ksAsymp, [-0, 1, 2], [0, 0, 3]), { statistic: 0.33333333333333337, p_value: 0.9444444444444444 });
  });

  it('is 0 with p = 1 for identical samples and for one constant value', () => {
    // SciPy 1.10.1: stats.ks_2samp([1,2,2,3],[3,2,1,2], method=...) -> (0.0, 1.0) for 'exact', 'asymp' and 'auto';
    //               likewise stats.ks_2samp([5,5,5],[5,5])
    for (const test of [ks, ksExact, ksAsymp]) {
      expect(run(test, [1, 2, 2, 3], [3, 2, 1, 2])).toEqual({ statistic: 0, p_value: 1 });
      expect(run(test, [5, 5, 5], [5, 5])).toEqual({ statistic: 0, p_value: 1 });
    }
  });
});

describe('KS tiny samples', () => {
  it('one value a side: exact p = 1; the asymptotic size rounds to 0, so it has no p-value', () => {
    // SciPy 1.10.1: stats.ks_2samp([1.],[2.], method='exact') -> (1.0, 1.0); method='asymp' -> (1.0, nan)
    expectScipy(run(ksExact, [1], [2]), { statistic: 1, p_value: 1 });
    expectScipy(run(ks, [1], [2]), { statistic: 1, p_value: 1 });
    expectScipy(run(ksAsymp, [1], [2]), { statistic: 1 });
  });

  it('one value against five', () => {
    // SciPy 1.10.1: stats.ks_2samp([3.],[1,2,4,5,6], method='exact') -> (0.6, 1.0); method='asymp' -> (0.6, 0.8)
    expectScipy(run(ksExact, [3], [1, 2, 4, 5, 6]), { statistic: 0.6, p_value: 1 });
    expectScipy(run(ksAsymp, [3], [1, 2, 4, 5, 6]), { statistic: 0.6, p_value: 0.8 });
  });

  it('complete separation of 3 and 2 values: exact 1/C(5,2)·2, asymptotic 0', () => {
    // SciPy 1.10.1: stats.ks_2samp([1,2,3],[4,5], method='exact') -> (1.0, 0.2); method='asymp' -> (1.0, 0.0)
    expectScipy(run(ksExact, [1, 2, 3], [4, 5]), { statistic: 1, p_value: 0.2 });
    expectScipy(run(ksAsymp, [1, 2, 3], [4, 5]), { statistic: 1, p_value: 0 });
  });

  it('5 against 7', () => {
    // SciPy 1.10.1: stats.ks_2samp([0.1,0.4,0.45,0.9,1.3],[0.2,0.5,0.6,0.7,1.0,1.1,1.2], method='exact')
    //               -> (0.45714285714285713, 0.43434343434343425); method='asymp' -> (0.45714285714285713, 0.43973566569484934)
    const r = [0.1, 0.4, 0.45, 0.9, 1.3];
    const c = [0.2, 0.5, 0.6, 0.7, 1.0, 1.1, 1.2];
    expectScipy(run(ksExact, r, c), { statistic: 0.45714285714285713, p_value: 0.43434343434343425 });
    expectScipy(run(ks, r, c), { statistic: 0.45714285714285713, p_value: 0.43434343434343425 });
    expectScipy(run(ksAsymp, r, c), { statistic: 0.45714285714285713, p_value: 0.43973566569484934 });
  });

  it("falls back to the asymptotic p-value where SciPy's exact series rounds above 1", () => {
    // n = m = 7, h = 1: SciPy's _compute_prob_outside_square(7, 1) is 1.0000000000000002, so ks_2samp warns and
    // uses kstwo.sf(1/7, round(3.5) = 4).
    // SciPy 1.10.1: stats.ks_2samp([1,2,3,4,5,6,7],[1.5,2.5,3.5,4.5,5.5,6.5,7.5], method='exact')
    //               -> (0.14285714285714285, 0.9999609537692629); the same for 'auto';
    //               method='asymp' -> (0.1428571428571429, 0.9999609537692629)
    const r = [1, 2, 3, 4, 5, 6, 7];
    const c = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5];
    expectScipy(run(ksExact, r, c), { statistic: 0.14285714285714285, p_value: 0.9999609537692629 });
    expectScipy(run(ks, r, c), { statistic: 0.14285714285714285, p_value: 0.9999609537692629 });
    expectScipy(run(ksAsymp, r, c), { statistic: 0.1428571428571429, p_value: 0.9999609537692629 });
  });
});

describe('KS extreme tails', () => {
  it("complete separation of 50 and 50: exact 2/C(100, 50), asymptotic 0 (D = 1 is the end of kstwo's support)", () => {
    // SciPy 1.10.1: stats.ks_2samp(range(50), range(100,150), method='exact') -> (1.0, 1.9823306042836678e-29);
    //               method='asymp' -> (1.0, 0.0)
    const exact = run(
      ksExact,
      range(50),
      range(50, (i) => i + 100),
    );
    expect(exact?.statistic).toBe(1);
    expectTail(exact?.p_value, 1.9823306042836678e-29);
    expect(
      run(
        ksAsymp,
        range(50),
        range(50, (i) => i + 100),
      ),
    ).toEqual({ statistic: 1, p_value: 0 });
  });

  it('keeps p-values near 1e-300 (n = m = 1000)', () => {
    // SciPy 1.10.1: r = range(1000); c = [i + 760 for i in range(1000)]
    //   stats.ks_2samp(r, c, method='exact').pvalue -> 1.364821011392552e-283
    //   stats.ks_2samp(r, c, method='asymp').pvalue -> 2.167209551655345e-301
    const r = range(1000);
    const c = range(1000, (i) => i + 760);
    expect(run(ksExact, r, c)?.statistic).toBe(0.76);
    expectTail(run(ksExact, r, c)?.p_value, 1.364821011392552e-283);
    expectTail(run(ksAsymp, r, c)?.p_value, 2.167209551655345e-301);
  });

  it('keeps p-values near 1e-300 (n = 900, m = 1000, the band recursion)', () => {
    // SciPy 1.10.1: r = range(900); c = [i*0.9 + 700 for i in range(1000)]
    //   stats.ks_2samp(r, c, method='exact') -> (0.7787777777777778, 8.92226801880183e-285)
    //   stats.ks_2samp(r, c, method='asymp') -> (0.7787777777777778, 2.196584872736205e-304)
    const r = range(900);
    const c = range(1000, (i) => i * 0.9 + 700);
    expect(run(ksExact, r, c)?.statistic).toBe(0.7787777777777778);
    expectTail(run(ksExact, r, c)?.p_value, 8.92226801880183e-285);
    expectTail(run(ksAsymp, r, c)?.p_value, 2.196584872736205e-304);
  });
});

describe('KS method switch and speed', () => {
  // 40 current values spread over the first 60% of the reference range.
  const current = range(40, (i) => i * 150 + 17);

  it('ks uses the exact p-value at max(n, m) = 10000', () => {
    // SciPy 1.10.1: stats.ks_2samp(range(10000), [i*150+17 for i in range(40)]) (auto)
    //               -> (0.4132, 1.1436269242953352e-06); method='asymp' -> (0.4132, 1.0751337877012585e-06)
    expectScipy(run(ks, range(10000), current), { statistic: 0.4132, p_value: 1.1436269242953352e-6 });
    expectScipy(run(ksAsymp, range(10000), current), { statistic: 0.4132, p_value: 1.0751337877012585e-6 });
  });

  it('ks uses the asymptotic p-value above 10000', () => {
    // SciPy 1.10.1: stats.ks_2samp(range(10001), [i*150+17 for i in range(40)]) (auto)
    //               -> (0.41325867413258677, 1.0705841949240236e-06); method='exact' -> p 1.132481505438277e-06
    expectScipy(run(ks, range(10001), current), { statistic: 0.41325867413258677, p_value: 1.0705841949240236e-6 });
    expect(ksExact.applies?.(numericalSample(range(10001), current))).toBe(false);
  });

  it('computes the exact p-value for 10000 against 9999 values, deep in the tail', () => {
    // SciPy 1.10.1: r = [i*1.0001 for i in range(10000)]; c = [i + 2400 for i in range(9999)]
    //   stats.ks_2samp(r, c, method='exact') -> (0.24, 3.8240904952021676e-253)
    const sample = numericalSample(
      range(10000, (i) => i * 1.0001),
      range(9999, (i) => i + 2400),
    );
    const result = ksExact.compute(sample);
    expect(result?.statistic).toBe(0.24);
    expectTail(result?.p_value, 3.8240904952021676e-253);
  });
});
