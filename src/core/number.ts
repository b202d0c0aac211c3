/**
 * Number cells: the decimal grammar of the golden corpus (optional sign, digits with an optional `.`, an
 * optional exponent) plus `inf`/`infinity` in any case and with an optional sign.
 *
 * Results are bit-identical to `Number(text)`. Most cells in real exports are short decimals, so they are
 * converted straight from the bytes: when the digits form an integer below 2^53 and the power of ten is
 * exactly representable (≤ 10^22), a single multiplication or division is one IEEE-754 operation on exact
 * operands and therefore already the correctly rounded result (Clinger's fast path). Everything else goes
 * through `Number()` on the validated text.
 */

/** 10^0 … 10^22, the powers of ten a double holds exactly. */
export const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
/** Above this, `mantissa * 10 + digit` could leave the range of exactly representable integers. */
const MANTISSA_LIMIT = 900719925474099;
/** 2^53 − 1: every integer up to it, and no longer every one above it, is a double. */
export const MAX_EXACT_INTEGER = 9007199254740991;
/** Exponents are only accumulated this far; beyond it the literal overflows or underflows anyway. */
const EXPONENT_CAP = 100000;

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/**
 * Parses `bytes[start, end)` as a number cell. Returns NaN when the bytes are not a number; the grammar
 * never produces NaN otherwise, so callers deal with their missing-value spellings first.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let negative = false;
  let c = bytes[i];
  if (c === PLUS || c === MINUS) {
    negative = c === MINUS;
    if (++i >= end) return NaN;
    c = bytes[i];
  }
  if ((c | 0x20) === 0x69) return parseInfinity(bytes, i, end, negative);

  let mantissa = 0;
  let exact = true;
  let digits = 0;
  let decimalExponent = 0;
  for (; i < end; i++) {
    c = bytes[i];
    if (c < ZERO || c > NINE) break;
    digits++;
    if (mantissa < MANTISSA_LIMIT) mantissa = mantissa * 10 + (c - ZERO);
    else {
      decimalExponent++;
      if (c !== ZERO) exact = false;
    }
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end; i++) {
      c = bytes[i];
      if (c < ZERO || c > NINE) break;
      digits++;
      if (mantissa < MANTISSA_LIMIT) {
        mantissa = mantissa * 10 + (c - ZERO);
        decimalExponent--;
      } else if (c !== ZERO) exact = false;
    }
  }
  if (digits === 0) return NaN;
  if (i < end) {
    c = bytes[i];
    if (c !== LOWER_E && c !== UPPER_E) return NaN;
    if (++i >= end) return NaN;
    c = bytes[i];
    let exponentNegative = false;
    if (c === PLUS || c === MINUS) {
      exponentNegative = c === MINUS;
      if (++i >= end) return NaN;
    }
    let exponent = 0;
    const exponentStart = i;
    for (; i < end; i++) {
      c = bytes[i];
      if (c < ZERO || c > NINE) return NaN;
      if (exponent < EXPONENT_CAP) exponent = exponent * 10 + (c - ZERO);
    }
    if (i === exponentStart) return NaN;
    decimalExponent += exponentNegative ? -exponent : exponent;
  }

  if (exact) {
    const value = scaleExactly(mantissa, decimalExponent);
    if (value !== undefined) return negative ? -value : value;
  }
  return Number(latin1(bytes, start, end));
}

/** `mantissa · 10^exponent` when one correctly rounded operation yields it; otherwise undefined. */
function scaleExactly(mantissa: number, exponent: number): number | undefined {
  if (mantissa === 0) return 0;
  if (exponent === 0) return mantissa;
  if (exponent > 0) {
    if (exponent <= 22) return mantissa * POWERS_OF_TEN[exponent];
    // 12e30 = (12e8) · 1e22 while 12e8 is still an exact integer.
    if (exponent <= 22 + 15) {
      const shifted = mantissa * POWERS_OF_TEN[exponent - 22];
      if (shifted <= MAX_EXACT_INTEGER) return shifted * 1e22;
    }
    return undefined;
  }
  if (exponent >= -22) return mantissa / POWERS_OF_TEN[-exponent];
  return undefined;
}

const INFINITY_WORD = 'infinity';

