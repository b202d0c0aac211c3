/** Scratch folders and trees of files for tests: written from a map, listed back, removed after the test file. */
import { afterAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** A file's content, a symbolic link to `link` (made as given), or a sparse file of `size` bytes (zeros that take no disk). */
export type FileSpec = string | Buffer | { link: string } | { size: number };

/** The folders scratch made; one hook removes them, so that scratch works in a test or a hook too, where no hook can be added. */
const scratchFolders: string[] = [];
afterAll(() => {
  for (const dir of scratchFolders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed after the test file. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `driftgate-${prefix}-`));
  scratchFolders.push(dir);
  return dir;
}

export function writeTree(root: string, files: Record<string, FileSpec>): string {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(target, content);
    else if ('link' in content) symlinkSync(content.link, target);
    else {
      writeFileSync(target, '');
      truncateSync(target, content.size);
    }
  }
  return root;
}

/** Every file (and link) under `dir`, relative to it, sorted. */
export function treeOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
