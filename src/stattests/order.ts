/**
 * The pooled order of a numerical sample, computed once per column and shared by every test that needs it
 * (KS, Wasserstein, energy, Anderson–Darling, Cramér–von Mises, Mann–Whitney, the binnings).
 *
 * Both sides arrive sorted, so the pooled order is one linear merge. Equal values (and -0 with 0) form one
 * entry with the multiplicity from each side, which is what every tie-aware formula needs.
 */
import type { DistinctRuns } from './distinct-count.js';
import { distinctRunsOf } from './sample.js';
import type { NumericalSample } from './types.js';

export interface PooledOrder {
  /** The distinct pooled values, ascending. */
  readonly values: Float64Array;
  /** How many reference values equal `values[i]`. */
  readonly referenceCounts: Float64Array;
  /** How many current values equal `values[i]`. */
  readonly currentCounts: Float64Array;
}

const cache = new WeakMap<NumericalSample, PooledOrder>();

/** The distinct pooled values with each side's multiplicity; memoized per sample. */
export function pooledOrder(sample: NumericalSample): PooledOrder {
  let order = cache.get(sample);
  if (!order) {
    const referenceRuns = distinctRunsOf(sample.reference);
    const currentRuns = distinctRunsOf(sample.current);
    order = referenceRuns && currentRuns ? mergeRuns(referenceRuns, currentRuns) : mergeDistinct(sample.reference, sample.current);
    cache.set(sample, order);
  }
  return order;
}

function mergeDistinct(reference: Float64Array, current: Float64Array): PooledOrder {
  // Counting the distinct values first sizes the arrays exactly: a column of a few distinct values
  // (counts, ratings) then takes a few bytes instead of three arrays as long as both sides together.
  const distinct = countDistinct(reference, current);
  const values = new Float64Array(distinct);
  const referenceCounts = new Float64Array(distinct);
  const currentCounts = new Float64Array(distinct);
  const n = reference.length;
  const m = current.length;
  let i = 0;
  let j = 0;
  let k = 0;
  // One comparison picks the side (or both) the next distinct value comes from; the tails have one side.
  while (i < n && j < m) {
    const a = reference[i];
    const b = current[j];
    let nextI = i;
    let nextJ = j;
    if (a <= b) while (nextI < n && reference[nextI] === a) nextI++;
    if (b <= a) while (nextJ < m && current[nextJ] === b) nextJ++;
    values[k] = a <= b ? a : b;
    referenceCounts[k] = nextI - i;
    currentCounts[k] = nextJ - j;
    i = nextI;
    j = nextJ;
    k++;
  }
  for (; i < n; k++) {
    const start = i;
    while (i < n && reference[i] === reference[start]) i++;
    values[k] = reference[start];
    referenceCounts[k] = i - start;
  }
  for (; j < m; k++) {
    const start = j;
    while (j < m && current[j] === current[start]) j++;
    values[k] = current[start];
    currentCounts[k] = j - start;
  }
  return { values, referenceCounts, currentCounts };
}

/**
 * `mergeDistinct` for two sides whose sorts counted their distinct values: the same merge over the runs.
 * A side's runs are per bit pattern, so -0 and 0 are two runs there, merged into one entry here.
 */
function mergeRuns(reference: DistinctRuns, current: DistinctRuns): PooledOrder {
  const n = reference.values.length;
  const m = current.values.length;
  const bound = n + m;
  const values = new Float64Array(bound);
  const referenceCounts = new Float64Array(bound);
  const currentCounts = new Float64Array(bound);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < n || j < m) {
    const a = i < n ? reference.values[i] : Infinity;
    const b = j < m ? current.values[j] : Infinity;
    const value = i < n && (j === m || a <= b) ? a : b;
    let fromReference = 0;
    let fromCurrent = 0;
    while (i < n && reference.values[i] === value) fromReference += reference.counts[i++];
    while (j < m && current.values[j] === value) fromCurrent += current.counts[j++];
    values[k] = value;
    referenceCounts[k] = fromReference;
    currentCounts[k] = fromCurrent;
    k++;
  }
  return { values: values.subarray(0, k), referenceCounts: referenceCounts.subarray(0, k), currentCounts: currentCounts.subarray(0, k) };
}

function countDistinct(reference: Float64Array, current: Float64Array): number {
  const n = reference.length;
  const m = current.length;
  let distinct = 0;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const a = reference[i];
    const b = current[j];
    if (a <= b) while (i < n && reference[i] === a) i++;
    if (b <= a) while (j < m && current[j] === b) j++;
    distinct++;
  }
  for (; i < n; distinct++) {
    const value = reference[i];
    while (i < n && reference[i] === value) i++;
  }
  for (; j < m; distinct++) {
    const value = current[j];
    while (j < m && current[j] === value) j++;
  }
  return distinct;
}
