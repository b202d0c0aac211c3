/**
 * A mergeable quantile summary with a deterministic, worst-case rank error: what a profile keeps of a
 * numerical column with too many distinct values to keep them all.
 *
 * Definition (Greenwald & Khanna's rank-bound form): the summary of n values y_1 ≤ … ≤ y_n is a list of
 * stored values v_1 ≤ … ≤ v_k, each one of the y's, with bounds rmin_i ≤ pos(v_i) ≤ rmax_i on its position
 * in sorted order. The first is the minimum and the last the maximum, both at exact positions (1 and n).
 * For any x, let i be the last stored value ≤ x; then the number of values ≤ x, C(x), satisfies
 * rmin_i ≤ C(x) ≤ rmax_{i+1} − 1, because v_i is one of them and v_{i+1} > x comes after all of them.
 * The summary's rank error is ε = max (rmax_{i+1} − rmin_i − 1) / (2n) over v_i < v_{i+1}: the midpoint of that interval is
 * within εn of C(x) for every x, so each side's empirical CDF is known within ε everywhere, and a KS
 * statistic against it within ε.
 *
 * Operations, each keeping the guarantee (Greenwald & Khanna, "Power-conserving computation of
 * order-statistics over sensor networks", PODS 2004, §3):
 * - `summaryOfSorted`: an exact summary of a sorted batch (positions known), thinned to a chosen ε;
 * - `combine`: the summary of a union. A value from A gets rmin = rmin_A + rmin_B(last B value before it) and
 *   rmax = rmax_A + rmax_B(first B value after it) − 1 (ties ordered A first); the union's ε is at most the
 *   larger of the two;
 * - `compress`: drops stored values while every gap stays within 2εn, greedily from the left.
 * The error never grows beyond the target that `compress` is asked for, however many merges happen; the
 * price is size, about 1/ε stored values (2,000 at the default ε = 0.1%).
 */
export interface RankSummary {
  /** The number of values summarised. */
  readonly count: number;
  /** Stored values, ascending. */
  readonly values: Float64Array;
  /** Lower bound of each stored value's 1-based position in sorted order. */
  readonly rmin: Float64Array;
  /** Upper bound of each stored value's position. */
  readonly rmax: Float64Array;
}

/** The summary of sorted values, keeping enough of them that the rank error is at most `epsilon`. */
export function summaryOfSorted(sorted: Float64Array, epsilon: number): RankSummary {
  const positions = summaryPositions(sorted.length, epsilon);
  const values = Float64Array.from(positions, (position) => sorted[position - 1]);
  const ranks = Float64Array.from(positions);
  return { count: sorted.length, values, rmin: ranks, rmax: ranks.slice() };
}

/**
 * The 1-based positions an exact summary of n sorted values keeps: the first, every s-th after it and the
 * last, s = ⌊2εn⌋ + 1, so that no gap between kept positions exceeds 2εn.
 */
export function summaryPositions(count: number, epsilon: number): number[] {
  const step = Math.max(1, Math.floor(2 * epsilon * count) + 1);
  const positions: number[] = [];
  for (let position = 1; position < count; position += step) positions.push(position);
  if (count > 0) positions.push(count);
  return positions;
}

/** The exact summary of distinct values with their counts: each run of equal values kept at both ends. */
export function summaryOfCounts(values: Float64Array, counts: Float64Array): RankSummary {
  const stored: number[] = [];
  const positions: number[] = [];
  let position = 0;
  for (let i = 0; i < values.length; i++) {
    stored.push(values[i]);
    positions.push(position + 1);
    position += counts[i];
    if (counts[i] > 1) {
      stored.push(values[i]);
      positions.push(position);
    }
  }
  const ranks = Float64Array.from(positions);
  return { count: position, values: Float64Array.from(stored), rmin: ranks, rmax: ranks.slice() };
}

/** The summary of the union of the values `a` and `b` summarise. */
export function combine(a: RankSummary, b: RankSummary): RankSummary {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  const length = a.values.length + b.values.length;
  const values = new Float64Array(length);
  const rmin = new Float64Array(length);
  const rmax = new Float64Array(length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < length; k++) {
    // On equal values A's come first, so B's values equal to an A value are after it.
    const fromA = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]);
    if (fromA) {
      values[k] = a.values[i];
      rmin[k] = a.rmin[i] + (j > 0 ? b.rmin[j - 1] : 0);
      rmax[k] = a.rmax[i] + (j < b.values.length ? b.rmax[j] - 1 : b.count);
      i++;
    } else {
      values[k] = b.values[j];
      rmin[k] = b.rmin[j] + (i > 0 ? a.rmin[i - 1] : 0);
      rmax[k] = b.rmax[j] + (i < a.values.length ? a.rmax[i] - 1 : a.count);
      j++;
    }
  }
  return { count: a.count + b.count, values, rmin, rmax };
}

