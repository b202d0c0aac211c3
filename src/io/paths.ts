/** Where a path is, lexically: the checks that keep reads and writes inside a folder build on this. */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Whether `path` is `root` or inside it, judged on the paths as written (links are not followed). */
export function isInside(root: string, path: string): boolean {
  const inside = relative(resolve(root), resolve(path));
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}
