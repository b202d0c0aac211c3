/**
 * File names are anyone's text too: a data file whose name holds line breaks and workflow commands,
 * terminal escape sequences, or blank lines and Markdown goes through the CLI and the check action
 * bundles. Wherever the name is shown it stays text: no line of a log or of stderr becomes a workflow
 * command the tool did not mean to send, no escape sequence reaches a terminal, and the job summary and
 * the Markdown report gain no heading or link from it.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/processes.js';
import { runAction, type ActionRun } from '../helpers/runner.js';
import { CHECK_ACTION_DIR, expectOneError } from './surfaces.js';
import { scratch, writeTree } from '../helpers/files.js';

const rows = (shift: number) => 'x,c\n' + Array.from({ length: 60 }, (_, row) => `${row + shift},${row % 3 ? 'a' : 'b'}`).join('\n') + '\n';

/** Each name starts with its own prefix, so a glob picks it out whatever follows. */
const COMMANDS = 'data/commands\n::error title=pwned::injected\n  ::warning::indented\n##[error]old form.csv';
const ESCAPES = 'data/escapes \u001b[2J\u001b]0;retitled\u0007 \u009b31m.csv';
const MARKDOWN = 'data/markdown.csv\n\n# Approved by security\n\n[details](javascript:alert(1))\n\n.csv';

const root = scratch('hostile-names');
const workspace = writeTree(join(root, 'workspace'), {
  'base.csv': rows(0),
  [COMMANDS]: 'x,c\n1,a\n2\n',
  [ESCAPES]: rows(40),
  [MARKDOWN]: rows(40),
});

/** Lines the runner would read as workflow commands: `::name::` after any blanks, or `##[` anywhere. */
const commandLines = (text: string) => text.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['));
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('the CLI', () => {
  it('names a broken file in one line of stderr, its line breaks and commands shown as text', async () => {
    const run = await runCli(['check', '--baseline', 'base.csv', '--current', 'data/commands*'], { cwd: workspace });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^driftgate: data\/commands\\n::error title=pwned::injected\\n {2}::warning::indented\\n##\\x5berror\]old form\.csv:3: expected 2 fields/,
      ),
      '',
    ]);
    expect(commandLines(run.stderr)).toEqual([]);
  });

  it('shows escape sequences in a file name as text in the report', async () => {
    const run = await runCli(['check', '--baseline', 'base.csv', '--current', 'data/escapes*'], { cwd: workspace });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: '' });
    expect(run.stdout).toContain('data/escapes \\x1b[2J\\x1b]0;retitled\\x07 \\x9b31m.csv');
    expect(run.stdout).not.toMatch(CONTROL);
  });
});

describe('the check action bundle', () => {
  it('fails with one error annotation whose text keeps the name on one line, and the log gains no command', async () => {
    const run = await runAction({ actionDir: CHECK_ACTION_DIR, workspace, with: { baseline: 'base.csv', current: 'data/commands*' } });
    const error = expectOneError(run);
    expect(error.properties.title).toBe('driftgate: bad input');
    expect(error.message).toMatch(
      /^data\/commands\\n::error title=pwned::injected\\n {2}::warning::indented\\n##\\x5berror\]old form\.csv:3: expected 2 fields/,
    );
    expect(
      run.commands.map((command) => command.command).filter((command) => !['group', 'endgroup', 'add-mask', 'debug'].includes(command)),
    ).toEqual(['error']);
    expect(commandLines(run.stdout)).toHaveLength(run.commands.length);
  });

  describe('reading a file whose name is Markdown and one whose name is escape sequences', () => {
    let run: ActionRun;
    beforeAll(async () => {
      run = await runAction({
        actionDir: CHECK_ACTION_DIR,
        workspace,
        with: { baseline: 'base.csv', current: 'data/markdown*\ndata/escapes*', 'fail-on-drift': 'false' },
      });
    });

    it('checks them', () => {
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(JSON.parse(readFileSync(run.outputs.report, 'utf8')).current.sources).toEqual([MARKDOWN, ESCAPES]);
    });

    it('writes a job summary and a Markdown report with no heading, paragraph or link from the name', () => {
      for (const markdown of [run.summary, readFileSync(run.outputs['report-markdown'], 'utf8')]) {
        expect(markdown.split('\n').filter((line) => line.startsWith('#') && !line.includes('Distributions'))).toHaveLength(1);
        expect(markdown).not.toMatch(/^\[details\]/m);
        expect(markdown).toContain('`data/markdown.csv  # Approved by security  [details](javascript:alert(1))  .csv`');
        expect(markdown).not.toMatch(CONTROL);
      }
    });

    it('logs nothing a terminal would act on and no command of its own making', () => {
      expect(run.stdout).not.toMatch(CONTROL);
      expect(commandLines(run.stdout)).toHaveLength(run.commands.length);
    });
  });
});
