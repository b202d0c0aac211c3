/**
 * Seeded percentile bootstrap confidence interval of the change of a metric, current − baseline, so a
 * reviewer can tell a real drop from the noise of finite samples.
 *
 * Method: for each of B resamples (default 1000), draw n_baseline baseline rows and n_current current
 * rows with replacement — each side on its own, as the two sides are independent samples — compute the
 * metric on both and keep the difference. A resample is kept as how many times each row was drawn and
 * the metric evaluated on those counts (`resampling.ts`), so nothing is copied or re-sorted per
 * resample. The interval is the (1 − c)/2 and (1 + c)/2 quantiles of the B differences (c = 0.95 by
 * default), with linear interpolation between order statistics (NumPy's default `percentile` method,
 * Hyndman–Fan type 7). Reference: B. Efron and R. Tibshirani, "An Introduction to the Bootstrap"
 * (1993), ch. 13.
 *
 * Reproducibility: one `seededRandom` stream (xoshiro128**, see `src/core/random.ts`) per call, default seed 42;
 * each resample draws its n_baseline baseline row indices, then its n_current current ones. The same
 * rows, metric and options give the same interval on every run and Node version.
 *
 * Edge cases: a resample on which the metric is not defined on either side (ROC AUC with a single class
 * drawn, say) is left out and counted; when more than 10 % of resamples are left out the interval would
 * describe an unrepresentative subset of them, so there is none (undefined). Either side without rows,
 * no interval. Cost: B · (n_baseline + n_current) draws and as many row visits per metric evaluation —
 * about a second for 1000 resamples of 10,000 rows a side on one core, ROC AUC included.
 *
 * @example
 * // 100 rows a side, accuracy 0.9 on the baseline and 0.8 now:
 * const rows = (correct: number): LabelledRows => ({
 *   task: 'classification',
 *   yTrue: new Array<string>(100).fill('y'),
 *   yPred: Array.from({ length: 100 }, (_, row) => (row < correct ? 'y' : 'n')),
 * });
 * bootstrapDifference(performanceMetric('accuracy')!.prepare, rows(90), rows(80));
 * // => { lower: -0.20000000000000007, upper: 0, confidence: 0.95, resamples: 1000, seed: 42,
 * //      undefinedResamples: 0 }: a ten-point drop, yet zero is still inside at this sample size
 */
import { seededRandom } from '../core/random.js';
import type { ResampledMetric } from './resampling.js';
import { rowCount, type LabelledRows } from './rows.js';

export interface BootstrapOptions {
  /** Default 42. */
  readonly seed?: number;
  /** Default 1000. */
  readonly resamples?: number;
  /** Two-sided coverage in (0, 1); default 0.95. */
  readonly confidence?: number;
}

export interface BootstrapInterval {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly resamples: number;
  readonly seed: number;
  /** Resamples on which the metric was not defined on a side, left out of the quantiles. */
  readonly undefinedResamples: number;
}

export const DEFAULT_BOOTSTRAP_SEED = 42;
export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_CONFIDENCE = 0.95;
const MAX_UNDEFINED_SHARE = 0.1;

export function bootstrapDifference(
  prepare: (rows: LabelledRows) => ResampledMetric,
  baseline: LabelledRows,
  current: LabelledRows,
  options: BootstrapOptions = {},
): BootstrapInterval | undefined {
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_BOOTSTRAP_CONFIDENCE;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie in (0, 1), got ${confidence}`);
  const baselineSize = rowCount(baseline);
  const currentSize = rowCount(current);
  if (baselineSize === 0 || currentSize === 0) return undefined;

  const random = seededRandom(seed);
  const baselineMetric = prepare(baseline);
  const currentMetric = prepare(current);
  const baselineDraws = new Uint32Array(baselineSize);
  const currentDraws = new Uint32Array(currentSize);
  const differences: number[] = [];
  for (let resample = 0; resample < resamples; resample++) {
    baselineDraws.fill(0);
    currentDraws.fill(0);
    for (let i = 0; i < baselineSize; i++) baselineDraws[random.nextIndex(baselineSize)]++;
    for (let i = 0; i < currentSize; i++) currentDraws[random.nextIndex(currentSize)]++;
    const baselineValue = baselineMetric(baselineDraws);
    const currentValue = currentMetric(currentDraws);
    if (baselineValue !== undefined && currentValue !== undefined) differences.push(currentValue - baselineValue);
  }
  const undefinedResamples = resamples - differences.length;
  if (differences.length === 0 || undefinedResamples > MAX_UNDEFINED_SHARE * resamples) return undefined;
  differences.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return {
    lower: interpolatedQuantile(differences, tail),
    upper: interpolatedQuantile(differences, 1 - tail),
    confidence,
    resamples,
    seed,
    undefinedResamples,
  };
}

/** Quantile p of ascending `sorted`, interpolating linearly at position p · (n − 1) (type 7). */
function interpolatedQuantile(sorted: readonly number[], p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
