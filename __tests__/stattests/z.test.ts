import { describe, expect, it } from '@jest/globals';
import { describeGolden } from '../helpers/golden.js';
import { expectDescriptor, onCounts, resultCheck, twoByTwoDomain } from '../helpers/scipy.js';
import { zTest } from '../../src/stattests/z.js';

const run = onCounts(zTest);
const expectReference = resultCheck('z');

/*
 * The SciPy references below follow Evidently's z-test literally (NumPy 1.24.2, SciPy 1.10.1), with A the
 * first category in code-point order and ref/cur arrays of 0 (A) and 1 (not A):
 *   p1 = ref.sum()/n; p2 = cur.sum()/m; P = (p1*n + p2*m)/(n + m)
 *   z = (p1 - p2)/np.sqrt(P*(1 - P)*(1/n + 1/m)); p = 2*(1 - stats.norm.cdf(abs(z)))
 * written below as z_test([n_A, n_notA], [m_A, m_notA]).
 */
describe('z descriptor', () => {
  it('is a p-value test on categorical columns with the 0.05 default', () => {
    expectDescriptor(zTest, { name: 'z', kinds: ['categorical'], output: 'p_value', defaultThreshold: 0.05 });
  });

  it('applies to categorical samples with at most two categories in total', () => {
    for (const { label, sample, inside } of twoByTwoDomain) {
      expect({ label, applies: zTest.applies!(sample) }).toEqual({ label, applies: inside });
    }
  });

  it('does not compute on numerical samples or on more than two categories', () => {
    for (const { label, sample } of twoByTwoDomain.filter(({ inside }) => !inside)) {
      expect({ label, got: zTest.compute(sample) }).toEqual({ label, got: undefined });
    }
  });
});

// binary ×3, category_changes/single, constant_column/const_cat.
describeGolden(zTest, { columns: 5, appliesWhereListed: true });

describe('z (two-proportion z-test)', () => {
  it('matches the reference on a small table; negative z when current has the larger share of B', () => {
    // z_test([30,20],[20,30]) -> z=-1.9999999999999996, p=0.04550026389635842
    expectReference(run({ a: 30, b: 20 }, { a: 20, b: 30 }), -1.9999999999999996, 0.04550026389635842);
    // z_test([20,30],[30,20]) -> z=1.9999999999999996, p=0.04550026389635842
    expectReference(run({ a: 20, b: 30 }, { a: 30, b: 20 }), 1.9999999999999996, 0.04550026389635842);
  });

  it('takes A as the first category in code-point order, not UTF-16 order', () => {
    // U+FF21 sorts before U+1F600 by code point (JavaScript's default sort puts the emoji's surrogates first).
    // With A = U+FF21 this is z_test([30,20],[20,30]) -> z=-1.9999999999999996, p=0.04550026389635842.
    expectReference(run({ '\uFF21': 30, '😀': 20 }, { '\uFF21': 20, '😀': 30 }), -1.9999999999999996, 0.04550026389635842);
  });

  it('handles a category only in current', () => {
    // z_test([10,0],[5,5]) -> z=-2.581988897471611, p=0.009823274507519297
    expectReference(run({ a: 10 }, { a: 5, b: 5 }), -2.581988897471611, 0.009823274507519297);
  });

  it('gives p = 1 without a statistic when both sides hold only the same category', () => {
    expect(run({ x: 5 }, { x: 9 })).toEqual({ p_value: 1 });
  });

  it('computes p as 2·(1 − Φ(|z|)), keeping exactly the digits that form keeps', () => {
    // z_test([5000,5000],[4600,5400]) -> z=-5.661385170722984, p=1.5015596988021684e-08
    expectReference(run({ a: 5000, b: 5000 }, { a: 4600, b: 5400 }), -5.661385170722984, 1.5015596988021684e-8);
    // z_test([5000,5000],[4450,5550]) -> z=-7.789965840269946, p=6.661338147750939e-15
    //   (30 ulps of 1; the accurate 2*stats.norm.sf(|z|) is 6.702731366588845e-15, 0.6% away)
    expectReference(run({ a: 5000, b: 5000 }, { a: 4450, b: 5550 }), -7.789965840269946, 6.661338147750939e-15);
    // z_test([200,100],[100,200]) -> z=-8.164965809277259, p=2.220446049250313e-16 (one ulp of 1)
    expectReference(run({ a: 200, b: 100 }, { a: 100, b: 200 }), -8.164965809277259, 2.220446049250313e-16);
  });

  it('is exactly 0 once Φ(|z|) rounds to 1', () => {
    // z_test([5000,5000],[4400,5600]) -> z=-8.50059624328606, p=0.0 (2*stats.norm.sf(|z|) = 1.886193473787789e-17)
    const got = run({ a: 5000, b: 5000 }, { a: 4400, b: 5600 });
    expectReference(got, -8.50059624328606, 0);
    expect(got!.p_value).toBe(0);
  });
});
