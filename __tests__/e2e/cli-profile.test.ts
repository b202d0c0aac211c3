/**
 * `driftgate profile` as people run it (the committed bundle): profile a training export, merge shard
 * profiles, check fresh data against a profile, and refuse a broken profile naming the file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli } from '../helpers/processes.js';

const BASELINE = 'examples/data/baseline.csv';
const CURRENT = 'examples/data/current.csv';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftgate-profile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function checkJson(baseline: string[], extra: string[] = []) {
  const run = await runCli([
    'check',
    '--baseline',
    ...baseline,
    '--current',
    CURRENT,
    '--all-methods',
    '--format',
    'json',
    '--exit-zero',
    ...extra,
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

/** Numbers equal to 1e-12 relative (moments merged by a stable formula), everything else exactly. */
function expectSameValues(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect({ path, close: Math.abs(actual - expected) <= 1e-12 * Math.abs(expected) || actual === expected }).toEqual({
      path,
      close: true,
    });
  } else if (expected !== null && typeof expected === 'object') {
    expect({ path, keys: Object.keys(actual as object).sort() }).toEqual({ path, keys: Object.keys(expected).sort() });
    for (const [key, value] of Object.entries(expected))
      expectSameValues((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else expect({ path, value: actual }).toEqual({ path, value: expected });
}

describe('driftgate profile', () => {
  it('writes a gzipped profile that a check takes as the baseline, with every method giving the raw data values', async () => {
    const profile = join(dir, 'train.profile.json.gz');
    const run = await runCli(['profile', '--data', BASELINE, '-o', profile]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^Wrote .*train\.profile\.json\.gz \([\d,]+ bytes\): 2,000 rows × 10 columns: 6 numerical columns kept exactly, 4 text columns/,
    );
    const json = JSON.parse(gunzipSync(readFileSync(profile)).toString('utf8'));
    expect(Object.keys(json)[0]).toBe('driftgate_profile');
    expect(json.rows).toBe(2000);

    const raw = await checkJson([BASELINE]);
    const profiled = await checkJson([profile]);
    expect(profiled.baseline).toMatchObject({ rows: 2000, profiled: 'file' });
    expect(raw.columns.length).toBeGreaterThan(5);
    expectSameValues(profiled.columns, raw.columns);
    expectSameValues(profiled.dataset, raw.dataset);
  });

  it('merges the profiles of shards into the profile of all their rows', async () => {
    const lines = readFileSync(BASELINE, 'utf8').trimEnd().split('\n');
    const first = join(dir, 'part-1.csv');
    const second = join(dir, 'part-2.csv');
    writeFileSync(first, [lines[0], ...lines.slice(1, 1201)].join('\n') + '\n');
    writeFileSync(second, [lines[0], ...lines.slice(1201)].join('\n') + '\n');
    for (const [data, out] of [
      [first, 'part-1.json'],
      [second, 'part-2.json'],
    ])
      expect((await runCli(['profile', '--data', data, '-o', join(dir, out)])).status).toBe(0);
    const merged = join(dir, 'merged.json');
    expect((await runCli(['profile', '--merge', join(dir, 'part-*.json'), '-o', merged])).status).toBe(0);
    expect(JSON.parse(readFileSync(merged, 'utf8')).rows).toBe(2000);
    expectSameValues((await checkJson([merged])).columns, (await checkJson([BASELINE])).columns);
  });

  it('profiles a side over --memory-budget while reading it, and the report says so', async () => {
    const report = await checkJson([BASELINE], ['--memory-budget', '1K', '--method', 'ks']);
    expect(report.baseline.profiled).toBe('streamed');
    expect(report.current.profiled).toBe('streamed');
    const text = await runCli([
      'check',
      '--baseline',
      BASELINE,
      '--current',
      CURRENT,
      '--memory-budget',
      '1K',
      '--method',
      'ks',
      '--exit-zero',
    ]);
    expect(text.stdout).toContain('profiled while read, being over the memory budget');
  });

  it.each([
    ['truncated', (good: string) => good.slice(0, good.length / 2)],
    ['an unknown version', (good: string) => good.replace('"driftgate_profile":1', '"driftgate_profile":99')],
    ['counts that do not add up', (good: string) => good.replace('"rows":2000', '"rows":1999')],
  ])('refuses a profile that is %s: exit 2 naming the file, no report', async (_label, spoil) => {
    const goodPath = join(dir, 'good.profile.json');
    expect((await runCli(['profile', '--data', BASELINE, '-o', goodPath])).status).toBe(0);
    const good = readFileSync(goodPath, 'utf8');
    const bad = join(dir, 'bad.profile.json');
    writeFileSync(bad, spoil(good));
    expect(readFileSync(bad, 'utf8')).not.toBe(good);
    const output = join(dir, 'never.json');
    const run = await runCli(['check', '--baseline', bad, '--current', CURRENT, '--output', output]);
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^driftgate: .*bad\.profile\.json/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });
});
