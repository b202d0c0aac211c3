/**
 * Path inputs name files of the checked-out repository, or files an earlier step left in RUNNER_TEMP.
 * A workflow may build them from text it does not control (a dispatch input, a branch name), so a path
 * that lands anywhere else on the runner is refused rather than read or written.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputError } from '../engine/errors.js';

export interface AllowedRoots {
  workspace: string;
  runnerTemp?: string;
}

/** The absolute path `value` stands for, relative paths starting at the workspace; throws if it leaves the allowed roots. */
export function resolveInside(input: string, value: string, roots: AllowedRoots): string {
  const absolute = resolve(roots.workspace, value);
  const allowed = [roots.workspace, roots.runnerTemp].filter((root): root is string => Boolean(root));
  if (!allowed.some((root) => isInside(root, absolute))) {
    const where = allowed.map((root) => resolve(root)).join(' or ');
    throw new InputError(
      `${input} ${JSON.stringify(value)} is outside the workspace: it resolves to ${absolute}. Paths must stay inside ${where}; give a path relative to the repository checkout, or under RUNNER_TEMP for a file an earlier step downloaded`,
    );
  }
  // In a glob, `**/..` may match zero directories and climb above the part that looked contained.
  if (isDynamicPattern(value) && value.split(/[\\/]/).includes('..')) {
    throw new InputError(`${input} ${JSON.stringify(value)}: a glob pattern may not contain ".." segments; write it from the workspace root down`);
  }
  return absolute;
}

export function isInside(root: string, path: string): boolean {
  const inside = relative(resolve(root), resolve(path));
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}
