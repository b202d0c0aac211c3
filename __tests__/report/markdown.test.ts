import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { columnTable, renderMarkdown } from '../../src/report/markdown.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

const baseline = tableOf({ steady: normalDraws(200, 0, 1), moved: normalDraws(200, 0, 2), 'a|b`c\nd': normalDraws(200, 0, 3) }, 'base.csv');
const current = tableOf({ steady: normalDraws(200, 0, 4), moved: normalDraws(200, 2, 5), 'a|b`c\nd': normalDraws(200, 2, 6) }, 'fresh.csv');
const result = compareTables(baseline, current, defaultDriftOptions());

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(result);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Column'));

  it('opens with the verdict and the two sides', () => {
    expect(markdown).toMatch(/^### 🔴 Drift detected: 2 of 3 columns drifted/);
    expect(markdown).toContain('Baseline: `base.csv` (200 rows) · Current: `fresh.csv` (200 rows)');
  });

  it('lists drifted columns first, each row with seven cells', () => {
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| moved', '| a\\|b\\`c d', '| steady']);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(7);
    expect(rows[0]).toMatch(/\| ks \(auto\) \| p = [0-9.e-]+ \(wasserstein_normed [0-9.]+\) \| 0\.05 \| 🔴 drift \| ↑ mean /);
  });

  it('cuts the table at maxColumns with a note saying how many drifted columns are hidden', () => {
    const table = columnTable(result.columns, 1);
    expect(table.split('\n').filter((line) => line.startsWith('| ')).length).toBe(2);
    expect(table).toContain('_2 more columns not shown (1 of them drifted); the JSON report has all of them._');
  });
});
