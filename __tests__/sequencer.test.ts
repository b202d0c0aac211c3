/** The sequencer: on a fresh clone the slowest files go first, in their listed order; with jest's timings, jest's order. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test, TestContext } from '@jest/test-result';
import SlowestFirst from './sequencer.js';

const ROOT = '/repo/';
const cacheDirectory = mkdtempSync(join(tmpdir(), 'driftgate-sequencer-'));
afterAll(() => rmSync(cacheDirectory, { recursive: true, force: true }));

/** Tests of one context whose files have the given sizes; `cache` says whether jest may read earlier timings. */
function testsOf(sizes: Record<string, number>, cache: boolean): Test[] {
  const context = {
    config: { cache, cacheDirectory, id: 'sequencer-test', rootDir: ROOT, haste: {} },
    hasteFS: { getSize: (path: string) => sizes[path.slice(ROOT.length)] },
  } as unknown as TestContext;
  return Object.keys(sizes).map((path) => ({ path: ROOT + path, context }) as Test);
}
const order = (tests: Test[]) => tests.map((test) => test.path.slice(ROOT.length));

const SIZES = {
  '__tests__/core/big-unit.test.ts': 90_000,
  '__tests__/robustness/faults.test.ts': 20_000,
  '__tests__/core/small-unit.test.ts': 1_000,
  '__tests__/profile/sql/postgres-profile.test.ts': 5_000,
};

describe('SlowestFirst', () => {
  it('starts the listed slow files first on a fresh clone, in the listed order, the rest by size', () => {
    const sorted = new SlowestFirst({} as never).sort(testsOf(SIZES, false));
    expect(order(sorted)).toEqual([
      '__tests__/profile/sql/postgres-profile.test.ts',
      '__tests__/robustness/faults.test.ts',
      '__tests__/core/big-unit.test.ts',
      '__tests__/core/small-unit.test.ts',
    ]);
  });

  it('follows the timings of an earlier run once jest has them', () => {
    const sequencer = new SlowestFirst({} as never);
    const tests = testsOf(SIZES, true);
    const timings = Object.fromEntries(
      Object.keys(SIZES).map((path, index) => [ROOT + path, [0, path.includes('small-unit') ? 50_000 : 1_000 * (index + 1)]]),
    );
    writeFileSync(
      (sequencer as unknown as { _getCachePath(context: TestContext): string })._getCachePath(tests[0].context),
      JSON.stringify(timings),
    );
    expect(order(sequencer.sort(tests))[0]).toBe('__tests__/core/small-unit.test.ts');
  });
});
