/**
 * Which columns play which part of the model (`resolveModelColumns`), and whether the model is a
 * classifier or a regressor (`inferTask`). The drift engine tests those columns like features but reports
 * them in the model section.
 */
import { InputError } from '../core/errors.js';
import { columnNamed, numberLabel, numbersOf } from './model-cells.js';
import { MISSING_CODE, type ColumnKind, type Table } from '../core/table.js';
import { inferKind } from './typing.js';
import type { ModelOptions } from './options.js';
import { compareLabels } from '../performance/label-order.js';
import { performanceMetric } from '../performance/metric-registry.js';
import type { PerformanceTask } from '../performance/rows.js';

/** Which column plays which part, resolved against the data. */
export interface ModelColumns {
  prediction?: string;
  target?: string;
  /**
   * Class label → column, classes in scikit-learn's order; one entry for a binary model logging only its
   * positive class's probability (`performance/rows.ts`).
   */
  probabilities: ReadonlyMap<string, string>;
  order?: string;
}

/** Every column the model section uses, so the feature table leaves them out. */
export function modelColumnNames(columns: ModelColumns): Set<string> {
  return new Set(
    [columns.prediction, columns.target, columns.order, ...columns.probabilities.values()].filter(
      (name): name is string => name !== undefined,
    ),
  );
}

export function resolveModelColumns(options: ModelOptions, baseline: Table, current: Table): ModelColumns {
  if (options.prediction === undefined && options.target === undefined) {
    throw new InputError('the model section needs a prediction column, a target column or both');
  }
  const names = new Set([...baseline.columns, ...current.columns].map((column) => column.name));
  const requireColumn = (part: string, name: string) => {
    if (!names.has(name)) throw new InputError(`${part} column ${JSON.stringify(name)} is in neither the baseline nor the current data`);
  };
  if (options.prediction !== undefined) requireColumn('prediction', options.prediction);
  if (options.target !== undefined) requireColumn('target', options.target);
  if (options.order !== undefined && !current.columns.some((column) => column.name === options.order)) {
    throw new InputError(`order column ${JSON.stringify(options.order)} is not in the current data, whose rows it should order`);
  }

  let probabilities = new Map<string, string>();
  let positiveColumn: string | undefined;
  let namedClass: string | undefined;
  if (options.probabilities?.kind === 'columns') {
    for (const [label, name] of options.probabilities.columns) {
      requireColumn(`probability (class ${JSON.stringify(label)})`, name);
      probabilities.set(label, name);
    }
  } else if (options.probabilities?.kind === 'prefix') {
    const { prefix } = options.probabilities;
    for (const name of names)
      if (name.startsWith(prefix) && name.length > prefix.length) probabilities.set(name.slice(prefix.length), name);
    if (probabilities.size === 0) throw new InputError(`no column name starts with the probability prefix ${JSON.stringify(prefix)}`);
  } else if (options.probabilities?.kind === 'positive') {
    positiveColumn = options.probabilities.column;
    requireColumn('probability', positiveColumn);
  }
  if ((probabilities.size > 0 || positiveColumn !== undefined) && options.prediction === undefined) {
    throw new InputError('class probabilities need the prediction column too: name it as well');
  }
  if (options.positiveLabel !== undefined && probabilities.size > 1) {
    throw new InputError(
      `a positive label goes with one probability column; with one column per class (${[...probabilities.keys()].sort(compareLabels).join(', ')}) the positive class of a binary model is the greater label, as scikit-learn takes predict_proba[:, 1]`,
    );
  }
  if (probabilities.size === 1) [[namedClass, positiveColumn]] = [...probabilities];
  if (positiveColumn !== undefined) {
    const labelColumns = [options.prediction, options.target].filter((name) => name !== undefined);
    for (const name of labelColumns) requireClassLabels(name, [baseline, current]);
    const seen = {
      labels: labelsSeen(labelColumns, [baseline, current]),
      where: options.target === undefined ? 'the prediction column' : 'the prediction and target columns',
    };
    const positive = positiveClass(namedClass, options.positiveLabel, seen);
    requireProbabilities(positiveColumn, positive, { baseline, current });
    probabilities = new Map([[positive, positiveColumn]]);
  }

  const resolved: ModelColumns = {
    prediction: options.prediction,
    target: options.target,
    probabilities: new Map([...probabilities].sort(([a], [b]) => compareLabels(a, b))),
    order: options.order,
  };
  const parts = [resolved.prediction, resolved.target, resolved.order, ...probabilities.values()].filter((name) => name !== undefined);
  const repeated = parts.find((name, index) => parts.indexOf(name) !== index);
  if (repeated !== undefined)
    throw new InputError(`column ${JSON.stringify(repeated)} is named for two parts of the model (prediction, target, probability, order)`);
  return resolved;
}

/** scikit-learn's default `pos_label`: 1, when the classes are 0 and 1 or −1 and 1 (or one of those). */
const DEFAULT_POSITIVE_LABEL = '1';
const DEFAULT_POSITIVE_LABEL_SETS = [new Set(['0', '1']), new Set(['-1', '1'])];

/**
 * The positive class of a binary model logging one probability column: the class the column was named
 * for (`CLASS=COL`, or the one column a prefix matched), or the positive label given (the two must agree),
 * or else scikit-learn's default. It must be among the labels seen, and those at most two.
 */
