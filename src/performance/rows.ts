/**
 * Labelled rows of one side (baseline or current) as the performance metrics take them: the true target
 * and the model's prediction per row, plus, for classification, the model's probability per class.
 *
 * Callers drop rows with a missing target or prediction before building these: every metric assumes
 * complete, aligned columns of equal length.
 */

/**
 * One probability column per class the model knows (the keys), each aligned with the rows. For a binary
 * model, either both columns, the positive class then being the greater label in `compareLabels` order
 * as scikit-learn takes `y_score[:, 1]`; or one column, the probability of its class, the positive one
 * (scikit-learn's 1-D `y_score`), every other row being of the negative class.
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

/** Throws when aligned columns differ in length: a caller bug, never a property of the data. */
export function requireAligned(what: string, expected: number, actual: ArrayLike<unknown>): void {
  if (actual.length !== expected) {
    throw new RangeError(`${what} has ${actual.length} rows where ${expected} were expected`);
  }
}
