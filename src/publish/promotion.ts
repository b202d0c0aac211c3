/**
 * The promotion rule (inputs `promote-metric`, `promote-margin`): the new model is proposed only when it
 * beats the deployed one on the chosen metric by at least the margin, both scored on the same holdout.
 * Numbers from other data (the deployed version's own stored metrics) cannot decide it: a change there
 * mixes the models' difference with the data's, so the rule refuses them instead of guessing.
 */
import { InputError } from '../core/errors.js';
import { formatNumber } from '../core/format.js';
import type { MetricDirection } from '../performance/metric-registry.js';
import { DEPLOYED_METRICS_KEY, metricDirection, type MetricComparison, type MetricsFile } from './metrics.js';

export interface PromotionRule {
  metric: string;
  /** How much better, in the metric's own units, the new model must be; 0 = at least as good. */
  margin: number;
}

export interface PromotionDecision {
  promoted: boolean;
  /** One sentence a person reads in the job summary and the `promotion-reason` output. */
  reason: string;
}

/**
 * Metrics files round to a few decimals, and the difference of two such numbers carries binary rounding
 * error (1.3 - 1.1 is 0.19999999999999996): a difference this close to the margin meets it.
 */
const ROUNDING_TOLERANCE = 1e-9;

/** The direction of `metric`, or an InputError naming the input: the rule cannot tell better from worse otherwise. */
export function ruleDirection(metric: string): MetricDirection {
  const direction = metricDirection(metric);
  if (direction) return direction;
  throw new InputError(
    `promote-metric ${JSON.stringify(metric)} is not a metric whose better direction driftgate knows; use one such as accuracy, f1, precision, recall, roc_auc, r2 (higher is better) or log_loss, mae, rmse, mape (lower is better), as the metrics file names it`,
  );
}

/**
 * The decision for a new model whose metrics are `metrics`, against `comparison` (undefined: nothing is
 * deployed, so there is nothing to beat). The metric missing on either side, or only other-data numbers,
 * is an InputError: the training must write what the rule reads.
 */
export function decidePromotion(
  rule: PromotionRule,
  metrics: MetricsFile,
  comparison: MetricComparison | undefined,
  file: string,
): PromotionDecision {
  const direction = ruleDirection(rule.metric);
  const candidate = metrics.values[rule.metric];
  if (candidate === undefined) {
    throw new InputError(`promote-metric is ${rule.metric}, but the metrics file has no number called ${JSON.stringify(rule.metric)}`, {
      file,
    });
  }
  if (!comparison)
    return { promoted: true, reason: `nothing is deployed yet, so the first version is proposed without comparing ${rule.metric}` };
  if (comparison.basis !== 'same-holdout') {
    const scored = comparison.scoredVersion
      ? `; the training scored ${comparison.scoredVersion}, but ${comparison.deployedVersion} is deployed now: run the workflow again`
      : '';
    throw new InputError(
      `promote-metric needs the deployed model's ${rule.metric} on the same holdout as the new model's, and the metrics file has none for ${comparison.deployedVersion} (a "${DEPLOYED_METRICS_KEY}" object, see docs/registry.md); comparing with the deployed version's own stored metrics would compare numbers from other data${scored}`,
      { file },
    );
  }
  const deployed = comparison.changes.find((change) => change.name === rule.metric)?.deployed;
  if (deployed === undefined) {
    throw new InputError(
      `promote-metric is ${rule.metric}, but the metrics file's "${DEPLOYED_METRICS_KEY}" object has no number called ${JSON.stringify(rule.metric)}`,
      { file },
    );
  }
  const improvement = direction === 'higher' ? candidate - deployed : deployed - candidate;
  const promoted = improvement >= rule.margin - ROUNDING_TOLERANCE;
  const signed = `${candidate - deployed > 0 ? '+' : ''}${formatNumber(candidate - deployed)}`;
  const moved = `${rule.metric} ${formatNumber(deployed)} → ${formatNumber(candidate)} (${signed}, ${direction} is better) on the same holdout`;
  const deployedName = `the deployed ${comparison.deployedVersion}`;
  const needed =
    rule.margin === 0 ? `at least as good as ${deployedName}` : `better than ${deployedName} by at least ${formatNumber(rule.margin)}`;
  return promoted
    ? { promoted, reason: `${moved}: ${needed}, so it is proposed` }
    : { promoted, reason: `${moved}: not ${needed}, so no pull request is opened` };
}