function positiveClass(named: string | undefined, given: string | undefined, seen: { labels: readonly string[]; where: string }): string {
  const labels = describeLabels(seen.labels);
  if (seen.labels.length > 2) {
    throw new InputError(
      `one probability column is for a binary model, but ${seen.where} hold ${seen.labels.length} labels (${labels}): give one probability column per class (CLASS=COLUMN)`,
    );
  }
  if (named !== undefined && given !== undefined && named !== given) {
    throw new InputError(
      `the one probability column is named for class ${JSON.stringify(named)}, but the positive label is ${JSON.stringify(given)}: give one of them`,
    );
  }
  const chosen = named ?? given;
  if (chosen === undefined) {
    if (DEFAULT_POSITIVE_LABEL_SETS.some((set) => seen.labels.every((label) => set.has(label)))) return DEFAULT_POSITIVE_LABEL;
    throw new InputError(
      `one probability column holds the probability of the positive class, and with labels ${labels} there is no default (scikit-learn's is 1, for labels 0 and 1 or -1 and 1): name the positive class (--positive-label, or the action's positive-label)`,
    );
  }
  if (!seen.labels.includes(chosen)) {
    throw new InputError(`the positive class ${JSON.stringify(chosen)} is not among the labels of ${seen.where} (${labels || 'none'})`);
  }
  return chosen;
}

/** The distinct class labels of the named columns on both sides, in scikit-learn's order. */
function labelsSeen(names: readonly string[], tables: readonly Table[]): string[] {
  const seen = new Set<string>();
  for (const table of tables) {
    for (const name of names) {
      const column = columnNamed(table, name);
      if (column?.storage === 'text') {
        for (const code of column.codes) if (code !== MISSING_CODE) seen.add(column.dictionary[code]);
      } else if (column) {
        for (const value of column.values) if (Number.isFinite(value)) seen.add(numberLabel(value));
      }
    }
  }
  return [...seen].sort(compareLabels);
}

/** Up to five labels, quoted, for messages. */
function describeLabels(labels: readonly string[]): string {
  const shown = labels.slice(0, 5).map((label) => JSON.stringify(label));
  return labels.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A single probability column is read as p and 1 − p, which only makes sense within [0, 1]. */
function requireProbabilities(name: string, positive: string, sides: Record<'baseline' | 'current', Table>): void {
  for (const side of ['baseline', 'current'] as const) {
    const table = sides[side];
    const column = columnNamed(table, name);
    if (!column) continue;
    const values = numbersOf(column, 'probability', table, side);
    const row = values.findIndex((value) => !Number.isNaN(value) && !(value >= 0 && value <= 1));
    if (row >= 0) {
      throw new InputError(
        `data row ${row + 1} of the ${side} data holds ${values[row]}, not a probability in [0, 1]: the one probability column is the probability of class ${JSON.stringify(positive)}`,
        { file: table.sources.join(', '), column: name },
      );
    }
  }
}

/**
 * Classifier or regressor, in this order: the task of the chosen metric; classification when class
 * probabilities are given; the declared kind of the target (else the prediction) column, categorical
 * meaning classification; else the inferred kind of that column (`typing.ts`: text, or integers with at
 * most ten distinct values, are categorical).
 */
export function inferTask(
  options: ModelOptions,
  columns: ModelColumns,
  baseline: Table,
  current: Table,
  declaredKinds: ReadonlyMap<string, ColumnKind>,
): PerformanceTask {
  const labelColumn = (columns.target ?? columns.prediction)!;
  const chosen =
    options.performanceMetric !== undefined
      ? performanceMetric(options.performanceMetric)!.task
      : columns.probabilities.size > 0
        ? 'classification'
        : undefined;
  if (chosen === 'classification') requireClassLabels(labelColumn, [baseline, current]);
  if (chosen) return chosen;
  const kindOf = (kind: ColumnKind): PerformanceTask => (kind === 'categorical' ? 'classification' : 'regression');
  const declared = declaredKinds.get(labelColumn);
  if (declared) return kindOf(declared);
  const [first, second] = [columnNamed(baseline, labelColumn), columnNamed(current, labelColumn)].filter((column) => column !== undefined);
  return kindOf(inferKind(first, second));
}

/** Class labels may be numbers, but never fractions: a target of 25.373 belongs to a regressor. */
function requireClassLabels(name: string, tables: readonly Table[]): void {
  for (const table of tables) {
    const column = columnNamed(table, name);
    if (column?.storage !== 'numeric') continue;
    const fraction = column.values.find((value) => Number.isFinite(value) && !Number.isInteger(value));
    if (fraction !== undefined) {
      throw new InputError(
        `column ${JSON.stringify(name)} holds fractions such as ${fraction}, so it is not a class label: the model looks like a regressor (metrics mae, rmse, mape, r2, without class probabilities)`,
        { file: table.sources.join(', ') },
      );
    }
  }
}

/** How the model columns are tested: labels as categories, regression values and class scores as numbers. */
export function modelColumnKinds(columns: ModelColumns, task: PerformanceTask): Map<string, ColumnKind> {
  const labelKind: ColumnKind = task === 'classification' ? 'categorical' : 'numerical';
  const kinds = new Map<string, ColumnKind>();
  for (const name of [columns.prediction, columns.target]) if (name !== undefined) kinds.set(name, labelKind);
  for (const name of columns.probabilities.values()) kinds.set(name, 'numerical');
  return kinds;
}
