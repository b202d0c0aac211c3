/**
 * Builds the current sources once per test run, so the end-to-end tests run the code under review rather
 * than the committed dist/. The build is a release checkout of driftgate, laid out as the runner gets it
 * for `uses:` (action.yml, publish/, actions/ and a fresh dist/), cached under the hash of everything that
 * goes into it: a second run on unchanged sources starts at once. Its root reaches the tests (and the
 * scripts they import) as DRIFTGATE_ACTION_ROOT; set that variable beforehand to test another checkout,
 * e.g. this repository with its committed dist/.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = new URL('../', import.meta.url).pathname;
/** What a release checkout holds besides dist/: the metadata the runner reads and the files it points at. */
const ACTION_FILES = ['action.yml', 'publish', 'actions'];
/** What the bundles are made of, besides node_modules (which package-lock.json pins). */
const BUILD_INPUTS = ['src', 'scripts/bundle.js', 'scripts/entries', 'package.json', 'package-lock.json', 'tsconfig.json', ...ACTION_FILES];
const CACHE = join(REPO_ROOT, 'node_modules/.cache/driftgate-build');
/** Builds kept besides the newest, for a run still using one (another worktree state, a run in parallel). */
const KEPT_BUILDS = 2;

export default function globalSetup(): void {
  if (process.env.DRIFTGATE_ACTION_ROOT) return;
  const root = join(CACHE, sourceHash());
  if (!existsSync(root)) build(root);
  process.env.DRIFTGATE_ACTION_ROOT = root;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) {
    for (const path of filesUnder(input))
      hash
        .update(`${path}\0`)
        .update(readFileSync(join(REPO_ROOT, path)))
        .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(path: string): string[] {
  if (!statSync(join(REPO_ROOT, path)).isDirectory()) return [path];
  return readdirSync(join(REPO_ROOT, path), { recursive: true, encoding: 'utf8' })
    .map((name) => join(path, name))
    .filter((name) => statSync(join(REPO_ROOT, name)).isFile())
    .sort();
}

/** Into a scratch folder first and renamed at the end, so a run started meanwhile never sees half a build. */
function build(root: string): void {
  mkdirSync(CACHE, { recursive: true });
  const scratch = mkdtempSync(join(CACHE, 'building-'));
  try {
    process.stderr.write(`Bundling the sources for the end-to-end tests into ${root}\n`);
    execFileSync(process.execPath, ['scripts/bundle.js', '--out', join(scratch, 'dist')], { cwd: REPO_ROOT, stdio: 'inherit' });
    for (const path of ACTION_FILES) cpSync(join(REPO_ROOT, path), join(scratch, path), { recursive: true });
    try {
      renameSync(scratch, root);
    } catch (error) {
      // Another run finished the same build first.
      if (!existsSync(root)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  pruneBuilds(root);
}

function pruneBuilds(newest: string): void {
  const others = readdirSync(CACHE)
    .map((name) => join(CACHE, name))
    .filter((path) => path !== newest && !path.includes('building-'))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const path of others.slice(KEPT_BUILDS)) rmSync(path, { recursive: true, force: true });
}
