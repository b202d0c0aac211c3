/**
 * What the robustness tests share: scratch folders, workspaces written from a map of files, the three ways
 * a user's data enters driftgate (the CLI bundle, the check action bundle, the publish action bundle) and
 * the one shape every failure must have on each of them.
 */
import { afterAll, expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ACTION_ROOT } from '../helpers/processes.js';
import type { ActionRun, WorkflowCommand } from '../helpers/runner.js';

export const CHECK_ACTION_DIR = ACTION_ROOT;
export const PUBLISH_ACTION_DIR = join(ACTION_ROOT, 'publish');

/** A file's content, a symbolic link to `link` (made as given), or a sparse file of `size` bytes (zeros that take no disk). */
export type FileSpec = string | Buffer | { link: string } | { size: number };

/** A fresh folder, removed after the test file (call it while collecting tests or in a hook). */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `driftgate-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeTree(root: string, files: Record<string, FileSpec>): string {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(target, content);
    else if ('link' in content) symlinkSync(content.link, target);
    else {
      writeFileSync(target, '');
      truncateSync(target, content.size);
    }
  }
  return root;
}

/** Every file (and link) under `dir`, relative to it, sorted. */
export function treeOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export const ofKind = (run: ActionRun, command: string): WorkflowCommand[] => run.commands.filter((found) => found.command === command);

/** A Node stack frame, as an uncaught error would print it. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/**
 * A failed step as users must see it: exit 1, exactly one error annotation, no stack trace, nothing on
 * stderr, no outputs and no summary a later step could take for a result.
 */
export function expectOneError(run: ActionRun): WorkflowCommand {
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 1, stderr: '' });
  const errors = ofKind(run, 'error');
  expect(errors).toHaveLength(1);
  expect(run.stdout).not.toMatch(STACK_FRAME);
  expect(run.outputs).toEqual({});
  expect(run.summary).toBe('');
  return errors[0];
}
