/** A check whose model section carries CBPE's estimate, for the report tests. */
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { DriftResult, EstimatedPerformance } from '../../src/engine/result.js';
import { BINARY, binaryLog } from '../helpers/prediction-logs.js';
import { tableOf } from '../helpers/tables.js';

/**
 * A confident baseline, then 410 current rows where the model is unsure, only the first 10 labelled:
 * too few for a performance verdict, so the estimate (degraded) stands in, gated with estimated-performance.
 */
export function estimatedResult(positiveLabel = 'churn'): DriftResult {
  const relabel = (log: ReturnType<typeof binaryLog>) => ({
    ...log,
    prediction: log.prediction.map((label) => (label === 'churn' ? positiveLabel : label)),
    label: log.label.map((label) => (label === 'churn' ? positiveLabel : label)),
  });
  return compareTables(
    tableOf(relabel(binaryLog(1000, { seed: 11, spread: 4 }))),
    tableOf(relabel(binaryLog(410, { seed: 12, spread: 0.5, labelledRows: 10 }))),
    defaultDriftOptions({ model: { ...BINARY, positiveLabel }, gateOn: new Set(['performance', 'estimated-performance']) }),
  );
}

export function estimateOf(result: DriftResult): EstimatedPerformance {
  return result.model!.performance!.estimated!;
}
