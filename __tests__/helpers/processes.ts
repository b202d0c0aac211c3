/** Running the bundles as child processes, the way users and the runner do. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
/**
 * The driftgate checkout the end-to-end tests run (action.yml, publish/, actions/, dist/): the global
 * setup's build of the current sources, or, without it, this repository and its committed dist/.
 */
export const ACTION_ROOT = process.env.DRIFTGATE_ACTION_ROOT || REPO_ROOT;

/** `cli`, `check`, `publish` or `rollout`. */
export function bundlePath(entry: string): string {
  return join(ACTION_ROOT, 'dist', entry, 'index.js');
}

export const CLI_BUNDLE = bundlePath('cli');

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): ProcessResult {
  const child = spawnSync(process.execPath, [script, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? { PATH: process.env.PATH, HOME: process.env.HOME },
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

export function runCli(args: readonly string[], options: { cwd?: string } = {}): ProcessResult {
  return runNode(CLI_BUNDLE, args, options);
}
