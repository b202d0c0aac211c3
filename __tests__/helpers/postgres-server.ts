/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 and a free port: initdb into a temp directory, started with
 * pg_ctl, removed after. As root the server runs as the `postgres` user (PostgreSQL refuses root), which
 * owns the directory.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 programs (the server's and psql). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  readonly url: string;
  readonly dir: string;
  stop(): void;
}

function asServerUser(command: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const quoted = [command, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  if (isRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe', timeout: 300_000 });
  else execFileSync(command, args, { stdio: 'pipe', timeout: 300_000 });
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'driftgate-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const data = join(dir, 'data');
  asServerUser(`${POSTGRES_BIN}/initdb`, ['-D', data, '-U', 'driftgate', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  // -w waits until the server accepts connections (pg_ctl polls), with a generous deadline for a busy machine.
  asServerUser(`${POSTGRES_BIN}/pg_ctl`, ['-D', data, '-w', '-t', '240', '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  return {
    url: `postgres://driftgate@127.0.0.1:${port}/postgres`,
    dir,
    stop() {
      try {
        asServerUser(`${POSTGRES_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
