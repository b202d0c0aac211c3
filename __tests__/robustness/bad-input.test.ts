/**
 * One corpus of malformed input, run through every surface where a user's data enters: the CLI bundle,
 * the check action bundle and, for its own inputs, the publish action bundle. Whatever is wrong, the user
 * gets one message naming the file (and the line, where there is one) and what to do, never a stack trace,
 * and nothing that looks like a result: the CLI exits 2 and writes no `--output`, an action fails its step
 * with exactly one `::error` annotation (on the file, when it is in the repository) and sets no output,
 * writes no report and no summary, and the publish action sends nothing to GitHub.
 *
 * Some inputs look broken but have a documented meaning instead (infinities, a column one side lacks, a
 * huge cell); the last table pins those down, so they stay results and never become crashes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { renderJson } from '../../src/report/json.js';
import { MAX_FILE_BYTES } from '../../src/publish/local-files.js';
import { runCli } from '../helpers/processes.js';
import { runAction } from '../helpers/runner.js';
import { exampleDriftReport } from '../publish/fixtures.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { CHECK_ACTION_DIR, expectOneError, ofKind, PUBLISH_ACTION_DIR, STACK_FRAME } from './surfaces.js';
import { scratch, treeOf, writeTree, type FileSpec } from '../helpers/files.js';

const root = scratch('bad-input');
/** Files beside the workspaces, where no path input may lead: `../outside/...` from any workspace. */
const OUTSIDE = writeTree(join(root, 'outside'), { 'secret.csv': 'x,c\n' + '1,token\n'.repeat(40), 'model.pkl': 'a model from elsewhere' });
let workspaces = 0;
/** A fresh checkout: the good baseline `base.csv` plus `files`. */
function workspaceWith(files: Record<string, FileSpec> = {}): string {
  return writeTree(join(root, `workspace-${++workspaces}`), { 'base.csv': GOOD_CSV, ...files });
}

const rows = (count: number, row: (index: number) => string) => Array.from({ length: count }, (_, index) => row(index)).join('\n') + '\n';
const GOOD_CSV = 'x,c\n' + rows(40, (index) => `${index},${index % 2 ? 'a' : 'b'}`);
const parquet = (x: number[], c: string[]) =>
  Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: 'x', data: x, type: 'DOUBLE' },
        { name: 'c', data: c, type: 'STRING' },
      ],
    }),
  );
const GOOD_PARQUET = parquet(
  Array.from({ length: 40 }, (_, index) => index),
  Array.from({ length: 40 }, (_, index) => (index % 2 ? 'a' : 'b')),
);
/** Every byte value, NUL included, in a fixed scramble: what a mis-pointed path to a binary file reads. */
const BINARY_JUNK = Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37 + 11) % 256));

interface BadInput {
  label: string;
  files?: Record<string, FileSpec>;
  /** The CLI's arguments after `check --baseline base.csv`; absent when the CLI has no such input. */
  cli?: string[];
  /** The action's inputs: the check action's over `baseline: base.csv`, or the publish action's over a good publish; absent when the action has no such input. */
  action?: Record<string, string>;
  message: RegExp;
  /** The file the message names, relative to the workspace; and its line, where there is one. */
  file?: string;
  line?: number;
}

/** A current data file that is broken, given to both surfaces the same way. */
function badFile(label: string, name: string, content: Buffer | string, message: RegExp, line?: number, declared?: string): BadInput {
  const file = `data/${name}`;
  return {
    label,
    files: { [file]: content },
    cli: ['--current', file, ...(declared ? ['--numerical', declared] : [])],
    action: { current: file, ...(declared ? { 'numerical-columns': declared } : {}) },
    message,
    file,
    line,
  };
}

