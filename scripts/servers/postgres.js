// A throwaway PostgreSQL cluster on 127.0.0.1 and a free port: initdb into a temp directory, started with
// pg_ctl, removed after. As root the server runs as the `postgres` user (PostgreSQL refuses root), which
// owns the directory. Started by the engine tests and by the benchmark (scripts/bench/engines.js).
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';

/** Debian's PostgreSQL 15 programs (the server's and psql). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

function asServerUser(command, args) {
  const isRoot = process.getuid?.() === 0;
  const quoted = [command, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  if (isRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe', timeout: 300_000 });
  else execFileSync(command, args, { stdio: 'pipe', timeout: 300_000 });
}

async function connects(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function startPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'driftgate-pg-'));
  if (process.getuid?.() === 0)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
  const data = join(dir, 'data');
  asServerUser(`${POSTGRES_BIN}/initdb`, ['-D', data, '-U', 'driftgate', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  // -w waits until the server accepts connections (pg_ctl polls), with a generous deadline for a busy machine.
  asServerUser(`${POSTGRES_BIN}/pg_ctl`, [
    '-D',
    data,
    '-w',
    '-t',
    '240',
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
  const url = `postgres://driftgate@127.0.0.1:${port}/postgres`;
  return {
    url,
    dir,
    async addPasswordRole(role, password) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password.replaceAll("'", "''")}'`);
        // The first matching line decides, so this one goes above initdb's trust lines.
        const hba = join(data, 'pg_hba.conf');
        writeFileSync(hba, `host all "${role}" 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
        await client.query('SELECT pg_reload_conf()');
      } finally {
        await client.end();
      }
      // The server rereads the file when it gets to the signal: until the role without its password is
      // refused, it may still be trusted.
      const deadline = Date.now() + 240_000;
      while (await connects(`postgres://${role}@127.0.0.1:${port}/postgres`)) {
        if (Date.now() > deadline) throw new Error(`the server still trusts role ${role} after reloading pg_hba.conf`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    },
    stop() {
      try {
        asServerUser(`${POSTGRES_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
