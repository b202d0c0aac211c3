/**
 * Sorting a column of few distinct values by counting them: many real columns (counts, ratings, ages,
 * prices in cents) hold a few thousand distinct values among millions, and hashing each value's bit pattern
 * into a small table that stays in cache is several times cheaper than moving every value through the
 * radix sort's passes. The distinct values are then sorted alone, and their counts are what the pooled
 * order of a sample needs, so it is computed without another pass over the column.
 */

/** A sorted column as its distinct bit patterns, ascending (-0 before 0), and how often each occurs. */
export interface DistinctRuns {
  readonly values: Float64Array;
  readonly counts: Float64Array;
}

const EXPONENT = 0x7ff00000;
/** Odd constants of the multiplicative hash (the golden ratio and MurmurHash3's finalizer). */
const GOLDEN = 0x9e3779b1;
const MIX = 0x85ebca6b;

/**
 * The finite values of `words` (doubles as pairs of 32-bit words, low word first) counted per bit pattern,
 * or undefined as soon as more than `limit` distinct patterns turn up.
 */
export function countDistinctBits(words: Uint32Array, limit: number): DistinctRuns | undefined {
  let capacity = 16;
  while (capacity < 2 * limit) capacity *= 2;
  const mask = capacity - 1;
  const shift = 32 - Math.log2(capacity);
  const slots = new Int32Array(capacity).fill(-1);
  const lows = new Uint32Array(limit);
  const highs = new Uint32Array(limit);
  const tally = new Float64Array(limit);
  let distinct = 0;
  for (let i = 0; i < words.length; i += 2) {
    const high = words[i + 1];
    if ((high & EXPONENT) === EXPONENT) continue;
    const low = words[i];
    let slot = Math.imul(low ^ Math.imul(high, GOLDEN), MIX) >>> shift;
    for (;;) {
      const entry = slots[slot];
      if (entry === -1) {
        if (distinct === limit) return undefined;
        slots[slot] = distinct;
        lows[distinct] = low;
        highs[distinct] = high;
        tally[distinct++] = 1;
        break;
      }
      if (lows[entry] === low && highs[entry] === high) {
        tally[entry]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const patterns = new Uint32Array(distinct * 2);
  for (let entry = 0; entry < distinct; entry++) {
    patterns[2 * entry] = lows[entry];
    patterns[2 * entry + 1] = highs[entry];
  }
  // Sorting entry numbers by value keeps each count with its value.
  const values = new Float64Array(patterns.buffer);
  const order = Uint32Array.from({ length: distinct }, (_, entry) => entry).sort((a, b) => compareDoubles(values[a], values[b]));
  const sortedValues = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  for (let rank = 0; rank < distinct; rank++) {
    sortedValues[rank] = values[order[rank]];
    counts[rank] = tally[order[rank]];
  }
  return { values: sortedValues, counts };
}

/** Numeric order with -0 before 0, as `Float64Array.prototype.sort` orders. */
function compareDoubles(a: number, b: number): number {
  if (a !== b) return a < b ? -1 : 1;
  return a === 0 ? (Object.is(a, -0) ? -1 : 0) - (Object.is(b, -0) ? -1 : 0) : 0;
}

/** The sorted column the runs describe. */
export function expandRuns(runs: DistinctRuns, length: number): Float64Array {
  const sorted = new Float64Array(length);
  let at = 0;
  for (let rank = 0; rank < runs.values.length; rank++) {
    const end = at + runs.counts[rank];
    sorted.fill(runs.values[rank], at, end);
    at = end;
  }
  return sorted;
}
