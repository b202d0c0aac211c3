/**
 * Stops the global setup's build if no test needed it before the run ended (a run of unit tests only), so
 * that no bundler outlives jest; the next run that needs the bundles builds them again.
 */
export default async function globalTeardown(): Promise<void> {
  await globalThis.driftgateBuild?.stop();
}
