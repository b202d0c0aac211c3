import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractZip } from '../../src/io/unzip.js';
import { buildZip, type ZipEntrySpec } from '../servers/zip-writer.js';
import { inputError } from './temp.js';

const scratch = mkdtempSync(join(tmpdir(), 'driftgate-unzip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each case gets `<case>/archive.zip`, the target `<case>/out/target`, and room around it to check. */
let caseDir: string;
let target: string;
let caseNumber = 0;
beforeEach(() => {
  caseDir = join(scratch, `case-${++caseNumber}`);
  target = join(caseDir, 'out', 'target');
  mkdirSync(caseDir, { recursive: true });
});

function archive(entries: ZipEntrySpec[]): string {
  const path = join(caseDir, 'archive.zip');
  writeFileSync(path, buildZip(entries));
  return path;
}

/** Every file and link under `dir`, relative to it. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Everything in the case folder that is not inside the target: the archive, and nothing else. */
function outsideTarget(): string[] {
  return listTree(caseDir).filter((path) => !path.startsWith(join('out', 'target')));
}

describe('extractZip', () => {
  it('extracts files, nested folders and directory entries, deflated or stored', async () => {
    const zip = archive([
      { name: 'baseline.csv', content: 'a,b\n1,2\n' },
      { name: 'nested/' },
      { name: 'nested/deeper/part.jsonl', content: '{"a":1}\n', deflate: false },
      { name: 'notes.txt', content: 'not data' },
    ]);
    const written = await extractZip(zip, target);
    expect(written.map((path) => relative(target, path)).sort()).toEqual([
      'baseline.csv',
      join('nested', 'deeper', 'part.jsonl'),
      'notes.txt',
    ]);
    expect(readFileSync(join(target, 'baseline.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(readFileSync(join(target, 'nested', 'deeper', 'part.jsonl'), 'utf8')).toBe('{"a":1}\n');
    expect(outsideTarget()).toEqual(['archive.zip']);
  });

  it('accepts a `./` entry for the root and names that merely start with two dots', async () => {
    const zip = archive([{ name: './' }, { name: '..data.csv', content: 'x\n1\n' }, { name: './sub/file.csv', content: 'y\n2\n' }]);
    await extractZip(zip, target);
    expect(listTree(target)).toEqual(['..data.csv', join('sub', 'file.csv')]);
  });

  it.each([
    ['a parent-directory name', () => '../escape.csv'],
    ['a deeper climb', () => 'ok/../../../escape.csv'],
    ['a backslash climb', () => '..\\escape.csv'],
    ['an absolute name', () => join(caseDir, 'absolute-escape.csv')],
    ['a drive-letter name', () => 'C:/escape.csv'],
  ])('refuses %s and writes nothing outside the target', async (_label, name) => {
    const zip = archive([
      { name: 'fine.csv', content: 'a\n1\n' },
      { name: name(), content: 'pwned\n' },
    ]);
    const error = await inputError(() => extractZip(zip, target));
    expect(error.message).toMatch(/invalid relative path|absolute path|invalid characters|outside/);
    expect(error.location.file).toBe(zip);
    expect(outsideTarget()).toEqual(['archive.zip']);
    expect(existsSync(join(scratch, 'escape.csv'))).toBe(false);
  });

  it('refuses a symbolic link entry and never creates the link', async () => {
    const outside = join(caseDir, 'outside');
    mkdirSync(outside);
    const zip = archive([
      { name: 'link', kind: 'symlink', content: outside },
      { name: 'link/planted.csv', content: 'pwned\n' },
    ]);
    const error = await inputError(() => extractZip(zip, target));
    expect(error.message).toBe(`archive entry "link" is a symbolic link; refusing to extract`);
    expect(() => lstatSync(join(target, 'link'))).toThrow(/ENOENT/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('does not write through a symbolic link that is already in the target', async () => {
    const outside = join(caseDir, 'outside');
    mkdirSync(outside);
    mkdirSync(target, { recursive: true });
    symlinkSync(outside, join(target, 'sub'));
    for (const name of ['sub/planted.csv', 'sub/new/planted.csv', 'sub/newdir/']) {
      const zip = archive([{ name, content: 'pwned\n' }]);
      const error = await inputError(() => extractZip(zip, target));
      expect(error.message).toBe(
        `archive entry ${JSON.stringify(name)} would be written through the symbolic link ${join(target, 'sub')}; refusing to extract`,
      );
    }
    expect(readdirSync(outside)).toEqual([]);
  });

  it('does not overwrite: a second entry with the same name is refused', async () => {
    const zip = archive([
      { name: 'baseline.csv', content: 'first\n' },
      { name: 'baseline.csv', content: 'second\n' },
    ]);
    const error = await inputError(() => extractZip(zip, target));
    expect(error.message).toMatch(/^could not extract the archive: .*EEXIST/);
    expect(readFileSync(join(target, 'baseline.csv'), 'utf8')).toBe('first\n');
  });

  it('reports a file that is not a zip archive', async () => {
    const path = join(caseDir, 'archive.zip');
    writeFileSync(path, 'a,b\n1,2\n');
    const error = await inputError(() => extractZip(path, target));
    expect(error.message).toMatch(/^not a readable zip archive: /);
    expect(error.location.file).toBe(path);
  });
});
