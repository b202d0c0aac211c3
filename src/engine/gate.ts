/**
 * The gate: one yes-or-no over the verdicts the user chose with `gate-on`, which the CLI turns into its
 * exit status and the action into `drift-detected` and `fail-on-drift`.
 *
 * - `data`: the dataset verdict over the feature columns (drift share against its threshold);
 * - `prediction`: a prediction, class-probability or target column drifted;
 * - `performance`: the chosen metric degraded beyond the tolerance;
 * - `estimated-performance`: while the performance verdict lacks labelled current rows, the estimate
 *   made without them (CBPE, `model-estimate.ts`) decides in its place: degraded when the estimated metric is worse
 *   than the baseline by more than the tolerance even at its band's upper edge. Where labels suffice
 *   the realized verdict is the one that counts, so this gate is not measured; on the gate's list the
 *   estimate replaces performance's "insufficient data", since it is the performance verdict then.
 * - `multivariate`: a multivariate method found drift in the features' joint distribution.
 *
 * A verdict with insufficient data is reported as such, not guessed: it passes the gate by default and
 * trips it with `insufficient-data: fail` (for pipelines where "could not tell" must stop the release).
 * Only a verdict that was asked for can lack data: without a target column there is no performance
 * verdict, which is "not measured", not "insufficient". Without model columns only `data` can trip, so
 * the default (every gate) behaves as the data gate always did. A gate whose verdict was not computed (no
 * multivariate method chosen) is not listed as on.
 *
 * The summary names each verdict as the action's outputs do (`prediction-drift`, `target-drift`,
 * `performance-drift`, ...), so a target that drifted reads "target drift", never "prediction drift".
 */
import { GATES, type Gate, type InsufficientDataRule } from './options.js';
import type { DatasetResult, GateResult, ModelResult, SegmentsResult } from './result.js';
import type { MultivariateResult } from '../multivariate/result.js';

/** A verdict as the outputs name it; the prediction gate covers two of them. */
type Verdict = 'data' | 'prediction' | 'target' | 'performance' | 'estimated-performance' | 'multivariate' | 'segment';

interface Measured {
  verdict: Verdict;
  gate: Gate;
  drift: boolean;
  /** Why there is no verdict; set for insufficient data only. */
  insufficient?: string;
}

export function gateVerdict(
  dataset: DatasetResult,
  model: ModelResult | undefined,
  gateOn: ReadonlySet<Gate>,
  multivariate?: MultivariateResult,
  onInsufficientData: InsufficientDataRule = 'pass',
  segments?: SegmentsResult,
): GateResult {
  const ran = (gate: Gate) => (gate === 'multivariate' ? multivariate !== undefined : gate === 'segment' ? segments !== undefined : true);
  const on = GATES.filter((gate) => gateOn.has(gate) && ran(gate));
  const computed = measuredVerdicts(dataset, model, multivariate, segments).filter((verdict) => on.includes(verdict.gate));
  const estimateDecides = computed.some((verdict) => verdict.gate === 'estimated-performance' && verdict.insufficient === undefined);
  const measured = estimateDecides ? computed.filter((verdict) => verdict.gate !== 'performance') : computed;
  const gatesOf = (verdicts: readonly Measured[]) => on.filter((gate) => verdicts.some((verdict) => verdict.gate === gate));
  const trippedBy = gatesOf(measured.filter((verdict) => verdict.drift));
  const insufficientGates = gatesOf(measured.filter((verdict) => verdict.insufficient !== undefined));
  const tripped = trippedBy.length > 0 || (onInsufficientData === 'fail' && insufficientGates.length > 0);
  return {
    on,
    tripped,
    tripped_by: trippedBy,
    insufficient_data: insufficientGates,
    on_insufficient_data: onInsufficientData,
    summary: gateSummary(tripped, measured, onInsufficientData),
  };
}

