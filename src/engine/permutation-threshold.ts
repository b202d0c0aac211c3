/**
 * Distance thresholds calibrated by permutation (`distance-threshold auto`).
 *
 * A fixed distance threshold (0.1 for `wasserstein_normed`) means the same on 300 rows as on a million,
 * yet two random halves of 300 rows lie further apart than two of a million: on small samples it flags
 * noise. Under "no drift" the baseline and current rows are exchangeable, so the distance between a random
 * relabelling of the pooled rows, split into groups of the same sizes, is a draw from the distance's null
 * distribution at exactly these sample sizes. With n relabellings of which k are at least the observed
 * distance, the permutation p-value is (k + 1) / (n + 1) (the observed labelling counts as one of the
 * possible ones, so p is never 0; Phipson & Smyth 2010, "Permutation p-values should never be zero").
 *
 * The column drifts when p < alpha (the p-value threshold). The reported threshold is the smallest distance
 * that gives such a p: the next double above the (m+1)-th largest permuted distance, m = ⌈alpha·(n+1)⌉ − 2,
 * so "distance ≥ threshold" and "p < alpha" are the same statement.
 *
 * Deterministic: the relabellings come from one seeded stream per column, started from the seed and the
 * column's name, so a column's threshold does not depend on which other columns are checked.
 */
import { seededRandom, type SeededRandom } from '../core/random.js';
import { FNV_OFFSET, FNV_PRIME } from '../core/column-builder.js';
import type { CategoricalSample, NumericalSample, Sample, StatTest } from '../stattests/types.js';

export interface PermutationSettings {
  permutations: number;
  seed: number;
  /** The p-value below which the column drifts. */
  alpha: number;
}

export interface PermutationThreshold {
  threshold: number;
  p_value: number;
  permutations: number;
  seed: number;
  alpha: number;
}

export const DEFAULT_PERMUTATIONS = 999;
export const DEFAULT_PERMUTATION_SEED = 42;
/** The alpha when no p-value threshold is given: that of the p-value methods' defaults. */
export const DEFAULT_PERMUTATION_ALPHA = 0.05;

/** Whether `alpha` can be reached at all: the smallest permutation p-value is 1 / (n + 1). */
export function reachable(settings: Pick<PermutationSettings, 'permutations' | 'alpha'>): boolean {
  return settings.alpha * (settings.permutations + 1) > 1;
}

export function permutationThreshold(
  test: StatTest,
  sample: Sample,
  observed: number,
  column: string,
  settings: PermutationSettings,
): PermutationThreshold {
  const { permutations, alpha } = settings;
  const random = seededRandom(columnSeed(settings.seed, column));
  const relabel = sample.kind === 'numerical' ? numericalRelabelling(sample, random) : categoricalRelabelling(sample, random);
  const distances = new Float64Array(permutations);
  let atLeastObserved = 0;
  for (let k = 0; k < permutations; k++) {
    // A relabelling the method has no value for counts against drift: that keeps the p-value conservative.
    const distance = test.compute(relabel())?.distance;
    distances[k] = distance !== undefined && Number.isFinite(distance) ? distance : Infinity;
    if (distances[k] >= observed) atLeastObserved++;
  }
  distances.sort();
  const allowed = Math.ceil(alpha * (permutations + 1)) - 2;
  const boundary = distances[permutations - 1 - allowed];
  return { threshold: nextUp(boundary), p_value: (atLeastObserved + 1) / (permutations + 1), permutations, seed: settings.seed, alpha };
}

/** A 32-bit FNV-1a hash of the seed and the column name: one independent stream per column. */
function columnSeed(seed: number, column: string): number {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(`${seed}\u0000${column}`, 'utf8')) hash = Math.imul(hash ^ byte, FNV_PRIME);
  return hash >>> 0;
}

/**
 * The pooled values are sorted once; a relabelling picks which positions are "reference" and walks the
 * pool, so both sides come out sorted without sorting again.
 */
function numericalRelabelling(sample: NumericalSample, random: SeededRandom): () => NumericalSample {
  const pooled = mergeSorted(sample.reference, sample.current);
  const size = sample.reference.length;
  const positions = Int32Array.from({ length: pooled.length }, (_, k) => k);
  const isReference = new Uint8Array(pooled.length);
  return () => {
    choose(positions, size, random);
    isReference.fill(0);
    for (let k = 0; k < size; k++) isReference[positions[k]] = 1;
    const reference = new Float64Array(size);
    const current = new Float64Array(pooled.length - size);
    let r = 0;
    let c = 0;
    for (let k = 0; k < pooled.length; k++) {
      if (isReference[k]) reference[r++] = pooled[k];
      else current[c++] = pooled[k];
    }
    return { kind: 'numerical', reference, current };
  };
}

/** The pooled rows as category codes; a relabelling draws the reference's rows without replacement. */
function categoricalRelabelling(sample: CategoricalSample, random: SeededRandom): () => CategoricalSample {
  const categories = sample.categories.length;
  const rows = new Int32Array(sample.referenceTotal + sample.currentTotal);
  let at = 0;
  for (let category = 0; category < categories; category++) {
    const count = sample.reference[category] + sample.current[category];
    rows.fill(category, at, at + count);
    at += count;
  }
  const size = sample.referenceTotal;
  return () => {
    choose(rows, size, random);
    const reference = new Float64Array(categories);
    for (let k = 0; k < size; k++) reference[rows[k]]++;
    const current = new Float64Array(categories);
    for (let category = 0; category < categories; category++) {
      current[category] = sample.reference[category] + sample.current[category] - reference[category];
    }
    return { ...sample, reference, current };
  };
}

/** Moves a uniformly random `count`-subset of `items` to its front (the first steps of Fisher–Yates). */
function choose(items: Int32Array, count: number, random: SeededRandom): void {
  for (let k = 0; k < count; k++) {
    const pick = k + random.nextIndex(items.length - k);
    const held = items[k];
    items[k] = items[pick];
    items[pick] = held;
  }
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const merged = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) merged[k++] = a[i++];
  while (j < b.length) merged[k++] = b[j++];
  return merged;
}

const bits = new BigInt64Array(1);
const asDouble = new Float64Array(bits.buffer);

/** The smallest double above a non-negative `value` (Infinity stays Infinity). */
function nextUp(value: number): number {
  if (value === Infinity) return value;
  asDouble[0] = value === 0 ? 0 : value;
  bits[0] += 1n;
  return asDouble[0];
}
