import { describe, expect, it } from '@jest/globals';
import { join, relative } from 'node:path';
import { globFiles, globFilesSync, type GlobFilesOptions } from '../../src/io/glob.js';
import { readTable } from '../../src/io/read.js';
import { writeTree } from '../helpers/files.js';
import { tempDir } from './temp.js';

const root = tempDir();
const outside = writeTree(join(root, 'outside'), { 'secret.csv': 'x\n1\n', 'deeper/more.csv': 'x\n2\n' });
const workspace = writeTree(join(root, 'workspace'), {
  'data/2026-05.csv': 'x\n3\n',
  'shared/2026-04.csv': 'x\n4\n',
  // A link to a folder inside the workspace is followed; links out of it are not.
  'data/april': { link: '../shared' },
  'data/archive': { link: outside },
  'data/root': { link: '/' },
  'data/stolen.csv': { link: join(outside, 'secret.csv') },
  'data/nowhere': { link: join(root, 'missing') },
  outlink: { link: outside },
});

/** Both forms, each with the folders it reported, paths relative to the workspace. */
async function both(pattern: string, options: Omit<GlobFilesOptions, 'cwd' | 'onOutside'> = {}) {
  const shown = (paths: string[]) => paths.map((path) => relative(workspace, path)).sort();
  const results = [];
  for (const run of [globFiles, async (...args: Parameters<typeof globFilesSync>) => globFilesSync(...args)]) {
    const outsideFolders: string[] = [];
    const files = await run(pattern, { cwd: workspace, ...options, onOutside: (path) => outsideFolders.push(path) });
    results.push({ files: shown(files), outside: shown(outsideFolders) });
  }
  expect(results[1]).toEqual(results[0]);
  return results[0];
}

describe('globFiles within the workspace', () => {
  it('follows links to folders inside it, not those leading out (to / either), and still matches a linked file', async () => {
    expect(await both('data/**/*.csv', { within: [workspace] })).toEqual({
      files: ['data/2026-05.csv', 'data/april/2026-04.csv', 'data/stolen.csv'],
      outside: ['data/archive', 'data/root'],
    });
  });

  it('does not list a folder the pattern itself starts through a link out of it', async () => {
    expect(await both('outlink/**/*.csv', { within: [workspace] })).toEqual({ files: [], outside: ['outlink'] });
  });

  it('enters a folder outside the workspace that is one of the allowed roots', async () => {
    expect((await both('outlink/**/*.csv', { within: [workspace, outside] })).files).toEqual([
      'outlink/deeper/more.csv',
      'outlink/secret.csv',
    ]);
  });

  it('follows every link when it is not bounded, as the CLI does on a machine that is its user’s', async () => {
    expect((await both('data/archive/**/*.csv')).files).toEqual(['data/archive/deeper/more.csv', 'data/archive/secret.csv']);
  });
});

describe('readTable with globRoots', () => {
  it('reads only the files the bounded walk finds', async () => {
    const table = await readTable(['data/*/*.csv'], { cwd: workspace, globRoots: [workspace] });
    expect(table.sources).toEqual([join('data', 'april', '2026-04.csv')]);
  });
});
