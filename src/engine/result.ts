/**
 * The outcome of a drift check, as the engine produces it and every report renders it. Field names are
 * those of the JSON report (snake_case), so the JSON writer is a projection, not a translation.
 */
import type { ColumnKind } from './table.js';
import type { Correction } from './options.js';
import type { TestResult } from '../stattests/types.js';

export type ColumnStatus =
  | 'drift'
  | 'no-drift'
  | 'insufficient-data'
  | 'missing-in-current'
  | 'new-in-current'
  | 'not-tested';

export type DatasetStatus = 'drift' | 'no-drift' | 'insufficient-data';

export interface SideSummary {
  rows: number;
  missing: number;
  missing_share: number;
  /** Numerical columns: summary statistics of the non-missing values. */
  mean?: number;
  std?: number;
  min?: number;
  median?: number;
  max?: number;
  /** Categorical columns: number of distinct categories. */
  categories?: number;
}

/** Compact histograms of both sides, enough to draw a chart without the data. */
export type Histogram =
  | { kind: 'bins'; edges: number[]; reference: number[]; current: number[] }
  | { kind: 'categories'; categories: string[]; reference: number[]; current: number[]; other_reference: number; other_current: number };

/** Which way a column moved, in the user's terms. */
export type Direction =
  | { kind: 'shift'; reference_mean: number; current_mean: number; change: number }
  | { kind: 'share'; category: string; reference_share: number; current_share: number; change: number };

export interface ColumnResult {
  name: string;
  type: ColumnKind;
  status: ColumnStatus;
  drift_detected: boolean;
  /** Why it drifted, or why it was not tested; human-readable. The test's own verdict, when it drifted, comes first. */
  reasons: string[];
  /** Whether the test alone (score against threshold) says the distribution changed. */
  distribution_drift?: boolean;
  method?: string;
  method_title?: string;
  /** Whether the method came from the auto-selection rule. */
  auto_selected?: boolean;
  output?: 'p_value' | 'distance';
  statistic?: number;
  p_value?: number;
  /** p-value after the multiple-testing correction, when one is used. */
  p_value_adjusted?: number;
  dof?: number;
  distance?: number;
  threshold?: number;
  /** The value compared with the threshold: the (adjusted) p-value or the distance. */
  score?: number;
  /** A distance beside every p-value, so significant can be told from large. */
  effect_size?: { method: string; distance: number };
  missing_share_change?: number;
  direction?: Direction;
  reference: SideSummary;
  current: SideSummary;
  histogram?: Histogram;
  /** With `allMethods`: every applicable method's values, by method name. */
  methods?: Record<string, TestResult>;
}

export interface DatasetResult {
  drift_detected: boolean;
  status: DatasetStatus;
  drift_share: number;
  drifted_count: number;
  tested_count: number;
  column_count: number;
  drifted_columns: string[];
  rule: {
    drift_share_threshold: number;
    correction: Correction;
    min_rows: number;
    missing_share_threshold: number;
  };
  /** One sentence a reviewer understands. */
  summary: string;
}

export interface DriftResult {
  baseline: { sources: readonly string[]; rows: number };
  current: { sources: readonly string[]; rows: number };
  dataset: DatasetResult;
  columns: ColumnResult[];
}
