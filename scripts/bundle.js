#!/usr/bin/env node
// Bundles each entry point with ncc (ESM mode, as package.json is "type": "module") into dist/<entry>/.
// ncc also writes dist/<entry>/package.json ({"type":"module"}), which is committed with the bundle.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';

export const ENTRIES = [
  { source: 'src/cli/main.ts', out: 'dist/cli', executable: true },
  { source: 'src/action/main.ts', out: 'dist/check' },
  { source: 'src/publish/main.ts', out: 'dist/publish' },
];

for (const entry of ENTRIES) {
  if (!existsSync(entry.source)) continue;
  rmSync(entry.out, { recursive: true, force: true });
  execFileSync('npx', ['ncc', 'build', entry.source, '-o', entry.out, '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], {
    stdio: 'inherit',
  });
  if (entry.executable) chmodSync(`${entry.out}/index.js`, 0o755);
}
