/**
 * The sides of a check that the engine inputs name, profiled inside the engine and written as profile files
 * in RUNNER_TEMP, which the check then reads as it reads any profile.
 */
import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckSettings } from '../check.js';
import { writeProfileFile } from '../io/profile-file.js';
import { describeProfile } from '../profile/describe.js';
import { DEFAULT_PROFILE_SETTINGS } from '../core/profile.js';
import { profileFromEngine } from '../profile/sql/connect.js';
import type { EngineSides } from './inputs.js';
import { logLine } from '../github/log.js';

/** The check's settings with each engine side replaced by its profile file. */
export async function profileEngineSides({ engine, connection, sides }: EngineSides, check: CheckSettings): Promise<CheckSettings> {
  const work = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'driftgate-engine-'));
  const profiled = { ...check };
  for (const side of ['baseline', 'current'] as const) {
    const source = sides[side];
    if (!source) continue;
    // The query is not printed: it is the user's text, and may hold what the connection's secrets mask.
    const what = 'table' in source ? `table ${JSON.stringify(source.table)}` : 'query';
    await core.group(`Profile the ${side} inside ${engine} (${what})`, async () => {
      const started = Date.now();
      const profile = await profileFromEngine(engine, connection, source, DEFAULT_PROFILE_SETTINGS);
      const file = join(work, `${side}.profile.json.gz`);
      await writeProfileFile(file, profile);
      logLine(`Profiled in ${Date.now() - started} ms: ${describeProfile(profile).trimEnd()}`);
      profiled[side] = [file];
    });
  }
  return profiled;
}
