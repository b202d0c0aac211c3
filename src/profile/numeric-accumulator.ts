/**
 * One numerical column's profile, built from batches of rows or merged from other profiles: exact counts,
 * extremes and moments, and every distinct value with its count until there are too many, then a rank
 * summary kept within the rank error.
 */
import { momentsOf } from '../stattests/math/moments.js';
import { sortedFinite } from '../stattests/sample.js';
import { encodeDistribution } from './distribution-codec.js';
import type { ColumnMoments, NumericColumnProfile, ProfileSettings } from '../core/profile.js';
import { combine, compress, summaryOfCounts, summaryOfSorted, type RankSummary } from '../core/rank-summary.js';

export class NumericAccumulator {
  private rows = 0;
  private missing = 0;
  private integers = true;
  private present = 0;
  private moments: ColumnMoments = { mean: 0, m2: 0 };
  private distinctValues: Float64Array | undefined = new Float64Array(0) as Float64Array;
  private distinctCounts: Float64Array = new Float64Array(0);
  private summary: RankSummary | undefined;
  private distinctAtLeast = 0;
  /** Whether every part added was instants (undefined until one is added). */
  private time: boolean | undefined;

  constructor(
    readonly name: string,
    private readonly settings: ProfileSettings,
  ) {}

  /** A batch of cells (NaN where missing), in any order; `time` when they are Unix milliseconds. */
  addValues(values: Float64Array, time = false): void {
    this.time = (this.time ?? true) && time;
    const sorted = sortedFinite(values);
    this.rows += values.length;
    this.missing += values.length - sorted.length;
    if (sorted.length === 0) return;
    const { mean, squaredDeviations } = momentsOf(sorted);
    this.addMoments(sorted.length, { mean, m2: squaredDeviations });
    if (this.distinctValues) {
      const [values, counts] = runsOf(sorted);
      this.addDistinct(values, counts);
    } else {
      this.addSummary(summaryOfSorted(sorted, this.settings.rankError / 2));
    }
    for (let i = 0; i < sorted.length && this.integers; i++) this.integers = Number.isInteger(sorted[i]);
  }

  /** Cells that are missing because a file of the data has no such column. */
  addMissing(rows: number): void {
    this.rows += rows;
    this.missing += rows;
  }

  /** Another profile of the same column, of other rows. */
  addProfile(column: NumericColumnProfile): void {
    this.time = (this.time ?? true) && column.time === true;
    this.rows += column.rows;
    this.missing += column.missing;
    const present = column.rows - column.missing;
    if (present === 0) return;
    this.integers &&= column.integers;
    this.addMoments(present, column.moments!);
    const { distribution } = column;
    if (distribution.kind === 'lossless' && this.distinctValues) this.addDistinct(distribution.values, distribution.counts);
    else {
      const summary = distribution.kind === 'lossless' ? summaryOfCounts(distribution.values, distribution.counts) : distribution.summary;
      this.distinctAtLeast = Math.max(
        this.distinctAtLeast,
        distribution.kind === 'lossless' ? distribution.values.length : distribution.distinctAtLeast,
      );
      this.addSummary(summary);
    }
  }

  finish(): NumericColumnProfile {
    const common = {
      storage: 'numeric' as const,
      name: this.name,
      rows: this.rows,
      missing: this.missing,
      integers: this.integers,
      ...(this.time ? { time: true as const } : {}),
    };
    const moments = this.present === 0 ? {} : { moments: this.moments };
    if (this.distinctValues) {
      const [values, counts] = [this.distinctValues, this.distinctCounts];
      // The size budget is on the encoding the profile file will hold.
      if (encodeDistribution(values, counts).data.length <= this.settings.maxLosslessBytes) {
        const range = values.length === 0 ? {} : { min: values[0], max: values[values.length - 1] };
        return { ...common, ...range, ...moments, distribution: { kind: 'lossless', values, counts } };
      }
      this.switchToSummary();
    }
    const summary = this.summary!;
    return {
      ...common,
      min: summary.values[0],
      max: summary.values[summary.values.length - 1],
      ...moments,
      distribution: { kind: 'summary', summary, rankError: this.settings.rankError, distinctAtLeast: this.distinctAtLeast },
    };
  }

  /** Chan, Golub & LeVeque's pairwise update: exact counts, and mean and M2 without cancellation. */
  private addMoments(count: number, moments: ColumnMoments): void {
    const total = this.present + count;
    const delta = moments.mean - this.moments.mean;
    this.moments = {
      mean: this.present === 0 ? moments.mean : this.moments.mean + (delta * count) / total,
      m2: this.moments.m2 + moments.m2 + (delta * delta * this.present * count) / total,
    };
    this.present = total;
  }

  private addDistinct(values: Float64Array, counts: Float64Array): void {
    [this.distinctValues, this.distinctCounts] = mergeCounts(this.distinctValues!, this.distinctCounts, values, counts);
    if (this.distinctValues.length > this.settings.maxDistinct) this.switchToSummary();
  }

  private switchToSummary(): void {
    this.distinctAtLeast = Math.max(this.distinctAtLeast, this.distinctValues!.length);
    this.summary = compress(summaryOfCounts(this.distinctValues!, this.distinctCounts), this.settings.rankError);
    this.distinctValues = undefined;
    this.distinctCounts = new Float64Array(0);
  }

  private addSummary(summary: RankSummary): void {
    if (this.distinctValues) {
      // A summary merged into exact values: the exact values become a summary too.
      this.distinctAtLeast = Math.max(this.distinctAtLeast, this.distinctValues.length);
      this.switchToSummary();
    }
    const merged = combine(
      this.summary ?? { count: 0, values: new Float64Array(0), rmin: new Float64Array(0), rmax: new Float64Array(0) },
      summary,
    );
    this.summary = compress(merged, this.settings.rankError);
  }
}

/** The distinct values of a sorted array and how often each occurs (−0 and 0 are one value). */
function runsOf(sorted: Float64Array): [Float64Array, Float64Array] {
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    values.push(sorted[i] === 0 ? 0 : sorted[i]);
    counts.push(j - i);
    i = j;
  }
  return [Float64Array.from(values), Float64Array.from(counts)];
}

/** Two sorted distinct-value lists with counts, as one. */
function mergeCounts(a: Float64Array, aCounts: Float64Array, b: Float64Array, bCounts: Float64Array): [Float64Array, Float64Array] {
  const values = new Float64Array(a.length + b.length);
  const counts = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) {
      values[k] = a[i];
      counts[k++] = aCounts[i++];
    } else if (i >= a.length || b[j] < a[i]) {
      values[k] = b[j];
      counts[k++] = bCounts[j++];
    } else {
      values[k] = a[i];
      counts[k++] = aCounts[i++] + bCounts[j++];
    }
  }
  return [values.slice(0, k), counts.slice(0, k)];
}
