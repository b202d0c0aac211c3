/**
 * Profiles built in pieces: merging profiles of shards is exact for counts, categories, moments and lossless
 * distributions, and keeps the summaries' rank error; a CSV file streamed in batches gives the profile of
 * reading it whole.
 */
import { describe, expect, it } from '@jest/globals';
import type { Table } from '../../src/engine/table.js';
import { profileData } from '../../src/io/profile-side.js';
import { readTable } from '../../src/io/read.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import type { ColumnProfile, NumericColumnProfile, Profile } from '../../src/profile/format.js';
import { representativePoints } from '../../src/profile/rank-summary.js';
import { categoryDraws, normalDraws, seededRandom, tableOf } from '../helpers/tables.js';
import { tempDir, writeFile } from '../io/temp.js';

function profileOf(...tables: Table[]): Profile {
  const builder = new ProfileBuilder();
  for (const table of tables) builder.addTable(table);
  return builder.finish();
}

function mergeOf(...profiles: Profile[]): Profile {
  const builder = new ProfileBuilder();
  for (const profile of profiles) builder.addProfile(profile);
  return builder.finish();
}

function shard(rows: number, seed: number, source: string): Table {
  const random = seededRandom(seed);
  return tableOf(
    {
      // Many distinct values: summarised. Few: lossless. Text, with missing cells.
      amount: normalDraws(rows, 0, seed),
      rating: Array.from({ length: rows }, () => Math.floor(random() * 5) + 1),
      city: categoryDraws(rows, { Oslo: 5, Lima: 3, Pune: 1 }, seed).map((city, row) => (row % 17 === 0 ? null : city)),
    },
    source,
  );
}

function column(profile: Profile, name: string): ColumnProfile {
  return profile.columns.find((candidate) => candidate.name === name)!;
}

/** Equal profiles of a column, but for the moments: merged with a stable formula, they agree to 1e-12 relative. */
function expectSameColumn(actual: ColumnProfile, expected: ColumnProfile): void {
  if (actual.storage === 'numeric' && expected.storage === 'numeric') {
    const { moments, ...rest } = actual;
    const { moments: expectedMoments, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(Math.abs(moments!.mean - expectedMoments!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(expectedMoments!.mean));
    expect(Math.abs(moments!.m2 - expectedMoments!.m2)).toBeLessThanOrEqual(1e-12 * expectedMoments!.m2);
  } else expect(actual).toEqual(expected);
}

/** Largest |F̂(x) − F(x)| of the profile's representative points against the values themselves. */
function largestCdfGap(profile: NumericColumnProfile, values: Float64Array): number {
  if (profile.distribution.kind !== 'summary') throw new Error('expected a summary');
  const points = representativePoints(profile.distribution.summary);
  const sorted = values.slice().sort();
  let largest = 0;
  let below = 0;
  let estimate = 0;
  let point = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (point < points.values.length && points.values[point] <= sorted[i]) estimate += points.counts[point++];
    while (below < sorted.length && sorted[below] <= sorted[i]) below++;
    largest = Math.max(largest, Math.abs(estimate - below) / sorted.length);
  }
  return largest;
}

describe('merging profiles', () => {
  const shards = [shard(60_000, 1, 'a.csv'), shard(45_000, 2, 'b.csv'), shard(30_000, 3, 'c.csv')];
  const ofUnion = profileOf(...shards);
  const merged = mergeOf(...shards.map((table) => profileOf(table)));

  it('is exact for rows, missing cells, categories and lossless distributions', () => {
    expect(merged.rows).toBe(135_000);
    expect(merged.sources).toEqual(['a.csv', 'b.csv', 'c.csv']);
    expectSameColumn(column(merged, 'city'), column(ofUnion, 'city'));
    expectSameColumn(column(merged, 'rating'), column(ofUnion, 'rating'));
    const amount = column(merged, 'amount') as NumericColumnProfile;
    const exact = column(ofUnion, 'amount') as NumericColumnProfile;
    expect({ rows: amount.rows, missing: amount.missing, min: amount.min, max: amount.max }).toEqual({ rows: exact.rows, missing: exact.missing, min: exact.min, max: exact.max });
  });

  it('keeps the moments to 1e-12 relative', () => {
    const amount = column(merged, 'amount') as NumericColumnProfile;
    const exact = column(ofUnion, 'amount') as NumericColumnProfile;
    expect(Math.abs(amount.moments!.mean - exact.moments!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(exact.moments!.mean));
    expect(Math.abs(amount.moments!.m2 - exact.moments!.m2)).toBeLessThanOrEqual(1e-12 * exact.moments!.m2);
  });

  it('keeps the summary within its stated rank error of the rows', () => {
    const values = Float64Array.from(shards.flatMap((table) => [...(table.columns[0] as { values: Float64Array }).values]));
    for (const profile of [merged, ofUnion]) {
      const amount = column(profile, 'amount') as NumericColumnProfile;
      expect(amount.distribution.kind).toBe('summary');
      const { cdfError } = representativePoints((amount.distribution as { summary: Parameters<typeof representativePoints>[0] }).summary);
      expect(cdfError).toBeLessThanOrEqual(profile.settings.rankError + 1 / (2 * values.length));
      const gap = largestCdfGap(amount, values);
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(cdfError);
    }
  });
});

describe('a CSV file streamed in batches', () => {
  const dir = tempDir();
  const random = seededRandom(5);
  const lines = ['amount,rating,city,code'];
  for (let row = 0; row < 150_000; row++) {
    const code = row === 140_000 ? 'X-1' : String(row % 9).padStart(3, '0');
    lines.push(`${(random() * 100).toFixed(4)},${row % 5},${['Oslo', '"Lima, PE"', ''][row % 3]},${code}`);
  }
  const path = writeFile(dir, 'train.csv', lines.join('\n') + '\n');

  it('gives the profile of the file read whole, a column of numbers then text with its exact texts', async () => {
    const streamed = await profileData([path], { batchCells: 4 * 5_000 });
    const whole = profileOf(await readTable([path]));
    expect(streamed.rows).toBe(150_000);
    for (const name of ['rating', 'city', 'code']) expectSameColumn(column(streamed, name), column(whole, name));
    // '007', not '7': the column was streamed again as text once its last rows showed it holds text.
    expect((column(streamed, 'code') as { categories: ReadonlyArray<readonly [string, number]> }).categories.map(([category]) => category)).toContain('007');
    const amount = column(streamed, 'amount') as NumericColumnProfile;
    const exact = column(whole, 'amount') as NumericColumnProfile;
    expect({ rows: amount.rows, missing: amount.missing, min: amount.min, max: amount.max }).toEqual({ rows: exact.rows, missing: exact.missing, min: exact.min, max: exact.max });
    expect(Math.abs(amount.moments!.mean - exact.moments!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(exact.moments!.mean));
  });
});