function parseInfinity(bytes: Uint8Array, start: number, end: number, negative: boolean): number {
  const length = end - start;
  if (length !== 3 && length !== 8) return NaN;
  for (let k = 0; k < length; k++) {
    if ((bytes[start + k] | 0x20) !== INFINITY_WORD.charCodeAt(k)) return NaN;
  }
  return negative ? -Infinity : Infinity;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** `parseNumberBytes` for text that is already a string (JSON values, option values). */
export function parseNumberText(text: string): number {
  // Latin-1 encoding would map other characters onto ASCII digits, so only ASCII text may pass.
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 0x7f) return NaN;
  return parseNumberBytes(Buffer.from(text, 'latin1'), 0, text.length);
}

/**
 * The cell spellings of a missing value in a numeric column, besides the empty cell: `NaN` in any case
 * (pandas writes `NaN`, NumPy `nan`), as `inf` and `Infinity` are read in any case.
 */
export function isNaNLiteral(bytes: Uint8Array, start: number, end: number): boolean {
  // `| 0x20` lower-cases an ASCII letter and leaves no other byte equal to `n` or `a`.
  return end - start === 3 && (bytes[start] | 0x20) === 0x6e && (bytes[start + 1] | 0x20) === 0x61 && (bytes[start + 2] | 0x20) === 0x6e;
}

/** Dekker's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** Bound on the relative error of the correction term in `longDecimal`, with a wide margin (2^-48). */
const CORRECTION_TOLERANCE = 3.552713678800501e-15;

/** 2^32: `longDecimal` gets the digits' integer as a rounded double and its low 32 bits. */
const TWO_TO_32 = 4294967296;
/**
 * 2^64: below this rounded sum the digits' integer has at most 20 digits, so at most 5 of the steps that
 * summed it went past 2^53 and rounded, each by at most 2^-52 of the sum: `rounded` is then within 2^15 of
 * it, far closer than the 2^31 `longDecimal` needs.
 */
export const LONG_DECIMAL_LIMIT = 18446744073709551616;

/**
 * The double nearest to `W / 10^decimals`, for an integer W of more than 53 bits and about 64 at most (the
 * 16 or 17 significant digits of the shortest round-trip text most exporters write), `decimals` ≤ 22, or NaN
 * when that nearest double is not certain (the value lies within rounding error of a midpoint between two
 * doubles), for the caller to convert the text exactly.
 *
 * The caller sums W's digits in doubles (`rounded`, within 2^31 of W) and in 32-bit integers (`lowWord`,
 * W modulo 2^32 as a signed integer), which together give W exactly, as a sum of two doubles, without a
 * second pass over its digits. One division by D = 10^decimals gives the quotient q, and the exact
 * remainder W − q·D (Dekker's product, then Sterbenz) gives the correction c = (W − q·D) / D with a tiny
 * relative error. The value is q + c, and it rounds to one double for sure when q + c − ε and q + c + ε do.
 */
export function longDecimal(rounded: number, lowWord: number, decimals: number): number {
  const big = Math.round((rounded - lowWord) / TWO_TO_32) * TWO_TO_32;
  const small = lowWord;
  const sum = big + small;
  const virtualSmall = sum - big;
  const sumError = big - (sum - virtualSmall) + (small - virtualSmall);

  const divisor = POWERS_OF_TEN[decimals];
  const quotient = sum / divisor;
  const product = quotient * divisor;
  const quotientSplit = SPLITTER * quotient;
  const quotientHigh = quotientSplit - (quotientSplit - quotient);
  const quotientLow = quotient - quotientHigh;
  const divisorSplit = SPLITTER * divisor;
  const divisorHigh = divisorSplit - (divisorSplit - divisor);
  const divisorLow = divisor - divisorHigh;
  const productError =
    quotientHigh * divisorHigh - product + quotientHigh * divisorLow + quotientLow * divisorHigh + quotientLow * divisorLow;
  const remainder = sum - product - productError;

  const correction = (remainder + sumError) / divisor;
  const tolerance = Math.abs(correction) * CORRECTION_TOLERANCE;
  const low = quotient + (correction - tolerance);
  return low === quotient + (correction + tolerance) ? low : NaN;
}
