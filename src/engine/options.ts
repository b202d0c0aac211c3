/**
 * What a drift check is asked to do, in one typed object. The CLI's argument parser and the action's input
 * helper both produce it; the engine reads nothing else.
 */
import type { ColumnKind } from './table.js';

export type Correction = 'none' | 'bonferroni' | 'fdr';

export interface DriftOptions {
  /** Compare only these columns (empty: every baseline column). */
  columns: readonly string[];
  /** Leave these out. */
  ignoreColumns: readonly string[];
  /** Declared column kinds; the rest are inferred (see `inferKind`). */
  declaredKinds: ReadonlyMap<string, ColumnKind>;
  /** A method for every column whose kind it supports; unset: auto-selection. */
  method?: string;
  numericalMethod?: string;
  categoricalMethod?: string;
  /** Per-column method, winning over everything else. */
  columnMethods: ReadonlyMap<string, string>;
  /** A threshold for every column, replacing each method's default. */
  threshold?: number;
  numericalThreshold?: number;
  categoricalThreshold?: number;
  columnThresholds: ReadonlyMap<string, number>;
  /** Dataset drift when the share of drifted columns is at least this. */
  driftShare: number;
  correction: Correction;
  /** Fewer non-missing values than this on either side: "insufficient data", not a verdict. */
  minRows: number;
  /** A column whose share of missing cells moves by at least this much (absolute) has drifted. */
  missingShareThreshold: number;
  /** Add every applicable method's values to each column. */
  allMethods: boolean;
}

export const DEFAULT_DRIFT_SHARE = 0.5;
export const DEFAULT_MIN_ROWS = 30;
export const DEFAULT_MISSING_SHARE_THRESHOLD = 0.1;

export function defaultDriftOptions(overrides: Partial<DriftOptions> = {}): DriftOptions {
  return {
    columns: [],
    ignoreColumns: [],
    declaredKinds: new Map(),
    columnMethods: new Map(),
    columnThresholds: new Map(),
    driftShare: DEFAULT_DRIFT_SHARE,
    correction: 'none',
    minRows: DEFAULT_MIN_ROWS,
    missingShareThreshold: DEFAULT_MISSING_SHARE_THRESHOLD,
    allMethods: false,
    ...overrides,
  };
}
