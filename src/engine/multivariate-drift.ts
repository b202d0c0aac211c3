/**
 * The multivariate part of a drift check: the chosen methods over the feature columns the per-column
 * tests compared, and one verdict over them (drift when any method finds it), which the gate reads as
 * `multivariate`. Pure: it reads only the tables, the column results and the options.
 *
 * Columns: every feature column both sides have and the per-column check tested (status drift or no
 * drift): identifiers, vanished and new columns are left out. MMD reads the numerical ones among them;
 * the other methods also read the categorical ones, count-encoded (`feature-matrix.ts`).
 */
import type { ColumnResult } from './result.js';
import type { Table } from '../core/table.js';
import { formatNumber, formatPercent, plural } from '../core/format.js';
import { featureMatrices, type FeatureMatrices, type FeatureSpec } from '../multivariate/feature-matrix.js';
import { MULTIVARIATE_METHODS } from '../multivariate/methods.js';
import type { MultivariateMethodName, MultivariateMethodResult, MultivariateResult } from '../multivariate/result.js';
import {
  RECONSTRUCTION_FALSE_ALARM_RATE,
  RECONSTRUCTION_MIN_BASELINE_ROWS,
  reconstructionErrorDrift,
} from '../multivariate/reconstruction-error.js';
import {
  DOMAIN_CLASSIFIER_FALSE_ALARM_RATE,
  DOMAIN_CLASSIFIER_MIN_ROWS,
  domainClassifierDrift,
} from '../multivariate/domain-classifier.js';
import { MMD_FALSE_ALARM_RATE, mmdDrift } from '../multivariate/mmd.js';

/** Fixed, so a check run twice on the same data gives the same answer. */
export const MULTIVARIATE_SEED = 17;

export interface MultivariateOptions {
  methods: readonly MultivariateMethodName[];
  /** Fewer rows than this on either side: insufficient data, as for the per-column tests. */
  minRows: number;
}

export function compareMultivariate(
  baseline: Table,
  current: Table,
  columns: readonly ColumnResult[],
  options: MultivariateOptions,
): MultivariateResult {
  const specs: FeatureSpec[] = columns
    .filter((column) => column.status === 'drift' || column.status === 'no-drift')
    .map((column) => ({ name: column.name, kind: column.type }));
  const all = featureMatrices(baseline, current, specs);
  let numerical: FeatureMatrices | undefined;
  const matricesFor = (method: MultivariateMethodName) =>
    method === 'mmd'
      ? (numerical ??= featureMatrices(
          baseline,
          current,
          specs.filter((spec) => spec.kind === 'numerical'),
        ))
      : all;
  const tooFew =
    Math.min(baseline.rowCount, current.rowCount) < options.minRows
      ? `fewer than ${options.minRows} rows on a side (baseline ${baseline.rowCount}, current ${current.rowCount})`
      : undefined;
  const methods = options.methods.map((method) => {
    const matrices = matricesFor(method);
    const lacking = tooFew ?? lackingColumns(method, matrices);
    return lacking ? insufficient(method, matrices, lacking) : runMethod(method, matrices);
  });
  const drifted = methods.filter((method) => method.drift_detected).map((method) => method.method);
  const judged = methods.filter((method) => method.status !== 'insufficient-data');
  const status = drifted.length > 0 ? 'drift' : judged.length > 0 ? 'no-drift' : 'insufficient-data';
  const summary =
    status === 'drift'
      ? `Multivariate drift detected by ${drifted.join(', ')}.`
      : status === 'no-drift'
        ? `No multivariate drift: ${judged.map((method) => method.method).join(', ')} found none.`
        : 'No multivariate verdict: no method had enough data.';
  return { status, drift_detected: drifted.length > 0, drifted_methods: drifted, seed: MULTIVARIATE_SEED, methods, summary };
}

function lackingColumns(method: MultivariateMethodName, matrices: FeatureMatrices): string | undefined {
  if (method === 'mmd') return matrices.features.length === 0 ? 'no numerical feature column to compare' : undefined;
  return matrices.features.length < 2 ? 'fewer than two feature columns: a joint distribution needs at least two' : undefined;
}

function base(method: MultivariateMethodName, matrices: FeatureMatrices) {
  return {
    method,
    title: MULTIVARIATE_METHODS[method],
    columns: matrices.features.map((feature) => feature.name),
    false_alarm_rate: FALSE_ALARM_RATES[method],
  };
}

const FALSE_ALARM_RATES: Record<MultivariateMethodName, number> = {
  'reconstruction-error': RECONSTRUCTION_FALSE_ALARM_RATE,
  'domain-classifier': DOMAIN_CLASSIFIER_FALSE_ALARM_RATE,
  mmd: MMD_FALSE_ALARM_RATE,
};