/**
 * Keeps the first and last stored values and, going left to right, the farthest next one whose gap from
 * the last kept stays within 2εn. A gap that is already wider (a summary coarser than ε) is kept as is.
 */
export function compress(summary: RankSummary, epsilon: number): RankSummary {
  const k = summary.values.length;
  if (k <= 2) return summary;
  const allowed = 2 * epsilon * summary.count;
  const kept = [0];
  let last = 0;
  while (last < k - 1) {
    let next = last + 1;
    while (next + 1 < k && summary.rmax[next + 1] - summary.rmin[last] - 1 <= allowed) next++;
    kept.push(next);
    last = next;
  }
  const pick = (array: Float64Array) => Float64Array.from(kept, (index) => array[index]);
  return { count: summary.count, values: pick(summary.values), rmin: pick(summary.rmin), rmax: pick(summary.rmax) };
}

/** The summary's rank error ε, as a share of its count (0 for an exact one). */
export function rankErrorOf(summary: RankSummary): number {
  let widest = 0;
  // No x falls between two equal stored values, so their gap bounds no query.
  for (let i = 0; i + 1 < summary.values.length; i++) {
    if (summary.values[i + 1] > summary.values[i]) widest = Math.max(widest, summary.rmax[i + 1] - summary.rmin[i] - 1);
  }
  return summary.count === 0 ? 0 : widest / (2 * summary.count);
}

/**
 * What a summary contradicts about itself, or undefined when it is sound: positions within 1..n and
 * ordered, values ascending and finite, the minimum and maximum at their exact positions.
 */
export function summaryFault(summary: RankSummary): string | undefined {
  const { count, values, rmin, rmax } = summary;
  const k = values.length;
  if (!Number.isSafeInteger(count) || count < 0) return `its count ${count} is not a whole number of values`;
  if (rmin.length !== k || rmax.length !== k) return 'its values and rank bounds have different lengths';
  if (count === 0) return k === 0 ? undefined : 'it stores values but summarises none';
  if (k === 0) return 'it summarises values but stores none';
  if (rmin[0] !== 1 || rmax[0] !== 1 || rmin[k - 1] !== count || rmax[k - 1] !== count) {
    return 'its first and last stored values are not at the exact first and last positions';
  }
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(values[i])) return `stored value ${i + 1} is not a finite number`;
    if (!(rmin[i] >= 1 && rmin[i] <= rmax[i] && rmax[i] <= count) || !Number.isInteger(rmin[i]) || !Number.isInteger(rmax[i])) {
      return `stored value ${i + 1} has rank bounds [${rmin[i]}, ${rmax[i]}] outside 1..${count}`;
    }
    if (i > 0 && (values[i] < values[i - 1] || rmin[i] <= rmin[i - 1] || rmax[i] <= rmax[i - 1])) {
      return `stored value ${i + 1} is out of order`;
    }
  }
  return undefined;
}

/**
 * Distinct stored values with counts whose cumulative sums sit at the middle of each rank interval: the
 * weighted sample whose empirical CDF is within `cdfError` of the true one at every point.
 */
export interface RepresentativePoints {
  readonly values: Float64Array;
  readonly counts: Float64Array;
  /** sup_x |F̂(x) − F(x)|, bounded from the rank intervals (at most ε + 1/(2n)). */
  readonly cdfError: number;
  /**
   * ∫ |F̂(x) − F(x)| dx bounded the same way: how far a Wasserstein distance computed on the points can be
   * from the true one, in the column's units.
   */
  readonly areaError: number;
}

export function representativePoints(summary: RankSummary): RepresentativePoints {
  const { count, values, rmin, rmax } = summary;
  const distinct: number[] = [];
  const cumulative: number[] = [];
  let cdfError = 0;
  let areaError = 0;
  for (let i = 0; i < values.length; i++) {
    // Equal stored values are one step of the CDF: the last of them sets it.
    if (i + 1 < values.length && values[i + 1] === values[i]) continue;
    const below = rmin[i];
    const above = i + 1 < values.length ? rmax[i + 1] - 1 : count;
    const at = Math.max(cumulative.length > 0 ? cumulative[cumulative.length - 1] : 0, Math.floor((below + above) / 2));
    const error = Math.max(at - below, above - at) / count;
    cdfError = Math.max(cdfError, error);
    if (i + 1 < values.length) areaError += (values[i + 1] - values[i]) * error;
    distinct.push(values[i]);
    cumulative.push(at);
  }
  const counts = Float64Array.from(cumulative, (at, index) => at - (index > 0 ? cumulative[index - 1] : 0));
  return { values: Float64Array.from(distinct), counts, cdfError, areaError };
}
