/**
 * Turns a column of each side into the sample a statistical test reads: the non-missing values, sorted
 * once (numerical), or counted per category over both sides' categories (categorical).
 */
import { MISSING_CODE, type Column, type ColumnKind } from './table.js';
import { categoricalSample, numericalSample } from '../stattests/sample.js';
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
export function categoryCounts(column: Column): Map<string, number> {
  const counts = new Map<string, number>();
  if (column.storage === 'text') {
    const perCode = new Float64Array(column.dictionary.length);
    for (const code of column.codes) if (code !== MISSING_CODE) perCode[code]++;
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
    for (const value of column.values) if (!Number.isFinite(value)) missing++;
  } else {
    for (const code of column.codes) if (code === MISSING_CODE) missing++;
  }
  return missing;
}
