/** The end-to-end files wait for the global setup's build: until it is there, or fails, and never for a build nobody started. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awaitBuild } from './global-setup.js';

const dir = mkdtempSync(join(tmpdir(), 'driftgate-global-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('awaitBuild', () => {
  it('waits while the build is under way and resolves once its root is there', async () => {
    const root = join(dir, 'done');
    writeFileSync(`${root}.building`, '');
    let resolved = false;
    const waiting = awaitBuild(root).then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resolved).toBe(false);
    mkdirSync(root);
    await waiting;
    expect(resolved).toBe(true);
  });

  it("throws the bundler's output when the build failed", async () => {
    const root = join(dir, 'broken');
    writeFileSync(`${root}.building`, '');
    const waiting = awaitBuild(root);
    writeFileSync(`${root}.failed`, 'scripts/bundle.js ended with exit status 1:\nsrc/core/format.ts: expression expected');
    await expect(waiting).rejects.toThrow(/^bundling the sources failed:\n.*exit status 1:\nsrc\/core\/format\.ts: expression expected$/);
  });

  it('refuses to wait for a root that is neither there nor being built', async () => {
    await expect(awaitBuild(join(dir, 'never'))).rejects.toThrow(/never does not exist, and no build of it is under way$/);
  });
});
