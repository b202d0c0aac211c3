/**
 * Data is hostile: column names and category values are anyone's text. One dataset whose names and
 * categories hold markup, Markdown table pipes, backticks, line breaks, workflow commands (`::warning::`,
 * an already-escaped `%0A`), terminal escapes and very long strings goes through the CLI, the check action
 * bundle and the publish action bundle, and every place it shows up is read back the way its consumer
 * reads it: the HTML report has no live markup, every Markdown table row keeps its cells, the runner finds
 * no workflow command the action did not mean to send, the outputs parse back to the exact names, the
 * Prometheus text passes a strict parser with every label intact, and the pull request body is as safe as
 * the summary. An artifact is data too: one whose entries climb out of their folder is refused whole.
 */
import { beforeAll, afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeTerminal } from '../../src/report/escape.js';
import { truncate } from '../../src/report/format.js';
import { runCli } from '../helpers/processes.js';
import { parseWorkflowCommands, runAction, type ActionRun } from '../helpers/runner.js';
import { parseExposition } from '../report/exposition.js';
import { startActionsServer, type ActionsServer } from '../servers/github-actions-server.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { buildZip, type ZipEntrySpec } from '../servers/zip-writer.js';
import { CHECK_ACTION_DIR, expectOneError, ofKind, PUBLISH_ACTION_DIR } from './surfaces.js';
import { scratch, treeOf, writeTree } from '../helpers/files.js';

const LONG = `long-${'ю'.repeat(3000)}-end`;
/** Column names, each for a categorical column whose categories are the same hostile strings. */
const HOSTILE = [
  '<script>alert("name")</script>',
  'price | cost || total',
  'back`tick` ``` fence',
  'line one\nline two\r\nline three',
  '::warning::x',
  'first\n::error title=pwned::injected',
  'already %0A escaped %25 and %3A',
  'terminal \u001b[31mred\u001b[0m bell\u0007',
  'quote " backslash \\ brace } equals =',
  '[link](https://example.com) *bold* _it_ ~strike~ <img src=x onerror=alert(1)>',
  LONG,
];
const NUMERIC = '<b>amount</b> | `$` \n ::notice::n';

/** RFC 4180: a field with a quote, comma or line break is quoted, its quotes doubled. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvRow = (fields: readonly string[]) => fields.map(csvField).join(',');

/** 200 rows; the current side puts three rows in four on one category and shifts the numbers, so every column drifts. */
function dataset(side: 'baseline' | 'current'): string {
  const rows = Array.from({ length: 200 }, (_, row) => {
    const category = (column: number) =>
      HOSTILE[side === 'current' && row % 4 !== 0 ? column % HOSTILE.length : (row + column) % HOSTILE.length];
    return csvRow([...HOSTILE.map((_, column) => category(column)), String(row + (side === 'current' ? 150 : 0))]);
  });
  return [csvRow([...HOSTILE, NUMERIC]), ...rows].join('\r\n') + '\r\n';
}
const ALL_COLUMNS = [...HOSTILE, NUMERIC];

/** The cells of a Markdown table row as GitHub splits it: a backslash escapes the next character, any other pipe separates. */
function tableCells(line: string): number {
  let cells = 0;
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '\\') index++;
    else if (line[index] === '|') cells++;
  }
  return cells - 1;
}

/** Every table in the Markdown: each row must have the header's cell count. */
function expectTablesIntact(markdown: string): void {
  const lines = markdown.split('\n');
  let tables = 0;
  for (let index = 0; index < lines.length; index++) {
    if (!lines[index].startsWith('|') || !/^\|(\s*:?-+:?\s*\|)+$/.test(lines[index + 1] ?? '')) continue;
    tables++;
    const width = tableCells(lines[index]);
    for (let row = index + 2; row < lines.length && lines[row].startsWith('|'); row++)
      expect({ row: lines[row], cells: tableCells(lines[row]) }).toEqual({ row: lines[row], cells: width });
  }
  expect(tables).toBeGreaterThan(0);
}

