/**
 * The model registry inside the repository, as docs/registry.md describes it:
 *
 *     <registry-dir>/<name>/index.json                every version, its files and checksums, the current one
 *     <registry-dir>/<name>/<version>/model/...       the model files
 *     <registry-dir>/<name>/<version>/baseline/...    the data it was trained on
 *     <registry-dir>/<name>/<version>/metrics.json    its evaluation metrics
 *     <registry-dir>/<name>/<version>/drift-report.json  the check that triggered the retrain
 *     <registry-dir>/<name>/<version>/MODEL_CARD.md
 *
 * Pure: paths, versions and the index, with no I/O, so the rules can be tested on their own and the check
 * action can read the same index.
 */
import { posix } from 'node:path';
import { InputError } from '../core/errors.js';

export const INDEX_SCHEMA_VERSION = 1;
export const INDEX_FILE = 'index.json';
export const MODEL_FOLDER = 'model';
export const BASELINE_FOLDER = 'baseline';
export const METRICS_FILE = 'metrics.json';
export const DRIFT_REPORT_FILE = 'drift-report.json';
export const MODEL_CARD_FILE = 'MODEL_CARD.md';

export type FileRole = 'model' | 'baseline' | 'metrics' | 'drift-report' | 'model-card';

export interface RegistryFile {
  /** Relative to the version folder, `/`-separated. */
  path: string;
  role: FileRole;
  size: number;
  sha256: string;
}

export interface VersionEntry {
  version: string;
  /** ISO 8601, UTC. */
  published_at: string;
  /** The workflow run that published it; a rerun of that run finds its version by this. */
  run_id?: string;
  run_url?: string;
  files: RegistryFile[];
}

export interface RegistryIndex {
  schema_version: typeof INDEX_SCHEMA_VERSION;
  name: string;
  /** The version published last: what the check action should compare against. */
  current?: string;
  /** Oldest first, in version order. */
  versions: VersionEntry[];
}

const SAFE_COMPONENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A model name or version becomes one folder name in the repository and part of a branch name, so it is
 * held to characters that mean the same thing in a path, a ref and a URL.
 */
