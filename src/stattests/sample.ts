/**
 * Building samples: the engine builds them from table columns, tests build them from plain arrays.
 */
import type { CategoricalSample, NumericalSample } from './types.js';

/** A numerical sample from unsorted values. NaN (missing) and ±Infinity are dropped: infinities count as missing, as in Evidently. */
export function numericalSample(reference: ArrayLike<number>, current: ArrayLike<number>): NumericalSample {
  return { kind: 'numerical', reference: sortedFinite(reference), current: sortedFinite(current) };
}

/** Below this many values the radix sort's fixed cost (its bucket counts) outweighs its gain. */
const RADIX_MIN_LENGTH = 2048;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;
/** Three digits cover a 32-bit word (11 + 11 + 10 bits); a double's key is two words. */
const PASSES = 6;
const SIGN = 0x80000000;
/** The radix sort reads doubles as two 32-bit words, low word first. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const EXPONENT = 0x7ff00000;

/**
 * The finite values, ascending, in exactly the order `Float64Array.prototype.sort` gives (-0 before 0).
 *
 * Sorting is most of the engine's work on large columns, so large inputs get an LSD radix sort on the
 * values' bit patterns: flipping the sign bit of a non-negative double, and every bit of a negative one,
 * yields an unsigned 64-bit key whose order is the numeric order, with -0 just below 0. Passes whose digit
 * is the same for every value (the exponent bits of a column on one scale) are skipped.
 */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const source = values instanceof Float64Array ? values : Float64Array.from(values);
  if (source.length < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) {
    let present = 0;
    for (let i = 0; i < source.length; i++) if (Number.isFinite(source[i])) present++;
    const out = new Float64Array(present);
    let k = 0;
    for (let i = 0; i < source.length; i++) if (Number.isFinite(source[i])) out[k++] = source[i];
    return out.sort();
  }

  // Word 2i is the low half of value i, word 2i + 1 its high half (sign, exponent, top of the mantissa).
  const words = new Uint32Array(source.buffer, source.byteOffset, source.length * 2);
  let present = 0;
  for (let i = 1; i < words.length; i += 2) if ((words[i] & EXPONENT) !== EXPONENT) present++;
  let keys = new Uint32Array(present * 2);
  let spare = new Uint32Array(present * 2);
  const counts = new Int32Array(PASSES * BUCKETS);
  let k = 0;
  for (let i = 0; i < words.length; i += 2) {
    const high = words[i + 1];
    if ((high & EXPONENT) === EXPONENT) continue;
    const flip = high >> 31;
    const keyLow = (words[i] ^ flip) >>> 0;
    const keyHigh = (high ^ (flip | SIGN)) >>> 0;
    keys[k] = keyLow;
    keys[k + 1] = keyHigh;
    k += 2;
    counts[keyLow & DIGIT_MASK]++;
    counts[BUCKETS + ((keyLow >>> DIGIT_BITS) & DIGIT_MASK)]++;
    counts[2 * BUCKETS + (keyLow >>> (2 * DIGIT_BITS))]++;
    counts[3 * BUCKETS + (keyHigh & DIGIT_MASK)]++;
    counts[4 * BUCKETS + ((keyHigh >>> DIGIT_BITS) & DIGIT_MASK)]++;
    counts[5 * BUCKETS + (keyHigh >>> (2 * DIGIT_BITS))]++;
  }

  const offsets = new Int32Array(BUCKETS);
  for (let pass = 0; pass < PASSES; pass++) {
    const word = pass < 3 ? 0 : 1;
    const shift = (pass % 3) * DIGIT_BITS;
    const base = pass * BUCKETS;
    if (present === 0 || counts[base + ((keys[word] >>> shift) & DIGIT_MASK)] === present) continue;
    let total = 0;
    for (let digit = 0; digit < BUCKETS; digit++) {
      offsets[digit] = total;
      total += counts[base + digit];
    }
    for (let i = 0; i < keys.length; i += 2) {
      const at = offsets[(keys[i + word] >>> shift) & DIGIT_MASK]++ * 2;
      spare[at] = keys[i];
      spare[at + 1] = keys[i + 1];
    }
    const sorted = spare;
    spare = keys;
    keys = sorted;
  }

  // Back from keys to doubles in place: the key buffer becomes the result.
  for (let i = 0; i < keys.length; i += 2) {
    const flip = ~(keys[i + 1] >> 31);
    keys[i] ^= flip;
    keys[i + 1] ^= flip | SIGN;
  }
  return new Float64Array(keys.buffer, 0, present);
}

/** A categorical sample from each side's count per category. Categories with a zero count on both sides are dropped. */
export function categoricalSample(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): CategoricalSample {
  const categories = [...new Set([...reference.keys(), ...current.keys()])]
    .filter((category) => (reference.get(category) ?? 0) + (current.get(category) ?? 0) > 0)
    .sort(compareCodePoints);
  const referenceCounts = Float64Array.from(categories, (category) => reference.get(category) ?? 0);
  const currentCounts = Float64Array.from(categories, (category) => current.get(category) ?? 0);
  return {
    kind: 'categorical',
    categories,
    reference: referenceCounts,
    current: currentCounts,
    referenceTotal: sum(referenceCounts),
    currentTotal: sum(currentCounts),
  };
}

/** A categorical sample from raw values of each side. */
export function categoricalSampleFromValues(reference: Iterable<string>, current: Iterable<string>): CategoricalSample {
  return categoricalSample(countValues(reference), countValues(current));
}

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * Orders strings by Unicode code point, as Python does. JavaScript's default order compares UTF-16 code
 * units, which puts U+E000–U+FFFF after astral characters; moving the surrogate range above them fixes it.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
