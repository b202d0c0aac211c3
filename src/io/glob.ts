/**
 * Matching a glob pattern to files. A pattern walks through symbolic links to folders, which is what a user
 * means by `data/**\/*.csv` when `data/2026` links to a mounted disk; but in a workflow the link may come
 * from a pull request and point at `/`, and the walk would then list the whole file system (40 s on a
 * runner) and match files that are not the repository's. So the walk can be bounded: `within` names the
 * folders it may enter, and a folder whose real location (links followed) is outside all of them is not
 * entered but reported to `onOutside`. Links to files are still matched; the caller decides about a
 * matched file that leads outside.
 */
import { readdir, readdirSync, realpath, realpathSync, statSync } from 'node:fs';
import { glob, globSync, type GlobOptions } from 'tinyglobby';
import { isInside } from './paths.js';

export interface GlobFilesOptions {
  /** Where the pattern starts. */
  cwd: string;
  /** Folders the walk may enter, through links or not; undefined: anywhere. */
  within?: readonly string[];
  /** Told each folder (as the walk reached it: the link's path) that was not entered because it leads outside `within`. */
  onOutside?: (path: string) => void;
}

/** The files `pattern` matches, as absolute paths, unsorted. */
export function globFiles(pattern: string, options: GlobFilesOptions): Promise<string[]> {
  return glob(pattern, globOptions(options));
}

export function globFilesSync(pattern: string, options: GlobFilesOptions): string[] {
  return globSync(pattern, globOptions(options));
}

type Callback<T> = (error: NodeJS.ErrnoException | null, result: T) => void;

/**
 * tinyglobby walks with fdir through the `fs` functions it is given: `realpath` (then `stat`) for each link
 * it meets, `readdir` for each folder it lists, the pattern's fixed start included. A link to a folder
 * outside fails its `realpath`, and a folder outside lists as empty, so the walk never enters one; fdir
 * skips entries whose `realpath` fails, as it does for a dangling link.
 */
function globOptions({ cwd, within, onOutside = () => undefined }: GlobFilesOptions): GlobOptions {
  const options: GlobOptions = { cwd, absolute: true, onlyFiles: true };
  if (within === undefined) return options;
  // Real locations, so a root that is itself reached through a link (macOS's /tmp) still contains its folders.
  const roots = within.map((root) => realOrAsWritten(root));
  const outsideFolder = (path: string, real: string) => {
    if (roots.some((root) => isInside(root, real)) || !isFolder(real)) return false;
    onOutside(path);
    return true;
  };
  const refusal = (path: string) => Object.assign(new Error(`${path} leads outside the folders the walk may enter`), { code: 'EACCES' });
  options.fs = {
    realpath: ((path: string, callback: Callback<string>) =>
      realpath(path, (error, real) =>
        error ? callback(error, '') : outsideFolder(path, real) ? callback(refusal(path), '') : callback(null, real),
      )) as unknown as typeof realpath,
    realpathSync: ((path: string) => {
      const real = realpathSync(path);
      if (outsideFolder(path, real)) throw refusal(path);
      return real;
    }) as unknown as typeof realpathSync,
    readdir: ((path: string, readdirOptions: object, callback: Callback<unknown[]>) =>
      realpath(path, (error, real) =>
        !error && outsideFolder(path, real) ? callback(null, []) : readdir(path, readdirOptions, callback as never),
      )) as unknown as typeof readdir,
    readdirSync: ((path: string, readdirOptions: object) =>
      outsideFolder(path, realOrAsWritten(path)) ? [] : readdirSync(path, readdirOptions as never)) as unknown as typeof readdirSync,
  };
  return options;
}

function realOrAsWritten(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