export function checkPathComponent(input: string, value: string): string {
  if (!SAFE_COMPONENT.test(value) || value.includes('..') || value.length > 100) {
    throw new InputError(
      `${input} must be 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit (it names a folder), not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * `models`, `./models/` and `ml/models` are fine; anything that leaves the repository is not, nor a folder
 * inside any `.git` (git refuses such paths in a tree on every platform, in any letter case, since
 * CVE-2014-9390, and a checkout would write them into the repository's own metadata).
 */
export function checkRegistryDir(value: string): string {
  const normalized = posix.normalize(value.replace(/\\/g, '/')).replace(/\/+$/, '');
  const parts = normalized.split('/');
  if (
    normalized === '' ||
    normalized === '.' ||
    normalized.startsWith('/') ||
    parts.includes('..') ||
    parts.some((part) => part.toLowerCase() === '.git')
  ) {
    throw new InputError(
      `registry-dir must be a folder inside the repository (such as "models") and not inside a .git folder, not ${JSON.stringify(value)}`,
    );
  }
  return normalized;
}

/**
 * The model's branch must not be the pull request's base: the commit would land on the base itself (often
 * the default branch, unreviewed) and the pull request would go from a branch to itself.
 */
export function refuseBaseAsBranch(branch: string, base: string | undefined, isDefaultBranch: boolean): void {
  if (base === undefined || base !== branch) return;
  const which = isDefaultBranch ? `the repository's default branch, which the pull request goes to when base is not set` : 'also the base';
  throw new InputError(
    `branch ${JSON.stringify(branch)} is ${which}; the model is proposed on a branch of its own: leave branch empty (driftgate/<name>) or name another branch`,
  );
}

export function modelFolder(registryDir: string, name: string): string {
  return posix.join(registryDir, name);
}

export function indexPath(registryDir: string, name: string): string {
  return posix.join(registryDir, name, INDEX_FILE);
}

export function versionFolder(registryDir: string, name: string, version: string): string {
  return posix.join(registryDir, name, version);
}

/**
 * Component-wise order: `2026.05.14.10` comes after `2026.05.14.9`. Numeric components compare as numbers,
 * others as text (numbers first); a version that is a prefix of another comes first.
 */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const order = compareComponents(left[index], right[index]);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

function compareComponents(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    // Digits only, so BigInt cannot throw; it keeps long counters exact where Number would round.
    const difference = BigInt(a) - BigInt(b);
    return difference === 0n ? 0 : difference > 0n ? 1 : -1;
  }
  if (numeric.test(a)) return -1;
  if (numeric.test(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `YYYY.MM.DD` of the UTC day, the prefix of every version published that day. */
export function dayPrefix(day: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day.getUTCFullYear()}.${pad(day.getUTCMonth() + 1)}.${pad(day.getUTCDate())}`;
}

/**
 * The next date-based version: `YYYY.MM.DD.N` with N one above the highest N already taken that UTC day.
 * Dates compare as numbers, so a hand-written `2026.5.4.2` counts for the same day as `2026.05.04.1`.
 */
export function nextVersion(taken: Iterable<string>, now: Date): string {
  const today = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
  let highest = 0;
  for (const version of taken) {
    const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(version)?.slice(1).map(Number);
    if (parts && parts.slice(0, 3).every((part, index) => part === today[index])) highest = Math.max(highest, parts[3]);
  }
  return `${dayPrefix(now)}.${highest + 1}`;
}

export function emptyIndex(name: string): RegistryIndex {
  return { schema_version: INDEX_SCHEMA_VERSION, name, versions: [] };
}

/** The index read from the repository; `where` (its path and ref) names it in the message when it is broken. */
export function parseIndex(text: string, where: string): RegistryIndex {
  const broken = (problem: string) =>
    new InputError(`the registry index is not usable: ${problem}; fix or remove the file`, { file: where });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw broken(`not JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed)) throw broken('not a JSON object');
  if (parsed.schema_version !== INDEX_SCHEMA_VERSION) {
    throw broken(
      `schema_version ${JSON.stringify(parsed.schema_version)} is not ${INDEX_SCHEMA_VERSION}; a newer driftgate may have written it`,
    );
  }
  if (typeof parsed.name !== 'string') throw broken('"name" is missing');
  if (!Array.isArray(parsed.versions)) throw broken('"versions" is not a list');
  const versions = parsed.versions.map((entry, position) => {
    if (!isRecord(entry) || typeof entry.version !== 'string' || typeof entry.published_at !== 'string' || !Array.isArray(entry.files)) {
      throw broken(`versions[${position}] needs "version", "published_at" and "files"`);
    }
    for (const file of entry.files) {
      if (
        !isRecord(file) ||
        typeof file.path !== 'string' ||
        typeof file.role !== 'string' ||
        typeof file.size !== 'number' ||
        typeof file.sha256 !== 'string'
      ) {
        throw broken(`versions[${position}] (${entry.version}) has a file without path, role, size and sha256`);
      }
    }
    return entry as unknown as VersionEntry;
  });
  const current = typeof parsed.current === 'string' ? parsed.current : undefined;
  return { schema_version: INDEX_SCHEMA_VERSION, name: parsed.name, current, versions: sortVersions(versions) };
}

export function renderIndex(index: RegistryIndex): string {
  return `${JSON.stringify(index, null, 2)}\n`;
}

export function findVersion(index: RegistryIndex, version: string | undefined): VersionEntry | undefined {
  return version === undefined ? undefined : index.versions.find((entry) => entry.version === version);
}

/** The index with `entry` added (or replacing the entry of the same version), which becomes current. */
export function withVersion(index: RegistryIndex, entry: VersionEntry): RegistryIndex {
  const others = index.versions.filter((existing) => existing.version !== entry.version);
  return { ...index, current: entry.version, versions: sortVersions([...others, entry]) };
}

/**
 * The index a pull request branch should hold: every version of the base branch, plus those only the
 * branch has (published by earlier runs for the same pull request). The branch's current wins when it
 * has versions of its own, because those are what the pull request proposes.
 */
export function mergeIndexes(base: RegistryIndex, branch: RegistryIndex): RegistryIndex {
  const pending = pendingVersions(base, branch);
  const versions = sortVersions([...base.versions, ...pending]);
  const current = pending.length > 0 ? (branch.current ?? pending[pending.length - 1].version) : base.current;
  return { ...base, current, versions };
}

/** Versions the branch has that the base branch does not: the ones its pull request would add. */
export function pendingVersions(base: RegistryIndex, branch: RegistryIndex): VersionEntry[] {
  const published = new Set(base.versions.map((entry) => entry.version));
  return branch.versions.filter((entry) => !published.has(entry.version));
}

/** Whether two versions hold the same model files, byte for byte (names and checksums). */
export function sameModel(a: readonly RegistryFile[], b: readonly RegistryFile[]): boolean {
  const fingerprint = (files: readonly RegistryFile[]) =>
    files
      .filter((file) => file.role === 'model')
      .map((file) => `${file.path}\0${file.sha256}`)
      .sort()
      .join('\n');
  const left = fingerprint(a);
  return left !== '' && left === fingerprint(b);
}

/**
 * Names of files inside their version subfolder: paths relative to the deepest folder holding all of them,
 * so one file keeps its base name and a model saved as a folder keeps its inner structure. Distinct files
 * always get distinct names.
 */
export function relativeNames(absolutePaths: readonly string[]): string[] {
  if (absolutePaths.length === 0) return [];
  const split = absolutePaths.map((path) => path.replace(/\\/g, '/').split('/'));
  let common = split[0].length - 1;
  for (const parts of split) {
    common = Math.min(common, parts.length - 1);
    for (let index = 0; index < common; index++) {
      if (parts[index] !== split[0][index]) {
        common = index;
        break;
      }
    }
  }
  return split.map((parts) => parts.slice(common).join('/'));
}

function sortVersions(versions: VersionEntry[]): VersionEntry[] {
  return [...versions].sort((a, b) => compareVersions(a.version, b.version));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
