/** Synthetic prediction logs for the model-section tests: a binary classifier whose world changes. */
import { DEFAULT_MAX_DEGRADATION, type ModelOptions } from '../../src/engine/options.js';
import { normalDraws, seededRandom } from './tables.js';

export type Cell = number | string | null;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The ISO 8601 time of row `index` of a log written once a minute from 2024-03-01. */
export const minute = (index: number) => new Date(Date.UTC(2024, 2, 1) + index * 60_000).toISOString();

export interface LogShape {
  seed: number;
  /** Mean of the feature: moving it moves the predictions. */
  shift?: number;
  /** From this row on the label is a coin flip: the model's error rises from about 7 % to 50 %. */
  changeAt?: number;
  /** Rows from here on have no label yet. */
  unlabelledFrom?: number;
}

/** Columns `x`, `prediction`, `proba.yes`, `proba.no`, `time` and `label` (yes/no, null where not arrived). */
export function classifierLog(rows: number, shape: LogShape): Record<string, Cell[]> {
  const x = normalDraws(rows, shape.shift ?? 0, shape.seed);
  const uniform = seededRandom(shape.seed + 1000);
  const score = x.map((value) => Math.round(sigmoid(2 * value) * 1e4) / 1e4);
  const label = x.map((value, row) => {
    if (shape.unlabelledFrom !== undefined && row >= shape.unlabelledFrom) return null;
    const p = shape.changeAt !== undefined && row >= shape.changeAt ? 0.5 : sigmoid(6 * value);
    return uniform() < p ? 'yes' : 'no';
  });
  return {
    x,
    prediction: score.map((p) => (p >= 0.5 ? 'yes' : 'no')),
    'proba.yes': score,
    'proba.no': score.map((p) => Math.round((1 - p) * 1e4) / 1e4),
    time: x.map((_, row) => minute(row)),
    label,
  };
}

/** The model options that read `classifierLog`'s columns. */
export const CLASSIFIER: ModelOptions = {
  prediction: 'prediction',
  target: 'label',
  probabilities: { kind: 'prefix', prefix: 'proba.' },
  order: 'time',
  maxDegradation: DEFAULT_MAX_DEGRADATION,
};
