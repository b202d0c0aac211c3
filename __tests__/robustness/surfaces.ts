/**
 * What the robustness tests share: the three ways a user's data enters driftgate (the CLI bundle, the check
 * action bundle, the publish action bundle) and the one shape every failure must have on each of them.
 * Their scratch folders and workspaces come from helpers/files.ts.
 */
import { expect } from '@jest/globals';
import { join } from 'node:path';
import { ACTION_ROOT } from '../helpers/processes.js';
import type { ActionRun, WorkflowCommand } from '../helpers/runner.js';

export const CHECK_ACTION_DIR = ACTION_ROOT;
export const PUBLISH_ACTION_DIR = join(ACTION_ROOT, 'publish');

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
