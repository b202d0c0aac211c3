/**
 * Labelled rows of one side (baseline or current) as the performance metrics take them: the true target
 * and the model's prediction per row, plus, for classification, the model's probability per class.
 *
 * Callers drop rows with a missing target or prediction before building these: every metric assumes
 * complete, aligned columns of equal length.
 */

/**
 * One probability column per class the model knows (the keys), each aligned with the rows. For a binary
 * model both columns are expected; the positive class is the greater label in `compareLabels` order, as
 * scikit-learn takes `y_score[:, 1]`.
 */
export type ClassProbabilities = ReadonlyMap<string, ArrayLike<number>>;

export interface ClassificationRows {
  readonly task: 'classification';
  readonly yTrue: readonly string[];
  readonly yPred: readonly string[];
  readonly probabilities?: ClassProbabilities;
}

export interface RegressionRows {
  readonly task: 'regression';
  readonly yTrue: ArrayLike<number>;
  readonly yPred: ArrayLike<number>;
}

export type LabelledRows = ClassificationRows | RegressionRows;

export type PerformanceTask = LabelledRows['task'];

export function rowCount(rows: LabelledRows): number {
  return rows.yTrue.length;
}

/** The rows at `indices` (repeats allowed), in that order: what one bootstrap resample sees. */
export function pickRows(rows: LabelledRows, indices: ArrayLike<number>): LabelledRows {
  if (rows.task === 'regression') {
    return { task: 'regression', yTrue: pick(rows.yTrue, indices), yPred: pick(rows.yPred, indices) };
  }
  const picked: ClassificationRows = {
    task: 'classification',
    yTrue: pickLabels(rows.yTrue, indices),
    yPred: pickLabels(rows.yPred, indices),
  };
  if (!rows.probabilities) return picked;
  const probabilities = new Map<string, Float64Array>();
  for (const [label, column] of rows.probabilities) probabilities.set(label, pick(column, indices));
  return { ...picked, probabilities };
}

function pick(values: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

function pickLabels(values: readonly string[], indices: ArrayLike<number>): string[] {
  const out = new Array<string>(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

/** Throws when aligned columns differ in length: a caller bug, never a property of the data. */
export function requireAligned(what: string, expected: number, actual: ArrayLike<unknown>): void {
  if (actual.length !== expected) {
    throw new RangeError(`${what} has ${actual.length} rows where ${expected} were expected`);
  }
}
