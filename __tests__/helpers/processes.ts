/** Running the committed bundles as child processes, the way users and the runner do. */
import { spawnSync } from 'node:child_process';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
export const CLI_BUNDLE = `${REPO_ROOT}dist/cli/index.js`;

export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(script: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): ProcessResult {
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
