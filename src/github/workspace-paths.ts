/**
 * Path inputs name files of the checked-out repository, or files an earlier step left in RUNNER_TEMP.
 * A workflow may build them from text it does not control (a dispatch input, a branch name), and a pull
 * request may add a symbolic link pointing anywhere on the runner (`/proc/self/environ` holds the job's
 * secrets), so a path that lands anywhere else, by `..` or through a link, is refused rather than read or
 * written. The actions check every path input here, before anything is read.
 */
import { existsSync, lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputError } from '../core/errors.js';
import { globFilesSync } from '../io/glob.js';
import { isInside } from '../io/paths.js';

export interface AllowedRoots {
  workspace: string;
  runnerTemp?: string;
}

/**
 * The absolute path `value` stands for, relative paths starting at the workspace; throws if it, or a file
 * it matches as a glob, leaves the allowed roots, or if it is a symbolic link to nothing.
 */
export function resolveInside(input: string, value: string, roots: AllowedRoots): string {
  const absolute = resolve(roots.workspace, value);
  const allowed = allowedRoots(roots);
  if (!allowed.some((root) => isInside(root, absolute))) {
    throw new InputError(
      `${input} ${JSON.stringify(value)} is outside the workspace: it resolves to ${absolute}. Paths must stay inside ${allowed.join(' or ')}; give a path relative to the repository checkout, or under RUNNER_TEMP for a file an earlier step downloaded`,
    );
  }
  // In a glob, `**/..` may match zero directories and climb above the part that looked contained.
  if (isDynamicPattern(value) && value.split(/[\\/]/).includes('..')) {
    throw new InputError(
      `${input} ${JSON.stringify(value)}: a glob pattern may not contain ".." segments; write it from the workspace root down`,
    );
  }
  // The readers take a path that exists literally before trying it as a glob; the same files are checked
  // here, found by the same bounded walk the readers make (given `allowedRoots`).
  const globbed = isDynamicPattern(value) && !existsSync(absolute);
  if (!globbed) refuseDanglingLink(input, value, absolute, roots);
  // A linked folder the walk did not enter is refused like a linked file: the readers would skip it silently.
  const notEntered: string[] = [];
  const reached = globbed
    ? globFilesSync(value, { cwd: roots.workspace, within: allowed, onOutside: (path) => notEntered.push(path) })
    : [absolute];
  for (const path of [...notEntered, ...reached]) refuseLinkOutside(input, value, path, roots);
  return absolute;
}

/**
 * A link to nothing on the way to `path` (the path itself, or a folder above it) would make every later
 * read or write fail with a bare ENOENT; it is named here instead, with where it points.
 */
function refuseDanglingLink(input: string, value: string, path: string, roots: AllowedRoots): void {
  for (let existing = path; ; existing = dirname(existing)) {
    const link = lstatSync(existing, { throwIfNoEntry: false });
    if (link) {
      if (!link.isSymbolicLink() || leadsSomewhere(existing)) return;
      const shown = isInside(roots.workspace, existing) ? relative(roots.workspace, existing).split(sep).join('/') : existing;
      throw new InputError(
        `${input} ${JSON.stringify(value)}: ${shown} is a symbolic link to ${readlinkSync(existing)}, which does not exist; create what it points to, or remove the link`,
      );
    }
    if (dirname(existing) === existing) return;
  }
}

/**
 * Throws when `path`, once every symbolic link on the way is followed, is outside the allowed roots. A path
 * that does not exist yet is judged by the deepest folder on its way that does.
 */
export function refuseLinkOutside(input: string, value: string, path: string, roots: AllowedRoots): void {
  const allowed = allowedRoots(roots);
  const real = realPathOf(path);
  if (allowed.some((root) => isInside(realPathOf(root), real))) return;
  const shown = isInside(roots.workspace, path) ? relative(roots.workspace, path).split(sep).join('/') : path;
  throw new InputError(
    `${input} ${JSON.stringify(value)}: ${shown} leads through a symbolic link to ${real}, outside the workspace. Paths must stay inside ${allowed.join(' or ')}; copy the file in instead of linking to it`,
  );
}

export { isInside };

/**
 * Where an annotation can point for a file a message names: its path relative to the workspace, with
 * forward slashes on every runner; undefined for a file elsewhere (a downloaded artifact), which GitHub
 * could not place in the repository's files.
 */
export function workspaceRelative(workspace: string, file: string): string | undefined {
  const path = resolve(workspace, file);
  return isInside(workspace, path) ? relative(workspace, path).split(sep).join('/') : undefined;
}

/** Whether following the link reaches anything; a loop of links reaches nothing either. */
function leadsSomewhere(link: string): boolean {
  try {
    statSync(link);
    return true;
  } catch {
    return false;
  }
}

/** The folders path inputs may name, and globs of them walk into: the workspace and RUNNER_TEMP. */
export function allowedRoots(roots: AllowedRoots): string[] {
  return [roots.workspace, roots.runnerTemp].filter((root): root is string => Boolean(root)).map((root) => resolve(root));
}

/** `realpath` of the deepest existing ancestor, with the rest of the path appended as written. */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  for (let existing = absolute; ; existing = dirname(existing)) {
    try {
      return resolve(realpathSync(existing), relative(existing, absolute));
    } catch {
      // A dangling link or a name not created yet: its folder decides.
      if (dirname(existing) === existing) return absolute;
    }
  }
}
