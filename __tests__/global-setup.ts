/**
 * Builds the current sources once per test run, so the end-to-end tests run the code under review rather
 * than the committed dist/. The build is a release checkout of driftgate, laid out as the runner gets it
 * for `uses:` (action.yml, publish/, actions/ and a fresh dist/), cached under the hash of everything that
 * goes into it: a second run on unchanged sources starts at once. Its root reaches the tests (and the
 * scripts they import) as DRIFTGATE_ACTION_ROOT; set that variable beforehand to test another checkout,
 * e.g. this repository with its committed dist/.
 *
 * The build runs beside the tests rather than before them: most files never start a bundle, and they are
 * tested while it runs. Those that do wait for it (helpers/processes.ts, through `awaitBuild`); a run that
 * needs no bundle stops the build at its end (global-teardown.ts).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Not helpers/paths.ts: jest loads this file outside its resolver, where an import of another .ts file fails.
const REPO_ROOT = new URL('../', import.meta.url).pathname;
/** What a release checkout holds besides dist/: the metadata the runner reads and the files it points at. */
const ACTION_FILES = ['action.yml', 'publish', 'actions'];
/** What the bundles are made of, besides node_modules (which package-lock.json pins). */
const BUILD_INPUTS = ['src', 'scripts/bundle.js', 'scripts/entries', 'package.json', 'package-lock.json', 'tsconfig.json', ...ACTION_FILES];
const CACHE = join(REPO_ROOT, 'node_modules/.cache/driftgate-build');
/** Builds kept besides the newest, for a run still using one (another worktree state, a run in parallel). */
const KEPT_BUILDS = 2;

/** Beside a build's root while it is made, and instead of it when making it failed (with the bundler's output). */
const building = (root: string) => `${root}.building`;
const failed = (root: string) => `${root}.failed`;

declare global {
  /** The build under way in this run: the teardown stops it if it is still running. */
  var driftgateBuild: { stop(): Promise<void> } | undefined;
}

export default function globalSetup(): void {
  if (process.env.DRIFTGATE_ACTION_ROOT) return;
  const root = join(CACHE, sourceHash());
  process.env.DRIFTGATE_ACTION_ROOT = root;
  if (!existsSync(root)) globalThis.driftgateBuild = startBuild(root);
}

/** Resolves once the build at `root` is there; throws what the bundler said if it failed. */
export async function awaitBuild(root: string): Promise<void> {
  for (;;) {
    // The marker first: the build writes its root (or its failure) before removing the marker, so a build
    // that ends between these lines is still seen.
    const underWay = existsSync(building(root));
    if (existsSync(root)) return;
    if (existsSync(failed(root))) throw new Error(`bundling the sources failed:\n${readFileSync(failed(root), 'utf8')}`);
    if (!underWay) throw new Error(`${root} does not exist, and no build of it is under way`);
    await sleep(200);
  }
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

/** Bundles into a scratch folder, renamed to `root` at the end, so a run started meanwhile never sees half a build. */
function startBuild(root: string): { stop(): Promise<void> } {
  mkdirSync(CACHE, { recursive: true });
  rmSync(failed(root), { force: true });
  writeFileSync(building(root), '');
  const scratch = mkdtempSync(join(CACHE, 'building-'));
  const child = spawn(process.execPath, ['scripts/bundle.js', '--out', join(scratch, 'dist')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The lowest priority: the tests go first, and the build takes what they leave (a server starting, a
  // worker waiting on a child) until a test needs it and waits. It stays in jest's session: in a session of
  // its own, Linux's autogroup scheduling would give it half the machine whatever its priority, and the
  // slowest files took twice as long.
  setPriority(child.pid!, 19);
  const output: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
  let stopped = false;
  const closed = new Promise<void>((resolve) =>
    child.once('close', (code, signal) => {
      try {
        if (code !== 0) throw new Error(`scripts/bundle.js ended with ${signal ?? `exit status ${code}`}:\n${Buffer.concat(output)}`);
        for (const path of ACTION_FILES) cpSync(join(REPO_ROOT, path), join(scratch, path), { recursive: true });
        moveInto(scratch, root);
        pruneBuilds(root);
      } catch (error) {
        if (!stopped) writeFileSync(failed(root), String(error instanceof Error ? error.message : error));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
        rmSync(building(root), { force: true });
        resolve();
      }
    }),
  );
  return {
    async stop() {
      // scripts/bundle.js stops the ncc runs it started; `closed` resolves once it has ended and been cleaned up after.
      if (child.exitCode === null && child.signalCode === null) {
        stopped = true;
        child.kill('SIGTERM');
      }
      await closed;
    },
  };
}

function moveInto(scratch: string, root: string): void {
  try {
    renameSync(scratch, root);
  } catch (error) {
    // Another run finished the same build first.
    if (!existsSync(root)) throw error;
  }
}

function pruneBuilds(newest: string): void {
  const others = readdirSync(CACHE)
    .map((name) => join(CACHE, name))
    // Older builds and the failures of older sources; not what is being built now.
    .filter((path) => path !== newest && !path.includes('building'))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const path of others.slice(KEPT_BUILDS)) rmSync(path, { recursive: true, force: true });
}
