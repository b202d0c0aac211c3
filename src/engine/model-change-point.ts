/**
 * When it started: the three stream detectors over the per-row error of the labelled CURRENT rows in time
 * order (the order column, or the rows' order in the files). The baseline is not streamed: it is the
 * reference the model was accepted on, so a change inside it is not news. ADWIN leads, as the detector
 * with the fewest false alarms on stationary streams (about none, where DDM with its published defaults
 * alarms on about half of long ones; `performance/change-point.ts`).
 */
import { max, min } from 'simple-statistics';
import { describeStreamPoint } from './stream-point.js';
import { columnNamed } from './model-cells.js';
import type { SideRows } from './model-rows.js';
import type { ChangePointResult, DetectorResult, ErrorBucket, StreamPoint } from './result.js';
import { MISSING_CODE, type Column, type Table } from '../core/table.js';
import { epochEncodingOf, ISO_TIMESTAMP, type TimeEncoding } from './time.js';
import { errorSignal, firstChangePoints, type DetectorOutcome } from '../performance/change-point.js';
import { compareLabels } from '../performance/label-order.js';

/** Error-rate chart resolution: at most this many points, each of at least `MIN_BUCKET_ROWS` rows. */
const MAX_ERROR_BUCKETS = 30;
const MIN_BUCKET_ROWS = 20;

export function locateChangePoint(
  current: Table,
  orderColumn: string | undefined,
  labelled: SideRows,
  scale: number,
  minRows: number,
): ChangePointResult {
  const { rows } = labelled;
  const signalKind = rows.task === 'classification' ? 'misclassification' : 'absolute-error';
  const errors = errorSignal(rows)!;
  const stream = streamOf(labelled.tableRows, orderColumn === undefined ? undefined : columnNamed(current, orderColumn));
  const streamInfo = {
    rows: stream.rows.length,
    ...(orderColumn === undefined ? {} : { order_column: orderColumn }),
    ...(stream.time === undefined ? {} : { order_time: stream.time }),
    signal: signalKind,
    ...(rows.task === 'regression' ? { scale } : {}),
  } satisfies ChangePointResult['stream'];
  const notRun: DetectorResult = { status: 'not-applicable', reason: 'too few labelled rows in the stream' };
  if (stream.rows.length < minRows) {
    return {
      status: 'insufficient-data',
      detector: 'adwin',
      reason: `the stream has ${stream.rows.length} labelled current rows${orderColumn === undefined ? '' : ' with an order value'}; ${minRows} are needed`,
      stream: streamInfo,
      detectors: { adwin: notRun, 'page-hinkley': notRun, ddm: notRun },
      error_series: [],
      summary: `No change point: the stream has ${stream.rows.length} labelled current rows; ${minRows} are needed.`,
    };
  }

  const streamed = Float64Array.from(stream.labelledIndex, (index) => errors[index]);
  const outcomes = firstChangePoints(rows.task === 'regression' ? streamed.map((error) => error / scale) : streamed);
  const pointAt = (position: number): StreamPoint => {
    const order = stream.order?.[position];
    return { position, row: stream.rows[position], ...(order === undefined ? {} : { order }) };
  };
  const detectorResult = (outcome: DetectorOutcome): DetectorResult => {
    if (outcome.status === 'change')
      return { status: 'change', onset: pointAt(outcome.onset.position), detected: pointAt(outcome.detected.position) };
    return outcome.status === 'no-change' ? { status: 'no-change' } : { status: 'not-applicable', reason: outcome.reason };
  };
  const detectors = {
    adwin: detectorResult(outcomes.adwin),
    'page-hinkley': detectorResult(outcomes['page-hinkley']),
    ddm: detectorResult(outcomes.ddm),
  };
  const headline = detectors.adwin;
  const result: ChangePointResult = {
    status: headline.status === 'change' ? 'change' : 'no-change',
    detector: 'adwin',
    ...(headline.onset ? { onset: headline.onset, detected: headline.detected } : {}),
    stream: streamInfo,
    detectors,
    error_series: errorBuckets(streamed, stream.rows, stream.order),
    summary: '',
  };
  result.summary = changePointSummary(result);
  return result;
}

