/**
 * Profiles built in pieces: merging profiles of shards is exact for counts, categories, moments and lossless
 * distributions, and keeps the summaries' rank error; a CSV, JSON Lines or Parquet file streamed in batches
 * gives the profile of reading it whole.
 */
import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table } from '../../src/core/table.js';
import { streamParquet } from '../../src/io/parquet.js';
import { profileData } from '../../src/io/profile-side.js';
import { readTable } from '../../src/io/read.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import type { ColumnProfile, NumericColumnProfile, Profile } from '../../src/core/profile.js';
import { representativePoints } from '../../src/core/rank-summary.js';
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

/** A column summarised in batches: the same counts and extremes, the mean within 1e-12 relative. */
function expectSameSummarisedColumn(actual: ColumnProfile, expected: ColumnProfile): void {
  const [streamed, whole] = [actual as NumericColumnProfile, expected as NumericColumnProfile];
  expect({ rows: streamed.rows, missing: streamed.missing, min: streamed.min, max: streamed.max }).toEqual({
    rows: whole.rows,
    missing: whole.missing,
    min: whole.min,
    max: whole.max,
  });
  expect(Math.abs(streamed.moments!.mean - whole.moments!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(whole.moments!.mean));
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
    expect({ rows: amount.rows, missing: amount.missing, min: amount.min, max: amount.max }).toEqual({
      rows: exact.rows,
      missing: exact.missing,
      min: exact.min,
      max: exact.max,
    });
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
    expect(
      (column(streamed, 'code') as { categories: ReadonlyArray<readonly [string, number]> }).categories.map(([category]) => category),
    ).toContain('007');
    expectSameSummarisedColumn(column(streamed, 'amount'), column(whole, 'amount'));
  });
});

describe('a JSON Lines file streamed in batches', () => {
  const dir = tempDir();
  const random = seededRandom(8);
  const records: string[] = [];
  for (let row = 0; row < 40_000; row++) {
    // `grade`: numbers and the missing-value token NA for most of the file, then text: read whole it is text
    // with NA a category, which only a second pass as text can give once the early batches are gone.
    const grade = row === 35_000 ? '"B+"' : row % 97 === 0 ? '"NA"' : String(row % 4);
    const late = row >= 20_000 ? `, "late": ${row % 3}` : '';
    records.push(`{"amount": ${(random() * 50).toFixed(3)}, "grade": ${grade}, "user": {"city": "${['Oslo', 'Lima'][row % 2]}"}${late}}`);
  }
  const path = writeFile(dir, 'log.jsonl', records.join('\n') + '\n');

  it('gives the profile of the file read whole: nested keys, a key first seen late, numbers then text', async () => {
    const streamed = await profileData([path], { batchCells: 4 * 1_000 });
    const whole = profileOf(await readTable([path]));
    expect(streamed.rows).toBe(40_000);
    expect(streamed.columns.map((profile) => profile.name)).toEqual(whole.columns.map((profile) => profile.name));
    for (const name of ['grade', 'user.city', 'late']) expectSameColumn(column(streamed, name), column(whole, name));
    const grade = column(streamed, 'grade') as { storage: string; categories: ReadonlyArray<readonly [string, number]> };
    expect(grade.storage).toBe('text');
    expect(grade.categories.find(([category]) => category === 'NA')?.[1]).toBe(Math.ceil(40_000 / 97));
    expect(column(streamed, 'late').missing).toBe(20_000);
    expectSameSummarisedColumn(column(streamed, 'amount'), column(whole, 'amount'));
  });
});

describe('a Parquet file streamed a row group at a time', () => {
  const dir = tempDir();
  const rows = 30_000;
  const random = seededRandom(9);
  const amount = Array.from({ length: rows }, () => random() * 10);
  const rating = Array.from({ length: rows }, (_, row) => (row % 11 === 0 ? null : row % 6));
  const city = Array.from({ length: rows }, (_, row) => (row % 5 === 0 ? null : ['Oslo', 'Lima', 'Pune'][row % 3]));
  const bytes = parquetWriteBuffer({
    columnData: [
      { name: 'amount', data: amount, type: 'DOUBLE' },
      { name: 'rating', data: rating, type: 'INT32' },
      { name: 'city', data: city, type: 'STRING' },
    ],
    rowGroupSize: 4_000,
  });
  const path = writeFile(dir, 'train.parquet', Buffer.from(bytes));

  it('gives the profile of the file read whole', async () => {
    const streamed = await profileData([path]);
    const whole = profileOf(await readTable([path]));
    expect(streamed.rows).toBe(rows);
    for (const name of ['rating', 'city']) expectSameColumn(column(streamed, name), column(whole, name));
    expect(column(streamed, 'rating').missing).toBe(Math.ceil(rows / 11));
    expectSameSummarisedColumn(column(streamed, 'amount'), column(whole, 'amount'));
    expect((column(streamed, 'amount') as NumericColumnProfile).min).toBe(Math.min(...amount));
  });

  it('hands over one row group at a time, from disk or gzipped', async () => {
    const gzipped = writeFile(dir, 'train.parquet.gz', gzipSync(bytes));
    for (const [file, gzip] of [
      [path, false],
      [gzipped, true],
    ] as const) {
      const batches: number[] = [];
      const read = await streamParquet(
        { path: file, display: file, format: 'parquet', gzip },
        {},
        {
          cells: 1,
          take: (batch) => void batches.push(batch.rowCount),
        },
      );
      expect(read.rows).toBe(rows);
      expect(batches).toEqual([...Array(7).fill(4_000), 2_000]);
    }
  });
});
