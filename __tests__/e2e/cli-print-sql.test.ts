/** `driftgate profile --print-sql` as people run it (the committed bundle): statements on stdout, nothing else. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/processes.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftgate-print-sql-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('driftgate profile --print-sql', () => {
  it('prints the statements and exits 0, writing no file', async () => {
    const run = await runCli(
      ['profile', '--print-sql', 'spark', '--table', 'db.orders', '--numerical', 'price', '--categorical', 'region'],
      {
        cwd: dir,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^-- driftgate profile --print-sql spark, table "db.orders": generated without connecting\.\n/);
    expect(run.stdout).toContain('FROM `db`.`orders` AS src;\n');
    expect(run.stdout.match(/;\n/g)).toHaveLength(5);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 with one line naming the conflict for a usage error, printing nothing', async () => {
    const run = await runCli(['profile', '--print-sql', 'spark', '--table', 'orders', '--numerical', 'price', '-o', 'profile.sql'], {
      cwd: dir,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('driftgate: --print-sql writes the statements to stdout; leave out --output (redirect it: > profile.sql)\n');
    expect(readdirSync(dir)).toEqual([]);
  });
});
