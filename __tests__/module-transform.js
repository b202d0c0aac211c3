/**
 * ts-jest for our TypeScript, plus one line in front of every module that binds the built-ins hot code
 * reaches for (Math, Float64Array, Number, ...) as constants of the module; JavaScript modules (the
 * packages jest.config.js names, whose loops our statistics run) get the line alone.
 *
 * Why: jest runs each test file inside a `vm` context, and on Node 20 every name looked up on such a
 * context's global object goes through an interceptor, a call into C++ that V8 cannot optimize away: a loop
 * calling `Math.sqrt` ran 60-85 times slower there than in plain Node, and profiling a million CSV rows took
 * 9-11 s under jest against 0.8 s in the CLI. A module-scope constant is an ordinary binding, so the code
 * under test runs at its real speed. The values are the ones the lookup would find (the context's own
 * built-ins and the Buffer and TextDecoder jest puts there), so nothing the code does changes; the globals
 * tests replace (timers, Date, fetch, process, console) are not bound, so replacing them still works. The
 * line is prepended without a newline, so every line keeps its number in stack traces and source maps.
 */
import { TsJestTransformer } from 'ts-jest';

export const BOUND_GLOBALS = [
  'Math',
  'Number',
  'String',
  'Boolean',
  'Symbol',
  'BigInt',
  'Object',
  'Array',
  'Map',
  'Set',
  'WeakMap',
  'JSON',
  'Promise',
  'RegExp',
  'Error',
  'RangeError',
  'TypeError',
  'NaN',
  'Infinity',
  'ArrayBuffer',
  'DataView',
  'Float64Array',
  'Float32Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
  'Buffer',
  'TextDecoder',
  'TextEncoder',
];

export const PRELUDE = `const { ${BOUND_GLOBALS.join(', ')} } = globalThis; `;

const isTypeScript = (path) => path.endsWith('.ts');

function withPrelude(transformed) {
  return { ...transformed, code: PRELUDE + transformed.code };
}

export default {
  createTransformer(options) {
    const compiler = new TsJestTransformer(options);
    return {
      canInstrument: compiler.canInstrument,
      process: (source, path, ...rest) => withPrelude(isTypeScript(path) ? compiler.process(source, path, ...rest) : { code: source }),
      processAsync: async (source, path, ...rest) =>
        withPrelude(isTypeScript(path) ? await compiler.processAsync(source, path, ...rest) : { code: source }),
      getCacheKey: (...args) => `${compiler.getCacheKey(...args)}:${PRELUDE}`,
      getCacheKeyAsync: async (...args) => `${await compiler.getCacheKeyAsync(...args)}:${PRELUDE}`,
    };
  },
};
