import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { formatPercent } from '../../src/core/format.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { ClassificationSideMetrics } from '../../src/engine/result.js';
import { DDM_CAVEAT } from '../../src/report/model-format.js';
import { renderText } from '../../src/report/text.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { normalDraws, tableOf } from '../helpers/tables.js';
import { formatNumber } from '../../src/core/format.js';
import { estimateOf, estimatedResult } from './estimated.js';

describe('renderText', () => {
  const baseline = tableOf({ steady: normalDraws(100, 0, 1), 'moved\u001b[2J': normalDraws(100, 0, 2), gone: normalDraws(100, 0, 3) });
  const current = tableOf({ steady: normalDraws(100, 0, 4), 'moved\u001b[2J': normalDraws(100, 3, 5) });
  const text = renderText(compareTables(baseline, current, defaultDriftOptions()));
  const lines = text.split('\n');

  it('starts with the verdict and aligns the table columns', () => {
    expect(lines[0]).toBe('Drift detected: 2 of 3 columns drifted (67%; the dataset drifts at 50% or more).');
    const header = lines.find((line) => line.startsWith('COLUMN'))!;
    const start = lines.indexOf(header);
    const resultColumn = header.indexOf('RESULT');
    expect(lines[start + 1].slice(resultColumn)).toMatch(/^DRIFT/);
    expect(lines[start + 2].slice(resultColumn)).toMatch(/^MISSING IN CURRENT/);
    expect(lines[start + 3].slice(resultColumn)).toMatch(/^no drift/);
  });

  it('never prints control characters from the data', () => {
    expect(text).not.toContain('\u001b');
    expect(text).toContain('moved\\x1b[2J');
  });

  it('explains in notes what the table cannot show', () => {
    expect(text).toContain('Notes:\n  gone: missing in current data');
  });
});

describe('renderText with a model section', () => {
  const result = compareTables(
    tableOf(classifierLog(500, { seed: 1 })),
    tableOf(classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 })),
    defaultDriftOptions({ model: CLASSIFIER }),
  );
  // Wide enough that no sentence wraps: these tests are about order and alignment.
  const text = renderText(result, { width: 10_000 });
  const lines = text.split('\n');

  it('wraps sentences and notes between words at the width given, and never a table row', () => {
    const narrow = renderText(result, { width: 60 }).split('\n');
    const performance = narrow.findIndex((line) => line.startsWith('  Performance drift: '));
    const paragraph = [narrow[performance]];
    for (let next = performance + 1; !narrow[next].startsWith('  labelled rows'); next++) paragraph.push(narrow[next]);
    expect(paragraph.length).toBeGreaterThan(1);
    for (const line of paragraph) expect([...line].length).toBeLessThanOrEqual(60);
    expect(paragraph.map((line) => line.trim()).join(' ')).toBe(result.model!.performance!.summary);
    const tableRow = narrow.find((line) => line.startsWith('  Log loss '))!;
    expect(lines).toContain(tableRow);
  });

  it('starts with the gate, then the model, then the features', () => {
    expect(lines[0]).toBe(result.gate.summary);
    const model = lines.indexOf('Model (classification):');
    const features = lines.findIndex((line) => line.startsWith('Features: '));
    expect(model).toBe(4);
    expect(features).toBeGreaterThan(model);
    expect(lines[model + 1]).toBe(`  ${result.model!.performance!.summary}`);
    expect(lines[features + 1]).toMatch(/^COLUMN +TYPE/);
  });

  it('aligns the metric, detector and model column tables', () => {
    const metricHeader = lines.find((line) => line.startsWith('  METRIC (* verdict)'))!;
    const accuracy = lines.find((line) => line.startsWith('  Accuracy *'))!;
    expect(accuracy.indexOf(' 0.')).toBe(metricHeader.indexOf('BASELINE') - 1);
    const detectors = lines.filter((line) => /^ {2}(ADWIN|Page-Hinkley|DDM) {2,}/.test(line)).map((line) => line.trim().split(' ')[0]);
    expect(detectors).toEqual(['ADWIN', 'Page-Hinkley', 'DDM']);
    expect(lines[lines.findIndex((line) => line.startsWith('  DDM  ')) + 1]).toBe(`  ${DDM_CAVEAT}`);
    expect(lines.find((line) => line.startsWith('  proba.yes '))).toMatch(/probability of "yes" +numerical/);
  });

  it('tables each class and both confusion matrices, counts as in the JSON report', () => {
    const current = result.model!.performance!.metrics.current as ClassificationSideMetrics;
    const [no, yes] = current.per_class;
    expect(lines.find((line) => /^ {2}yes +\d+ → /.test(line))).toContain(`→ ${yes.support}`);
    const header = lines.indexOf('  confusion matrix, current (rows are true classes, columns predicted ones):');
    expect(lines[header + 1]).toMatch(/^ {4}TRUE \\ PREDICTED +no +yes +ROWS$/);
    const cells = current.confusion_matrix[0].map((count) => `${count} (${formatPercent(count / no.support)})`);
    expect(lines[header + 2].trim().split(/ {2,}/)).toEqual(['no', ...cells, String(no.support)]);
  });
});

describe('renderText with the performance estimated without labels', () => {
  const result = estimatedResult();
  const estimate = estimateOf(result);
  // Wide enough that no sentence wraps: these tests are about what is said and aligned.
  const lines = renderText(result, { width: 10_000 }).split('\n');

  it('says what was estimated and the verdict, then the calibration with its ECE numbers', () => {
    const headline = lines.findIndex((line) => line.startsWith('  Estimated without labels (CBPE)'));
    expect(lines[headline]).toBe(
      `  Estimated without labels (CBPE) on ${estimate.unlabelled!.rows} current rows whose labels have not arrived. ${estimate.verdict!.summary}`,
    );
    expect(lines[headline + 1]).toContain(`expected calibration error ${formatNumber(estimate.calibration.raw_ece!)} raw`);
  });

  it('aligns the estimates, their bands and the labelled rows realized beside', () => {
    const header = lines.find((line) => line.includes('Metric (positive class "churn")'))!;
    const row = lines.find((line) => line.trimStart().startsWith('Accuracy (verdict)'))!;
    const { unlabelled, labelled } = estimate;
    expect(row.indexOf(formatNumber(unlabelled!.accuracy.value))).toBe(header.indexOf('Estimated,'));
    expect(row.indexOf(`${formatNumber(unlabelled!.accuracy.lower!)} to ${formatNumber(unlabelled!.accuracy.upper!)}`)).toBe(
      header.indexOf('±3σ band'),
    );
    expect(row.slice(header.indexOf('realized'))).toBe(
      `${formatNumber(labelled!.accuracy.realized!)} (${labelled!.accuracy.within_band ? 'in the band' : 'outside the band'})`,
    );
  });
});
