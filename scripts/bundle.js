#!/usr/bin/env node
// Bundles each entry point with ncc (ESM mode, as package.json is "type": "module") into <root>/<entry>/,
// root `dist` unless `--out DIR` is given (the freshness test builds elsewhere and compares).
// ncc also writes <entry>/package.json ({"type":"module"}), which is committed with the bundle, and a
// numbered chunk beside index.js for each module the sources import dynamically (the database drivers, the
// artifact client): read only when a run gets there, so a start parses 3 MB instead of 7.5.
// The entries build side by side, one per core: each ncc run is a single-threaded webpack with its own
// cache, so running them together changes nothing in the output, only the wait (`npm test` builds too).
// ncc transpiles only (`npm run build` and `npm test` type-check once with tsc; ncc's own check would repeat
// it per entry, four times the work). Transpiling a file alone, TypeScript cannot see package.json's
// "type": "module" under NodeNext and would emit require(); so each bundle starts from a one-line entry in
// scripts/entries/, whose tsconfig.json (the nearest one, which ncc takes) keeps the imports as ES modules.
import { execFile } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';

export const ENTRIES = [{ name: 'cli', executable: true }, { name: 'check' }, { name: 'publish' }, { name: 'rollout', executable: true }];

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });

const NCC = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js');

/** The ncc runs under way: stopping this script (a test run that no longer needs the bundles does) stops them too. */
const running = new Set();
process.once('SIGTERM', () => {
  for (const child of running) child.kill('SIGKILL');
  process.exit(143);
});

async function bundle(entry) {
  const out = join(values.out, entry.name);
  rmSync(out, { recursive: true, force: true });
  const build = promisify(execFile)(
    process.execPath,
    [
      NCC,
      'build',
      `scripts/entries/${entry.name}.ts`,
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2022',
      '--transpile-only',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  running.add(build.child);
  build.child.once('exit', () => running.delete(build.child));
  // What ncc prints (warnings, errors) still reaches the terminal, after the build instead of during it.
  const { stdout, stderr } = await build.catch((error) => {
    process.stderr.write(error.stderr ?? '');
    throw new Error(`bundling ${entry.name} failed`, { cause: error });
  });
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  for (const file of readdirSync(out).filter((name) => name.endsWith('.js'))) asciiOnly(join(out, file));
  if (entry.executable) chmodSync(join(out, 'index.js'), 0o755);
}

/**
 * Writes every character outside ASCII as its `\u` escape. V8 keeps a source that is all ASCII at one byte
 * a character; a single other character (a `×` in a message, a `π` in a library) makes the whole bundle two
 * bytes a character, slower to decode and to parse: 5-7% of a CLI check's time, at every start. Outside
 * whitespace, such a character can only stand in a string, template, regular expression, comment or
 * identifier, where its escape means the same, unless a backslash precedes it: the build refuses that
 * rather than change a program. Whitespace (a library's no-break space between tokens) has no escape and
 * stays as it is, its file two bytes a character.
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  const afterBackslash = /\\[^\0-\x7f\s]/.exec(source);
  if (afterBackslash) throw new Error(`${file}: a backslash before ${JSON.stringify(afterBackslash[0])} cannot be rewritten safely`);
  writeFileSync(
    file,
    source.replace(/[^\0-\x7f\s]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

const waiting = [...ENTRIES];
const builder = async () => {
  for (let entry = waiting.shift(); entry; entry = waiting.shift()) await bundle(entry);
};
await Promise.all(Array.from({ length: Math.min(availableParallelism(), ENTRIES.length) }, builder));
