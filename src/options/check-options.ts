/**
 * The options `driftgate check` and the check action share, read once through an `OptionReader` and
 * turned into the engine's settings. The CLI reads flags and the action reads inputs; both accept and
 * refuse the same values, and each mistake is named as the user wrote it (`--min-rows` or `min-rows`).
 */
import { InputError } from '../core/errors.js';
import { missingValueTokens } from '../core/missing-values.js';
import type { ColumnKind } from '../core/table.js';
import { defaultDriftOptions, type DriftOptions } from '../engine/options.js';
import { parseMultivariateMethods } from '../multivariate/methods.js';
import { parseGateOn, parseModelOptions, type ModelOptionNames } from './model-values.js';
import { CHECK_OPTIONS as O, type OptionSpec } from './table.js';
import {
  memoryBudgetOf,
  optionalNumber,
  optionalThreshold,
  parseColumnMethods,
  parseColumnThresholds,
  parseCorrection,
  parseInsufficientData,
  positiveInteger,
  pValue,
  shareInRange,
  wholeNumber,
} from './values.js';

/** Where an adapter finds the options' texts. An option the adapter lacks reads as not given. */
export interface OptionReader {
  /** '' when not given. */
  text(option: OptionSpec): string;
  /** [] when not given. */
  list(option: OptionSpec): string[];
  /** The option's default when not given. */
  switch(option: OptionSpec): boolean;
  /** The option as the user wrote it, for messages. */
  nameOf(option: OptionSpec): string;
}

export interface CheckOptions {
  drift: DriftOptions;
  memoryBudget?: number;
}

export function checkOptionsOf(read: OptionReader): CheckOptions {
  const text = (option: OptionSpec) => read.text(option) || undefined;
  const number = (option: OptionSpec, rule: Parameters<typeof optionalNumber>[2]) =>
    optionalNumber(read.nameOf(option), text(option), rule);
  const threshold = (option: OptionSpec) => optionalThreshold(read.nameOf(option), text(option));
  const drift = defaultDriftOptions({
    columns: read.list(O.columns),
    ignoreColumns: read.list(O.ignoreColumns),
    declaredKinds: declaredKindsOf(read),
    naValues: missingValueTokens(read.list(O.naValues), read.switch(O.defaultNaValues)),
    method: text(O.method),
    numericalMethod: text(O.numericalMethod),
    categoricalMethod: text(O.categoricalMethod),
    columnMethods: parseColumnMethods(read.nameOf(O.columnMethods), read.list(O.columnMethods)),
    threshold: threshold(O.threshold),
    numericalThreshold: threshold(O.numericalThreshold),
    categoricalThreshold: threshold(O.categoricalThreshold),
    columnThresholds: parseColumnThresholds(read.nameOf(O.columnThresholds), read.list(O.columnThresholds)),
    pValueThreshold: number(O.pValueThreshold, pValue),
    distanceThreshold: threshold(O.distanceThreshold),
    correction: parseCorrection(text(O.correction) ?? 'none', read.nameOf(O.correction)),
    allMethods: read.switch(O.allMethods),
    insufficientData: parseInsufficientData(text(O.insufficientData) ?? 'pass', read.nameOf(O.insufficientData)),
  });
  const numbers = {
    permutations: number(O.permutations, positiveInteger),
    permutationSeed: number(O.permutationSeed, wholeNumber),
    driftShare: number(O.driftShare, shareInRange),
    minRows: number(O.minRows, positiveInteger),
    missingShareThreshold: number(O.missingShareThreshold, shareInRange),
  };
  for (const [key, value] of Object.entries(numbers)) if (value !== undefined) drift[key as keyof typeof numbers] = value;

  const modelOptions = {
    prediction: O.prediction,
    target: O.target,
    probabilities: O.probabilities,
    positiveLabel: O.positiveLabel,
    order: O.order,
    performanceMetric: O.performanceMetric,
    maxDegradation: O.maxDegradation,
  } satisfies Record<keyof ModelOptionNames, OptionSpec>;
  const { probabilities, ...singles } = modelOptions;
  drift.model = parseModelOptions(
    { ...mapValues(singles, (option) => read.text(option)), probabilities: read.list(probabilities) },
    mapValues(modelOptions, (option) => read.nameOf(option)),
  );
  drift.multivariate = parseMultivariateMethods(read.list(O.multivariate), read.nameOf(O.multivariate));
  const segment = text(O.segment);
  if (segment !== undefined) drift.segment = segment;
  drift.gateOn = parseGateOn(read.list(O.gateOn), read.nameOf(O.gateOn), drift.model, drift.multivariate, drift.segment);
  return { drift, ...memoryBudgetOf(read.nameOf(O.memoryBudget), read.text(O.memoryBudget)) };
}

/** `object` with `change` applied to each value, keys kept. */
function mapValues<Key extends string, Value, Result>(object: Record<Key, Value>, change: (value: Value) => Result): Record<Key, Result> {
  return Object.fromEntries(Object.entries<Value>(object).map(([key, value]) => [key, change(value)])) as Record<Key, Result>;
}

/** The numerical and categorical column options as one map; a column may not be both. */
export function declaredKindsOf(read: OptionReader): Map<string, ColumnKind> {
  const declared = new Map<string, ColumnKind>();
  for (const [kind, option] of [
    ['numerical', O.numericalColumns],
    ['categorical', O.categoricalColumns],
  ] as const) {
    for (const name of read.list(option)) {
      const other = declared.get(name);
      if (other && other !== kind) {
        throw new InputError(
          `column ${JSON.stringify(name)} is declared both numerical and categorical (${read.nameOf(O.numericalColumns)} and ${read.nameOf(O.categoricalColumns)})`,
        );
      }
      declared.set(name, kind);
    }
  }
  return declared;
}
