/**
 * What a drift check is asked to do, in one typed object. The CLI's argument parser and the action's input
 * helper both produce it; the engine reads nothing else.
 */
import type { ColumnKind } from './table.js';
import type { PerformanceMetricName } from '../performance/metric-registry.js';
import type { MaxDegradation } from '../performance/verdict.js';
import type { MultivariateMethodName } from '../multivariate/result.js';

export type Correction = 'none' | 'bonferroni' | 'fdr';

/** The verdicts that can fail a check: feature drift, prediction (or target) drift, performance drift, multivariate drift. */
export type Gate = 'data' | 'prediction' | 'performance' | 'multivariate';

export const GATES: readonly Gate[] = ['data', 'prediction', 'performance', 'multivariate'];

/**
 * The model's class-probability columns: named one by one (class label → column), or every column whose
 * name starts with `prefix`, the rest of the name being the class (`probability.*` for logged
 * `{"probability": {"churn": 0.7, "stay": 0.3}}`).
 */
export type ProbabilityColumns =
  | { readonly kind: 'columns'; readonly columns: ReadonlyMap<string, string> }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** What the data says about the model itself, when it carries the model's predictions and the true target. */
export interface ModelOptions {
  prediction?: string;
  target?: string;
  probabilities?: ProbabilityColumns;
  /** The column that orders the current rows in time; without it, the rows' order in the files. */
  order?: string;
  /** Unset: accuracy for classification, mae for regression. */
  performanceMetric?: PerformanceMetricName;
  maxDegradation: MaxDegradation;
}

export const DEFAULT_MAX_DEGRADATION: MaxDegradation = { kind: 'relative', share: 0.05 };

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
  /** Set when the data carries the model's predictions or target; their columns then leave the feature table. */
  model?: ModelOptions;
  /** The verdicts that trip the gate (the CLI's exit status, the action's `drift-detected`). */
  gateOn: ReadonlySet<Gate>;
  /** Multivariate methods over the feature columns (`src/multivariate/`); empty: none. */
  multivariate: readonly MultivariateMethodName[];
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
    gateOn: new Set(GATES),
    multivariate: [],
    ...overrides,
  };
}
