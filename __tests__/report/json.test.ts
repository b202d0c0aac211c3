import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { REPORT_SCHEMA_VERSION, renderJson, toJsonReport } from '../../src/report/json.js';
import { VERSION } from '../../src/version.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

describe('the JSON report', () => {
  const result = compareTables(tableOf({ x: normalDraws(50, 0, 1) }), tableOf({ x: normalDraws(50, 1, 2) }), defaultDriftOptions());
  const report = JSON.parse(renderJson(toJsonReport(result, new Date('2026-11-30T06:00:00Z'))));

  it('carries the schema version, the tool and the time, then the result unchanged', () => {
    expect(report).toMatchObject({ schema_version: REPORT_SCHEMA_VERSION, tool: { name: 'driftgate', version: VERSION }, generated_at: '2026-11-30T06:00:00.000Z' });
    expect(report.dataset).toEqual(JSON.parse(JSON.stringify(result.dataset)));
    expect(report.columns[0].name).toBe('x');
  });

  it('documents every field it writes in docs/report-schema.md', () => {
    const schema = readFileSync(new URL('../../docs/report-schema.md', import.meta.url), 'utf8');
    const fields = new Set([...Object.keys(report), ...Object.keys(report.dataset), ...Object.keys(report.columns[0])]);
    for (const field of fields) expect({ field, documented: schema.includes(`\`${field}\``) }).toEqual({ field, documented: true });
  });

  it('stamps the version package.json declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});
