/**
 * The pooled order of a numerical sample, computed once per column and shared by every test that needs it
 * (KS, Wasserstein, energy, Anderson–Darling, Cramér–von Mises, Mann–Whitney, the binnings).
 *
 * Both sides arrive sorted, so the pooled order is one linear merge. Equal values (and -0 with 0) form one
 * entry with the multiplicity from each side, which is what every tie-aware formula needs.
 */
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
    order = mergeDistinct(sample.reference, sample.current);
    cache.set(sample, order);
  }
  return order;
}

function mergeDistinct(reference: Float64Array, current: Float64Array): PooledOrder {
  const capacity = reference.length + current.length;
  const values = new Float64Array(capacity);
  const referenceCounts = new Float64Array(capacity);
  const currentCounts = new Float64Array(capacity);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < reference.length || j < current.length) {
    const next = j >= current.length || (i < reference.length && reference[i] <= current[j]) ? reference[i] : current[j];
    let fromReference = 0;
    while (i < reference.length && reference[i] === next) {
      fromReference++;
      i++;
    }
    let fromCurrent = 0;
    while (j < current.length && current[j] === next) {
      fromCurrent++;
      j++;
    }
    values[k] = next;
    referenceCounts[k] = fromReference;
    currentCounts[k] = fromCurrent;
    k++;
  }
  return {
    values: values.subarray(0, k),
    referenceCounts: referenceCounts.subarray(0, k),
    currentCounts: currentCounts.subarray(0, k),
  };
}
