import { describe, expect, it } from '@jest/globals';
import { parseCli, type CliCheckCommand } from '../../src/cli/args.js';
import { renderReport, REPORT_FORMATS } from '../../src/cli/report-format.js';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

const formatOf = (...extra: string[]) => (parseCli(['check', '--baseline', 'a', '--current', 'b', ...extra]) as CliCheckCommand).format;

describe('CLI report formats', () => {
  it('takes the format from --format, else from the extension of --output, else text', () => {
    expect(formatOf()).toBe('text');
    expect(formatOf('-o', 'r.json')).toBe('json');
    expect(formatOf('-o', 'out/R.HTML')).toBe('html');
    expect(formatOf('-o', 'r.htm')).toBe('html');
    expect(formatOf('-o', 'r.md')).toBe('markdown');
    expect(formatOf('-o', 'r.prom')).toBe('prometheus');
    expect(formatOf('-o', 'r.txt')).toBe('text');
    expect(formatOf('-o', 'report')).toBe('text');
    expect(formatOf('--format', 'summary', '-o', 'r.md')).toBe('summary');
    expect(formatOf('--format', 'html')).toBe('html');
  });

  it('refuses an unknown format and a file name that implies none', () => {
    expect(() => formatOf('--format', 'pdf')).toThrow('--format must be one of text, markdown, summary, json, html, prometheus, not "pdf"');
    expect(() => formatOf('-o', 'report.out')).toThrow(/cannot tell the report format from the name "report\.out"; give --format/);
  });

  it('renders every format from one result', () => {
    const result = compareTables(tableOf({ x: normalDraws(100, 0, 1) }), tableOf({ x: normalDraws(100, 2, 2) }), defaultDriftOptions());
    const at = new Date(Date.UTC(2026, 0, 2));
    const reports = Object.fromEntries(REPORT_FORMATS.map((format) => [format, renderReport(result, format, at)]));
    expect(JSON.parse(reports.json)).toMatchObject({ generated_at: '2026-01-02T00:00:00.000Z', dataset: { drift_detected: true } });
    expect(reports.html).toMatch(/^<!doctype html>/);
    expect(reports.prometheus).toMatch(/^# HELP driftgate_/m);
    expect(reports.summary).toContain('| x |');
    expect(reports.markdown).toContain('| x |');
    expect(reports.text).toContain('x');
    expect(new Set(Object.values(reports)).size).toBe(REPORT_FORMATS.length);
  });
});
