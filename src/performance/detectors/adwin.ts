/**
 * ADWIN, adaptive windowing (A. Bifet and R. Gavaldà, "Learning from time-changing data with adaptive
 * windowing", SIAM SDM 2007), in its ADWIN2 form: a window of the most recent values that drops its
 * older part whenever the two parts' means differ by more than chance allows.
 *
 * Test: for a split of the window W (n values, variance σ²_W) into an older W₀ and a newer W₁ of n₀
 * and n₁ values, with m = 1 / (1/n₀ + 1/n₁) and δ' = δ / ln n, the split is a change when
 * `|μ̂₀ − μ̂₁| > √((2/m) · σ²_W · ln(2/δ')) + (2/(3m)) · ln(2/δ')`, the paper's Bernstein-type bound
 * for values in [0, 1] (MOA and river count each side minus the minimum sub-window in m, a slightly
 * more conservative variant; this is the paper's). On a change the oldest bucket is dropped and the test
 * repeated until no split qualifies; the alarm row is the one whose check found the first cut.
 *
 * Buckets (the paper's exponential histogram): the window is a list of rows of buckets; a bucket in
 * row i summarises 2^i consecutive values by their sum and their sum of squared deviations. New values
 * enter row 0 as single-value buckets; when a row holds M + 1 buckets its two oldest merge into one
 * bucket of the next row (variances combined exactly), so memory and the cost of a check are
 * O(M · log n). Splits are tried at bucket boundaries only, oldest first.
 *
 * Defaults: δ = 0.002 (the paper's experiments; MOA, scikit-multiflow, river); M = 5 buckets per row, a
 * check every 32 values, at least 5 values on each side of a split and 10 in the window before any
 * check — MOA's and river's settings. Checking every 32 values, not every value, adds up to 31 rows of
 * delay and makes long runs affordable.
 *
 * ADWIN is two-sided: `lastShift` tells whether the latest drift raised or lowered the mean.
 *
 * @example
 * const adwin = new Adwin();
 * // 0/1 errors at 10 % for 2000 rows, then 30 %: 'drift' typically 100–200 rows after the change,
 * // and `lastShift` > 0 (the error rate went up).
 */
import type { ChangeDetector, DetectorState } from './detector.js';

export interface AdwinOptions {
  /** Confidence δ of the cut test; default 0.002. */
  readonly delta?: number;
  /** Buckets kept per row before the two oldest merge (M); default 5. */
  readonly maxBucketsPerRow?: number;
  /** Values between two checks; default 32. */
  readonly clock?: number;
  /** Values each side of a split needs; default 5. */
  readonly minSubWindow?: number;
  /** Values the window needs before any check; default 10. */
  readonly minWindow?: number;
}

export const ADWIN_DEFAULTS: Required<AdwinOptions> = {
  delta: 0.002,
  maxBucketsPerRow: 5,
  clock: 32,
  minSubWindow: 5,
  minWindow: 10,
};

/** Buckets of one row, oldest first; each summarises 2^row values. */
interface BucketRow {
  readonly sums: number[];
  readonly squaredDeviations: number[];
}

export class Adwin implements ChangeDetector {
  private readonly options: Required<AdwinOptions>;
  /** `rows[i]` holds the buckets of 2^i values; older values live in higher rows. */
  private readonly rows: BucketRow[] = [];
  private fed = 0;
  private width = 0;
  private total = 0;
  private squaredDeviations = 0;
  private shift = 0;

  constructor(options: AdwinOptions = {}) {
    this.options = { ...ADWIN_DEFAULTS, ...options };
  }

  /** For the latest drift: the kept window's mean minus the dropped values' mean (> 0: the mean rose). */
  get lastShift(): number {
    return this.shift;
  }

  /** Values in the window now. */
  get windowWidth(): number {
    return this.width;
  }

  /** Mean of the values in the window now: the current estimate of the error rate. */
  get windowMean(): number {
    return this.width === 0 ? Number.NaN : this.total / this.width;
  }

  update(value: number): DetectorState {
    this.insert(value);
    this.fed++;
    if (this.fed % this.options.clock !== 0 || this.width <= this.options.minWindow) return 'stable';
    const widthBefore = this.width;
    const totalBefore = this.total;
    while (this.cutFound()) this.dropOldestBucket();
    if (this.width === widthBefore) return 'stable';
    this.shift = this.total / this.width - (totalBefore - this.total) / (widthBefore - this.width);
    return 'drift';
  }

  private insert(value: number): void {
    if (this.width > 0) {
      const deviation = value - this.total / this.width;
      this.squaredDeviations += (this.width / (this.width + 1)) * deviation * deviation;
    }
    this.width++;
    this.total += value;
    if (this.rows.length === 0) this.rows.push({ sums: [], squaredDeviations: [] });
    this.rows[0].sums.push(value);
    this.rows[0].squaredDeviations.push(0);
    this.mergeFullRows();
  }

  private mergeFullRows(): void {
    for (let level = 0; level < this.rows.length; level++) {
      const row = this.rows[level];
      if (row.sums.length <= this.options.maxBucketsPerRow) return;
      const size = 2 ** level;
      const [firstSum, secondSum] = row.sums.splice(0, 2);
      const [firstDeviations, secondDeviations] = row.squaredDeviations.splice(0, 2);
      const meanGap = (firstSum - secondSum) / size;
      if (level + 1 === this.rows.length) this.rows.push({ sums: [], squaredDeviations: [] });
      this.rows[level + 1].sums.push(firstSum + secondSum);
      this.rows[level + 1].squaredDeviations.push(firstDeviations + secondDeviations + (size / 2) * meanGap * meanGap);
    }
  }

  private dropOldestBucket(): void {
    const level = this.rows.length - 1;
    const row = this.rows[level];
    const size = 2 ** level;
    const sum = row.sums.shift()!;
    const deviations = row.squaredDeviations.shift()!;
    if (row.sums.length === 0) this.rows.pop();
    const restWidth = this.width - size;
    const restTotal = this.total - sum;
    if (restWidth === 0) {
      this.squaredDeviations = 0;
    } else {
      const meanGap = sum / size - restTotal / restWidth;
      this.squaredDeviations -= deviations + ((size * restWidth) / this.width) * meanGap * meanGap;
      // Cancellation can leave a tiny negative; a variance cannot be.
      this.squaredDeviations = Math.max(0, this.squaredDeviations);
    }
    this.width = restWidth;
    this.total = restTotal;
  }

  /** Whether some split at a bucket boundary, oldest first, passes the cut test. */
  private cutFound(): boolean {
    const { delta, minSubWindow } = this.options;
    const width = this.width;
    const variance = this.squaredDeviations / width;
    const logTerm = Math.log((2 * Math.log(width)) / delta);
    let olderWidth = 0;
    let olderTotal = 0;
    for (let level = this.rows.length - 1; level >= 0; level--) {
      const size = 2 ** level;
      for (const sum of this.rows[level].sums) {
        olderWidth += size;
        olderTotal += sum;
        const newerWidth = width - olderWidth;
        if (newerWidth < minSubWindow) return false;
        if (olderWidth < minSubWindow) continue;
        const inverseM = 1 / olderWidth + 1 / newerWidth;
        const bound = Math.sqrt(2 * inverseM * variance * logTerm) + (2 / 3) * inverseM * logTerm;
        if (Math.abs(olderTotal / olderWidth - (this.total - olderTotal) / newerWidth) > bound) return true;
      }
    }
    return false;
  }
}
