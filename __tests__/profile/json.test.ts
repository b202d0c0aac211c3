import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../src/core/errors.js';
import { isProfileFile, readProfileFile, writeProfileFile } from '../../src/io/profile-file.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { DEFAULT_PROFILE_SETTINGS } from '../../src/core/profile.js';
import { profileFromJson, profileToJson } from '../../src/profile/json.js';
import { scratch } from '../helpers/files.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

function sampleProfileJson(): Record<string, any> {
  const builder = new ProfileBuilder({ ...DEFAULT_PROFILE_SETTINGS, maxDistinct: 100 });
  builder.addTable(
    tableOf({
      x: normalDraws(500, 0, 5),
      n: [...Array(500).keys()].map((i) => i % 7),
      c: [...Array(500).keys()].map((i) => (i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : null)),
    }),
  );
  return JSON.parse(JSON.stringify(profileToJson(builder.finish())));
}

function problemOf(mutate: (json: Record<string, any>) => void): string {
  const json = sampleProfileJson();
  mutate(json);
  try {
    profileFromJson(json, 'train.profile.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location.file).toBe('train.profile.json');
    return (error as InputError).describe();
  }
  throw new Error('accepted');
}

const column = (json: Record<string, any>, name: string) => json.columns.find((entry: { name: string }) => entry.name === name);

describe('profile JSON', () => {
  it('round-trips: summary, lossless and text columns', () => {
    const json = sampleProfileJson();
    expect(column(json, 'x').distribution.kind).toBe('summary');
    expect(column(json, 'n').distribution.kind).toBe('lossless');
    const again = profileToJson(profileFromJson(json, 'p.json'));
    expect(JSON.parse(JSON.stringify(again))).toEqual(json);
  });

  it.each([
    ['an unknown version', (json: Record<string, any>) => (json.driftgate_profile = 99), /format version 99.*reads version 1/],
    [
      'counts that do not add up',
      (json: Record<string, any>) => (column(json, 'c').categories[0][1] += 1),
      /column "c": .*category counts add up to/,
    ],
    ['a negative count', (json: Record<string, any>) => (column(json, 'c').missing = -1), /"missing" is not a whole number/],
    ['columns whose rows differ from the profile', (json: Record<string, any>) => (json.rows = 499), /it has 500 rows, the profile 499/],
    ['NaN moments (JSON null)', (json: Record<string, any>) => (column(json, 'x').mean = null), /"mean" and "m2" are not finite/],
    ['negative M2', (json: Record<string, any>) => (column(json, 'x').m2 = -1), /"mean" and "m2" are not finite numbers \(m2 ≥ 0\)/],
    [
      'a summary out of order',
      (json: Record<string, any>) => column(json, 'x').distribution.values.reverse(),
      /rank summary is inconsistent/,
    ],
    [
      'a summary coarser than it states',
      (json: Record<string, any>) => (column(json, 'x').distribution.rank_error = 1e-9),
      /rank error of .* more than the 1e-9 it states/,
    ],
    [
      'lossless data that does not decode',
      (json: Record<string, any>) => (column(json, 'n').distribution.data = 'AAAA'),
      /lossless distribution does not decode/,
    ],
    ['a mean outside min and max', (json: Record<string, any>) => (column(json, 'n').mean = 1000), /mean lies outside/],
    ['a column named twice', (json: Record<string, any>) => json.columns.push(column(json, 'n')), /names this column twice/],
  ])('refuses %s, naming the file', (_, mutate, message) => {
    expect(problemOf(mutate)).toMatch(message);
    expect(problemOf(mutate)).toMatch(/^train\.profile\.json: /);
  });
});

describe('profile files', () => {
  const dir = scratch('profile');

  it('are told from JSON data by their first key, gzipped or not', async () => {
    const profile = profileFromJson(sampleProfileJson(), 'p');
    await writeProfileFile(join(dir, 'train.json.gz'), profile);
    await writeProfileFile(join(dir, 'train.json'), profile);
    writeFileSync(join(dir, 'records.json'), JSON.stringify([{ driftgate_profile: 1 }]));
    writeFileSync(join(dir, 'records.json.gz'), gzipSync(JSON.stringify([{ x: 1 }])));
    expect(await isProfileFile(join(dir, 'train.json.gz'))).toBe(true);
    expect(await isProfileFile(join(dir, 'train.json'))).toBe(true);
    expect(await isProfileFile(join(dir, 'records.json'))).toBe(false);
    expect(await isProfileFile(join(dir, 'records.json.gz'))).toBe(false);
    expect((await readProfileFile(join(dir, 'train.json.gz'))).rows).toBe(500);
  });

  it.each([
    ['truncated gzip', (bytes: Buffer) => bytes.subarray(0, bytes.length - 20), /gzip data is corrupt or truncated/],
    ['truncated JSON', (bytes: Buffer) => gzipSync(bytes.subarray(0, 200)), /not valid JSON .*truncated/],
  ])('refuse %s, naming the file', async (_, damage, message) => {
    const path = join(dir, 'whole.json.gz');
    await writeProfileFile(path, profileFromJson(sampleProfileJson(), 'p'));
    const { readFileSync } = await import('node:fs');
    const original = readFileSync(path);
    const text = (await import('node:zlib')).gunzipSync(original);
    writeFileSync(join(dir, 'damaged.json.gz'), damage(message.source.includes('gzip') ? original : text));
    await expect(readProfileFile(join(dir, 'damaged.json.gz'), 'damaged.json.gz')).rejects.toThrow(message);
  });
});
