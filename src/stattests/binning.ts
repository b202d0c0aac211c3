/**
 * The binning behind the binned distances (`psi`, `jensenshannon`, `kl_div`, `tvd`, `linf`), the separate
 * histogram `hellinger` uses, and the compact histograms the report draws.
 *
 * Shared binning (Evidently's legacy `get_binned_data`, with the cut-off at 20 distinct reference values):
 *
 * - Histogram path: a numerical column whose reference has more than 20 distinct values. Sturges' rule over
 *   all N pooled values (duplicates kept), evaluated literally in doubles as NumPy's
 *   `histogram_bin_edges(..., bins='sturges')` does: `w = (hi − lo)/(log2(N) + 1)`, `k = ceil((hi − lo)/w)`.
 *   Dividing the range by `w` is not the identity: when N is a power of two, `log2(N) + 1` is an integer and
 *   the quotient can round just above it, which adds a bin; we keep that, since the golden values do.
 *   Edges are `i·((hi − lo)/k) + lo` (NumPy's `linspace`: multiply, then add) with the last edge set to hi.
 *   Bin i holds `e_i ≤ x < e_{i+1}`; the last bin also holds hi.
 * - Discrete path: every categorical column, and every numerical column with at most 20 distinct reference
 *   values. One bucket per value present on either side (numbers compared as doubles, so -0 is 0).
 *
 * Shares are counts divided by the side's size. `psi` and `kl_div` replace zero shares (each side on its
 * own, and only when that side has a zero) by `μ/10^6` if the side's smallest non-zero share μ is at most
 * 0.0001, else by 0.0001, without renormalising: this is Evidently's convention and the golden values
 * depend on it.
 *
 * Counting is a binary search per edge over the already sorted values (O(k log n)); the discrete path reads
 * the shared pooled order (O(N)). Results are memoized per sample, because several methods run on one
 * column.
 *
 * References: NumPy `histogram_bin_edges` / `histogram` (1.24); Evidently legacy `stattests/utils.py`
 * (`get_binned_data`); H. A. Sturges, "The choice of a class interval", JASA 21 (1926).
 */
import { compareCodePoints } from './sample.js';
import { pooledOrder } from './order.js';
import type { NumericalSample, Sample, TestResult } from './types.js';

/** Above this many distinct reference values a numerical column is binned by Sturges' rule. */
export const DISCRETE_MAX_DISTINCT = 20;

export interface SharedBinning {
  /** `histogram`: Sturges bins over the pooled numbers. `discrete`: one bucket per distinct value or category. */
  readonly path: 'histogram' | 'discrete';
  /** Histogram path: the k + 1 bin edges, ascending. Absent on the discrete path. */
  readonly edges?: Float64Array;
  /** Reference count per bucket. */
  readonly reference: Float64Array;
  /** Current count per bucket, aligned with `reference`. */
  readonly current: Float64Array;
  /** n: the number of reference values (every value lands in exactly one bucket). */
  readonly referenceTotal: number;
  /** m: the number of current values. */
  readonly currentTotal: number;
}

/** The per-bucket shares (proportions) of each side on the shared binning. */
export interface BinShares {
  /** p: reference count / n per bucket. */
  readonly reference: Float64Array;
  /** q: current count / m per bucket. */
  readonly current: Float64Array;
}

const binningCache = new WeakMap<Sample, SharedBinning | null>();
const sharesCache = new WeakMap<Sample, BinShares | null>();
const filledCache = new WeakMap<Sample, BinShares | null>();

/**
 * The shared binning of a column; memoized per sample. `undefined` when the histogram path meets a
 * non-finite range. Samples built by `numericalSample` carry no infinities (they count as missing); a
 * hand-built one that does gets no binning, as NumPy refuses to bin an infinite range.
 */
export function sharedBinning(sample: Sample): SharedBinning | undefined {
  let binning = binningCache.get(sample);
  if (binning === undefined) {
    binning = computeSharedBinning(sample) ?? null;
    binningCache.set(sample, binning);
  }
  return binning ?? undefined;
}

