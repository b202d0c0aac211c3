/**
 * A numerical side's mean and population standard deviation, the report's descriptive statistics. The
 * thread that read and sorted a side computes them there (`presort`), while the other side is still being
 * read, and the comparison finds them by the sorted values; computed on the same values, they are the
 * same numbers either way.
 */
import { mean, standardDeviation } from 'simple-statistics';

export interface Spread {
  mean: number;
  std: number;
}

const computed = new WeakMap<Float64Array, Spread>();

/** The spread of `sorted`, computed once. */
export function spreadOf(sorted: Float64Array): Spread {
  let spread = computed.get(sorted);
  if (spread === undefined) {
    spread = meanAndDeviation(sorted);
    computed.set(sorted, spread);
  }
  return spread;
}

/** What another thread computed for `sorted` with `spreadOf`. */
export function rememberSpread(sorted: Float64Array, spread: Spread): void {
  computed.set(sorted, spread);
}

/**
 * Values near the largest double (±1.8e308) overflow the sums, so then they are computed on the values
 * divided by a power of two, which is exact, and scaled back.
 */
function meanAndDeviation(sorted: Float64Array): Spread {
  // simple-statistics only reads `length` and indexes, which typed arrays provide without a copy.
  const values = sorted as unknown as number[];
  const direct = { mean: mean(values), std: values.length > 1 ? standardDeviation(values) : 0 };
  if (Number.isFinite(direct.mean) && Number.isFinite(direct.std)) return direct;
  const largest = Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
  const scale = 2 ** Math.floor(Math.log2(largest));
  const scaled = values.map((value) => value / scale);
  return { mean: mean(scaled) * scale, std: (values.length > 1 ? standardDeviation(scaled) : 0) * scale };
}