const OUTPUTS: Record<MultivariateMethodName, MultivariateMethodResult['output']> = {
  'reconstruction-error': 'band',
  'domain-classifier': 'distance',
  mmd: 'p_value',
};

function insufficient(method: MultivariateMethodName, matrices: FeatureMatrices, reason: string): MultivariateMethodResult {
  return {
    ...base(method, matrices),
    status: 'insufficient-data',
    drift_detected: false,
    output: OUTPUTS[method],
    reason,
    summary: `${MULTIVARIATE_METHODS[method]}: no verdict, ${reason}.`,
  };
}

function settled(
  method: MultivariateMethodName,
  matrices: FeatureMatrices,
  driftDetected: boolean,
  fields: Partial<MultivariateMethodResult>,
  finding: string,
): MultivariateMethodResult {
  return {
    ...base(method, matrices),
    status: driftDetected ? 'drift' : 'no-drift',
    drift_detected: driftDetected,
    output: OUTPUTS[method],
    ...fields,
    summary: `${MULTIVARIATE_METHODS[method]}: ${driftDetected ? 'drift' : 'no drift'}, ${finding}.`,
  };
}

function runMethod(method: MultivariateMethodName, matrices: FeatureMatrices): MultivariateMethodResult {
  const { baseline, current } = matrices;
  if (method === 'reconstruction-error') {
    const outcome = reconstructionErrorDrift(baseline, current, MULTIVARIATE_SEED);
    if (!outcome) {
      const reason =
        baseline.rows < RECONSTRUCTION_MIN_BASELINE_ROWS
          ? `fewer than ${RECONSTRUCTION_MIN_BASELINE_ROWS} baseline rows (half to fit, half to set the band)`
          : 'no variation in the baseline features';
      return insufficient(method, matrices, reason);
    }
    const fields = {
      score: outcome.current_error,
      lower_threshold: outcome.lower_threshold,
      upper_threshold: outcome.upper_threshold,
      rows: { baseline: baseline.rows, current: current.rows },
      components: outcome.components,
      explained_variance: outcome.explained_variance,
      baseline_error: outcome.baseline_error,
    };
    const place = outcome.drift_detected ? 'outside' : 'inside';
    const finding = `the current rows' mean reconstruction error ${formatNumber(outcome.current_error)} is ${place} the baseline band ${formatNumber(outcome.lower_threshold)} – ${formatNumber(outcome.upper_threshold)} (${outcome.components} component${plural(outcome.components)}, ${formatPercent(outcome.explained_variance)} of the variance)`;
    return settled(method, matrices, outcome.drift_detected, fields, finding);
  }
  if (method === 'domain-classifier') {
    const outcome = domainClassifierDrift(baseline, current, MULTIVARIATE_SEED);
    if (!outcome)
      return insufficient(method, matrices, `fewer than ${DOMAIN_CLASSIFIER_MIN_ROWS} rows on a side to train and cross-validate on`);
    const topFeatures = outcome.top_features.map((entry) => ({
      column: matrices.features[entry.feature].name,
      importance: entry.importance,
    }));
    const fields = {
      score: outcome.score,
      threshold: outcome.threshold,
      rows: outcome.rows,
      auc: outcome.auc,
      folds: outcome.folds,
      top_features: topFeatures,
    };
    const comparison = outcome.drift_detected ? '≥' : '<';
    const separating =
      topFeatures.length > 0
        ? `; most separating: ${topFeatures.map((entry) => `${entry.column} (${formatPercent(entry.importance)})`).join(', ')}`
        : '';
    const finding = `cross-validated AUC ${formatNumber(outcome.auc)}, score 2·AUC − 1 = ${formatNumber(outcome.score)} ${comparison} ${formatNumber(outcome.threshold)}${separating}`;
    return settled(method, matrices, outcome.drift_detected, fields, finding);
  }
  const outcome = mmdDrift(baseline, current, MULTIVARIATE_SEED);
  if (!outcome) return insufficient(method, matrices, 'fewer than two rows on a side');
  const fields = {
    score: outcome.p_value,
    threshold: outcome.threshold,
    rows: outcome.rows,
    mmd2: outcome.mmd2,
    sigma: outcome.sigma,
    permutations: outcome.permutations,
  };
  const comparison = outcome.drift_detected ? '<' : '≥';
  const finding = `MMD² = ${formatNumber(outcome.mmd2)}, permutation p = ${formatNumber(outcome.p_value)} ${comparison} ${formatNumber(outcome.threshold)} (${outcome.permutations} permutations)`;
  return settled(method, matrices, outcome.drift_detected, fields, finding);
}
