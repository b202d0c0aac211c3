/**
 * The gate: one yes-or-no over the verdicts the user chose with `gate-on`, which the CLI turns into its
 * exit status and the action into `drift-detected` and `fail-on-drift`.
 *
 * - `data`: the dataset verdict over the feature columns (drift share against its threshold);
 * - `prediction`: a prediction, class-probability or target column drifted;
 * - `performance`: the chosen metric degraded beyond the tolerance;
 * - `multivariate`: a multivariate method found drift in the features' joint distribution.
 *
 * A verdict with insufficient data never trips the gate: it is reported as such, not guessed. Without
 * model columns only `data` can trip, so the default (every gate) behaves as the data gate always did. A
 * gate whose verdict was not computed (no multivariate method chosen) is not listed as on.
 */
import { GATES, type Gate } from './options.js';
import type { DatasetResult, GateResult, ModelResult } from './result.js';
import type { MultivariateResult } from '../multivariate/result.js';

const GATE_DESCRIPTIONS: Record<Gate, string> = {
  data: 'data drift',
  prediction: 'prediction drift',
  performance: 'performance drift',
  multivariate: 'multivariate drift',
};

export function gateVerdict(dataset: DatasetResult, model: ModelResult | undefined, gateOn: ReadonlySet<Gate>, multivariate?: MultivariateResult): GateResult {
  const on = GATES.filter((gate) => gateOn.has(gate) && (gate !== 'multivariate' || multivariate !== undefined));
  const tripped: Record<Gate, boolean> = {
    data: dataset.drift_detected,
    prediction: (model?.prediction_drift.drift_detected ?? false) || (model?.target_drift.drift_detected ?? false),
    performance: model?.performance?.drift_detected ?? false,
    multivariate: multivariate?.drift_detected ?? false,
  };
  const trippedBy = on.filter((gate) => tripped[gate]);
  return {
    on,
    tripped: trippedBy.length > 0,
    tripped_by: trippedBy,
    summary: trippedBy.length > 0 ? `Gate tripped: ${listOf(trippedBy.map((gate) => GATE_DESCRIPTIONS[gate]))}.` : `Gate passed: no ${listOf(on.map((gate) => GATE_DESCRIPTIONS[gate]), 'or')}.`,
  };
}

function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
