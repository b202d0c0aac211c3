import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors.js';
import { renderJson, type JsonReport } from '../../src/report/json.js';
import { collectContent, MAX_FILE_BYTES, parseDriftReport } from '../../src/publish/local-files.js';
import { formatDirection } from '../../src/report/format.js';
import { readProfileFile } from '../../src/io/profile-file.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { profileToJson } from '../../src/profile/json.js';
import { tableOf } from '../helpers/tables.js';
import { exampleDriftReport, makeWorkspace } from './fixtures.js';

/** A real version 2 report: driftgate 0.1.0's check of the first 300 rows of the example data, prediction `churned`. */
const VERSION_2_REPORT = new URL('../fixtures/reports/schema-v2.json', import.meta.url).pathname;

function profileText(columns: Record<string, number[]>): string {
  const builder = new ProfileBuilder();
  builder.addTable(tableOf(columns));
  return JSON.stringify(profileToJson(builder.finish()));
}

let report: JsonReport;
let workspace: string;

beforeAll(async () => {
  report = await exampleDriftReport();
  workspace = makeWorkspace({
    'out/model.pkl': 'model bytes',
    'out/saved/variables/data-0': 'weights',
    'out/saved/graph.pb': 'graph',
    'out/metrics.json': JSON.stringify({ accuracy: 0.93, per_class: { yes: 0.8 } }),
    'data/train-1.csv': 'a,b\n1,2\n',
    'data/train-2.csv': 'a,b\n3,4\n',
    'report/drift-report.json': renderJson(report),
    'empty/.keep': '',
    'profiles/part-1.profile.json': profileText({ a: [1], b: [2] }),
    'profiles/part-2.profile.json': profileText({ a: [3], b: [4] }),
  });
  rmSync(join(workspace, 'empty/.keep'));
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('collectContent', () => {
  it('stores the training data as its profile by default, naming the files as given, in memory bounded by the profile', async () => {
    const content = await collectContent({ model: ['out/model.pkl'], baseline: ['data/*.csv'], cwd: workspace, runnerTemp: workspace });
    const stored = content.files.filter((file) => file.role === 'baseline');
    expect(stored.map((file) => file.path)).toEqual(['baseline/baseline.profile.json.gz']);
    const profile = await readProfileFile(stored[0].absolutePath);
    expect(profile.rows).toBe(2);
    expect(profile.sources).toEqual(['data/train-1.csv', 'data/train-2.csv']);
    expect(profile.columns.map((column) => column.name)).toEqual(['a', 'b']);
    expect(content.baselineProfile).toMatch(/^2 rows × 2 columns: 2 numerical columns kept exactly/);
    expect(stored[0].sha256).toBe(createHash('sha256').update(readFileSync(stored[0].absolutePath)).digest('hex'));
  });

  it('stores a profile given as the baseline as it is, and merges several', async () => {
    const single = await collectContent({ model: ['out/model.pkl'], baseline: ['profiles/part-1.profile.json'], cwd: workspace });
    expect(single.files.filter((file) => file.role === 'baseline').map((file) => file.path)).toEqual(['baseline/part-1.profile.json']);
    expect(single.baselineProfile).toMatch(/^1 row × 2 columns/);
    const merged = await collectContent({ model: ['out/model.pkl'], baseline: ['profiles/*.json'], cwd: workspace, runnerTemp: workspace });
    const stored = merged.files.filter((file) => file.role === 'baseline');
    expect(stored.map((file) => file.path)).toEqual(['baseline/baseline.profile.json.gz']);
    expect((await readProfileFile(stored[0].absolutePath)).rows).toBe(2);
  });

  it('refuses data files mixed with profiles, naming the data file', async () => {
    const failure = await collectContent({
      model: ['out/model.pkl'],
      baseline: ['profiles/part-1.profile.json', 'data/train-2.csv'],
      cwd: workspace,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toMatch(/data file among profiles/);
    expect((failure as InputError).location.file).toBe('data/train-2.csv');
  });

  it('places each file in its version subfolder with size and sha256', async () => {
    const content = await collectContent({
      model: ['out/model.pkl'],
      baseline: ['data/*.csv'],
      baselineAs: 'raw',
      metrics: 'out/metrics.json',
      driftReport: 'report/drift-report.json',
      cwd: workspace,
    });
    expect(content.baselineProfile).toBeUndefined();
    expect(content.files.map(({ path, role, size, sha256: digest }) => ({ path, role, size, digest }))).toEqual([
      { path: 'model/model.pkl', role: 'model', size: 11, digest: sha256('model bytes') },
      { path: 'baseline/train-1.csv', role: 'baseline', size: 8, digest: sha256('a,b\n1,2\n') },
      { path: 'baseline/train-2.csv', role: 'baseline', size: 8, digest: sha256('a,b\n3,4\n') },
      { path: 'metrics.json', role: 'metrics', size: expect.any(Number), digest: expect.any(String) },
      { path: 'drift-report.json', role: 'drift-report', size: expect.any(Number), digest: expect.any(String) },
    ]);
    expect(content.metrics).toEqual({ values: { accuracy: 0.93, 'per_class.yes': 0.8 } });
    expect(content.driftReport?.dataset.summary).toBe(report.dataset.summary);
  });

  it('takes a model saved as a folder with its layout', async () => {
    const content = await collectContent({ model: ['out/saved'], baseline: [], cwd: workspace });
    expect(content.files.map((file) => file.path)).toEqual(['model/graph.pb', 'model/variables/data-0']);
  });

  it('counts a file matched twice once', async () => {
    const content = await collectContent({ model: ['out/model.pkl', 'out/*.pkl'], baseline: [], cwd: workspace });
    expect(content.files).toHaveLength(1);
  });

  it('says what is missing, naming the path', async () => {
    const collect = (model: string[], extra: object = {}) => collectContent({ model, baseline: [], cwd: workspace, ...extra });
    await expect(collect([])).rejects.toThrow(/input "model-files" is required/);
    await expect(collect(['out/nope.pkl'])).rejects.toMatchObject({
      location: { file: 'out/nope.pkl' },
      message: expect.stringMatching(/does not exist/),
    });
    await expect(collect(['out/*.onnx'])).rejects.toThrow(/no file matches/);
    await expect(collect(['empty'])).rejects.toThrow(/holds no files/);
    await expect(collect(['out/model.pkl'], { metrics: 'data/*.csv' })).rejects.toThrow(/metrics must name one file; this matches 2/);
    await expect(collect(['out/model.pkl'], { metrics: 'data/train-1.csv' })).rejects.toThrow(/metrics file is not JSON/);
    await expect(collect(['out/model.pkl'], { driftReport: 'out/metrics.json' })).rejects.toThrow(/not a driftgate drift report/);
  });

  it('refuses a file over the limit before reading it, naming the file and the way out', async () => {
    const big = join(workspace, 'out/huge.bin');
    const handle = openSync(big, 'w');
    ftruncateSync(handle, MAX_FILE_BYTES + 1);
    closeSync(handle);
    try {
      const failure = await collectContent({ model: ['out/model.pkl', 'out/huge.bin'], baseline: [], cwd: workspace }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(InputError);
      expect((failure as InputError).location.file).toBe('out/huge.bin');
      expect((failure as InputError).message).toMatch(/32\.0 MiB/);
      expect((failure as InputError).message).toMatch(/Git LFS/);
      expect((failure as InputError).message).toMatch(/release/);
      expect((failure as InputError).message).toMatch(/nothing was written/);
    } finally {
      rmSync(big);
    }
  });
});

describe('parseDriftReport', () => {
  it('accepts the check action’s report and refuses other JSON', () => {
    expect(parseDriftReport(renderJson(report), 'r.json')).toEqual(report);
    // A version 1 report (an older check action's) still reads: version 2 only added fields.
    const { gate: _gate, ...version1 } = report;
    expect(parseDriftReport(JSON.stringify({ ...version1, schema_version: 1 }), 'r.json').schema_version).toBe(1);
    expect(() => parseDriftReport('{"schema_version": 4}', 'r.json')).toThrow(/schema_version is 4, this driftgate reads versions 1, 2, 3/);
    expect(() => parseDriftReport(JSON.stringify({ ...report, columns: undefined }), 'r.json')).toThrow(
      /"dataset" or "columns" is missing/,
    );
    expect(() => parseDriftReport(JSON.stringify({ ...report, generated_at: 'yesterday' }), 'r.json')).toThrow(/not a date/);
    expect(() => parseDriftReport('nope', 'r.json')).toThrow(/not JSON/);
  });

  it('reads a version 2 report, written by the check action before the rename, with the baseline fields of today', () => {
    const text = readFileSync(VERSION_2_REPORT, 'utf8');
    const written = JSON.parse(text) as { columns: Array<Record<string, any>>; model: { columns: Array<Record<string, any>> } };
    const read = parseDriftReport(text, 'drift-report.json');
    expect(read.schema_version).toBe(2);
    expect(JSON.stringify(read)).not.toMatch(/"(other_)?reference(_mean|_share)?"/);
    for (const [index, old] of [...written.columns, ...written.model.columns].entries()) {
      const column = [...read.columns, ...read.model!.columns][index];
      expect(column.baseline).toEqual(old.reference);
      const { reference, other_reference, ...sameHistogram } = old.histogram;
      expect(column.histogram).toEqual({
        ...sameHistogram,
        baseline: reference,
        ...(other_reference === undefined ? {} : { other_baseline: other_reference }),
      });
      if (old.direction?.kind === 'shift')
        expect(column.direction).toEqual({
          kind: 'shift',
          baseline_mean: old.direction.reference_mean,
          current_mean: old.direction.current_mean,
          change: old.direction.change,
        });
      if (old.direction?.kind === 'share')
        expect(column.direction).toMatchObject({
          baseline_share: old.direction.reference_share,
          current_share: old.direction.current_share,
        });
    }
    // Both kinds of column and of direction are in the fixture, so every renamed field was read.
    expect(new Set(written.columns.map((column) => column.direction?.kind))).toEqual(new Set(['shift', 'share']));
    const contract = read.columns.find((column) => column.name === 'contract')!;
    expect(formatDirection(contract)).toBe('↑ "month-to-month": 53% → 72%');
  });
});
