/**
 * Turns a column of each side into the sample a statistical test reads: the non-missing values, sorted
 * once (numerical), or counted per category over both sides' categories (categorical). A profiled side
 * gives its values back from its distribution: exactly when the profile kept every value, else as the
 * rank summary's representative points, with the error that carries (`summarised`).
 */
import { InputError } from '../core/errors.js';
import { MISSING_CODE, type ColumnKind, type SideColumn, type Table } from '../core/table.js';
import { categoricalSample, distinctRunsOf, numericalSample, rememberSorted, sortedFinite } from '../stattests/sample.js';
import type { DistinctRuns } from '../stattests/distinct-count.js';
import type { ExactMoments, NumericalSample, Sample } from '../stattests/types.js';
import type { ColumnProfile } from '../core/profile.js';
import { representativePoints } from '../core/rank-summary.js';
import { rememberSpread, spreadOf, type Spread } from './spread.js';

/** The category that holds a profile's pooled categories on both sides, so the two stay comparable. */
export const POOLED_CATEGORY = '(other categories)';

export function sampleOf(kind: ColumnKind, reference: SideColumn, current: SideColumn): Sample {
  if (kind === 'numerical') return numericalSampleOf(reference, current);
  const referenceCounts = categoryCounts(reference);
  const currentCounts = categoryCounts(current);
  poolAlike(referenceCounts, currentCounts);
  poolAlike(currentCounts, referenceCounts);
  return categoricalSample(referenceCounts, currentCounts);
}

interface SideValues {
  sorted: Float64Array;
  summary?: { cdfError: number; areaError: number; moments: ExactMoments };
}

function numericalSampleOf(reference: SideColumn, current: SideColumn): NumericalSample {
  const [ref, cur] = [valuesOf(reference), valuesOf(current)];
  const sample = numericalSample(ref.sorted, cur.sorted);
  if (!ref.summary && !cur.summary) return sample;
  return {
    ...sample,
    summarised: {
      cdfError: (ref.summary?.cdfError ?? 0) + (cur.summary?.cdfError ?? 0),
      areaError: (ref.summary?.areaError ?? 0) + (cur.summary?.areaError ?? 0),
      ...(ref.summary ? { referenceMoments: ref.summary.moments } : {}),
      ...(cur.summary ? { currentMoments: cur.summary.moments } : {}),
    },
  };
}

function valuesOf(column: SideColumn): SideValues {
  if (column.storage === 'numeric') return { sorted: column.values };
  const profile = column.storage === 'profile' ? column.profile : undefined;
  if (profile?.storage !== 'numeric') throw new Error(`column ${JSON.stringify(column.name)} holds text; it cannot be tested as numerical`);
  const { distribution } = profile;
  if (distribution.kind === 'lossless') return { sorted: sortedExpansion(distribution.values, distribution.counts) };
  const points = representativePoints(distribution.summary);
  const count = profile.rows - profile.missing;
  return {
    sorted: sortedExpansion(points.values, points.counts),
    summary: {
      cdfError: points.cdfError,
      areaError: points.areaError,
      moments: { count, mean: profile.moments!.mean, squaredDeviations: profile.moments!.m2 },
    },
  };
}

/** Each value repeated as often as it occurs; ascending already, so samples need not sort it. */
function sortedExpansion(values: Float64Array, counts: Float64Array): Float64Array {
  let total = 0;
  for (const count of counts) total += count;
  const expanded = new Float64Array(total);
  let at = 0;
  values.forEach((value, index) => {
    expanded.fill(value, at, at + counts[index]);
    at += counts[index];
  });
  rememberSorted(expanded, expanded);
  return expanded;
}

/** Moves the categories `pooled` cannot name (it pooled some of its own) into the pooled category. */
function poolAlike(counts: Map<string, number>, pooled: ReadonlyMap<string, number>): void {
  if (!pooled.has(POOLED_CATEGORY)) return;
  for (const [category, count] of counts) {
    if (category === POOLED_CATEGORY || pooled.has(category)) continue;
    counts.delete(category);
    counts.set(POOLED_CATEGORY, (counts.get(POOLED_CATEGORY) ?? 0) + count);
  }
}

/**
 * Counts per category. Numbers become categories by their shortest round-trip text (`String(value)`),
 * so -0 and 0 are one category, as they are one value.
 */
function categoryCounts(column: SideColumn): Map<string, number> {
  if (column.storage === 'profile') return profileCategoryCounts(column.profile);
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

function profileCategoryCounts(profile: ColumnProfile): Map<string, number> {
  if (profile.storage === 'text') {
    const counts = new Map(profile.categories);
    if (profile.other > 0) counts.set(POOLED_CATEGORY, (counts.get(POOLED_CATEGORY) ?? 0) + profile.other);
    return counts;
  }
  if (profile.distribution.kind !== 'lossless') {
    throw new InputError(
      `column ${JSON.stringify(profile.name)} is summarised in the profile (more than ${profile.distribution.distinctAtLeast - 1} distinct numbers), so it cannot be compared as categories; compare it as numerical, or profile it with a larger --max-distinct`,
    );
  }
  const counts = new Map<string, number>();
  const { values, counts: occurrences } = profile.distribution;
  values.forEach((value, index) => counts.set(String(value), occurrences[index]));
  return counts;
}

/** Number of missing cells in a column; infinite numbers count as missing (they have no place in a distribution). */
export function missingCount(column: SideColumn): number {
  if (column.storage === 'profile') return column.profile.missing;
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

/** A column's `sortedFinite` values, with their distinct runs when the sort counted them and their spread. */
export interface PresortedColumn {
  sorted: Float64Array;
  runs?: DistinctRuns;
  spread?: Spread;
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
    return { sorted, runs: distinctRunsOf(sorted), spread: sorted.length > 0 ? spreadOf(sorted) : undefined };
  });
}

/** Lets samples of the table's columns use what `presort` computed for them. */
export function adoptSorted(table: Table, presorted: ReadonlyArray<PresortedColumn | undefined>): void {
  table.columns.forEach((column, index) => {
    const done = presorted[index];
    if (column.storage !== 'numeric' || !done) return;
    rememberSorted(column.values, done.sorted, done.runs);
    if (done.spread) rememberSpread(done.sorted, done.spread);
  });
}
