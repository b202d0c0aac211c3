/**
 * Safe extraction of a zip archive (a downloaded artifact) into a directory. yauzl already rejects
 * absolute names and `..` segments when it decodes entry names; we also check that every resolved
 * destination stays inside the target, refuse symbolic links, and never follow one that is already there,
 * so a hostile archive cannot write outside the directory it is extracted to.
 */
import { createWriteStream } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { InputError } from '../core/errors.js';

/** Extracts `zipPath` into `target`; returns the absolute paths of the files written. */
export async function extractZip(zipPath: string, target: string): Promise<string[]> {
  const root = resolve(target);
  await mkdir(root, { recursive: true });
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, strictFileNames: true });
  } catch (error) {
    throw new InputError(`not a readable zip archive: ${(error as Error).message}`, { file: zipPath });
  }
  const written: string[] = [];
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) break;
      const destination = resolve(root, entry.fileName);
      const inside = relative(root, destination);
      const isDirectory = entry.fileName.endsWith('/');
      // Some archivers record the root itself as `./`.
      if (inside === '' && isDirectory) continue;
      // `..` as a whole segment only: `..data.csv` is an ordinary name.
      if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        throw new InputError(`archive entry ${JSON.stringify(entry.fileName)} would be written outside ${root}; refusing to extract`, {
          file: zipPath,
        });
      }
      if (isSymbolicLink(entry)) {
        throw new InputError(`archive entry ${JSON.stringify(entry.fileName)} is a symbolic link; refusing to extract`, { file: zipPath });
      }
      await refuseLinkedDirectories(root, isDirectory ? inside : dirname(inside), entry.fileName, zipPath);
      if (isDirectory) {
        await mkdir(destination, { recursive: true });
        continue;
      }
      await mkdir(dirname(destination), { recursive: true });
      // `wx`: never overwrite, and never write through a link an earlier entry might have left.
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(destination, { flags: 'wx' }));
      written.push(destination);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = (error as Error).message;
    // yauzl refuses an absolute or climbing name while decoding it, before it is ever an entry to check.
    if (/^(?:invalid relative path|absolute path): /.test(reason))
      throw new InputError(`${reason}: the entry would be written outside ${root}; refusing to extract`, { file: zipPath });
    throw new InputError(`could not extract the archive: ${reason}; it may be damaged: upload it again, then re-run this job`, {
      file: zipPath,
    });
  } finally {
    zip.close();
  }
  return written;
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolveEntry, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolveEntry(entry);
    };
    const onEnd = () => {
      cleanup();
      resolveEntry(undefined);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * `wx` only guards the last path component; a directory on the way that is a symbolic link (left in the
 * target before we started) would carry the write, and the `mkdir` before it, wherever it points.
 */
async function refuseLinkedDirectories(root: string, directory: string, entryName: string, zipPath: string): Promise<void> {
  let path = root;
  for (const segment of directory === '.' ? [] : directory.split(sep)) {
    path = join(path, segment);
    let isLink: boolean;
    try {
      isLink = (await lstat(path)).isSymbolicLink();
    } catch (error) {
      // What does not exist yet, we create ourselves, as real directories.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (isLink) {
      throw new InputError(
        `archive entry ${JSON.stringify(entryName)} would be written through the symbolic link ${path}; refusing to extract`,
        { file: zipPath },
      );
    }
  }
}

/** Unix mode bits live in the high half of the external attributes; 0o120000 marks a symbolic link. */
function isSymbolicLink(entry: yauzl.Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}
