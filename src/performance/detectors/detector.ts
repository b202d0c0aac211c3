/**
 * What the streaming change detectors (`ddm.ts`, `adwin.ts`, `page-hinkley.ts`) share: fed one value of
 * a per-row error signal at a time, in stream order, each says whether the signal has changed.
 */

/** `warning` is DDM's early state; the other detectors go straight from stable to drift. */
export type DetectorState = 'stable' | 'warning' | 'drift';

export interface ChangeDetector {
  /** Feeds the next value; the state after it. */
  update(value: number): DetectorState;
}