/** Every verdict the check computed, whether or not the gate is on it, in the outputs' order. */
function measuredVerdicts(
  dataset: DatasetResult,
  model: ModelResult | undefined,
  multivariate: MultivariateResult | undefined,
  segments: SegmentsResult | undefined,
): Measured[] {
  const verdicts: Measured[] = [
    { verdict: 'data', gate: 'data', drift: dataset.drift_detected, ...lacking(dataset.status === 'insufficient-data') },
  ];
  if (model) {
    const hasRole = (...roles: string[]) => model.columns.some((column) => roles.includes(column.role));
    if (hasRole('prediction', 'probability')) {
      verdicts.push({
        verdict: 'prediction',
        gate: 'prediction',
        drift: model.prediction_drift.drift_detected,
        ...lacking(model.prediction_drift.status === 'insufficient-data'),
      });
    }
    if (hasRole('target')) {
      verdicts.push({
        verdict: 'target',
        gate: 'prediction',
        drift: model.target_drift.drift_detected,
        ...lacking(model.target_drift.status === 'insufficient-data'),
      });
    }
    const performance = model.performance;
    if (performance) {
      const unlabelled = [
        performance.labelled_rows.baseline === 0 ? 'baseline' : undefined,
        performance.labelled_rows.current === 0 ? 'current' : undefined,
      ].filter((side) => side !== undefined);
      const why =
        unlabelled.length === 2
          ? 'no labelled rows'
          : unlabelled.length === 1
            ? `no labelled ${unlabelled[0]} rows`
            : (performance.reason ?? 'insufficient data');
      verdicts.push({
        verdict: 'performance',
        gate: 'performance',
        drift: performance.drift_detected,
        ...(performance.status === 'insufficient-data' ? { insufficient: why } : {}),
      });
      const estimate = performance.estimated?.verdict;
      if (estimate?.replaces_realized) {
        verdicts.push({
          verdict: 'estimated-performance',
          gate: 'estimated-performance',
          drift: estimate.status === 'degraded',
          ...(estimate.status === 'insufficient-data' ? { insufficient: estimate.reason! } : {}),
        });
      } else if (performance.status === 'insufficient-data' && !estimate) {
        const why = performance.estimated
          ? 'no unlabelled current rows to estimate'
          : 'no estimate (it needs one probability column, enough labelled baseline rows and unlabelled current rows)';
        verdicts.push({ verdict: 'estimated-performance', gate: 'estimated-performance', drift: false, insufficient: why });
      }
    }
  }
  if (multivariate)
    verdicts.push({
      verdict: 'multivariate',
      gate: 'multivariate',
      drift: multivariate.drift_detected,
      ...lacking(multivariate.status === 'insufficient-data'),
    });
  if (segments) verdicts.push({ verdict: 'segment', gate: 'segment', drift: segments.segments.some((segment) => segment.drift_detected) });
  return verdicts;
}

function lacking(insufficient: boolean): { insufficient?: string } {
  return insufficient ? { insufficient: 'insufficient data' } : {};
}

/**
 * `Gate tripped: target drift.`; `Gate passed: no data drift or prediction drift; performance not
 * measured: no labelled current rows.` Each verdict is named once: drifted, judged fine, or not measured.
 */
function gateSummary(tripped: boolean, measured: readonly Measured[], onInsufficientData: InsufficientDataRule): string {
  // `estimated-performance` reads "estimated performance drift".
  const spoken = (verdict: Measured) => verdict.verdict.replace('-', ' ');
  const name = (verdict: Measured) => `${spoken(verdict)} drift`;
  const drifted = measured.filter((verdict) => verdict.drift).map(name);
  const fine = measured.filter((verdict) => !verdict.drift && verdict.insufficient === undefined).map(name);
  const unmeasured = measured
    .filter((verdict) => verdict.insufficient !== undefined)
    .map((verdict) => `${spoken(verdict)} not measured: ${verdict.insufficient}`);
  const rule = onInsufficientData === 'fail' && unmeasured.length > 0 ? ' (insufficient-data is fail)' : '';
  const parts = tripped
    ? [drifted.length > 0 ? listOf(drifted) : undefined, ...unmeasured]
    : [fine.length > 0 ? `no ${listOf(fine, 'or')}` : undefined, ...unmeasured];
  const said = parts.filter((part) => part !== undefined);
  return `Gate ${tripped ? 'tripped' : 'passed'}: ${said.length > 0 ? said.join('; ') : 'nothing was measured'}${rule}.`;
}

function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
