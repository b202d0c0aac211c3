/**
 * Drift and performance per segment: the rows of both sides split by one column's value (a region, a
 * plan, a device), each pair compared as a check of its own, the segments ranked by how much they drifted.
 * A drift confined to one segment is diluted in the whole data; here it stands out.
 *
 * The segment column itself is constant within a segment, so it is left out of the segments' columns (it
 * is still compared, as any column, over the whole data). Segments are the values seen in either side, the
 * largest `MAX_SEGMENTS` by rows; missing values are no segment.
 */
import { InputError } from '../core/errors.js';
import type { DriftOptions } from './options.js';
import { columnEffect } from './effect.js';
import type { DriftResult, SegmentResult, SegmentsResult } from './result.js';
import { MISSING_CODE, type Column, type Dataset, type Table } from '../core/table.js';

/** Segments past this many are left out (and counted), as charts are: a report is read, not searched. */
export const MAX_SEGMENTS = 20;

type Compare = (baseline: Dataset, current: Dataset, options: DriftOptions) => DriftResult;

export function compareSegments(
  baseline: Dataset,
  current: Dataset,
  column: string,
  options: DriftOptions,
  compare: Compare,
): SegmentsResult {
  const [baselineRows, currentRows] = [rowsOf(baseline, 'baseline'), rowsOf(current, 'current')];
  const baselineKeys = segmentKeys(baselineRows, column, 'baseline');
  const currentKeys = segmentKeys(currentRows, column, 'current');
  const sizes = new Map<string, number>();
  for (const keys of [baselineKeys, currentKeys]) for (const key of keys) if (key !== undefined) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  const values = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
  const kept = values.slice(0, MAX_SEGMENTS);
  // Multivariate methods read every row of every segment again: the whole data's verdict is enough.
  const segmentOptions: DriftOptions = {
    ...options,
    segment: undefined,
    multivariate: [],
    ignoreColumns: [...options.ignoreColumns, column],
  };
  const segments = kept.map((value): SegmentResult => {
    const [baselineSegment, currentSegment] = [rowsWhere(baselineRows, baselineKeys, value), rowsWhere(currentRows, currentKeys, value)];
    const result = compare(baselineSegment, currentSegment, segmentOptions);
    const performance = result.model?.performance;
    return {
      value,
      rows: { baseline: baselineSegment.rowCount, current: currentSegment.rowCount },
      drift_detected: result.dataset.drift_detected || performance?.drift_detected === true,
      dataset: result.dataset,
      largest_effect: largestEffect(result),
      ...(performance ? { performance } : {}),
    };
  });
  return { column, segments: ranked(segments), left_out: values.length - kept.length };
}

function rowsOf(side: Dataset, name: 'baseline' | 'current'): Table {
  if (side.profiled) {
    throw new InputError(
      `--segment splits the rows of both sides, and the ${name} is a profile, which keeps no rows; give the ${name} as data files`,
    );
  }
  return side as Table;
}

/** Each row's segment: its value as text, or undefined where it is missing. */
function segmentKeys(table: Table, name: string, side: string): Array<string | undefined> {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw new InputError(`the segment column ${JSON.stringify(name)} is not in the ${side} data`);
  return keysOf(column);
}

function keysOf(column: Column): Array<string | undefined> {
  if (column.storage === 'numeric') return Array.from(column.values, (value) => (Number.isNaN(value) ? undefined : String(value)));
  return Array.from(column.codes, (code) => (code === MISSING_CODE ? undefined : column.dictionary[code]));
}

/** The rows of `table` whose segment is `value`, every column kept. */
function rowsWhere(table: Table, keys: ReadonlyArray<string | undefined>, value: string): Table {
  const rows: number[] = [];
  keys.forEach((key, row) => key === value && rows.push(row));
  const columns = table.columns.map((column): Column => {
    if (column.storage === 'numeric') return { ...column, values: Float64Array.from(rows, (row) => column.values[row]) };
    return { ...column, codes: Int32Array.from(rows, (row) => column.codes[row]) };
  });
  return { sources: table.sources, rowCount: rows.length, columns };
}

/** The largest effect among the segment's columns: the distance beside the p-value, or the distance tested. */
function largestEffect(result: DriftResult): number | undefined {
  const effects = result.columns.map(columnEffect).filter((effect) => effect !== undefined);
  return effects.length === 0 ? undefined : Math.max(...effects);
}

function ranked(segments: SegmentResult[]): SegmentResult[] {
  return segments
    .map((segment, index) => ({ segment, index }))
    .sort(
      (a, b) =>
        Number(b.segment.drift_detected) - Number(a.segment.drift_detected) ||
        b.segment.dataset.drift_share - a.segment.dataset.drift_share ||
        (b.segment.largest_effect ?? -Infinity) - (a.segment.largest_effect ?? -Infinity) ||
        a.index - b.index,
    )
    .map(({ segment }) => segment);
}
