/**
 * The registry's current version of a model, read from the repository's working tree: what a merged model
 * pull request made current, so what the rollout deploys and what the next drift check compares against.
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { InputError } from '../core/errors.js';
import { checkPathComponent, checkRegistryDir, findVersion, indexPath, parseIndex, versionFolder } from '../registry/registry.js';

export interface CurrentVersion {
  version: string;
  /** The version's folder, relative to the repository root. */
  folder: string;
  /** Paths relative to the repository root, by role. */
  model: string[];
  baseline: string[];
}

/** Undefined when the model has no index yet or nothing is current: nothing has been published. */
export async function readCurrentVersion(root: string, registryDir: string, model: string): Promise<CurrentVersion | undefined> {
  const directory = checkRegistryDir(registryDir);
  const name = checkPathComponent('model name', model);
  const path = indexPath(directory, name);
  let text: string;
  try {
    text = await readFile(join(root, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const index = parseIndex(text, path);
  if (index.current === undefined) return undefined;
  const entry = findVersion(index, index.current);
  if (!entry)
    throw new InputError(`the registry index names ${JSON.stringify(index.current)} as current, but lists no such version`, { file: path });
  const folder = versionFolder(directory, name, entry.version);
  const files = (role: string) => entry.files.filter((file) => file.role === role).map((file) => posix.join(folder, file.path));
  return { version: entry.version, folder, model: files('model'), baseline: files('baseline') };
}
