/**
 * One drift check from files: read both sides (in parallel), then compare. The CLI and the check action
 * both call this; only how they get settings and show results differs.
 */
import { compareTables } from './engine/drift.js';
import type { DriftOptions } from './engine/options.js';
import type { DriftResult } from './engine/result.js';
import { readTable } from './io/read.js';

export interface CheckSettings {
  /** Paths or globs of the baseline data; several are concatenated. */
  baseline: readonly string[];
  /** Paths or globs of the current data. */
  current: readonly string[];
  /** Where relative paths start (default: the process's working directory). */
  cwd?: string;
  drift: DriftOptions;
}

export async function runCheck(settings: CheckSettings): Promise<DriftResult> {
  const readOptions = { declared: settings.drift.declaredKinds, cwd: settings.cwd };
  const [baseline, current] = await Promise.all([
    readTable(settings.baseline, readOptions),
    readTable(settings.current, readOptions),
  ]);
  return compareTables(baseline, current, settings.drift);
}
