/**
 * Headless Chromium for tests that judge what a browser really renders. The network is cut off (a proxy
 * that refuses, no name resolution), so a report that tried to fetch anything would show it; every run is
 * bounded in time and its whole process tree is killed afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

export interface ChromiumRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Throws, never skips: a missing browser must fail the suite, or the rendering checks silently vanish. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing; install it with \`apt-get install -y chromium\` (the CI script does) to run the browser tests`,
    );
  }
}

export async function runChromium(args: readonly string[], timeoutMs: number): Promise<ChromiumRun> {
  const profile = mkdtempSync(join(tmpdir(), 'driftgate-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--force-device-scale-factor=1',
    '--proxy-server=127.0.0.1:9',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
  ];
  // Its own process group, so the renderer and helper processes can be killed along with it.
  const child = spawn(CHROMIUM, [...flags, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  };
  const timer = setTimeout(killGroup, timeoutMs);
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    const run = { exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
    if (exitCode === null) throw new Error(`chromium was killed after ${timeoutMs} ms; stderr:\n${run.stderr}`);
    return run;
  } finally {
    clearTimeout(timer);
    killGroup();
    rmSync(profile, { recursive: true, force: true });
  }
}
