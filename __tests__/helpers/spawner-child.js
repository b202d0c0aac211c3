/**
 * The small process behind `Spawner` (spawner.ts): reads one JSON request per line on stdin, runs it, and
 * answers with one JSON line on stdout, in whatever order the commands finish. Buffers travel as base64.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, file, args, cwd, env, input, timeoutMs } = JSON.parse(line);
  // A command that cannot start emits 'error' and then 'close': the first one answers.
  let answered = false;
  const answer = (reply) => {
    if (!answered) process.stdout.write(`${JSON.stringify({ id, ...reply })}\n`);
    answered = true;
  };
  const child = spawn(file, args, { cwd, env, stdio: 'pipe', timeout: timeoutMs, killSignal: 'SIGKILL' });
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  child.on('error', (error) => answer({ error: error.message }));
  child.on('close', (code, signal) =>
    answer({
      code,
      signal,
      stdout: Buffer.concat(stdout).toString('base64'),
      stderr: Buffer.concat(stderr).toString('base64'),
    }),
  );
  // A command that exits before reading its input closes the pipe; its exit status tells what went wrong.
  child.stdin.on('error', () => undefined);
  child.stdin.end(input === undefined ? undefined : Buffer.from(input, 'base64'));
});
