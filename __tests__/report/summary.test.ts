import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { DDM_CAVEAT } from '../../src/report/model-format.js';
import { CHARTED_COLUMNS, SUMMARY_BYTE_LIMIT, renderSummary } from '../../src/report/summary.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { normalDraws, tableOf } from '../helpers/tables.js';
import { COMMON_CLASSES, classMetrics, confusionCount, countOf, manyClassResult, markdownTableAfter } from './class-tables.js';

describe('renderSummary', () => {
  it('puts the verdict first, then the table, then Mermaid charts of the most drifted columns', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g"`\nh'];
    const baseline = tableOf(Object.fromEntries(names.map((name, i) => [name, normalDraws(100, 0, i)])));
    const current = tableOf(Object.fromEntries(names.map((name, i) => [name, normalDraws(100, 3, 100 + i)])));
    const summary = renderSummary(compareTables(baseline, current, defaultDriftOptions()));
    expect(summary).toMatch(/^## 🔴 Drift detected: 7 of 7 columns drifted/);
    expect(summary.indexOf('| Column |')).toBeLessThan(summary.indexOf('```mermaid'));
    const charts = summary.match(/```mermaid\nxychart-beta\n[\s\S]*?\n```/g) ?? [];
    expect(charts).toHaveLength(CHARTED_COLUMNS);
    for (const chart of charts) {
      const body = chart.slice('```mermaid\n'.length, -'\n```'.length);
      expect(body).not.toContain('```');
      expect(body.split('\n')).toHaveLength(6);
      expect(body).toMatch(/\n {4}bar \[[0-9., ]+\]\n {4}line \[[0-9., ]+\]$/);
    }
  });

  it('puts the model section between the gate and the features, and charts the error rate there', () => {
    const result = compareTables(
      tableOf(classifierLog(500, { seed: 1 })),
      tableOf(classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 })),
      defaultDriftOptions({ model: CLASSIFIER }),
    );
    const summary = renderSummary(result);
    expect(summary).toMatch(/^## 🔴 Gate tripped: /);
    const model = summary.indexOf('### Model (classification)');
    const features = summary.indexOf('### Features');
    expect(model).toBeGreaterThan(0);
    expect(features).toBeGreaterThan(model);
    expect(summary.indexOf('xychart-beta\n    title "Error rate by time')).toBeGreaterThan(model);
    expect(summary.indexOf('xychart-beta\n    title "Error rate by time')).toBeLessThan(features);
    expect(summary.indexOf('| Column | Type | Method |')).toBeGreaterThan(features);
    expect(summary.indexOf(`_${DDM_CAVEAT}_`)).toBeGreaterThan(summary.indexOf('| DDM |'));
    expect(summary.indexOf(`_${DDM_CAVEAT}_`)).toBeLessThan(features);
  });

  it("shows each class's scores and both sides' confusion matrices with the JSON report's counts", () => {
    const result = manyClassResult();
    const summary = renderSummary(result);
    const features = summary.indexOf('### Features');
    expect(summary.indexOf('**Classes**: baseline → current (change).')).toBeGreaterThan(summary.indexOf('### Model (classification)'));
    expect(summary.indexOf('**Confusion matrix, current**')).toBeLessThan(features);
    expect(
      markdownTableAfter(summary, '**Classes**')
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(COMMON_CLASSES);
    for (const name of ['baseline', 'current'] as const) {
      const side = classMetrics(result, name);
      const [, ...rows] = markdownTableAfter(summary, `**Confusion matrix, ${name}**`);
      COMMON_CLASSES.forEach((trueLabel, rowIndex) => {
        expect(rows[rowIndex][0]).toBe(trueLabel);
        expect(rows[rowIndex].slice(1, 1 + COMMON_CLASSES.length).map(countOf)).toEqual(
          COMMON_CLASSES.map((predicted) => confusionCount(side, trueLabel, predicted)),
        );
      });
    }
  });

  it("stays under GitHub's 1 MiB limit with thousands of columns, saying what it left out", () => {
    const names = Array.from({ length: 6000 }, (_, i) => `a rather long feature name number ${i} `.repeat(5));
    const table = (shift: number) => tableOf(Object.fromEntries(names.map((name, i) => [name, [i, i + shift, i + 2 * shift]])));
    const summary = renderSummary(compareTables(table(0), table(1), defaultDriftOptions({ minRows: 1 })));
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_BYTE_LIMIT);
    expect(summary).toMatch(/_\d+ more columns not shown \(\d+ of them drifted\); the JSON report has all of them\._/);
  });
});
