/**
 * The CLI as people run it (the committed bundle): exit status 0 / 1 / 2, the report formats, and one
 * clear line naming the file for every kind of bad input, with no stack trace and no report written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/processes.js';

const EXAMPLE_BASELINE = 'examples/data/baseline.csv';
const EXAMPLE_CURRENT = 'examples/data/current.csv';
const EXAMPLE_STABLE = 'examples/data/current-stable.csv';

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftgate-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('driftgate check', () => {
  it('exits 1 on drift and prints the table, drifted columns first', async () => {
    const run = await runCli(['check', '--baseline', EXAMPLE_BASELINE, '--current', EXAMPLE_CURRENT]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Drift detected: \d+ of \d+ columns drifted/);
    const table = lines.slice(lines.findIndex((line) => line.startsWith('COLUMN')) + 1, lines.indexOf('', 4));
    const results = table.map((line) => (/\bDRIFT\b|MISSING IN CURRENT/.test(line) ? 'drift' : 'other'));
    expect(results[0]).toBe('drift');
    expect(results.indexOf('other')).toBeGreaterThan(0);
    expect(results.slice(results.indexOf('other'))).not.toContain('drift');
  });

  it('exits 0 without drift', async () => {
    const run = await runCli(['check', '--baseline', EXAMPLE_BASELINE, '--current', EXAMPLE_STABLE, '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      schema_version: 3,
      tool: { name: 'driftgate' },
      gate: { tripped: false },
      dataset: { drift_detected: false, status: 'no-drift' },
    });
  });

  it('exits 0 on drift with --exit-zero, and writes the report atomically to --output', async () => {
    const output = join(dir, 'out', 'report.md');
    const run = await runCli([
      'check',
      '--baseline',
      EXAMPLE_BASELINE,
      '--current',
      EXAMPLE_CURRENT,
      '--format',
      'markdown',
      '--output',
      output,
      '--exit-zero',
    ]);
    expect(run.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toMatch(/^### 🔴 Drift detected/);
    expect(run.stdout).toMatch(/^Drift detected/);
  });

  it('reports an --output it cannot write as bad input, leaving no temporary file behind', async () => {
    const taken = join(dir, 'taken');
    mkdirSync(taken);
    const run = await runCli(['check', '--baseline', EXAMPLE_BASELINE, '--current', EXAMPLE_CURRENT, '--output', taken]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^driftgate: .*taken: cannot write the report: .*; check --output\n$/);
    expect(readdirSync(dir).filter((name) => name.startsWith('taken.'))).toEqual([]);
  });

  it('accepts several files per side, as a shell glob expands them', async () => {
    const header = 'x,c\n';
    const rows = (offset: number) => Array.from({ length: 60 }, (_, i) => `${i + offset},${i % 3 === 0 ? 'a' : 'b'}`).join('\n') + '\n';
    const a = file('part-a.csv', header + rows(0));
    const b = file('part-b.csv', header + rows(100));
    const run = await runCli(['check', '--baseline', a, b, '--current', a, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).baseline.rows).toBe(120);
  });

  it('prints help and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('driftgate check --baseline PATH... --current PATH...');
    expect(help.stdout).toMatch(/\n {2}ks +numerical/);
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^driftgate \d+\.\d+\.\d+\n$/);
  });
});

describe('bad input: exit 2, one line naming the file, no stack trace, no report', () => {
  const good = () => file('good.csv', 'x,c\n1,a\n2,b\n3,a\n');
  const cases: Array<[string, () => string[], RegExp]> = [
    ['an empty file', () => ['--current', file('empty.csv', '')], /empty\.csv/],
    ['a header without rows', () => ['--current', file('header.csv', 'x,c\n')], /header\.csv/],
    ['a ragged row', () => ['--current', file('ragged.csv', 'x,c\n1,a\n2\n')], /ragged\.csv:3/],
    ['an unterminated quote', () => ['--current', file('quote.csv', 'x,c\n1,"a\n2,b\n')], /quote\.csv:2/],
    ['duplicate header names', () => ['--current', file('dupe.csv', 'x,x\n1,2\n')], /dupe\.csv/],
    [
      'text in a column declared numerical',
      () => ['--current', file('text.csv', 'x,c\n1,a\noops,b\n'), '--numerical', 'x'],
      /text\.csv:3: column "x"/,
    ],
    [
      'a truncated gzip file',
      () => ['--current', file('cut.csv.gz', gzipSync(Buffer.from('x,c\n1,a\n2,b\n'.repeat(50))).subarray(0, 30))],
      /cut\.csv\.gz/,
    ],
    ['invalid JSON Lines', () => ['--current', file('bad.jsonl', '{"x": 1, "c": "a"}\n{"x": 2, "c": \n')], /bad\.jsonl:2/],
    ['a file that is not Parquet', () => ['--current', file('fake.parquet', 'x,c\n1,a\n')], /fake\.parquet/],
    ['a missing file', () => ['--current', join(dir, 'nowhere.csv')], /nowhere\.csv/],
    ['an unknown option', () => ['--current', good(), '--colour', 'red'], /--colour/],
    ['an unknown method', () => ['--current', good(), '--method', 'magic'], /unknown method "magic"/],
    ['every column ignored', () => ['--current', good(), '--ignore', 'x', '--ignore', 'c'], /no column left to compare/],
  ];

  it.each(cases)('%s', async (_label, args, message) => {
    const output = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    const run = await runCli(['check', '--baseline', good(), ...args(), '--output', output]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^driftgate: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });
});
