/** The rows every engine test loads, and the comparison of an engine's profile with the file profiler's. */
import { afterAll, expect } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetOf, profileData } from '../../../src/io/profile-side.js';
import { DEFAULT_PROFILE_SETTINGS, type NumericColumnProfile, type Profile, type TextColumnProfile } from '../../../src/core/profile.js';
import { rankErrorOf } from '../../../src/core/rank-summary.js';
import { compareTables } from '../../../src/engine/drift.js';
import { defaultDriftOptions } from '../../../src/engine/options.js';
import { normalDraws, tableOf } from '../../helpers/tables.js';

/** Quotes, a semicolon, a comment, a backtick and a newline: a name that would end any unquoted query. */
export const HOSTILE = 'x"; DROP TABLE t; --`\n\'';
/** The must-show size: a million rows, loaded into every engine. */
export const ROWS = 1_000_000;
export const settings = { ...DEFAULT_PROFILE_SETTINGS, maxDistinct: 1_000 };

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV (in a fresh directory, removed after the test file) of a summarised numerical column with gaps, a
 * whole-number one and a text one. Call it outside a test: it registers the clean-up.
 */
export function writeRows(): { csv: string; dir: string; wide: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'driftgate-engine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = join(dir, 'rows.csv');
  const wide = normalDraws(ROWS, 3, 7);
  const lines = [[HOSTILE, 'level', 'city'].map(csvCell).join(',')];
  for (let i = 0; i < ROWS; i++)
    lines.push([i % 11 === 0 ? '' : String(wide[i]), String(i % 7), i % 13 === 0 ? '' : `c${(i * 31) % 17}`].join(','));
  writeFileSync(csv, `${lines.join('\n')}\n`);
  return { csv, dir, wide: wide.filter((_, i) => i % 11 !== 0) };
}

/**
 * `compute` run on the first call only, its promise shared by the later ones: the engine tests of a file
 * compare several profiles with the same rows, and a million rows take seconds to profile each time.
 */
export function computedOnce<T>(compute: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= compute());
}

/** The file profiler's profile of each CSV of rows, which never changes once written. */
const fileProfiles = new Map<string, () => Promise<Profile>>();
function fileProfileOf(csv: string): Promise<Profile> {
  if (!fileProfiles.has(csv))
    fileProfiles.set(
      csv,
      computedOnce(() => profileData([csv], { settings })),
    );
  return fileProfiles.get(csv)!();
}

/** Counts exact, moments within 1e-12 relative, lossless distributions equal, summaries exact order statistics within ε. */
export async function expectSameProfile(fromEngine: Profile, csv: string, wide: number[]): Promise<void> {
  const fromFile = await fileProfileOf(csv);
  expect(fromEngine.rows).toBe(fromFile.rows);
  expect(fromEngine.columns.map((column) => column.name)).toEqual([HOSTILE, 'level', 'city']);
  for (const [index, column] of fromEngine.columns.entries()) {
    const file = fromFile.columns[index];
    expect([column.storage, column.rows, column.missing]).toEqual([file.storage, file.rows, file.missing]);
    if (column.storage === 'text') {
      const fileText = file as TextColumnProfile;
      expect([column.categories, column.other, column.distinct]).toEqual([fileText.categories, fileText.other, fileText.distinct]);
      continue;
    }
    const fileNumbers = file as NumericColumnProfile;
    expect([column.min, column.max, column.integers]).toEqual([fileNumbers.min, fileNumbers.max, fileNumbers.integers]);
    expect(Math.abs(column.moments!.mean - fileNumbers.moments!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(fileNumbers.moments!.mean));
    expect(Math.abs(column.moments!.m2 - fileNumbers.moments!.m2)).toBeLessThanOrEqual(1e-12 * fileNumbers.moments!.m2);
    expect(column.distribution.kind).toBe(fileNumbers.distribution.kind);
    if (column.distribution.kind === 'lossless' && fileNumbers.distribution.kind === 'lossless') {
      expect(Array.from(column.distribution.values)).toEqual(Array.from(fileNumbers.distribution.values));
      expect(Array.from(column.distribution.counts)).toEqual(Array.from(fileNumbers.distribution.counts));
    } else if (column.distribution.kind === 'summary') {
      const sorted = Float64Array.from(wide).sort();
      const { summary } = column.distribution;
      expect(rankErrorOf(summary)).toBeLessThanOrEqual(settings.rankError);
      // Exact order statistics: each stored value is the sorted value at its stated position.
      summary.values.forEach((value, i) => expect(value).toBe(sorted[summary.rmin[i] - 1]));
    }
  }
  expectSameCheck(fromEngine, fromFile);
}

/** Fresh rows of the same columns, a little shifted. */
const CURRENT = tableOf({
  [HOSTILE]: normalDraws(5_000, 3.05, 8),
  level: Array.from({ length: 5_000 }, (_, i) => (i * 3) % 7),
  city: Array.from({ length: 5_000 }, (_, i) => `c${(i * 29) % 17}`),
});

/**
 * A check of fresh rows against either profile reaches the same values: equal on lossless and text columns,
 * and on a summarised one each within its stated bound of the other's (both are within theirs of the rows).
 */
function expectSameCheck(fromEngine: Profile, fromFile: Profile): void {
  for (const method of ['ks', 'wasserstein', 't_test']) {
    const options = defaultDriftOptions({ numericalMethod: method, categoricalMethod: 'chi2' });
    const engine = compareTables(datasetOf(fromEngine, fromEngine.sources, 'file'), CURRENT, options);
    const file = compareTables(datasetOf(fromFile, fromFile.sources, 'file'), CURRENT, options);
    for (const [index, column] of engine.columns.entries()) {
      const other = file.columns[index];
      expect([column.name, column.status, column.method]).toEqual([other.name, other.status, other.method]);
      for (const key of ['statistic', 'p_value', 'distance'] as const) {
        const [a, b] = [column[key], other[key]];
        if (a === undefined || b === undefined) {
          expect(a).toBe(b);
          continue;
        }
        if (key === 'p_value' && column.approximate) {
          // Both p-values lie in their stated intervals, which therefore overlap.
          const [[low, high], [otherLow, otherHigh]] = [column.approximate.bounds.p_value!, other.approximate!.bounds.p_value!];
          expect(low <= otherHigh && otherLow <= high).toBe(true);
        } else if (key === 'p_value') expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * b);
        else {
          const bound = (column.approximate?.bounds[key] ?? 0) + (other.approximate?.bounds[key] ?? 0);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(bound + 1e-12 * Math.abs(b));
        }
      }
    }
  }
}
