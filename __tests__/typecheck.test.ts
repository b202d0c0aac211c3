/**
 * The sources, the tests and the scripts type-check (`tsc --noEmit` over tsconfig.json, what `npm run
 * typecheck` runs). Jest compiles each file alone and checks no types, so this is where a type error fails
 * `npm test`; as a test it runs beside the others instead of before all of them.
 */
import { afterAll, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './helpers/paths.js';
import { Spawner } from './helpers/spawner.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const spawner = new Spawner();
afterAll(() => spawner.close());

it('type-checks with no error', async () => {
  const checked = await spawner.run(process.execPath, [TSC, '--noEmit', '--pretty', 'false'], { cwd: REPO_ROOT });
  expect({ code: checked.code, errors: checked.stdout.toString() }).toEqual({ code: 0, errors: '' });
}, 600_000);
