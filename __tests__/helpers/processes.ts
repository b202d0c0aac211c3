/** Running the bundles as child processes, the way users and the runner do. */
import { afterAll, beforeAll } from '@jest/globals';
import { join } from 'node:path';
import { awaitBuild } from '../global-setup.js';
import { REPO_ROOT } from './paths.js';
import { Spawner } from './spawner.js';

/**
 * The driftgate checkout the end-to-end tests run (action.yml, publish/, actions/, dist/): the global
 * setup's build of the current sources, or, without it, this repository and its committed dist/.
 */
export const ACTION_ROOT = process.env.DRIFTGATE_ACTION_ROOT || REPO_ROOT;

/**
 * The global setup builds while the files that start no bundle are tested; every file that does imports
 * this module, and so waits here, before its first test, until the build is there.
 */
beforeAll(() => awaitBuild(ACTION_ROOT), 15 * 60_000);

/** `cli`, `check`, `publish` or `rollout`. */
export function bundlePath(entry: string): string {
  return join(ACTION_ROOT, 'dist', entry, 'index.js');
}

export const CLI_BUNDLE = bundlePath('cli');

export interface ProcessResult {
  /** Null when the process was killed (by the timeout or a signal). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** One helper process per test file starts the bundles: a fork of the worker would cost more (see spawner.ts). */
const spawner = new Spawner();
afterAll(() => spawner.close());

export async function runNode(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  const child = await spawner.run(process.execPath, [script, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? { PATH: process.env.PATH, HOME: process.env.HOME },
    input: options.input,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  return { status: child.code, stdout: child.stdout.toString('utf8'), stderr: child.stderr.toString('utf8') };
}

export function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<ProcessResult> {
  return runNode(CLI_BUNDLE, args, options);
}
