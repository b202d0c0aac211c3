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

export interface BinaryLogShape {
  seed: number;
  /** Standard deviation of the feature: near 0 the scores crowd around 0.5 and the model is often wrong. */
  spread: number;
  /** Rows before this one have their label; the rest have none yet (default: every row labelled). */
  labelledRows?: number;
}

/**
 * Columns `x`, `prediction` (churn/stay), `p` (the probability of churn, calibrated: the label is churn
 * with probability p) and `label`: a model whose accuracy falls when the inputs crowd where it is unsure,
 * with no change in how outcomes follow scores, the covariate shift CBPE is built for.
 */
export function binaryLog(rows: number, shape: BinaryLogShape): Record<string, Cell[]> {
  const x = normalDraws(rows, 0, shape.seed).map((value) => value * shape.spread);
  const uniform = seededRandom(shape.seed + 1000);
  const p = x.map((value) => Math.round(sigmoid(value) * 1e4) / 1e4);
  const labelledRows = shape.labelledRows ?? rows;
  return {
    x,
    prediction: p.map((probability) => (probability >= 0.5 ? 'churn' : 'stay')),
    p,
    label: p.map((probability, row) => {
      // Drawn for every row, so how many are labelled does not change the labels that are.
      const outcome = uniform() < probability ? 'churn' : 'stay';
      return row < labelledRows ? outcome : null;
    }),
  };
}

/** The model options that read `binaryLog`'s columns. */
export const BINARY: ModelOptions = {
  prediction: 'prediction',
  target: 'label',
  probabilities: { kind: 'positive', column: 'p' },
  positiveLabel: 'churn',
  maxDegradation: DEFAULT_MAX_DEGRADATION,
};