function changePointSummary(result: ChangePointResult): string {
  const what = result.stream.signal === 'misclassification' ? 'error rate' : 'absolute error';
  if (result.status === 'change') {
    const time = result.stream.order_time;
    return `The ${what} rose from ${describeStreamPoint(result.onset!, time)}; ADWIN was sure at ${describeStreamPoint(result.detected!, time)}.`;
  }
  return `No change point: ADWIN saw no rise in the ${what} over ${result.stream.rows} labelled current rows.`;
}

interface Stream {
  /** Table rows in stream order. */
  rows: number[];
  /** Index into the labelled rows, in stream order. */
  labelledIndex: number[];
  order?: Array<number | string>;
  /** How the order values are times, when they are. */
  time?: TimeEncoding;
}

/**
 * The labelled rows in time order: by the order column when given (rows without a value left out; ties
 * keep row order), else in the order they were read.
 */
function streamOf(tableRows: readonly number[], orderColumn: Column | undefined): Stream {
  const indices = tableRows.map((_, index) => index);
  if (!orderColumn) return { rows: [...tableRows], labelledIndex: indices };
  const valueOf = (row: number): number | string | undefined => {
    if (orderColumn.storage === 'numeric') return Number.isFinite(orderColumn.values[row]) ? orderColumn.values[row] : undefined;
    const code = orderColumn.codes[row];
    return code === MISSING_CODE ? undefined : orderColumn.dictionary[code];
  };
  const present = indices.filter((index) => valueOf(tableRows[index]) !== undefined);
  const values = present.map((index) => valueOf(tableRows[index])!);
  const { keys, time } = sortKeys(values, orderColumn.storage === 'numeric' && orderColumn.time === true);
  const order = present.map((_, position) => position).sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
  return {
    rows: order.map((position) => tableRows[present[position]]),
    labelledIndex: order.map((position) => present[position]),
    order: order.map((position) => values[position]),
    ...(time === undefined ? {} : { time }),
  };
}

/**
 * Numbers as they are (Unix times when their range says so, or when read from a date or timestamp
 * column); times as milliseconds when every value is an ISO 8601 time; other text as text.
 */
function sortKeys(values: ReadonlyArray<number | string>, readAsTime: boolean): { keys: Array<number | string>; time?: TimeEncoding } {
  if (values.every((value) => typeof value === 'number')) {
    const numbers = [...(values as readonly number[])];
    const time = readAsTime ? 'epoch-ms' : numbers.length > 0 ? epochEncodingOf(min(numbers), max(numbers)) : undefined;
    return { keys: numbers, ...(time === undefined ? {} : { time }) };
  }
  const times = values.every((value) => typeof value === 'string' && ISO_TIMESTAMP.test(value))
    ? values.map((value) => Date.parse(value as string))
    : undefined;
  return times && times.every(Number.isFinite) ? { keys: times, time: 'iso' } : { keys: values.map(String) };
}

function compareKeys(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : compareLabels(String(a), String(b));
}

function errorBuckets(errors: Float64Array, rows: readonly number[], order: ReadonlyArray<number | string> | undefined): ErrorBucket[] {
  const count = Math.max(1, Math.min(MAX_ERROR_BUCKETS, Math.floor(errors.length / MIN_BUCKET_ROWS)));
  return Array.from({ length: count }, (_, bucket) => {
    const first = Math.floor((bucket * errors.length) / count);
    const end = Math.floor(((bucket + 1) * errors.length) / count);
    let total = 0;
    for (let position = first; position < end; position++) total += errors[position];
    return {
      first_position: first,
      rows: end - first,
      first_row: rows[first],
      ...(order ? { from: order[first], to: order[end - 1] } : {}),
      error: total / (end - first),
    };
  });
}
