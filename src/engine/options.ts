/**
 * What a drift check is asked to do, in one typed object. The CLI's argument parser and the action's input
 * helper both produce it; the engine reads nothing else.
 */
import type { ColumnKind } from '../core/table.js';
import type { PerformanceMetricName } from '../performance/metric-registry.js';
import type { MaxDegradation } from '../performance/verdict.js';
import { DEFAULT_NA_VALUES } from '../core/missing-values.js';
import { DEFAULT_PERMUTATIONS, DEFAULT_PERMUTATION_SEED } from './permutation-threshold.js';
import type { MultivariateMethodName } from '../multivariate/result.js';

export type Correction = 'none' | 'bonferroni' | 'fdr';

/**
 * The verdicts that can fail a check: feature drift, prediction (or target) drift, performance drift,
 * performance estimated without labels where the realized verdict lacks them, multivariate drift, a
 * segment's drift.
 */
export type Gate = 'data' | 'prediction' | 'performance' | 'estimated-performance' | 'multivariate' | 'segment';

export const GATES: readonly Gate[] = ['data', 'prediction', 'performance', 'estimated-performance', 'multivariate', 'segment'];

/**
 * What `any` (the default) gates on: every verdict of the whole data; a segment's, and an estimate
 * standing in for labels, only when asked.
 */
export const ANY_GATES: readonly Gate[] = ['data', 'prediction', 'performance', 'multivariate'];

/** What a gated verdict with insufficient data does to the gate: pass it (the default) or trip it. */
export type InsufficientDataRule = 'pass' | 'fail';

/**
 * The model's class-probability columns: named one by one (class label → column), or every column whose
 * name starts with `prefix`, the rest of the name being the class (`probability.*` for logged
 * `{"probability": {"churn": 0.7, "stay": 0.3}}`), or one column holding a binary model's probability of
 * the positive class (scikit-learn's `predict_proba[:, 1]`), the class given by `positiveLabel`.
 */
export type ProbabilityColumns =
  | { readonly kind: 'columns'; readonly columns: ReadonlyMap<string, string> }
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'positive'; readonly column: string };

/** What the data says about the model itself, when it carries the model's predictions and the true target. */
export interface ModelOptions {
  prediction?: string;
  target?: string;
  probabilities?: ProbabilityColumns;
  /**
   * The positive class of a binary model logging one probability column; unset: 1 when the labels are 0
   * and 1 or −1 and 1, as scikit-learn's `pos_label`, else the model section refuses to guess.
   */
  positiveLabel?: string;
  /** The column that orders the current rows in time; without it, the rows' order in the files. */
  order?: string;
  /** Unset: accuracy for classification, mae for regression. */
  performanceMetric?: PerformanceMetricName;
  maxDegradation: MaxDegradation;
}

export const DEFAULT_MAX_DEGRADATION: MaxDegradation = { kind: 'relative', share: 0.05 };

/** A threshold as given: a number, or `auto` for a distance threshold calibrated by permutation. */
export type ThresholdSetting = number | 'auto';

export interface DriftOptions {
  /** Compare only these columns (empty: every baseline column). */
  columns: readonly string[];
  /** Leave these out. */
  ignoreColumns: readonly string[];
  /** Declared column kinds; the rest are inferred (see `inferKind`). */
  declaredKinds: ReadonlyMap<string, ColumnKind>;
  /** Cells that mean a missing value in a numbers column (see `src/core/missing-values.ts`). */
  naValues: readonly string[];
  /** A method for every column whose kind it supports; unset: auto-selection. */
  method?: string;
  numericalMethod?: string;
  categoricalMethod?: string;
  /** Per-column method, winning over everything else. */
  columnMethods: ReadonlyMap<string, string>;
  /**
   * A threshold for every column, replacing each method's default. These say nothing of whether they are a
   * p-value or a distance, so they apply only to columns whose method the user chose (else an InputError).
   */
  threshold?: ThresholdSetting;
  numericalThreshold?: ThresholdSetting;
  categoricalThreshold?: ThresholdSetting;
  columnThresholds: ReadonlyMap<string, ThresholdSetting>;
  /** The threshold of every p-value method (and the alpha of calibrated distances) not given one above. */
  pValueThreshold?: number;
  /** The threshold of every distance method not given one above; `auto`: calibrated by permutation. */
  distanceThreshold?: ThresholdSetting;
  /** Relabellings for `auto` distance thresholds, and the seed of their stream. */
  permutations: number;
  permutationSeed: number;
  /** Dataset drift when the share of drifted columns is at least this. */
  driftShare: number;
  correction: Correction;
  /** Fewer non-missing values than this on either side: "insufficient data", not a verdict. */
  minRows: number;
  /** A column whose share of missing cells moves by at least this much (absolute) has drifted. */
  missingShareThreshold: number;
  /** Add every applicable method's values to each column. */
  allMethods: boolean;
  /** Set when the data carries the model's predictions or target; their columns then leave the feature table. */
  model?: ModelOptions;
  /** The verdicts that trip the gate (the CLI's exit status, the action's `drift-detected`). */
  gateOn: ReadonlySet<Gate>;
  /** Whether a gated verdict with insufficient data trips the gate. */
  insufficientData: InsufficientDataRule;
  /** Multivariate methods over the feature columns (`src/multivariate/`); empty: none. */
  multivariate: readonly MultivariateMethodName[];
  /** A column whose values split both sides into segments, each checked on its own (`segments.ts`). */
  segment?: string;
}

export const DEFAULT_DRIFT_SHARE = 0.5;
export const DEFAULT_MIN_ROWS = 30;
export const DEFAULT_MISSING_SHARE_THRESHOLD = 0.1;

export function defaultDriftOptions(overrides: Partial<DriftOptions> = {}): DriftOptions {
  return {
    columns: [],
    ignoreColumns: [],
    declaredKinds: new Map(),
    naValues: DEFAULT_NA_VALUES,
    columnMethods: new Map(),
    columnThresholds: new Map(),
    permutations: DEFAULT_PERMUTATIONS,
    permutationSeed: DEFAULT_PERMUTATION_SEED,
    driftShare: DEFAULT_DRIFT_SHARE,
    correction: 'none',
    minRows: DEFAULT_MIN_ROWS,
    missingShareThreshold: DEFAULT_MISSING_SHARE_THRESHOLD,
    allMethods: false,
    gateOn: new Set(ANY_GATES),
    insufficientData: 'pass',
    multivariate: [],
    ...overrides,
  };
}
