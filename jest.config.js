/**
 * Jest runs the TypeScript sources as ESM; `tsc --noEmit` in `npm test` does the type checking once. The
 * global setup bundles the sources once for the end-to-end tests (see __tests__/global-setup.ts). Two
 * workers for a 2-core runner: most of the slow tests wait on child processes (bundles, servers, Chromium);
 * the slowest files start first even on a fresh clone, which has no times from an earlier run (sequencer.js).
 */
export default {
  testEnvironment: 'node',
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  globalSetup: '<rootDir>/__tests__/global-setup.ts',
  testSequencer: '<rootDir>/__tests__/sequencer.js',
  maxWorkers: 2,
  testTimeout: 30000,
};
