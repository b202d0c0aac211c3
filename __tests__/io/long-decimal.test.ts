/**
 * `longDecimal`, the CSV reader's conversion of 16 to 20 significant digits: it must give Number's double
 * or admit it is unsure (NaN), never a neighbour, above all next to the midpoints between two doubles.
 */
import { describe, expect, it } from '@jest/globals';
import { LONG_DECIMAL_LIMIT, longDecimal } from '../../src/core/number.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/**
 * `digits` (16 to 20 significant, no leading zero) with `decimals` of them after the point, through longDecimal,
 * given what the CSV reader gives it: the digits summed in doubles, and in 32-bit integers.
 */
function convert(digits: string, decimals: number): number {
  let rounded = 0;
  for (const digit of digits) rounded = rounded * 10 + Number(digit);
  // The reader leaves larger ones to Number.
  if (rounded >= LONG_DECIMAL_LIMIT) return NaN;
  return longDecimal(rounded, Number(BigInt.asIntN(32, BigInt(digits))), decimals);
}

function asText(digits: string, decimals: number): string {
  if (decimals === 0) return digits;
  const point = digits.length - decimals;
  return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
}

/** Counts the conversions that disagree with Number and those left to it. */
function tally(cases: Array<[string, number]>): { wrong: string[]; unsure: number } {
  const wrong: string[] = [];
  let unsure = 0;
  for (const [digits, decimals] of cases) {
    const got = convert(digits, decimals);
    if (Number.isNaN(got)) unsure++;
    else if (!Object.is(got, Number(asText(digits, decimals)))) wrong.push(asText(digits, decimals));
  }
  return { wrong, unsure };
}

/** The exact decimal expansion of the midpoint above a positive double below 2^52, as digits and decimals. */
function midpointAbove(value: number): [string, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn) - 1075;
  const significand = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  // value = significand · 2^exponent, so the midpoint is (2·significand + 1) · 2^(exponent − 1).
  const scale = 1 - exponent;
  return [((2n * significand + 1n) * 5n ** BigInt(scale)).toString(), scale];
}

describe('longDecimal', () => {
  it('gives Number’s double for the shortest renderings of random doubles', () => {
    const next = random(1);
    const cases: Array<[string, number]> = [];
    for (let k = 0; k < 200000; k++) {
      const text = String(Math.exp((next() - 0.3) * 40));
      const match = /^(\d+)\.?(\d*)$/.exec(text);
      if (!match) continue;
      const digits = `${match[1]}${match[2]}`.replace(/^0+/, '');
      if (digits.length >= 16 && digits.length <= 19 && match[2].length <= 22) cases.push([digits, match[2].length]);
    }
    expect(cases.length).toBeGreaterThan(100000);
    expect(tally(cases)).toEqual({ wrong: [], unsure: 0 });
  });

  it('never picks the wrong neighbour next to a midpoint between two doubles', () => {
    const next = random(2);
    const cases: Array<[string, number]> = [];
    for (let k = 0; k < 20000; k++) {
      const [exact, scale] = midpointAbove(Math.exp(next() * 36));
      for (const length of [16, 17, 18, 19, 20]) {
        const decimals = scale - (exact.length - length);
        if (decimals < 0 || decimals > 22) continue;
        const truncated = BigInt(exact.slice(0, length));
        for (const digits of [truncated - 1n, truncated, truncated + 1n]) cases.push([digits.toString(), decimals]);
      }
    }
    expect(cases.length).toBeGreaterThan(50000);
    expect(tally(cases).wrong).toEqual([]);
  });

  it('is unsure exactly at a midpoint, and right or unsure on the integers around 2^53 and 2^64', () => {
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2.
    expect(convert('9007199254740993', 0)).toBeNaN();
    const cases: Array<[string, number]> = [];
    for (const base of [2n ** 53n, 2n ** 60n, 2n ** 63n, 10n ** 19n - 100n, 2n ** 64n - 100n]) {
      for (let step = 0n; step < 100n; step++) {
        for (const decimals of [0, 1, 3]) cases.push([(base + step).toString(), decimals]);
      }
    }
    expect(tally(cases).wrong).toEqual([]);
  });
});
