/** The README's input and output tables are generated from the action metadata, and kept in step by this test. */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_NA_VALUES } from '../../src/core/missing-values.js';
import { REPO_ROOT } from '../helpers/paths.js';

describe('the README input tables', () => {
  it('match action.yml and publish/action.yml (node scripts/action-docs.js rewrites them)', () => {
    const run = spawnSync(process.execPath, ['scripts/action-docs.js', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('list every default missing-value token, as the reader knows them', () => {
    const metadata = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
    const description: string = metadata.inputs['na-values'].description;
    const listed = description.slice(description.indexOf('default list ') + 'default list '.length, description.indexOf(" (pandas' list)"));
    expect(listed.split(', ')).toEqual([...DEFAULT_NA_VALUES]);
  });
});
