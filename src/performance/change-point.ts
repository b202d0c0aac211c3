/**
 * When did performance start to slip? Runs the three streaming detectors — DDM, ADWIN and Page-Hinkley
 * (`detectors/`), each with its published defaults — over the per-row error signal in stream order and
 * reports, per detector, the first rise in the error: the row that raised the alarm, and the row where
 * the rise most likely began.
 *
 * Signal (`errorSignal`): 1 for a misclassified row and 0 otherwise; the absolute error |ŷ − y| for
 * regression, best divided by a typical error (the baseline MAE, say; `errorSignal` takes that scale)
 * since ADWIN's bound assumes values of order one. DDM models a 0/1 error rate, so on any other signal
 * it is "not-applicable". So is Page-Hinkley unless `pageHinkley` options are passed: its published
 * λ and δ are in the signal's units and suit 0/1 errors; on |N(0, 1)| errors they alarm on about half
 * of stationary 10,000-row streams (96 of 200 measured; 159 of 200 after dividing by the MAE). DDM and
 * Page-Hinkley only look for rises; ADWIN also reports falls, which are skipped here (an improving
 * model is not the question).
 *
 * Onset: the detectors say when they became sure, not when the change happened. For the stream up to
 * the alarm, the onset is the split maximising `k·(T − k)/T · (mean after − mean before)²` among splits
 * where the mean rose: the maximum-likelihood location of a single shift in mean (the statistic of
 * binary segmentation and CUSUM change-point estimation; A. J. Scott and M. Knott, Biometrics 30, 1974).
 *
 * Order: rows are streamed in the order of `order` when given (numbers ascending; text by code point,
 * which is chronological for ISO 8601 timestamps written alike), ties keeping row order. Positions count
 * along the stream; rows are the caller's row indices. Rows without an order value must be dropped by
 * the caller.
 *
 * Delays and false alarms with the defaults, measured on seeded Bernoulli error streams (200 streams
 * each; `__tests__/performance/detectors.test.ts` checks them on 20):
 * - error rate 0.1 → 0.3 at row 2000, rows from the change to the alarm (median / 95th pct / max):
 *   ADWIN 111 / 207 / 271, Page-Hinkley 242 / 333 / 405, DDM 144 / 794 / 1291 (on the streams where
 *   DDM had not already fired before the change);
 * - stationary 10,000-row streams, share with any alarm, at error rates 0.02 / 0.1 / 0.3:
 *   ADWIN 0 % / 0 % / 0.5 %, Page-Hinkley 0 % / 0 % / 10 %, DDM 83 % / 47 % / 20 %, nearly all of DDM's
 *   within the first 500 rows, where its minimum p + s is set on few rows. Read a lone DDM alarm early
 *   in a stream with suspicion.
 *
 * @example
 * // 0/1 errors at a 10 % rate for rows 0–1999 and 30 % after (the seed-1 stream of the tests):
 * firstChangePoints(signal).adwin;
 * // => { status: 'change', detected: { position: 2079, row: 2079 }, onset: { position: 1999, row: 1999 } }
 * // With `order: timestamps` the points also carry `order`, that row's timestamp.
 */
import { Adwin, type AdwinOptions } from './detectors/adwin.js';
import { Ddm, type DdmOptions } from './detectors/ddm.js';
import type { ChangeDetector } from './detectors/detector.js';
import { PageHinkley, type PageHinkleyOptions } from './detectors/page-hinkley.js';
import { compareLabels } from './label-order.js';
import { absoluteErrors } from './regression-errors.js';
import { requireAligned, type LabelledRows } from './rows.js';

export type DetectorName = 'ddm' | 'adwin' | 'page-hinkley';

export const DETECTOR_NAMES: readonly DetectorName[] = ['ddm', 'adwin', 'page-hinkley'];

export interface StreamPoint {
  /** 0-based place in the ordered stream. */
  readonly position: number;
  /** The caller's row index of that place. */
  readonly row: number;
  /** That row's order-column value, when an order was given. */
  readonly order?: number | string;
}