/** p and q on the shared binning, no zero filling (`jensenshannon`, `tvd`, `linf`). Memoized per sample. */
export function binShares(sample: Sample): BinShares | undefined {
  let shares = sharesCache.get(sample);
  if (shares === undefined) {
    const binning = sharedBinning(sample);
    shares = binning
      ? { reference: divide(binning.reference, binning.referenceTotal), current: divide(binning.current, binning.currentTotal) }
      : null;
    sharesCache.set(sample, shares);
  }
  return shares ?? undefined;
}

/** p and q with Evidently's zero filling (`psi`, `kl_div`). Memoized per sample. */
export function filledBinShares(sample: Sample): BinShares | undefined {
  let filled = filledCache.get(sample);
  if (filled === undefined) {
    const shares = binShares(sample);
    filled = shares ? { reference: fillZeros(shares.reference), current: fillZeros(shares.current) } : null;
    filledCache.set(sample, filled);
  }
  return filled ?? undefined;
}

/**
 * A binned distance as a result: none where the sample has no binning (an infinite range) or where the
 * value is not finite, the rule every method on the shared binning follows.
 */
export function binnedDistance(
  shares: BinShares | undefined,
  distanceOf: (reference: Float64Array, current: Float64Array) => number,
): TestResult | undefined {
  if (!shares) return undefined;
  const distance = distanceOf(shares.reference, shares.current);
  return Number.isFinite(distance) ? { distance } : undefined;
}

/**
 * A share vector divided by its own sum, as SciPy's `entropy` and `jensenshannon` normalise their inputs:
 * shares from counts sum to 1 only up to rounding, and filled ones sum to more.
 */
export function normalised(shares: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < shares.length; i++) sum += shares[i];
  return divide(shares, sum);
}

function computeSharedBinning(sample: Sample): SharedBinning | undefined {
  if (sample.kind === 'categorical')
    return categoricalBinning(sample.reference, sample.current, sample.referenceTotal, sample.currentTotal);
  const { reference, current } = sample;
  if (distinctAtMost(reference, DISCRETE_MAX_DISTINCT)) {
    const order = pooledOrder(sample);
    return {
      path: 'discrete',
      reference: order.referenceCounts,
      current: order.currentCounts,
      referenceTotal: reference.length,
      currentTotal: current.length,
    };
  }
  const lo = Math.min(reference[0], current[0]);
  const hi = Math.max(reference[reference.length - 1], current[current.length - 1]);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  const edges = sturgesEdges(lo, hi, reference.length + current.length);
  return {
    path: 'histogram',
    edges,
    reference: histogramCounts(reference, edges),
    current: histogramCounts(current, edges),
    referenceTotal: reference.length,
    currentTotal: current.length,
  };
}

/** A category with no count on either side is not a key (Evidently's keys are the values that occur). */
function categoricalBinning(reference: Float64Array, current: Float64Array, n: number, m: number): SharedBinning {
  let kept = 0;
  for (let i = 0; i < reference.length; i++) if (reference[i] > 0 || current[i] > 0) kept++;
  if (kept === reference.length) return { path: 'discrete', reference, current, referenceTotal: n, currentTotal: m };
  const keptReference = new Float64Array(kept);
  const keptCurrent = new Float64Array(kept);
  for (let i = 0, j = 0; i < reference.length; i++) {
    if (reference[i] > 0 || current[i] > 0) {
      keptReference[j] = reference[i];
      keptCurrent[j++] = current[i];
    }
  }
  return { path: 'discrete', reference: keptReference, current: keptCurrent, referenceTotal: n, currentTotal: m };
}

/** Whether a sorted array holds at most `limit` distinct values; stops reading once it knows. */
function distinctAtMost(sorted: Float64Array, limit: number): boolean {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) {
    // `!==` treats -0 and 0 as one value, as pandas' nunique does.
    if (sorted[i] !== sorted[i - 1] && ++distinct > limit) return false;
  }
  return true;
}

