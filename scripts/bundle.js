#!/usr/bin/env node
// Bundles each entry point with ncc (ESM mode, as package.json is "type": "module") into <root>/<entry>/,
// root `dist` unless `--out DIR` is given (the freshness test builds elsewhere and compares).
// ncc also writes <entry>/package.json ({"type":"module"}), which is committed with the bundle.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const ENTRIES = [
  { source: 'src/cli/main.ts', name: 'cli', executable: true },
  { source: 'src/action/main.ts', name: 'check' },
  { source: 'src/publish/main.ts', name: 'publish' },
  { source: 'src/rollout/main.ts', name: 'rollout', executable: true },
];

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });

for (const entry of ENTRIES) {
  const out = join(values.out, entry.name);
  rmSync(out, { recursive: true, force: true });
  execFileSync('npx', ['ncc', 'build', entry.source, '-o', out, '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], {
    stdio: 'inherit',
  });
  if (entry.executable) chmodSync(join(out, 'index.js'), 0o755);
}
