/** The repository's root, for tests that read its files: apart from processes.ts, which waits for the bundles. */
export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