/**
 * Sturges' bin edges for values spanning [lo, hi], `size` of them, exactly as NumPy's
 * `histogram_bin_edges(values, bins='sturges')` computes them. A zero range becomes [lo − 0.5, hi + 0.5]
 * with one bin, as in NumPy. `lo` and `hi` must be finite.
 */
export function sturgesEdges(lo: number, hi: number, size: number): Float64Array {
  let first = lo;
  let last = hi;
  let bins = 1;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  } else {
    const range = last - first;
    const width = range / (Math.log2(size) + 1);
    // Not simplified to ceil(log2(size) + 1): the rounding of range / width is what decides the bin count.
    if (width !== 0) bins = Math.ceil(range / width);
  }
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let i = 0; i < bins; i++) {
    // A step that underflows to 0 is scaled the other way round, as NumPy's linspace does for subnormals.
    edges[i] = (step === 0 ? (i / bins) * delta : i * step) + first;
  }
  edges[bins] = last;
  return edges;
}

/**
 * Counts of sorted values per bin: bin i holds `edges[i] ≤ x < edges[i+1]`, and the last bin also holds
 * `x = edges[k]`; values outside [edges[0], edges[k]] are not counted (NumPy's `histogram` with explicit
 * edges). One binary search per edge, so O(k log n).
 */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let below = lowerBound(sorted, edges[0]);
  for (let i = 0; i < bins; i++) {
    const upTo = i === bins - 1 ? upperBound(sorted, edges[bins]) : lowerBound(sorted, edges[i + 1]);
    counts[i] = upTo - below;
    below = upTo;
  }
  return counts;
}

/** Index of the first value ≥ x in increasing `sorted` (NumPy's `searchsorted`, side 'left'). */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first value > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function divide(counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}

/** Evidently's zero filling of one share vector; returns the input itself when it has no zero. */
export function fillZeros(shares: Float64Array): Float64Array {
  let smallest = Infinity;
  let hasZero = false;
  for (let i = 0; i < shares.length; i++) {
    const share = shares[i];
    if (share === 0) hasZero = true;
    else if (share < smallest) smallest = share;
  }
  if (!hasZero || smallest === Infinity) return shares;
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  const out = Float64Array.from(shares);
  for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = fill;
  return out;
}

/** The histogram `hellinger` reads: Sturges' rule over the distinct pooled values. */
export interface HellingerHistogram {
  /** k + 1 edges; a single distinct value v gives the one bin [v − 0.5, v + 0.5]. */
  readonly edges: Float64Array;
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

const hellingerCache = new WeakMap<NumericalSample, HellingerHistogram | null>();

/**
 * Evidently's Hellinger binning: Sturges' rule applied to the u distinct pooled values (log2(u) in place of
 * log2(N), lo/hi their extremes), on every numerical column whatever its number of distinct values; counts
 * of each side per bin. `undefined` for a non-finite range. Memoized per sample.
 */
export function hellingerHistogram(sample: NumericalSample): HellingerHistogram | undefined {
  let histogram = hellingerCache.get(sample);
  if (histogram === undefined) {
    const { reference, current } = sample;
    const lo = Math.min(reference[0], current[0]);
    const hi = Math.max(reference[reference.length - 1], current[current.length - 1]);
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      const edges = sturgesEdges(lo, hi, distinctPooled(reference, current));
      histogram = { edges, reference: histogramCounts(sample.reference, edges), current: histogramCounts(sample.current, edges) };
    } else {
      histogram = null;
    }
    hellingerCache.set(sample, histogram);
  }
  return histogram ?? undefined;
}

/** The number of distinct values in the union of two sorted arrays (-0 and 0 are one), by one merge walk. */
function distinctPooled(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === next) i++;
    while (j < b.length && b[j] === next) j++;
    distinct++;
  }
  return distinct;
}

