import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { REPORT_SCHEMA_VERSION, renderJson, toJsonReport } from '../../src/report/json.js';
import { VERSION } from '../../src/core/version.js';
import { BINARY, binaryLog, CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

describe('the JSON report', () => {
  const result = compareTables(tableOf({ x: normalDraws(50, 0, 1) }), tableOf({ x: normalDraws(50, 1, 2) }), defaultDriftOptions());
  const report = JSON.parse(renderJson(toJsonReport(result, new Date('2026-11-30T06:00:00Z'))));

  it('carries the schema version, the tool and the time, then the result unchanged', () => {
    expect(report).toMatchObject({
      schema_version: REPORT_SCHEMA_VERSION,
      tool: { name: 'driftgate', version: VERSION },
      generated_at: '2026-11-30T06:00:00.000Z',
    });
    expect(report.dataset).toEqual(JSON.parse(JSON.stringify(result.dataset)));
    expect(report.columns[0].name).toBe('x');
  });

  it('documents every field it writes in docs/report-schema.md', () => {
    const schema = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    const fields = new Set([...Object.keys(report), ...Object.keys(report.dataset), ...Object.keys(report.columns[0])]);
    for (const field of fields) expect({ field, documented: schema.includes(`\`${field}\``) }).toEqual({ field, documented: true });
  });

  it('carries the gate, the one verdict to act on', () => {
    expect(report.gate).toEqual({
      on: ['data', 'prediction', 'performance'],
      tripped: true,
      tripped_by: ['data'],
      insufficient_data: [],
      on_insufficient_data: 'pass',
      summary: 'Gate tripped: data drift.',
    });
    expect(Object.keys(report)).toEqual(['schema_version', 'tool', 'generated_at', 'baseline', 'current', 'gate', 'dataset', 'columns']);
  });

  it('documents every field of the model section in docs/report-schema.md', () => {
    const modelResult = compareTables(
      tableOf(classifierLog(400, { seed: 1 })),
      tableOf(classifierLog(600, { seed: 2, shift: 0.5, changeAt: 300, unlabelledFrom: 550 })),
      defaultDriftOptions({ model: CLASSIFIER }),
    );
    const { model } = JSON.parse(renderJson(toJsonReport(modelResult, new Date())));
    expect(model.change_point.status).toBe('change');
    const schema = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    const objects = [
      model,
      model.columns[1],
      model.prediction_drift,
      model.performance,
      model.performance.max_degradation,
      model.performance.interval,
      model.performance.metrics.current,
      model.performance.metrics.current.per_class[0],
      model.change_point,
      model.change_point.onset,
      model.change_point.stream,
      model.change_point.detectors,
      model.change_point.detectors.ddm,
      model.change_point.error_series[0],
    ];
    const fields = new Set(objects.flatMap((object) => Object.keys(object)));
    for (const field of fields) expect({ field, documented: schema.includes(`\`${field}\``) }).toEqual({ field, documented: true });
  });

  it('documents every field of the estimate without labels in docs/report-schema.md', () => {
    const estimatedResult = compareTables(
      tableOf(binaryLog(400, { seed: 1, spread: 4 })),
      tableOf(binaryLog(300, { seed: 2, spread: 1, labelledRows: 200 })),
      defaultDriftOptions({ model: BINARY }),
    );
    const { estimated } = JSON.parse(renderJson(toJsonReport(estimatedResult, new Date()))).model.performance;
    const objects = [
      estimated,
      estimated.calibration,
      estimated.unlabelled,
      estimated.unlabelled.expected_confusion_matrix,
      estimated.labelled,
      estimated.labelled.accuracy,
      estimated.verdict,
    ];
    expect(estimated.labelled.accuracy.within_band).toBeDefined();
    const schema = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    const fields = new Set(objects.flatMap((object) => Object.keys(object)));
    for (const field of fields) expect({ field, documented: schema.includes(`\`${field}\``) }).toEqual({ field, documented: true });
  });

  it('stamps the version package.json declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});
