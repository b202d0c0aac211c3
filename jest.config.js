/**
 * Jest runs the TypeScript sources as ESM; `tsc --noEmit` in `npm test` does the type checking once. The
 * global setup bundles the sources once for the end-to-end tests (see __tests__/global-setup.ts). Two
 * workers for a 2-core runner: most of the slow tests wait on child processes (bundles, servers, Chromium).
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
  maxWorkers: 2,
  testTimeout: 30000,
};
