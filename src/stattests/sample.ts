/**
 * Building samples: the engine builds them from table columns, tests build them from plain arrays.
 */
import { countDistinctBits, expandRuns, type DistinctRuns } from './distinct-count.js';
import type { CategoricalSample, NumericalSample } from './types.js';

/** A numerical sample from unsorted values. NaN (missing) and ±Infinity are dropped: infinities count as missing, as in Evidently. */
export function numericalSample(reference: ArrayLike<number>, current: ArrayLike<number>): NumericalSample {
  return { kind: 'numerical', reference: sortedOf(reference), current: sortedOf(current) };
}

/** `sortedFinite` results computed ahead of time (on the thread that read the column), by input array. */
const presorted = new WeakMap<ArrayLike<number>, Float64Array>();

/**
 * Records that `sorted` is `sortedFinite(values)`, so a sample of `values` does not sort them again.
 * Neither array may change afterwards.
 */
export function rememberSorted(values: ArrayLike<number>, sorted: Float64Array, runs?: DistinctRuns): void {
  presorted.set(values, sorted);
  if (runs) runsOfSorted.set(sorted, runs);
}

/** The distinct values and their counts of a sorted array, when its sort counted them (few distinct values). */
const runsOfSorted = new WeakMap<Float64Array, DistinctRuns>();

/** The distinct runs of a `sortedFinite` result, when the sort found them. */
export function distinctRunsOf(sorted: Float64Array): DistinctRuns | undefined {
  return runsOfSorted.get(sorted);
}

function sortedOf(values: ArrayLike<number>): Float64Array {
  return presorted.get(values) ?? sortedFinite(values);
}

/** Below this many values the radix sort's fixed cost (its bucket counts) outweighs its gain. */
const RADIX_MIN_LENGTH = 8192;
/**
 * Three LSD passes of 11, 11 and 10 bits cover the high word of a double's key. Digits of 11 bits keep the
 * 2048 buckets a pass writes to within the cache; 16-bit digits (two passes) scatter over 65536 of them and
 * are slower on columns of half a million values.
 */
const DIGITS: ReadonlyArray<readonly [shift: number, bits: number]> = [
  [0, 11],
  [11, 11],
  [22, 10],
];
const BUCKETS = 2048;
const SIGN = 0x80000000;
/** The radix sort's second buffer, grown to the largest column sorted so far. */
let scratch = new Uint32Array(0);
/** The radix sort reads doubles as two 32-bit words, low word first. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const EXPONENT = 0x7ff00000;
/**
 * Columns with at most one distinct value in this many are sorted by counting (see distinct-count.ts), up to
 * `COUNTING_MAX_DISTINCT` distinct values, where the counting table would outgrow the cache.
 */
const COUNTING_MIN_REPEATS = 16;
const COUNTING_MAX_DISTINCT = 1 << 15;

/**
 * The finite values, ascending, in exactly the order `Float64Array.prototype.sort` gives (-0 before 0).
 *
 * Sorting is most of the engine's work on large columns, so large inputs are sorted on the values' bit
 * patterns. A column of few distinct values is counted per bit pattern and rebuilt from its sorted distinct
 * values (`distinctRunsOf` then gives them with their counts). Any other gets a radix sort: flipping the
 * sign bit of a non-negative double, and every bit of a negative one, yields an unsigned 64-bit key whose
 * order is the numeric order, with -0 just below 0. LSD passes order the keys by their high 32 bits (a pass
 * whose digit is the same for every value is skipped), then the few values that share those bits are
 * ordered by the low 32.
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
  const runs = countDistinctBits(words, Math.min(COUNTING_MAX_DISTINCT, Math.floor(source.length / COUNTING_MIN_REPEATS)));
  if (runs) {
    let present = 0;
    for (let rank = 0; rank < runs.counts.length; rank++) present += runs.counts[rank];
    const sorted = expandRuns(runs, present);
    runsOfSorted.set(sorted, runs);
    return sorted;
  }
  let present = 0;
  for (let i = 1; i < words.length; i += 2) if ((words[i] & EXPONENT) !== EXPONENT) present++;
  const result = new Uint32Array(present * 2);
  const counts = new Int32Array(DIGITS.length * BUCKETS);
  let k = 0;
  for (let i = 0; i < words.length; i += 2) {
    const high = words[i + 1];
    if ((high & EXPONENT) === EXPONENT) continue;
    const flip = high >> 31;
    const keyHigh = (high ^ (flip | SIGN)) >>> 0;
    result[k] = (words[i] ^ flip) >>> 0;
    result[k + 1] = keyHigh;
    k += 2;
    counts[keyHigh & (BUCKETS - 1)]++;
    counts[BUCKETS + ((keyHigh >>> 11) & (BUCKETS - 1))]++;
    counts[2 * BUCKETS + (keyHigh >>> 22)]++;
  }

  // The passes order the keys by their high word, going back and forth between the result and a scratch
  // buffer kept for the next call: a column's sort then allocates nothing but its result.
  if (scratch.length < result.length) scratch = new Uint32Array(result.length);
  let keys = result;
  let spare = scratch.subarray(0, result.length);
  const offsets = new Int32Array(BUCKETS);
  for (let pass = 0; pass < DIGITS.length; pass++) {
    const [shift, bits] = DIGITS[pass];
    const mask = (1 << bits) - 1;
    const base = pass * BUCKETS;
    if (present === 0 || counts[base + ((keys[1] >>> shift) & mask)] === present) continue;
    let total = 0;
    for (let digit = 0; digit <= mask; digit++) {
      offsets[digit] = total;
      total += counts[base + digit];
    }
    for (let i = 0; i < keys.length; i += 2) {
      const high = keys[i + 1];
      const at = offsets[(high >>> shift) & mask]++ * 2;
      spare[at] = keys[i];
      spare[at + 1] = high;
    }
    const sorted = spare;
    spare = keys;
    keys = sorted;
  }
  if (keys !== result) result.set(keys);

  // The high word holds sign, exponent and 20 bits of mantissa, so values that share it are few (or
  // equal); each such run is ordered by its low words.
  let runStart = 0;
  for (let i = 2; i <= result.length; i += 2) {
    if (i < result.length && result[i + 1] === result[runStart + 1]) continue;
    if (i - runStart > 2) orderByLowWord(result, runStart, i);
    runStart = i;
  }

  // Back from keys to doubles in place.
  for (let i = 0; i < result.length; i += 2) {
    const flip = ~(result[i + 1] >> 31);
    result[i] ^= flip;
    result[i + 1] ^= flip | SIGN;
  }
  return new Float64Array(result.buffer, 0, present);
}

/** Below this many values a run is ordered by insertion; above, by the built-in sort of its low words. */
const INSERTION_MAX = 24;

/** Orders the keys in `keys[from, to)` (pairs of words, all with the same high word) by their low word. */
function orderByLowWord(keys: Uint32Array, from: number, to: number): void {
  if (to - from <= 2 * INSERTION_MAX) {
    for (let i = from + 2; i < to; i += 2) {
      const low = keys[i];
      let j = i - 2;
      while (j >= from && keys[j] > low) {
        keys[j + 2] = keys[j];
        j -= 2;
      }
      keys[j + 2] = low;
    }
    return;
  }
  const lows = new Uint32Array((to - from) / 2);
  for (let i = from; i < to; i += 2) lows[(i - from) / 2] = keys[i];
  lows.sort();
  for (let i = from; i < to; i += 2) keys[i] = lows[(i - from) / 2];
}

/** A categorical sample from each side's count per category. Categories with a zero count on both sides are dropped. */
export function categoricalSample(reference: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>): CategoricalSample {
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
