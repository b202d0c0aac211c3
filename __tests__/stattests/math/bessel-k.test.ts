import { describe, expect, it } from '@jest/globals';
import { besselK, besselKScaled } from '../../../src/stattests/math/bessel-k.js';

/** |got − want| ≤ tolerance·|want|. */
function expectRelative(got: number, want: number, tolerance: number): void {
  expect({ got, want, close: Math.abs(got - want) <= tolerance * Math.abs(want) }).toEqual({ got, want, close: true });
}

describe('besselKScaled (e^x K_nu(x))', () => {
  it('matches K_{1/4} to a few ulps from tiny to large x', () => {
    // mpmath 1.2.1, 40 digits: besselk(0.25, x) * exp(x)
    const reference: Array<[number, number]> = [
      [1e-8, 215.55944813944137126],
      [0.01, 6.227707994041589053],
      [0.5, 1.5832939515157762762],
      [2, 0.8525365601750416152],
      [10, 0.39280202707587487599],
      [100, 0.12521455157193676965],
      [1e4, 0.012533023881379649469],
    ];
    for (const [x, want] of reference) expectRelative(besselKScaled(0.25, x), want, 2e-15);
  });

  it('matches the closed forms of half-integer orders', () => {
    // K_{1/2}(x) = sqrt(pi/(2x)) e^{-x};  K_{3/2}(x) = sqrt(pi/(2x)) e^{-x} (1 + 1/x)  (DLMF 10.39.2, 10.49.12)
    for (const x of [1e-6, 0.03, 0.7, 1, 3.3, 25, 400, 1e6]) {
      const halfOrder = Math.sqrt(Math.PI / (2 * x));
      expectRelative(besselKScaled(0.5, x), halfOrder, 2e-15);
      expectRelative(besselKScaled(-0.5, x), halfOrder, 2e-15);
      expectRelative(besselKScaled(1.5, x), halfOrder * (1 + 1 / x), 2e-15);
    }
  });

  it('matches integer orders', () => {
    // mpmath 1.2.1, 40 digits: besselk(0, 1), besselk(1, 0.1)
    expectRelative(besselK(0, 1), 0.42102443824070833334, 2e-15);
    expectRelative(besselK(1, 0.1), 9.8538447808706055744, 2e-15);
  });

  it('handles the ends of the domain', () => {
    expect(besselKScaled(0.25, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(besselKScaled(0.25, -1)).toBeNaN();
    expect(besselKScaled(0.25, Number.NaN)).toBeNaN();
    // mpmath 1.2.1: besselk(0.25, 700) = 4.6699847598133661203e-306 (still a normal double)
    expectRelative(besselK(0.25, 700), 4.6699847598133661203e-306, 4e-15);
    // besselk(0.25, 800) = 1.6e-349 underflows; the scaled form keeps its digits.
    expect(besselK(0.25, 800)).toBe(0);
    // mpmath 1.2.1: besselk(0.25, 800) * exp(800) = 0.0443061570819012551672995625963
    expectRelative(besselKScaled(0.25, 800), 0.0443061570819012551672995625963, 2e-15);
  });
});