/** Outside code fences, no raw HTML tag from the data; inside Mermaid blocks, only the chart's own statements. */
function expectMarkdownInert(markdown: string): void {
  const fences = markdown.split('\n').filter((line) => line.startsWith('```'));
  expect(fences.length % 2).toBe(0);
  const outside = markdown.split(/^```[\s\S]*?^```$/m).join('');
  expect(outside).not.toMatch(/<(script|img|b)\b/i);
  for (const [, block] of markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)) {
    for (const line of block.split('\n').filter(Boolean)) expect(line).toMatch(/^(xychart-beta|\s*(title|x-axis|y-axis|bar|line) .*)$/);
  }
  expect(markdown).not.toContain(LONG);
}

/** The runner's reading of stdout: only the commands the action means to send, each with its data intact. */
function expectNoInjectedCommands(run: ActionRun): void {
  const commands = new Set(run.commands.map((command) => command.command));
  for (const command of commands) expect(['add-mask', 'group', 'endgroup', 'warning', 'debug']).toContain(command);
  expect(run.stdout.split('\n').filter((line) => line.startsWith('::'))).toHaveLength(run.commands.length);
  expect(ofKind(run, 'add-mask').map((command) => command.message)).toEqual(
    run.env['INPUT_GITHUB-TOKEN'] ? [run.env['INPUT_GITHUB-TOKEN']] : [],
  );
}

const root = scratch('hostile');

describe('the check action bundle', () => {
  let workspace: string;
  let run: ActionRun;
  beforeAll(async () => {
    workspace = writeTree(join(root, 'check'), { 'data/baseline.csv': dataset('baseline'), 'data/current.csv': dataset('current') });
    run = await runAction({ actionDir: CHECK_ACTION_DIR, workspace, with: { baseline: 'data/baseline.csv', current: 'data/current.csv' } });
  });

  it('reads every hostile name as it is and finds each column drifted', () => {
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'));
    expect(report.columns.map((column: { name: string }) => column.name).sort()).toEqual([...ALL_COLUMNS].sort());
    expect(report.dataset.drifted_count).toBe(ALL_COLUMNS.length);
  });

  it('sets outputs that parse back to the exact names', () => {
    expect(JSON.parse(run.outputs['drifted-columns']).sort()).toEqual([...ALL_COLUMNS].sort());
    expect(run.outputs['drifted-count']).toBe(String(ALL_COLUMNS.length));
  });

  it('sends the runner no command it did not mean to, and every annotation reads back exactly', () => {
    expectNoInjectedCommands(run);
    const warnings = ofKind(run, 'warning');
    expect(warnings).toHaveLength(10);
    const titles = warnings.slice(0, 9).map((warning) => warning.properties.title);
    // Control characters are shown, not sent: the annotation is also a line of the log.
    for (const title of titles)
      expect(ALL_COLUMNS.map((name) => escapeTerminal(`Drift in column ${truncate(name, 100)}`))).toContain(title);
    expect(new Set(titles).size).toBe(9);
    for (const warning of warnings) expect(warning.message.length).toBeLessThan(2000);
  });

  it('writes a job summary whose tables keep their cells and whose markup stays text', () => {
    expectTablesIntact(run.summary);
    expectMarkdownInert(run.summary);
    expect(run.summary).toContain('&lt;script&gt;');
  });

  it('writes a Markdown report the same way', () => {
    const markdown = readFileSync(run.outputs['report-markdown'], 'utf8');
    expectTablesIntact(markdown);
    expectMarkdownInert(markdown);
  });

  it('writes an HTML report with no live markup from the data', () => {
    const html = readFileSync(run.outputs['report-html'], 'utf8');
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(html).not.toContain(LONG);
  });

  it('writes Prometheus text that a strict parser reads, every column label intact', () => {
    const { samples } = parseExposition(readFileSync(run.outputs['metrics-file'], 'utf8'));
    const labelled = samples.filter((sample) => sample.name === 'driftgate_column_drift_detected');
    expect(labelled.map((sample) => sample.labels.column).sort()).toEqual([...ALL_COLUMNS].sort());
  });

  describe('and the publish action bundle, with its drift report', () => {
    let server: GitServer;
    let publish: ActionRun;
    beforeAll(async () => {
      server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
      const files = writeTree(join(root, 'publish'), {
        'out/model | <b>`v2`.pkl': 'weights',
        'out/metrics.json': JSON.stringify({ '<script>x</script>': 0.9, 'a|b': 0.8 }),
      });
      copyFileSync(run.outputs.report, join(files, 'drift-report.json'));
      publish = await runAction({
        actionDir: PUBLISH_ACTION_DIR,
        workspace: files,
        githubToken: server.token,
        env: server.env,
        with: {
          'model-files': 'out/model | <b>`v2`.pkl',
          'model-name': 'churn',
          metrics: 'out/metrics.json',
          'drift-report': 'drift-report.json',
          baseline: '',
        },
      });
    });
    afterAll(() => server.close());

    it('opens a pull request whose body keeps its tables and shows the markup as text', () => {
      expect({ exitCode: publish.exitCode, stderr: publish.stderr }).toEqual({ exitCode: 0, stderr: '' });
      const body = server.state.pulls[0].body!;
      expectTablesIntact(body);
      expectMarkdownInert(body);
      expect(body).toContain('| model/model \\| &lt;b&gt;\\`v2\\`.pkl | model |');
      expect(publish.summary).toBe(body);
    });

    it('sends the runner no command it did not mean to', () => {
      expectNoInjectedCommands(publish);
      expect(parseWorkflowCommands(publish.stdout).filter((command) => command.command === 'warning')).toEqual([]);
    });
  });
});

