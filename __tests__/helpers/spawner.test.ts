/** The spawner runs commands from its own small process and hands back what they printed and how they ended. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Spawner } from '../helpers/spawner.js';

const spawner = new Spawner();
afterAll(() => spawner.close());

describe('Spawner', () => {
  it('passes the input, arguments and environment, and returns both outputs and the exit status', async () => {
    const script =
      'process.stdin.pipe(process.stdout); process.stderr.write(process.argv[1] + " " + process.env.GREETING); process.exitCode = 3;';
    const result = await spawner.run(process.execPath, ['-e', script, 'argument'], {
      env: { GREETING: 'hello' },
      input: Buffer.from([0, 255, 10, 65]),
    });
    expect(result).toEqual({ code: 3, signal: null, stdout: Buffer.from([0, 255, 10, 65]), stderr: Buffer.from('argument hello') });
  });

  it('runs commands side by side, each answer reaching its own caller', async () => {
    const echo = (text: string, delayMs: number) =>
      spawner.run(process.execPath, ['-e', `setTimeout(() => process.stdout.write(${JSON.stringify(text)}), ${delayMs})`]);
    const [slow, fast] = await Promise.all([echo('slow', 300), echo('fast', 0)]);
    expect([slow.stdout.toString(), fast.stdout.toString()]).toEqual(['slow', 'fast']);
  });

  it('runs in the given folder', async () => {
    const result = await spawner.run(process.execPath, ['-e', 'process.stdout.write(process.cwd())'], { cwd: '/tmp' });
    expect(result.stdout.toString()).toBe('/tmp');
  });

  it('reports a signal that ended the command', async () => {
    const result = await spawner.run(process.execPath, ['-e', 'process.kill(process.pid, "SIGTERM")']);
    expect([result.code, result.signal]).toEqual([null, 'SIGTERM']);
  });

  it('kills a command that outlives its timeout', async () => {
    const result = await spawner.run(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 500 });
    expect([result.code, result.signal]).toEqual([null, 'SIGKILL']);
  });

  it('rejects a command that cannot be started, and keeps serving', async () => {
    await expect(spawner.run('/nonexistent/command', [])).rejects.toThrow(/ENOENT/);
    expect((await spawner.run(process.execPath, ['-e', 'process.stdout.write("still here")'])).stdout.toString()).toBe('still here');
  });
});
