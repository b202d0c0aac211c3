/**
 * Starts commands from a small helper process instead of from the test process.
 *
 * Why: starting a process forks the one that asks, and forking costs in proportion to its memory. A jest
 * worker holds a few hundred MiB, and there each `git` took 15-30 ms of kernel time against 2-3 ms from a
 * 50 MiB process; the loopback GitHub server runs git a thousand times and more per test file, and the
 * end-to-end tests start the bundles some 300 times a run (processes.ts). The helper (spawner-child.js) is
 * started once, by one fork, and forks only itself from then on.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SpawnResult {
  /** Null when a signal ended the command. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

interface Reply {
  id: number;
  error?: string;
  code?: number | null;
  signal?: NodeJS.Signals | null;
  stdout?: string;
  stderr?: string;
}

const CHILD = new URL('./spawner-child.js', import.meta.url).pathname;

/** Closes the standard input of a process that ends when its input does, and waits for it to end. */
export function endInput(child: ChildProcessWithoutNullStreams | null): Promise<void> {
  if (!child) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.stdin.end();
  });
}

export class Spawner {
  private child: ChildProcessWithoutNullStreams | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (result: SpawnResult) => void; reject: (error: Error) => void }>();

  /**
   * Runs `file` with `args` to its end, or kills it (SIGKILL) after `timeoutMs`; rejects only when it
   * cannot be started at all.
   */
  run(
    file: string,
    args: readonly string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string | Buffer; timeoutMs?: number } = {},
  ): Promise<SpawnResult> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const input = options.input === undefined ? undefined : Buffer.from(options.input).toString('base64');
      const { cwd, env, timeoutMs } = options;
      child.stdin.write(`${JSON.stringify({ id, file, args, cwd, env, input, timeoutMs })}\n`);
    });
  }

  /** Ends the helper once the commands it runs have answered. */
  close(): Promise<void> {
    return endInput(this.child);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(process.execPath, [CHILD], { stdio: 'pipe' });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      const waiter = this.waiting.get(reply.id)!;
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else
        waiter.resolve({
          code: reply.code ?? null,
          signal: reply.signal ?? null,
          stdout: Buffer.from(reply.stdout!, 'base64'),
          stderr: Buffer.from(reply.stderr!, 'base64'),
        });
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('close', () => {
      this.child = null;
      for (const waiter of this.waiting.values()) waiter.reject(new Error('the spawner process exited'));
      this.waiting.clear();
    });
    this.child = child;
    return child;
  }
}
