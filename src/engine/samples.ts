/**
 * Turns a column of each side into the sample a statistical test reads: the non-missing values, sorted
 * once (numerical), or counted per category over both sides' categories (categorical).
 */
import { MISSING_CODE, type Column, type ColumnKind, type Table } from './table.js';
import { categoricalSample, distinctRunsOf, numericalSample, rememberSorted, sortedFinite } from '../stattests/sample.js';
import type { DistinctRuns } from '../stattests/distinct-count.js';
import type { Sample } from '../stattests/types.js';

export function sampleOf(kind: ColumnKind, reference: Column, current: Column): Sample {
  if (kind === 'numerical') return numericalSample(numbersOf(reference), numbersOf(current));
  return categoricalSample(categoryCounts(reference), categoryCounts(current));
}

function numbersOf(column: Column): Float64Array {
  if (column.storage === 'numeric') return column.values;
  throw new Error(`column ${JSON.stringify(column.name)} holds text; it cannot be tested as numerical`);
}

/**
 * Counts per category. Numbers become categories by their shortest round-trip text (`String(value)`),
 * so -0 and 0 are one category, as they are one value.
 */
function categoryCounts(column: Column): Map<string, number> {
  const counts = new Map<string, number>();
  if (column.storage === 'text') {
    const perCode = new Float64Array(column.dictionary.length);
    const codes = column.codes;
    for (let row = 0; row < codes.length; row++) if (codes[row] !== MISSING_CODE) perCode[codes[row]]++;
    column.dictionary.forEach((text, code) => {
      if (perCode[code] > 0) counts.set(text, (counts.get(text) ?? 0) + perCode[code]);
    });
    return counts;
  }
  for (const value of column.values) {
    if (!Number.isFinite(value)) continue;
    const text = String(value === 0 ? 0 : value);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

/** Number of missing cells in a column; infinite numbers count as missing (they have no place in a distribution). */
export function missingCount(column: Column): number {
  let missing = 0;
  if (column.storage === 'numeric') {
    const values = column.values;
    // x − x is 0 for every finite x, and NaN for NaN and ±Infinity.
    for (let row = 0; row < values.length; row++) if (values[row] - values[row] !== 0) missing++;
  } else {
    const codes = column.codes;
    for (let row = 0; row < codes.length; row++) if (codes[row] === MISSING_CODE) missing++;
  }
  return missing;
}

/** A column's `sortedFinite` values, with their distinct runs when the sort counted them. */
export interface PresortedColumn {
  sorted: Float64Array;
  runs?: DistinctRuns;
}

/**
 * The sorted values of each numeric column that may be tested as numerical (undefined for the others), for
 * the thread that read a table to compute while the other side is still being read. Sorting is the
 * largest part of comparing large columns; `adoptSorted` hands the results to the samples.
 */
export function presort(table: Table, declared?: ReadonlyMap<string, ColumnKind>): Array<PresortedColumn | undefined> {
  return table.columns.map((column) => {
    if (column.storage !== 'numeric' || declared?.get(column.name) === 'categorical') return undefined;
    const sorted = sortedFinite(column.values);
    return { sorted, runs: distinctRunsOf(sorted) };
  });
}

/** Lets samples of the table's columns use what `presort` computed for them. */
export function adoptSorted(table: Table, presorted: ReadonlyArray<PresortedColumn | undefined>): void {
  table.columns.forEach((column, index) => {
    const done = presorted[index];
    if (column.storage === 'numeric' && done) rememberSorted(column.values, done.sorted, done.runs);
  });
}
