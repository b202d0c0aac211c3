/** `runCheck` tells its observer about each phase, and its phase log says what a CI log should. */
import { describe, expect, it } from '@jest/globals';
import { phaseLog, runCheck, type Side } from '../../src/check.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { tempDir, writeFile } from './temp.js';

describe('runCheck observers', () => {
  const dir = tempDir();
  const rows = (shift: number) => ['x,k', ...Array.from({ length: 200 }, (_, i) => `${i + shift},${i % 3 ? 'a' : 'b'}`)].join('\n');
  writeFile(dir, 'baseline.csv', rows(0));
  writeFile(dir, 'current.csv', rows(50));

  it('reports reading, each side read, then the comparison', async () => {
    const events: string[] = [];
    const progress = new Map<Side, number>();
    const result = await runCheck(
      { baseline: ['baseline.csv'], current: ['current.csv'], cwd: dir, drift: defaultDriftOptions() },
      {
        observer: {
          reading: (side, read, total) => progress.set(side, read / total),
          read: (side, table) => events.push(`read ${side} ${table.rowCount}`),
          comparing: (columns) => events.push(`comparing ${columns}`),
          compared: () => events.push('compared'),
        },
      },
    );
    expect(result.columns).toHaveLength(2);
    expect(events.sort()).toEqual(['compared', 'comparing 2', 'read baseline 200', 'read current 200']);
    expect(progress).toEqual(
      new Map([
        ['baseline', 1],
        ['current', 1],
      ]),
    );
  });

  it('logs rows and time per phase', async () => {
    const lines: string[] = [];
    await runCheck(
      { baseline: ['baseline.csv'], current: ['current.csv'], cwd: dir, drift: defaultDriftOptions() },
      { observer: phaseLog((line) => lines.push(line)) },
    );
    expect(lines.sort()).toEqual([
      expect.stringMatching(/^Compared the columns in \d+ ms\.$/),
      expect.stringMatching(/^Read 200 baseline rows × 2 columns from 1 file in \d+ ms\.$/),
      expect.stringMatching(/^Read 200 current rows × 2 columns from 1 file in \d+ ms\.$/),
    ]);
  });
});
