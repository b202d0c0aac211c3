import { describe, expect, it } from '@jest/globals';
import {
  durbinMatrixCdf,
  kolmogorovCdf,
  kolmogorovSurvival,
  pelzGoodCdf,
  pomeranzCdf,
  smirnovSurvival,
} from '../../../src/stattests/math/kolmogorov.js';

/**
 * Relative agreement with a SciPy value (exact when SciPy gives 0). The implementation is accurate to about
 * 1e-12 relative, so 1e-9 is tight enough to catch a wrong branch or formula and loose enough for rounding.
 */
function expectNear(got: number, want: number, label: string, relative = 1e-9): void {
  const ok = want === 0 ? got === 0 : Math.abs(got - want) <= relative * Math.abs(want);
  expect({ label, got, want, ok }).toEqual({ label, got, want, ok: true });
}

describe('kolmogorovSurvival / kolmogorovCdf (scipy.stats.kstwo)', () => {
  // [branch of SciPy's _kolmogn, n, x, kstwo.sf(x, n), kstwo.cdf(x, n)], every value from SciPy 1.10.1:
  // stats.kstwo.sf(x, n) and stats.kstwo.cdf(x, n) with the literal n and x shown.
  const table: Array<[string, number, number, number, number]> = [
    ['x ≥ 1', 10, 1.0, 0, 1],
    ['x > 1', 10, 1.5, 0, 1],
    ['x ≤ 0', 10, 0, 1, 0],
    ['nx ≤ 1/2', 10, 0.04, 1, 0],
    ['n = 1 (Ruben–Gambino low end)', 1, 0.7, 0.6000000000000001, 0.3999999999999999],
    ['Ruben–Gambino low end, n ≤ 140 (product)', 10, 0.08, 0.9999978058034054, 2.194196594688005e-6],
    ['Ruben–Gambino low end, n = 140 (product)', 140, 0.005, 1, 9.111372026017297e-116],
    ['Ruben–Gambino low end, n > 140 (Stirling)', 150, 0.00666, 1, 1.632246498694753e-64],
    ['Ruben–Gambino low end, n > 140 (Stirling)', 500, 0.001999, 1, 2.4218680623616505e-216],
    ['Ruben–Gambino high end', 10, 0.95, 1.9531250000000172e-13, 0.9999999999998047],
    ['Ruben–Gambino high end', 50, 0.981, 1.7326468099212678e-86, 1],
    ['x ≥ 0.5: 2·smirnov', 10, 0.5, 0.00777741, 0.99222259],
    ['x ≥ 0.5: 2·smirnov', 50, 0.7, 4.405451055671056e-25, 1],
    ['x ≥ 0.5: 2·smirnov, far tail', 1000, 0.55, 1.356299236791213e-284, 1],
    ['n ≤ 140, nx² ≤ 0.754693: Durbin matrix', 20, 0.15, 0.7044671549442872, 0.29553284505571276],
    ['n ≤ 140, nx² ≤ 0.754693: Durbin matrix', 140, 0.07, 0.4776228287946577, 0.5223771712053423],
    ['n ≤ 140, nx² just below 0.754693: Durbin matrix', 100, 0.08687306823697515, 0.4138374627012461, 0.5861625372987539],
    ['n ≤ 140, nx² just above 0.754693: Pomeranz', 100, 0.08687306841072129, 0.41383746022071355, 0.5861625397792865],
    ['n ≤ 140, nx² ≤ 4: Pomeranz', 20, 0.3, 0.04306706665851623, 0.9569329333414838],
    ['n ≤ 140, nx² ≤ 4: Pomeranz', 100, 0.15, 0.019839242125641813, 0.9801607578743582],
    ['n ≤ 140, nx² ≤ 4: Pomeranz at x = k/n', 40, 0.25, 0.01089552086854928, 0.9891044791314507],
    ['n = 140, Pomeranz', 140, 0.1, 0.11353657290090946, 0.8864634270990905],
    ['n ≤ 140, nx² just below 4: Pomeranz', 100, 0.19999999980000002, 0.000555192741901028, 0.9994448072580989],
    ['n ≤ 140, nx² just above 4: 2·smirnov', 100, 0.20000000020000003, 0.0005551927237051464, 0.9994448072762948],
    ['n ≤ 140, nx² > 4: 2·smirnov', 20, 0.47, 0.00014214650195716304, 0.9998578534980428],
    ['n ≤ 140, nx² > 4: 2·smirnov', 140, 0.3, 1.1370251710737309e-11, 0.9999999999886298],
    ['n > 140, SF with nx² ≥ 370: 0', 2000, 0.45, 0, 1],
    ['n > 140, SF with nx² just below 370: 2·smirnov', 1000, 0.6082762524215457, 0, 1],
    ['n > 140, SF with nx² just above 370: 0', 1000, 0.6082762536380982, 0, 1],
    ['n > 140, SF with nx² ≥ 2.2: 2·smirnov', 200, 0.12, 0.005745760601982814, 0.9942541176795119],
    ['n > 140, SF with nx² ≥ 2.2: 2·smirnov', 50000, 0.01964, 3.483032188371405e-17, 1],
    ['n > 140, nx² just below 2.2: 1 − Pelz–Good', 1000, 0.04690415755133014, 0.023770351314779337, 0.9762296486852207],
    ['n > 140, nx² just above 2.2: 2·smirnov (CDF: Pelz–Good)', 1000, 0.04690415764513846, 0.023770378669391475, 0.9762296491053828],
    ['n = 141, nx² < 2.2: 1 − Pelz–Good', 141, 0.1, 0.11128445516467944, 0.8887155448353206],
    ['n > 140, nx² < 2.2, n·x^1.5 ≤ 1.4: 1 − Durbin matrix', 500, 0.015, 0.9998021489360925, 0.00019785106390749567],
    ['n > 140, nx² < 2.2, n·x^1.5 ≤ 1.4: 1 − Durbin matrix', 20000, 0.0012, 1, 6.517576144395424e-18],
    ['n = 100000, nx² < 2.2, n·x^1.5 ≤ 1.4: 1 − Durbin matrix', 100000, 0.0005, 1, 8.093259531760637e-21],
    ['n·x^1.5 just below 1.4: 1 − Durbin matrix', 1000, 0.0125146494788373, 0.9971050627893496, 0.0028949372106503797],
    ['n·x^1.5 just above 1.4: 1 − Pelz–Good', 1000, 0.0125146495038666, 0.9971050317950853, 0.002894968204914788],
    ['n > 100000: 1 − Pelz–Good', 100001, 0.0005, 1, 8.095536989973839e-21],
    ['n > 100000: 1 − Pelz–Good', 100001, 0.002, 0.8178361459744294, 0.18216385402557053],
    ['n > 100000: 1 − Pelz–Good', 250000, 0.002, 0.26964259864783624, 0.7303574013521638],
    ['n > 140, n·x^1.5 > 1.4: 1 − Pelz–Good', 1000, 0.045, 0.03378304014546085, 0.9662169598545391],
    ['n > 140, CDF with 2.2 ≤ nx² < 18: Pelz–Good', 300, 0.1, 0.004595673656972621, 0.9954042833448893],
    ['n > 140, CDF with 2.2 ≤ nx² < 18: Pelz–Good', 5000, 0.03, 0.00024159234422666817, 0.9997584077020355],
    ['n > 140, CDF with nx² just below 18: Pelz–Good', 5000, 0.05999999994, 4.3371236367186497e-16, 0.9999999999999993],
    ['n > 140, CDF with nx² ≥ 18: 1', 5000, 0.06000000006, 4.337123010850427e-16, 1],
    ['n > 140, CDF with nx² ≥ 18: 1', 1000, 0.2, 1.5528629204250538e-35, 1],
    ['n > 10⁶: 2·smirnov by its exponential approximation', 2000000, 0.0015, 0.00024657290508461606, 0.9997534279512358],
  ];

  it.each(table)('%s: n = %d, x = %d', (branch, n, x, sf, cdf) => {
    expectNear(kolmogorovSurvival(n, x), sf, `${branch} sf`);
    expectNear(kolmogorovCdf(n, x), cdf, `${branch} cdf`);
  });

  it('is NaN unless n is a positive integer, or x is NaN', () => {
    // SciPy 1.10.1: stats.kstwo.sf(0.5, 0) -> nan; kstwo.sf(0.5, 2.5) -> nan; kstwo.sf(nan, 10) -> nan
    expect(kolmogorovSurvival(0, 0.5)).toBeNaN();
    expect(kolmogorovSurvival(2.5, 0.5)).toBeNaN();
    expect(kolmogorovSurvival(10, Number.NaN)).toBeNaN();
    expect(kolmogorovCdf(-3, 0.5)).toBeNaN();
  });
});

