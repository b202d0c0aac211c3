/**
 * Evaluation metrics: the user's `metrics` JSON file, read as named numbers, and how a new version's
 * numbers compare with the deployed version's. The file itself is stored verbatim; only the numbers are
 * used here, so any extra fields (strings, lists, confusion matrices) are kept but not compared.
 *
 * The file's numbers are the new model's. A `deployed` object in it holds the deployed model's numbers on
 * the same holdout (docs/registry.md, "The metrics file"): the training scored both models on the same
 * rows, so the comparison is like with like. Without it, the deployed numbers can only be the deployed
 * version's own stored metrics, measured on other data when it was trained.
 */
import { InputError } from '../core/errors.js';
import { performanceMetric, type MetricDirection } from '../performance/metric-registry.js';
import { parseJsonFile } from './json-text.js';

/** Metric name (nested objects joined with `.`, as `per_class.churned.recall`) to value. */
export type MetricValues = Record<string, number>;

/** The key of the deployed model's same-holdout numbers in a metrics file. */
export const DEPLOYED_METRICS_KEY = 'deployed';

export interface MetricsFile {
  /** The new model's numbers: every number outside the `deployed` object. */
  values: MetricValues;
  /** The deployed model on the same holdout, when the training scored it. */
  deployed?: { version?: string; values: MetricValues };
}

export type Verdict = 'better' | 'worse' | 'same';

export interface MetricChange {
  name: string;
  deployed?: number;
  candidate?: number;
  /** `candidate - deployed`, when both exist. */
  change?: number;
  /** Undefined for a name whose better direction is not known (row counts, custom metrics). */
  verdict?: Verdict;
}

/**
 * Where the deployed numbers come from: `same-holdout` (the training scored the deployed model on the new
 * model's holdout), `other-data` (the deployed version's stored metrics, from its own test split), or
 * `none` (the deployed version has no metrics).
 */
export type ComparisonBasis = 'same-holdout' | 'other-data' | 'none';

export interface MetricComparison {
  deployedVersion: string;
  basis: ComparisonBasis;
  changes: MetricChange[];
  /** The version the training scored when it is not the deployed one: the registry moved on since. */
  scoredVersion?: string;
}

export function parseMetrics(text: string, file: string): MetricsFile {
  const parsed = parseJsonFile(
    text,
    file,
    (syntaxError) => `the metrics file is not JSON (${syntaxError}); write an object such as {"accuracy": 0.93}`,
  );
  if (!isRecord(parsed))
    throw new InputError('the metrics file must hold a JSON object of named numbers, such as {"accuracy": 0.93}', { file });
  const { [DEPLOYED_METRICS_KEY]: deployed, ...own } = parsed;
  // An old file may have a number called "deployed"; only an object is the deployed model's block.
  const values = collectNumbers(isRecord(deployed) ? own : parsed);
  if (!isRecord(deployed)) return { values };
  const { version, ...numbers } = deployed;
  if (version !== undefined && typeof version !== 'string') {
    throw new InputError(
      `"${DEPLOYED_METRICS_KEY}.version" in the metrics file must be the deployed version's name as text, not ${JSON.stringify(version)}`,
      { file },
    );
  }
  const deployedValues = collectNumbers(numbers);
  // A block without numbers (the deployed model could not be scored) compares nothing.
  return Object.keys(deployedValues).length === 0 ? { values } : { values, deployed: { version, values: deployedValues } };
}

function collectNumbers(object: Record<string, unknown>, prefix = '', into: MetricValues = {}): MetricValues {
  for (const [key, value] of Object.entries(object)) {
    const name = `${prefix}${key}`;
    // An overflowing number (1e999) parses to Infinity; like infinities in data, it counts as missing.
    if (typeof value === 'number' && Number.isFinite(value)) into[name] = value;
    else if (isRecord(value)) collectNumbers(value, `${name}.`, into);
  }
  return into;
}

/**
 * The new model's numbers against the deployed version's: the training's same-holdout numbers when they
 * are of that version (or name none), else the version's own stored metrics.
 */
export function compareWithDeployed(
  metrics: MetricsFile,
  deployedVersion: string,
  storedMetrics: MetricValues | undefined,
): MetricComparison {
  const scored = metrics.deployed;
  const scoredVersion = scored?.version !== undefined && scored.version !== deployedVersion ? scored.version : undefined;
  if (scored && scoredVersion === undefined)
    return { deployedVersion, basis: 'same-holdout', changes: compareMetrics(metrics.values, scored.values) };
  const basis = storedMetrics ? 'other-data' : 'none';
  return {
    deployedVersion,
    basis,
    changes: compareMetrics(metrics.values, storedMetrics),
    ...(scoredVersion === undefined ? {} : { scoredVersion }),
  };
}

/** Every metric either version has: the candidate's in its own order, then those only the deployed one had. */
export function compareMetrics(candidate: MetricValues, deployed: MetricValues | undefined): MetricChange[] {
  const changes: MetricChange[] = Object.entries(candidate).map(([name, value]) => {
    const before = deployed?.[name];
    if (before === undefined) return { name, candidate: value };
    const verdict = verdictOf(name, value - before);
    return { name, deployed: before, candidate: value, change: value - before, ...(verdict ? { verdict } : {}) };
  });
  for (const [name, value] of Object.entries(deployed ?? {})) {
    if (!(name in candidate)) changes.push({ name, deployed: value });
  }
  return changes;
}

function verdictOf(name: string, change: number): Verdict | undefined {
  const direction = metricDirection(name);
  if (direction === undefined) return undefined;
  if (change === 0) return 'same';
  return change > 0 === (direction === 'higher') ? 'better' : 'worse';
}

/** scikit-learn's and other common names not in the performance registry, by the direction that is better. */
const OTHER_NAMES: Record<string, MetricDirection> = {
  precision: 'higher',
  recall: 'higher',
  f1: 'higher',
  f1_score: 'higher',
  auc: 'higher',
  pr_auc: 'higher',
  average_precision: 'higher',
  logloss: 'lower',
  mse: 'lower',
  mean_squared_error: 'lower',
  mean_absolute_error: 'lower',
  root_mean_squared_error: 'lower',
  mean_absolute_percentage_error: 'lower',
  brier_score: 'lower',
  brier_score_loss: 'lower',
  error_rate: 'lower',
};

/**
 * Which way is better for a metric called `name` (the last part of a nested name, `per_class.churned.recall`,
 * in any letter case; scikit-learn's averaging suffixes such as `_macro` and `_weighted` do not change it);
 * undefined for names it cannot tell, such as row counts.
 */
export function metricDirection(name: string): MetricDirection | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  for (const candidate of [last, last.replace(/_(macro|micro|weighted|binary|samples|ovr|ovo)$/, '')]) {
    const direction = performanceMetric(candidate)?.direction ?? OTHER_NAMES[candidate];
    if (direction) return direction;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