describe('a baseline artifact built to escape its folder', () => {
  let actions: ActionsServer;
  beforeAll(async () => {
    actions = await startActionsServer({ owner: 'octo-org', repo: 'churn-model', runId: 4242 });
  });
  afterAll(() => actions.close());

  it.each<[string, ZipEntrySpec]>([
    ['a parent-directory entry', { name: '../escape.csv', content: 'x\n1\n' }],
    ['a deeper climb', { name: 'data/../../../escape.csv', content: 'x\n1\n' }],
    ['an absolute entry', { name: '/tmp/escape.csv', content: 'x\n1\n' }],
    ['a symbolic link entry', { name: 'data', kind: 'symlink', content: '/' }],
  ])('fails the step on %s, writing nothing outside it', async (_label, hostile) => {
    actions.state.reset();
    actions.state.addArtifact({
      name: 'baseline',
      zip: buildZip([{ name: 'baseline.csv', content: 'x\n1\n' }, hostile, { name: 'data/planted.csv', content: 'x\n1\n' }]),
    });
    const workspace = writeTree(join(root, `artifact-${hostile.name.replace(/\W/g, '')}`), { 'data/current.csv': 'x\n1\n' });
    const runnerTemp = writeTree(join(workspace, '..', `runner-temp-${hostile.name.replace(/\W/g, '')}`), {});
    const run = await runAction({
      actionDir: CHECK_ACTION_DIR,
      workspace,
      runnerTemp,
      env: actions.env,
      with: { 'baseline-artifact': 'baseline', current: 'data/current.csv' },
    });
    const error = expectOneError(run);
    expect(error.message).toMatch(
      /^\/.*\/baseline\.zip: ((invalid relative path|absolute path): .*: the entry would be written outside .*|archive entry "data" is a symbolic link); refusing to extract$/,
    );
    expect(error.properties).toEqual({ title: 'driftgate: bad input' });
    expect(treeOf(runnerTemp).filter((file) => !file.endsWith('.zip') && !file.endsWith('baseline.csv'))).toEqual([]);
    expect(existsSync('/tmp/escape.csv')).toBe(false);
  });
});

describe('the CLI', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = writeTree(join(root, 'cli'), { 'baseline.csv': dataset('baseline'), 'current.csv': dataset('current') });
  });

  it('shows terminal escapes and line breaks in names as text', async () => {
    const run = await runCli(['check', '--baseline', 'baseline.csv', '--current', 'current.csv'], { cwd: workspace });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: '' });
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    const table = run.stdout.split('\n').filter((line) => /\bDRIFT\b/.test(line));
    expect(table).toHaveLength(ALL_COLUMNS.length);
    expect(run.stdout).not.toContain(LONG);
  });

  it('writes a Markdown report whose tables keep their cells', async () => {
    const run = await runCli(['check', '--baseline', 'baseline.csv', '--current', 'current.csv', '--format', 'markdown'], {
      cwd: workspace,
    });
    expect(run.status).toBe(1);
    expectTablesIntact(run.stdout);
    expectMarkdownInert(run.stdout);
  });
});
