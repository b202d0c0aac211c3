/**
 * Jest runs the TypeScript sources as ESM; typecheck.test.ts does the type checking once, beside the others;
 * module-transform.js gives every module, ours and those of the packages named below, the built-ins as
 * constants (jest's vm context makes each global lookup a slow call: see there). The global setup bundles
 * the sources once for the end-to-end tests, beside the other tests (see __tests__/global-setup.ts). Two workers for a 2-core
 * runner: most of the slow tests wait on child processes (bundles, servers, Chromium); the slowest files
 * start first even on a fresh clone, which has no times from an earlier run (sequencer.js).
 */
/** Packages whose JavaScript goes through module-transform.js too: our statistics run their loops. */
const TRANSFORMED_PACKAGES = ['simple-statistics'];

export default {
  testEnvironment: 'node',
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['<rootDir>/__tests__/module-transform.js', { useESM: true }],
    [`/node_modules/(${TRANSFORMED_PACKAGES.join('|')})/.+\\.mjs$`]: '<rootDir>/__tests__/module-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${TRANSFORMED_PACKAGES.join('|')})/)`],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  globalSetup: '<rootDir>/__tests__/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/global-teardown.ts',
  testSequencer: '<rootDir>/__tests__/sequencer.js',
  maxWorkers: 2,
  // A worker grows to about 1 GiB over a run, and every process a test starts forks it, at about 5 ms of
  // kernel time per 100 MiB: a fresh worker after any file that leaves it above this costs less than that.
  workerIdleMemoryLimit: '400MB',
  testTimeout: 30000,
};