export type DetectorOutcome =
  | { readonly status: 'change'; readonly detected: StreamPoint; readonly onset: StreamPoint }
  | { readonly status: 'no-change' }
  | { readonly status: 'not-applicable'; readonly reason: string };

export interface ChangePointOptions {
  /** One value per row to stream by; rows keep their order without it. */
  readonly order?: readonly number[] | readonly string[];
  readonly ddm?: DdmOptions;
  readonly adwin?: AdwinOptions;
  readonly pageHinkley?: PageHinkleyOptions;
}

/**
 * The per-row error signal of labelled rows: 0/1 misclassification, or |ŷ − y| / `scale` for
 * regression. Undefined when a regression value is not finite.
 */
export function errorSignal(rows: LabelledRows, scale = 1): Float64Array | undefined {
  if (rows.task === 'regression') return absoluteErrors(rows.yTrue, rows.yPred)?.map((error) => error / scale);
  requireAligned('y_pred', rows.yTrue.length, rows.yPred);
  return Float64Array.from(rows.yTrue, (truth, row) => (truth === rows.yPred[row] ? 0 : 1));
}

export function firstChangePoints(signal: ArrayLike<number>, options: ChangePointOptions = {}): Record<DetectorName, DetectorOutcome> {
  const { order } = options;
  if (order) requireAligned('order', signal.length, order);
  const stream = streamOrder(signal.length, order);
  const streamed = Float64Array.from(stream, (row) => signal[row]);
  const pointAt = (position: number): StreamPoint => {
    const row = stream[position];
    return order ? { position, row, order: order[row] } : { position, row };
  };
  const run = (detector: ChangeDetector, isRise: () => boolean = () => true): DetectorOutcome => {
    for (let position = 0; position < streamed.length; position++) {
      if (detector.update(streamed[position]) === 'drift' && isRise()) {
        return { status: 'change', detected: pointAt(position), onset: pointAt(shiftOnset(streamed, position)) };
      }
    }
    return { status: 'no-change' };
  };
  const binary = streamed.every((value) => value === 0 || value === 1);
  const adwin = new Adwin(options.adwin);
  return {
    ddm: binary ? run(new Ddm(options.ddm)) : { status: 'not-applicable', reason: 'DDM needs a 0/1 error signal (classification)' },
    adwin: run(adwin, () => adwin.lastShift > 0),
    'page-hinkley':
      binary || options.pageHinkley
        ? run(new PageHinkley(options.pageHinkley))
        : { status: 'not-applicable', reason: "Page-Hinkley's default threshold is calibrated for a 0/1 error signal" },
  };
}

/**
 * Where a rise in the mean of `values[0..end]` most likely began: the first position of the later part
 * of the split k maximising k·(n − k)/n · (mean after − mean before)², n = end + 1, among splits whose
 * later part has the higher mean. `end` itself when no split shows a rise.
 */
export function shiftOnset(values: ArrayLike<number>, end: number): number {
  const n = end + 1;
  let total = 0;
  for (let position = 0; position < n; position++) total += values[position];
  let best = end;
  let bestScore = 0;
  let before = 0;
  for (let split = 1; split < n; split++) {
    before += values[split - 1];
    const gap = (total - before) / (n - split) - before / split;
    const score = ((split * (n - split)) / n) * gap * gap;
    if (gap > 0 && score > bestScore) {
      best = split;
      bestScore = score;
    }
  }
  return best;
}

/** Row indices in stream order: stably sorted by `order` when given. */
function streamOrder(length: number, order: readonly number[] | readonly string[] | undefined): Uint32Array {
  const rows = Uint32Array.from({ length }, (_, row) => row);
  if (!order) return rows;
  const compare =
    typeof order[0] === 'number'
      ? (a: number, b: number) => (order[a] as number) - (order[b] as number) || a - b
      : (a: number, b: number) => compareLabels(order[a] as string, order[b] as string) || a - b;
  return rows.sort(compare);
}