describe('smirnovSurvival (scipy.special.smirnov)', () => {
  // [case, n, x, smirnov(n, x)], every value from SciPy 1.10.1 scipy.special.smirnov(n, x).
  const table: Array<[string, number, number, number]> = [
    ['n = 1', 1, 0.3, 0.7],
    ['x = 0', 10, 0, 1],
    ['x = 1', 10, 1, 0],
    ['x < 1/n', 10, 0.05, 0.9224335892010742],
    ['x = 1/n', 10, 0.1, 0.7642052309],
    ['n = 3, x = 1/2 (lower sum, on the grid nx = 1.5)', 3, 0.5, 0.16666666666666666],
    ['upper sum (3 terms)', 100, 0.025, 0.8681674982884928],
    ['upper sum (2 terms)', 10, 0.15, 0.5831277144961914],
    ['lower sum', 100, 0.2, 0.0002775963664037337],
    ['lower sum, x = k/n exactly', 40, 0.25, 0.005447760766544563],
    ['lower sum, n·x rounds to an integer but is below it', 10, 0.3, 0.1354635556],
    ['lower sum, n = 5000', 5000, 0.02, 0.01806981293722266],
    ['lower sum, n = 200000', 200000, 0.009431697367272894, 3.4960841174004485e-16],
    ['lower sum, far tail', 1000, 0.55, 6.781496183956065e-285],
    ['x ≥ 1 − 1/n: (1 − x)ⁿ', 10, 0.95, 9.765625000000086e-14],
    ['n > 10⁶: exp(−(6nx+1)²/(18n))', 2000000, 0.001, 0.018303432023617325],
    ['n > 10⁶, subnormal result', 1000001, 0.0192, 6.275e-321],
    ['n > 10⁶, −2nx² below log(2^−1075): 0', 1000001, 0.0194, 0],
  ];

  it.each(table)('%s: n = %d, x = %d', (label, n, x, want) => {
    expectNear(smirnovSurvival(n, x), want, label);
  });

  it('sums a million terms and keeps a subnormal tail (n = 10⁶)', () => {
    // SciPy 1.10.1: special.smirnov(1000000, 0.0192) -> 5.76e-321 (only 3 digits survive in a subnormal)
    expectNear(smirnovSurvival(1000000, 0.0192), 5.76e-321, 'n = 1e6', 1e-3);
  });

  it('is NaN outside its domain', () => {
    // SciPy 1.10.1: special.smirnov(0, 0.5) -> nan; special.smirnov(5, 1.5) -> nan; special.smirnov(5, -0.1) -> nan
    expect(smirnovSurvival(0, 0.5)).toBeNaN();
    expect(smirnovSurvival(5, 1.5)).toBeNaN();
    expect(smirnovSurvival(5, -0.1)).toBeNaN();
  });
});

describe('the algorithms behind kstwo, called directly', () => {
  // SciPy 1.10.1: scipy.stats._ksstats._kolmogn_DMTW(n, x), _kolmogn_Pomeranz(n, x), _kolmogn_PelzGood(n, x)
  // (all cdf=True). Durbin and Pomeranz are exact, so they agree with each other; Pelz–Good is asymptotic.
  const table: Array<[number, number, number, number | undefined, number]> = [
    [20, 0.15, 0.29553284505571276, 0.29553284505571326, 0.29553722114267517],
    [100, 0.15, 0.980160757874353, 0.9801607578743582, 0.98015971701943],
    [140, 0.07, 0.5223771712053423, 0.5223771712053411, 0.5223790250939306],
    [1000, 0.045, 0.966216971317688, undefined, 0.9662169598545391],
  ];

  it.each(table)('n = %d, x = %d', (n, x, durbin, pomeranz, pelzGood) => {
    expectNear(durbinMatrixCdf(n, x), durbin, 'Durbin matrix');
    if (pomeranz !== undefined) expectNear(pomeranzCdf(n, x), pomeranz, 'Pomeranz');
    expectNear(pelzGoodCdf(n, x), pelzGood, 'Pelz–Good');
  });
});