/**
 * A small histogram of both sides of a column, for reports:
 *
 * - `bins`: numerical ranges; `edges` has one more entry than the counts, bin i is [edges[i], edges[i+1])
 *   and the last bin is closed.
 * - `values`: one bucket per distinct number (a numerical column with few distinct values).
 * - `categories`: one bucket per category; when there are more than the limit, the most frequent ones
 *   (pooled over both sides) are kept and the rest are summed in `otherReference` / `otherCurrent`.
 *
 * Counts are raw counts; `referenceTotal` / `currentTotal` are the side sizes for turning them into shares.
 */
export type CompactHistogram =
  | {
      readonly kind: 'bins';
      readonly edges: Float64Array;
      readonly reference: Float64Array;
      readonly current: Float64Array;
      readonly referenceTotal: number;
      readonly currentTotal: number;
    }
  | {
      readonly kind: 'values';
      readonly values: Float64Array;
      readonly reference: Float64Array;
      readonly current: Float64Array;
      readonly referenceTotal: number;
      readonly currentTotal: number;
    }
  | {
      readonly kind: 'categories';
      /** Most frequent first (pooled count), ties in code-point order. */
      readonly categories: readonly string[];
      readonly reference: Float64Array;
      readonly current: Float64Array;
      /** Reference count of the categories not listed (0 when all are listed). */
      readonly otherReference: number;
      /** Current count of the categories not listed. */
      readonly otherCurrent: number;
      readonly referenceTotal: number;
      readonly currentTotal: number;
    };

/** Default bucket limit of `compactHistogram`. */
export const COMPACT_HISTOGRAM_MAX_BUCKETS = 20;

/**
 * Both sides of a column as a compact histogram, on the binning the binned distances use: Sturges bins
 * for a numerical column on the histogram path, one bucket per value on the discrete path. A discrete
 * numerical column with more than `maxBuckets` values (few reference values, many new current values) is
 * drawn with Sturges bins over the pooled values instead, so the picture stays small. Categories beyond
 * `maxBuckets` are folded into "other" counts. `undefined` for a numerical sample holding infinities.
 */
export function compactHistogram(sample: Sample, maxBuckets: number = COMPACT_HISTOGRAM_MAX_BUCKETS): CompactHistogram | undefined {
  const limit = Math.max(1, Math.floor(maxBuckets));
  if (sample.kind === 'categorical')
    return compactCategories(sample.categories, sample.reference, sample.current, sample.referenceTotal, sample.currentTotal, limit);
  const binning = sharedBinning(sample);
  if (!binning) return undefined;
  const totals = { referenceTotal: binning.referenceTotal, currentTotal: binning.currentTotal };
  if (binning.edges) return { kind: 'bins', edges: binning.edges, reference: binning.reference, current: binning.current, ...totals };
  const values = pooledOrder(sample).values;
  if (values.length <= limit) return { kind: 'values', values, reference: binning.reference, current: binning.current, ...totals };
  const lo = values[0];
  const hi = values[values.length - 1];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  const edges = sturgesEdges(lo, hi, sample.reference.length + sample.current.length);
  return {
    kind: 'bins',
    edges,
    reference: histogramCounts(sample.reference, edges),
    current: histogramCounts(sample.current, edges),
    ...totals,
  };
}

function compactCategories(
  categories: readonly string[],
  reference: Float64Array,
  current: Float64Array,
  referenceTotal: number,
  currentTotal: number,
  limit: number,
): CompactHistogram {
  const present: number[] = [];
  for (let i = 0; i < categories.length; i++) if (reference[i] + current[i] > 0) present.push(i);
  present.sort((a, b) => reference[b] + current[b] - (reference[a] + current[a]) || compareCodePoints(categories[a], categories[b]));
  const kept = present.slice(0, limit);
  let otherReference = 0;
  let otherCurrent = 0;
  for (const i of present.slice(limit)) {
    otherReference += reference[i];
    otherCurrent += current[i];
  }
  return {
    kind: 'categories',
    categories: kept.map((i) => categories[i]),
    reference: Float64Array.from(kept, (i) => reference[i]),
    current: Float64Array.from(kept, (i) => current[i]),
    otherReference,
    otherCurrent,
    referenceTotal,
    currentTotal,
  };
}
