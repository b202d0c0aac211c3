import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { DriftResult } from '../../src/engine/result.js';
import { formatNumber } from '../../src/engine/format.js';
import { columnTable, renderMarkdown } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
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

  it('lists drifted columns first, the larger effect first, each row with seven cells', () => {
    const effect = (name: string) => result.columns.find((column) => column.name === name)!.effect_size!.distance;
    expect(effect('a|b`c\nd')).toBeGreaterThan(effect('moved'));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| a\\|b\\`c d', '| moved', '| steady']);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(7);
    expect(rows[1]).toMatch(/\| ks \(auto\) \| p = [0-9.e-]+ \(wasserstein_normed [0-9.]+\) \| 0\.05 \| 🔴 drift \| ↑ mean /);
  });

  it('cuts the table at maxColumns with a note saying how many drifted columns are hidden', () => {
    const table = columnTable(result.columns, 1);
    expect(table.split('\n').filter((line) => line.startsWith('| ')).length).toBe(2);
    expect(table).toContain('_2 more columns not shown (1 of them drifted); the JSON report has all of them._');
  });
});

describe('file names that carry Markdown', () => {
  const hostile = 'data.csv\n\n## Approved by security\n\n[details](https://evil.example)\n\n<img src=x>';
  const named = compareTables(tableOf({ x: normalDraws(50, 0, 1) }, hostile), tableOf({ x: normalDraws(50, 0, 2) }, 'fresh.csv'), defaultDriftOptions());

  it('stay inside their code span in the report and the job summary: no heading, link or paragraph of their own', () => {
    for (const markdown of [renderMarkdown(named), renderSummary(named)]) {
      const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
      expect(headings).toHaveLength(1);
      expect(markdown).not.toMatch(/^\[details\]/m);
      expect(markdown).toContain("Baseline: `data.csv  ## Approved by security  [details](https://evil.example)  <img src=x>` (50 rows)");
    }
  });
});

/** Logs whose order values are hostile text: they must come out as text in tables and charts alike. */
function modelResult(): DriftResult {
  const current = classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 });
  current.time = current.time.map((_, row) => `t|"${String(row).padStart(4, '0')}\`<b>`);
  return compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(current), defaultDriftOptions({ model: CLASSIFIER }));
}

describe('renderMarkdown with a model section', () => {
  const withModel = modelResult();
  const markdown = renderMarkdown(withModel);

  it('opens with the gate, then the model, then the features', () => {
    expect(markdown).toMatch(/^### 🔴 Gate tripped: [a-z ,]*performance drift\.\n\nBaseline: /);
    const order = ['#### Model (classification)', '**Performance**: 🔴 Performance drift: Accuracy', '| Metric | Baseline | Current | Change |', '**When it started**: The error rate rose from row', '```mermaid', '**Prediction and target drift**: prediction 🔴 drift', '#### Features', '| Column | Type | Method |'];
    const positions = order.map((text) => markdown.indexOf(text));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain('Columns: prediction `prediction` · target `label` · probabilities of "no" `proba.no`, of "yes" `proba.yes` · order `time`');
  });

  it('tables every metric of both sides with the change, the verdict metric marked', () => {
    const performance = withModel.model!.performance!;
    const accuracyRow = markdown.split('\n').find((line) => line.startsWith('| **Accuracy** (verdict) |'))!;
    expect(accuracyRow).toBe(`| **Accuracy** (verdict) | ${formatNumber(performance.baseline_value!)} | ${formatNumber(performance.current_value!)} | −${formatNumber(-performance.difference!)} (worse) |`);
    for (const title of ['Balanced accuracy', 'F1 (macro)', 'Precision (macro)', 'Recall (macro)', 'ROC AUC', 'Log loss']) expect(markdown).toContain(`| ${title} | `);
    expect(markdown).toMatch(/\| Log loss \| [0-9.]+ \| [0-9.]+ \| \+[0-9.]+ \(worse\) \|/);
  });

  it('lists each detector, ADWIN first, DDM with its caveat, and escapes order values', () => {
    const rows = markdown.split('\n').filter((line) => /^\| (ADWIN|Page-Hinkley|DDM) \|/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| ADWIN', '| Page-Hinkley', '| DDM']);
    expect(rows[0]).toMatch(/^\| ADWIN \| row \d+ \(t\\\|"\d{4}\\`&lt;b&gt;\) \| row \d+ /);
    expect(markdown).toContain('_DDM with its published defaults also alarms on about half of long stable streams');
    expect(markdown).not.toContain('<b>');
  });

  it('charts the error rate with a bar where the rise began', () => {
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)![1];
    const lines = chart.split('\n');
    expect(lines[0]).toBe('xychart-beta');
    expect(lines[1]).toBe('    title "Error rate by time (bar: where the rise began)"');
    expect(lines[2]).not.toMatch(/[`<>]|\\"/);
    const series = withModel.model!.change_point!.error_series;
    const bar = JSON.parse(lines[4].replace(/^ {4}bar /, ''));
    const line = JSON.parse(lines[5].replace(/^ {4}line /, ''));
    expect(line).toHaveLength(series.length);
    expect(bar.filter((value: number) => value > 0)).toHaveLength(1);
    const marked = bar.findIndex((value: number) => value > 0);
    const onset = withModel.model!.change_point!.onset!.position;
    expect(onset).toBeGreaterThanOrEqual(series[marked].first_position);
    expect(onset).toBeLessThan(series[marked].first_position + series[marked].rows);
  });

  it('labels the chart and the detector table with UTC times when the order is Unix milliseconds', () => {
    const current = classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 });
    current.time = current.time.map((_, row) => Date.UTC(2024, 2, 1) + row * 60_000);
    const timed = renderMarkdown(compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(current), defaultDriftOptions({ model: CLASSIFIER })));
    const axis = /```mermaid\n[\s\S]*?\n {4}x-axis \[(.*)\]\n/.exec(timed)![1];
    const labels = JSON.parse(`[${axis}]`) as string[];
    // 800 minutes in 30 buckets: about 27 minutes apart, so minutes and no seconds.
    expect(labels).toHaveLength(30);
    for (const label of labels) expect(label).toMatch(/^2024-03-01 \d{2}:\d{2}$/);
    expect(timed).toMatch(/\| ADWIN \| row \d+ \(2024-03-01 \d{2}:\d{2}:00 UTC\) \| row \d+ \(2024-03-01 /);
  });

  it('tables the model columns with their role, eight cells a row', () => {
    const rows = markdown.split('\n').filter((line) => /^\| (prediction|proba\\\.|label) /.test(line) || line.startsWith('| proba.'));
    expect(rows.map((row) => row.split(' | ').slice(0, 2).join(' | '))).toEqual(['| prediction | prediction', '| proba.no | probability of "no"', '| proba.yes | probability of "yes"', '| label | target']);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
  });

  it('keeps the report of a check without model columns exactly as it was', () => {
    expect(renderMarkdown(result)).not.toMatch(/Gate|Model|Features/);
  });
});
