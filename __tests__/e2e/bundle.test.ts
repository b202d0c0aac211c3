/**
 * GitHub runs the committed dist/ as it is, so it must be exactly what the sources build to. Rebuilds every
 * entry into a temporary directory and compares byte for byte with the committed bundles.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/processes.js';

const ENTRY_NAMES = ['cli', 'check', 'publish', 'rollout'];

describe('the committed bundles', () => {
  it('match a fresh build of the sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'driftgate-bundle-'));
    try {
      execFileSync(process.execPath, ['scripts/bundle.js', '--out', out], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 600_000 });
      expect(readdirSync(out).sort()).toEqual([...ENTRY_NAMES].sort());
      for (const entry of ENTRY_NAMES) {
        for (const file of ['index.js', 'package.json']) {
          const fresh = readFileSync(join(out, entry, file), 'utf8');
          const committed = readFileSync(join(REPO_ROOT, 'dist', entry, file), 'utf8');
          expect({ file: `dist/${entry}/${file}`, fresh: fresh === committed }).toEqual({ file: `dist/${entry}/${file}`, fresh: true });
        }
      }
      expect(JSON.parse(readFileSync(join(REPO_ROOT, 'dist/check/package.json'), 'utf8'))).toEqual({ type: 'module' });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
