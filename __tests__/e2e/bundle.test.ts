/**
 * GitHub runs the committed dist/ as it is, so it must be exactly what the sources build to. The global
 * setup has built the current sources for the other end-to-end tests (__tests__/global-setup.ts); this
 * compares that build with the committed bundles, file by file and byte for byte, without building again.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_ROOT } from '../helpers/processes.js';
import { REPO_ROOT } from '../helpers/paths.js';

const ENTRY_NAMES = ['check', 'cli', 'publish', 'rollout'];

const filesOf = (dist: string) =>
  readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dist.length + 1))
    .sort();

describe('the committed bundles', () => {
  const fresh = join(ACTION_ROOT, 'dist');
  const committed = join(REPO_ROOT, 'dist');

  it('are compared with a build of the sources, not with themselves', () => {
    // DRIFTGATE_ACTION_ROOT set to this repository would make the comparison below hold trivially.
    expect(fresh).not.toBe(committed);
  });

  it('match a fresh build of the sources, file for file', () => {
    expect(readdirSync(fresh).sort()).toEqual(ENTRY_NAMES);
    expect(filesOf(committed)).toEqual(filesOf(fresh));
    const stale = filesOf(fresh).filter((file) => !readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file))));
    // Run `npm run bundle` and commit dist/.
    expect({ stale }).toEqual({ stale: [] });
    expect(JSON.parse(readFileSync(join(committed, 'check/package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('are ASCII but for whitespace, so V8 holds each at one byte a character (scripts/bundle.js)', () => {
    const scripts = filesOf(fresh).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(ENTRY_NAMES.length);
    const outside = scripts.filter((file) => /[^\0-\x7f\s]/.test(readFileSync(join(fresh, file), 'utf8')));
    expect({ outside }).toEqual({ outside: [] });
    // Escaped, not dropped: the `×` of a profile summary is there as its escape.
    expect(readFileSync(join(fresh, 'cli/index.js'), 'latin1')).toContain('\\u00d7');
  });
});
