/**
 * The test transform binds built-ins as module constants (module-transform.js): each binding is the very
 * object the global lookup finds, and no line moves.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import transform, { BOUND_GLOBALS, PRELUDE } from './module-transform.js';

const SOURCE =
  "import { join } from 'node:path';\nexport const twice = (x: number): number => 2 * x;\nexport const where = join('a', 'b');\n";

describe('the test transform', () => {
  it('compiles TypeScript with the prelude on the first line, keeping the line count', () => {
    const transformer = transform.createTransformer({ useESM: true });
    const options = { config: { cwd: process.cwd(), rootDir: process.cwd(), testMatch: [] }, configString: '{}', supportsStaticESM: true };
    const { code } = transformer.process(SOURCE, `${process.cwd()}/src/example.ts`, options as never);
    expect(code.startsWith(PRELUDE)).toBe(true);
    const body = code.slice(PRELUDE.length);
    expect(body.split('\n')[0]).toBe("import { join } from 'node:path';");
    expect(body).toContain('export const twice = (x) => 2 * x;');
  });

  it('gives JavaScript the prelude alone', () => {
    const { code } = transform
      .createTransformer({})
      .process('export const one = 1;\n', '/x/node_modules/simple-statistics/dist/s.mjs', {} as never);
    expect(code).toBe(`${PRELUDE}export const one = 1;\n`);
  });

  it('binds each name to what the global object holds, in this very file too', () => {
    // This file went through the transform: `Math` here is the module constant, globalThis.Math the global.
    const bound: Record<string, unknown> = { Math, Number, Float64Array, Uint8Array, Buffer, Map, JSON, NaN };
    for (const [name, value] of Object.entries(bound)) expect(Object.is(value, (globalThis as Record<string, unknown>)[name])).toBe(true);
    expect(BOUND_GLOBALS.filter((name) => !(name in globalThis))).toEqual([]);
  });

  it('leaves out what tests replace: timers, clocks, fetch, process and console', () => {
    for (const name of ['setTimeout', 'setInterval', 'Date', 'performance', 'fetch', 'process', 'console'])
      expect(BOUND_GLOBALS).not.toContain(name);
  });

  it('is the transform jest.config.js uses', () => {
    expect(readFileSync(new URL('../jest.config.js', import.meta.url), 'utf8')).toContain('<rootDir>/__tests__/module-transform.js');
  });
});