const CORPUS: BadInput[] = [
  badFile('an empty file', 'empty.csv', '', /the file is empty/),
  badFile('a header without rows', 'header.csv', 'x,c\n', /header row but no data rows/),
  badFile('no rows once blank lines are skipped', 'blank.csv', 'x,c\n\n\n\n', /header row but no data rows/),
  badFile('a ragged row', 'ragged.csv', 'x,c\n1,a\n2\n3,b\n', /expected 2 fields as in the header, got 1/, 3),
  badFile('an unterminated quote', 'quote.csv', 'x,c\n1,"a\n2,b\n', /quoted field opened on line 2 is never closed/, 2),
  badFile(
    'invalid UTF-8',
    'latin1.csv',
    Buffer.concat([Buffer.from('x,c\n1,a\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    /not valid UTF-8.*save the file as UTF-8/,
    3,
  ),
  badFile('binary junk', 'junk.csv', BINARY_JUNK, /not a text file/, 2),
  badFile('duplicate header names', 'dupe.csv', 'x,x\n1,2\n', /names column "x" more than once/, 1),
  badFile('an empty header name', 'unnamed.csv', 'x,\n1,2\n', /has no name in the header/, 1),
  badFile(
    'text in a declared numerical column',
    'mixed.csv',
    'x,c\n1,a\noops,b\n',
    /column "x": "oops" is not a number, but the column is declared numerical/,
    3,
    'x',
  ),
  badFile(
    'a bad number after an accepted "inf" in a declared numerical column',
    'typo.csv',
    'x,c\n1,a\ninf,b\n1.2.3,a\n',
    /"1\.2\.3" is not a number/,
    4,
    'x',
  ),
  badFile('a truncated gzip file', 'cut.csv.gz', gzipSync(Buffer.from(GOOD_CSV.repeat(20))).subarray(0, 40), /truncated or corrupt gzip/),
  badFile('a .gz file that is not gzip', 'plain.csv.gz', GOOD_CSV, /corrupt gzip/),
  badFile('invalid JSON Lines', 'bad.jsonl', '{"x": 1, "c": "a"}\n{"x": 2, "c": \n', /the line is not valid JSON/, 2),
  badFile('a JSON Lines line that is not an object', 'array.jsonl', '{"x": 1, "c": "a"}\n[1, 2]\n', /holds an array, not a JSON object/, 2),
  badFile('invalid JSON', 'bad.json', '[{"x": 1, "c": "a"},\n {"x": 2,, "c": "b"}]', /not valid JSON/, 2),
  badFile(
    'JSON that is an object, not records',
    'object.json',
    '{"x": [1, 2], "c": ["a", "b"]}',
    /holds an object; expected an array of objects/,
  ),
  badFile('JSON records that are numbers', 'numbers.json', '[1, 2, 3]', /record 1 of the array is a number/),
  badFile('an empty JSON array', 'none.json', '[]', /empty array; there are no rows/),
  badFile('a file that is not Parquet', 'fake.parquet', GOOD_CSV, /not a Parquet file/),
  badFile('a truncated Parquet file', 'cut.parquet', GOOD_PARQUET.subarray(0, GOOD_PARQUET.length - 24), /Parquet file is truncated/),
  badFile('a Parquet file without rows', 'zero.parquet', parquet([], []), /no rows/),
  {
    label: 'a glob that matches nothing',
    files: { 'data/2026-05.csv': GOOD_CSV },
    cli: ['--current', 'data/2026-06-*.csv'],
    action: { current: 'data/2026-06-*.csv' },
    message: /no file matches this pattern/,
    file: 'data/2026-06-*.csv',
  },
  {
    label: 'a missing file',
    cli: ['--current', 'data/missing.csv'],
    action: { current: 'data/missing.csv' },
    message: /does not exist/,
    file: 'data/missing.csv',
  },
  {
    label: 'an unknown method',
    cli: ['--current', 'base.csv', '--method', 'magic'],
    action: { current: 'base.csv', method: 'magic' },
    message: /unknown method "magic"; known methods: ks, /,
  },
  {
    label: 'an unknown method for one column',
    cli: ['--current', 'base.csv', '--column-method', 'x=magic'],
    action: { current: 'base.csv', 'column-methods': 'x=magic' },
    message: /unknown method "magic"/,
  },
  {
    label: 'an unknown correction',
    cli: ['--current', 'base.csv', '--correction', 'maybe'],
    action: { current: 'base.csv', correction: 'maybe' },
    message: /correction must be none, bonferroni or fdr, not "maybe"/,
  },
  { label: 'an unknown option', cli: ['--current', 'base.csv', '--colour', 'red'], message: /Unknown option '--colour'/ },
  {
    label: 'an unknown report format',
    cli: ['--current', 'base.csv', '--format', 'yaml'],
    message: /--format must be one of text, markdown, summary, json, html, prometheus, not "yaml"/,
  },
  {
    label: 'a drift share above 1',
    cli: ['--current', 'base.csv', '--drift-share', '1.5'],
    action: { current: 'base.csv', 'drift-share': '1.5' },
    message: /drift-share must be a number from 0 to 1, not "1\.5"/,
  },
  {
    label: 'a negative number read as an option',
    cli: ['--current', 'base.csv', '--threshold', '-0.1'],
    message: /Option '--threshold' argument is ambiguous\..* use '--threshold=-XYZ'/,
  },
  {
    label: 'a negative threshold',
    cli: ['--current', 'base.csv', '--threshold=-0.1'],
    action: { current: 'base.csv', threshold: '-0.1' },
    message: /threshold must be a number >= 0 or auto, not "-0\.1"/,
  },
  {
    label: 'a p-value threshold of 1 or more',
    cli: ['--current', 'base.csv', '--method', 'ks', '--threshold', '1.5'],
    action: { current: 'base.csv', method: 'ks', threshold: '1.5' },
    message: /ks gives a p-value, so its threshold must be between 0 and 1/,
  },
  {
    label: 'a threshold that is not a number',
    cli: ['--current', 'base.csv', '--threshold', 'high'],
    action: { current: 'base.csv', threshold: 'high' },
    message: /threshold must be a number >= 0 or auto, not "high"/,
  },
  {
    label: 'min-rows of 0',
    cli: ['--current', 'base.csv', '--min-rows', '0'],
    action: { current: 'base.csv', 'min-rows': '0' },
    message: /min-rows must be a whole number >= 1, not "0"/,
  },
  {
    label: 'a missing-share threshold above 1',
    cli: ['--current', 'base.csv', '--missing-share-threshold', '2'],
    action: { current: 'base.csv', 'missing-share-threshold': '2' },
    message: /missing-share-threshold must be a number from 0 to 1, not "2"/,
  },
  {
    label: 'a negative column threshold',
    cli: ['--current', 'base.csv', '--column-threshold', 'x=-1'],
    action: { current: 'base.csv', 'column-thresholds': 'x=-1' },
    message: /column-threshold.* must be a number >= 0 or auto, not "-1"/,
  },
  {
    label: 'a column declared both numerical and categorical',
    cli: ['--current', 'base.csv', '--numerical', 'x', '--categorical', 'x'],
    action: { current: 'base.csv', 'numerical-columns': 'x', 'categorical-columns': 'x' },
    message: /column "x" is (declared|listed in) both numerical.* and categorical/,
  },
  {
    label: 'a column to compare that the baseline lacks',
    cli: ['--current', 'base.csv', '--columns', 'price'],
    action: { current: 'base.csv', columns: 'price' },
    message: /column "price" is not in the baseline/,
  },
  {
    label: 'baseline and baseline-artifact both set',
    action: { current: 'base.csv', 'baseline-artifact': 'baseline' },
    message: /either "baseline".*or "baseline-artifact".*not both/,
  },
  {
    label: 'a fail-on-drift that is not a boolean',
    action: { current: 'base.csv', 'fail-on-drift': 'yes' },
    message: /fail-on-drift must be true or false, not "yes"/,
  },
  { label: 'no current data', action: { current: '' }, message: /input "current" is required/ },
  {
    label: 'a data file that is a symbolic link out of the workspace',
    files: { 'data/current.csv': { link: join(OUTSIDE, 'secret.csv') } },
    action: { current: 'data/current.csv' },
    message:
      /^current "data\/current\.csv": data\/current\.csv leads through a symbolic link to .*\/outside\/secret\.csv, outside the workspace/,
  },
  {
    label: 'a glob through a linked folder out of the workspace',
    files: { 'data/2026-05.csv': GOOD_CSV, 'data/archive': { link: OUTSIDE } },
    action: { current: 'data/**/*.csv' },
    // The walk does not enter the linked folder: it names the link.
    message: /^current "data\/\*\*\/\*\.csv": data\/archive leads through a symbolic link to .*\/outside, outside the workspace/,
  },
  {
    label: 'a glob through a linked folder to the root of the file system',
    files: { 'data/2026-05.csv': GOOD_CSV, 'data/root': { link: '/' } },
    action: { current: 'data/**/*.csv' },
    message: /^current "data\/\*\*\/\*\.csv": data\/root leads through a symbolic link to \/, outside the workspace/,
  },
  {
    label: 'a report folder that is a symbolic link to nothing',
    files: { reports: { link: join(root, 'no-such-folder') } },
    action: { current: 'base.csv', 'report-dir': 'reports' },
    message:
      /^report-dir "reports": reports is a symbolic link to .*\/no-such-folder, which does not exist; create what it points to, or remove the link$/,
  },
  {
    label: 'a report folder below a symbolic link to nothing',
    files: { reports: { link: 'missing' } },
    action: { current: 'base.csv', 'report-dir': 'reports/drift' },
    message: /^report-dir "reports\/drift": reports is a symbolic link to missing, which does not exist/,
  },
  {
    label: 'a report folder that is a symbolic link out of the workspace',
    files: { reports: { link: OUTSIDE } },
    action: { current: 'base.csv', 'report-dir': 'reports/drift' },
    message: /^report-dir "reports\/drift": reports\/drift leads through a symbolic link to .*\/outside\/drift, outside the workspace/,
  },
];

describe('the CLI: exit 2, one line `driftgate: <file>[:line]: ...`, no stack trace, no --output file', () => {
  it.each(CORPUS.filter((entry) => entry.cli).map((entry) => [entry.label, entry] as const))('%s', async (_label, entry) => {
    const workspace = workspaceWith(entry.files);
    const run = await runCli(['check', '--baseline', 'base.csv', ...entry.cli!, '--output', 'out/report.json'], { cwd: workspace });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const [prefix, message] = splitLocation(lines[0].replace(/^driftgate: /, ''), entry);
    expect(prefix).toBe(location(entry));
    expect(message).toMatch(entry.message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(join(workspace, 'out'))).toBe(false);
  });
});

describe('the check action: exit 1, one ::error on the file and line, no outputs, no reports', () => {
  it.each(CORPUS.filter((entry) => entry.action).map((entry) => [entry.label, entry] as const))('%s', async (_label, entry) => {
    const workspace = workspaceWith(entry.files);
    const run = await runAction({ actionDir: CHECK_ACTION_DIR, workspace, with: { baseline: 'base.csv', ...entry.action } });
    const error = expectOneError(run);
    const [prefix, message] = splitLocation(error.message, entry);
    expect(prefix).toBe(location(entry));
    expect(message).toMatch(entry.message);
    expect({ file: error.properties.file, line: error.properties.line }).toEqual({
      file: entry.file,
      line: entry.line && String(entry.line),
    });
    expect(treeOf(workspace)).toEqual(['base.csv', ...Object.keys(entry.files ?? {})].sort());
    expect(treeOf(OUTSIDE)).toEqual(['model.pkl', 'secret.csv']);
  });
});

describe('the publish action: exit 1, one ::error on the file, no outputs, nothing sent to GitHub', () => {
  let server: GitServer;
  let report: string;
  beforeAll(async () => {
    server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
    report = renderJson(await exampleDriftReport());
  });
  afterAll(() => server.close());

  const PUBLISH_CORPUS: BadInput[] = [
    {
      label: 'a model file that does not exist',
      action: { 'model-files': 'out/missing.pkl' },
      message: /the file does not exist/,
      file: 'out/missing.pkl',
    },
    {
      label: 'a model glob that matches nothing',
      action: { 'model-files': 'out/*.onnx' },
      message: /no file matches this pattern/,
      file: 'out/*.onnx',
    },
    {
      label: 'a baseline glob that matches nothing',
      action: { baseline: 'data/*.parquet' },
      message: /no file matches this pattern/,
      file: 'data/*.parquet',
    },
    {
      label: 'metrics that are not JSON',
      files: { 'out/metrics.json': '{\n  "accuracy": 0.93,\n}\n' },
      message: /the metrics file is not JSON/,
      file: 'out/metrics.json',
      line: 3,
    },
    {
      label: 'metrics that are not an object',
      files: { 'out/metrics.json': '[0.93]' },
      message: /must hold a JSON object of named numbers/,
      file: 'out/metrics.json',
    },
    {
      label: 'a metrics glob naming two files',
      files: { 'out/metrics-a.json': '{}', 'out/metrics-b.json': '{}' },
      action: { metrics: 'out/metrics-*.json' },
      message: /must name one file; this matches 2/,
      file: 'out/metrics-*.json',
    },
    {
      label: 'a drift report that is not JSON',
      files: { 'driftgate-report/drift-report.json': '{\n  "schema_version": 2,\n  "columns": [\n' },
      message: /not a driftgate drift report \(not JSON/,
      file: 'driftgate-report/drift-report.json',
      line: 4,
    },
    {
      label: 'a drift report that is other JSON',
      files: { 'driftgate-report/drift-report.json': '{"accuracy": 0.93}' },
      message: /not a driftgate drift report/,
      file: 'driftgate-report/drift-report.json',
    },
    {
      label: 'a model path that climbs out of the workspace',
      action: { 'model-files': '../outside/model.pkl' },
      message: /model-files "\.\.\/outside\/model\.pkl" is outside the workspace/,
    },
    {
      label: 'a model glob that climbs out of the workspace',
      action: { 'model-files': 'out/../../outside/*.pkl' },
      message: /model-files "out\/\.\.\/\.\.\/outside\/\*\.pkl" is outside the workspace/,
    },
    {
      label: 'a model path that is absolute elsewhere',
      action: { 'model-files': join(OUTSIDE, 'model.pkl') },
      message: /is outside the workspace/,
    },
    {
      label: 'a model that is a symbolic link out of the workspace',
      files: { 'out/linked.pkl': { link: join(OUTSIDE, 'model.pkl') } },
      action: { 'model-files': 'out/linked.pkl' },
      message: /^model-files "out\/linked\.pkl": out\/linked\.pkl leads through a symbolic link to .*outside the workspace/,
    },
    {
      label: 'a model folder holding a link out of the workspace',
      files: { 'out/bundle/weights.bin': 'w', 'out/bundle/config.json': { link: join(OUTSIDE, 'model.pkl') } },
      action: { 'model-files': 'out/bundle' },
      message: /^model-files "out\/bundle": out\/bundle\/config\.json leads through a symbolic link to .*outside the workspace/,
    },
    {
      label: 'an oversized model file',
      files: { 'out/huge.onnx': { size: MAX_FILE_BYTES + 1 } },
      action: { 'model-files': 'out/huge.onnx' },
      message: /over the 32\.0 MiB .*Git LFS/,
      file: 'out/huge.onnx',
    },
    { label: 'a model name that is not a folder name', action: { name: '../churn' }, message: /name must be 1 to 100 letters/ },
    {
      label: 'a branch name git refuses',
      action: { branch: 'models..churn' },
      message: /branch "models\.\.churn" is not a valid branch name/,
    },
    {
      label: 'a registry folder outside the repository',
      action: { 'registry-dir': '../models' },
      message: /registry-dir must be a folder inside the repository/,
    },
    { label: 'a draft that is not a boolean', action: { draft: 'yes' }, message: /draft must be true or false, not "yes"/ },
  ];

  it.each(PUBLISH_CORPUS.map((entry) => [entry.label, entry] as const))('%s', async (_label, entry) => {
    const workspace = writeTree(join(root, `workspace-${++workspaces}`), {
      'out/model.pkl': 'the model',
      'out/metrics.json': '{"accuracy": 0.93}',
      'data/train.csv': GOOD_CSV,
      'driftgate-report/drift-report.json': report,
      ...entry.files,
    });
    const inputs = {
      'model-files': 'out/model.pkl',
      baseline: 'data/train.csv',
      metrics: 'out/metrics.json',
      'drift-report': 'driftgate-report/drift-report.json',
      ...entry.action,
    };
    await server.state.reset();
    const run = await runAction({ actionDir: PUBLISH_ACTION_DIR, workspace, githubToken: server.token, env: server.env, with: inputs });
    const error = expectOneError(run);
    const [prefix, message] = splitLocation(error.message, entry);
    expect(prefix).toBe(location(entry));
    expect(message).toMatch(entry.message);
    expect(error.properties).toEqual({
      title: 'driftgate: bad input',
      ...(entry.file ? { file: entry.file } : {}),
      ...(entry.line ? { line: String(entry.line) } : {}),
    });
    expect(server.state.requests).toEqual([]);
    expect(ofKind(run, 'add-mask')).toEqual([{ command: 'add-mask', properties: {}, message: server.token }]);
  });
});

describe('inputs that look broken but have a documented meaning', () => {
  /** The JSON report of a CLI run, and of a check action run, on the same workspace. */
  async function bothReports(files: Record<string, FileSpec>, current: string, declared?: string) {
    const workspace = workspaceWith(files);
    const cli = await runCli(
      [
        'check',
        '--baseline',
        'base.csv',
        '--current',
        current,
        '--format',
        'json',
        '--exit-zero',
        ...(declared ? ['--numerical', declared] : []),
      ],
      { cwd: workspace },
    );
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
    const run = await runAction({
      actionDir: CHECK_ACTION_DIR,
      workspace,
      with: { baseline: 'base.csv', current, ...(declared ? { 'numerical-columns': declared } : {}) },
    });
    expect({ exitCode: run.exitCode, stderr: run.stderr, errors: ofKind(run, 'error') }).toEqual({ exitCode: 0, stderr: '', errors: [] });
    return { cli: JSON.parse(cli.stdout), action: JSON.parse(readFileSync(run.outputs.report, 'utf8')), run };
  }
  interface ReportColumn {
    name: string;
    type: string;
    status: string;
    drift_detected: boolean;
    current: { rows: number; missing: number; max?: number };
  }
  const column = (report: { columns: ReportColumn[] }, name: string) => report.columns.find((entry) => entry.name === name)!;

  // README "Data formats": infinities have no place in a distribution, so every spelling counts as missing.
  it.each([
    [
      'CSV spellings',
      'current.csv',
      GOOD_CSV + ['NaN', 'inf', '-Infinity', 'INF', '+inf', '1e999', '-1e999'].map((value) => `${value},a`).join('\n') + '\n',
      7,
    ],
    [
      'JSON Lines overflowing numbers and nulls',
      'current.jsonl',
      rows(40, (index) => JSON.stringify({ x: index, c: 'a' })) +
        '{"x": 1e999, "c": "a"}\n{"x": -1e999, "c": "b"}\n{"x": null, "c": "a"}\n',
      3,
    ],
    [
      'Parquet doubles',
      'current.parquet',
      parquet(
        [...Array.from({ length: 40 }, (_, index) => index), Infinity, -Infinity, NaN],
        Array.from({ length: 43 }, () => 'a'),
      ),
      3,
    ],
  ])('NaN and infinities in a numerical column count as missing: %s', async (_label, name, content, missing) => {
    const { cli, action } = await bothReports({ [`data/${name}`]: content }, `data/${name}`, 'x');
    for (const report of [cli, action]) {
      expect(column(report, 'x')).toMatchObject({ type: 'numerical', current: { rows: 40 + missing, missing } });
      expect(column(report, 'x').current.max).toBe(39);
    }
  });

  it('a column the current data lacks entirely is drifted, not skipped and not an error', async () => {
    const { cli, run } = await bothReports({ 'data/current.csv': 'x\n' + rows(40, String) }, 'data/current.csv');
    expect(column(cli, 'c')).toMatchObject({ drift_detected: true, status: 'missing-in-current' });
    expect(JSON.parse(run.outputs['drifted-columns'])).toEqual(['c']);
  });

  it('a huge single cell is read, and every view of it stays small', async () => {
    const huge = 'X'.repeat(4 * 1024 * 1024);
    const current = 'x,c\n' + rows(40, (index) => `${index},${index % 4 === 0 ? huge : index % 2 ? 'a' : 'b'}`);
    const workspace = workspaceWith({ 'data/current.csv': current });
    const cli = await runCli(['check', '--baseline', 'base.csv', '--current', 'data/current.csv', '--exit-zero'], { cwd: workspace });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
    expect(cli.stdout.length).toBeLessThan(10_000);
    const run = await runAction({ actionDir: CHECK_ACTION_DIR, workspace, with: { baseline: 'base.csv', current: 'data/current.csv' } });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(run.outputs['drifted-columns']).toBe('["c"]');
    expect(run.summary.length).toBeLessThan(100_000);
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(10_000);
    expect(readFileSync(run.outputs['report-markdown'], 'utf8').length).toBeLessThan(100_000);
  });
});

/** `file:line: ` as a message opens with it, or nothing for a problem with no file. */
function location(entry: BadInput): string {
  return entry.file ? `${entry.file}${entry.line ? `:${entry.line}` : ''}: ` : '';
}

/** A message cut after its location, so a wrong location and a wrong text fail separately and readably. */
function splitLocation(message: string, entry: BadInput): [string, string] {
  const length = message.startsWith(location(entry)) ? location(entry).length : 0;
  return [message.slice(0, length), message.slice(length)];
}
