/**
 * The drift check: aligns the baseline and current tables by column name, types each column, runs the
 * chosen test on each, applies the multiple-testing correction and reaches the dataset verdict. With model
 * columns (prediction, class probabilities, target, order) those leave the feature table: the prediction,
 * probability and target columns are tested the same way but judged apart, beside the model's performance
 * and its change point (`model.ts`), and the gate (`gate.ts`) combines the verdicts. Pure: it reads only
 * the tables and options it is handed.
 */
import { medianSorted } from 'simple-statistics';
import { InputError } from '../core/errors.js';
import { adjustPValues } from './correction.js';
import { epochEncodingOf, namesTime } from './time.js';
import { compareSegments } from './segments.js';
import { holdsInstants, inferKind, looksLikeIdentifier } from './typing.js';
import { firstText } from './first-text.js';
import { formatNumber, formatPercent } from '../core/format.js';
import { POOLED_CATEGORY, sampleOf, missingCount } from './samples.js';
import { spreadOf } from './spread.js';
import { histogramOf, largestShareChange } from './histogram.js';
import { gateVerdict } from './gate.js';
import { assessModel, groupDrift } from './model.js';
import { inferTask, modelColumnKinds, modelColumnNames, resolveModelColumns, type ModelColumns } from './model-columns.js';
import type { DriftOptions, ModelOptions, ThresholdSetting } from './options.js';
import { DEFAULT_PERMUTATION_ALPHA, permutationThreshold, reachable, type PermutationSettings } from './permutation-threshold.js';
import type {
  ColumnResult,
  SideSource,
  DatasetResult,
  Direction,
  DriftResult,
  ModelColumnResult,
  ModelResult,
  SideSummary,
} from './result.js';
import { cellStorage, type ColumnKind, type Dataset, type SideColumn, type Table } from '../core/table.js';
import { autoSelect, findStatTest, methodNames, statTests, type MethodChoice } from '../stattests/registry.js';
import { pooledOrder } from '../stattests/order.js';
import { compareMultivariate } from './multivariate-drift.js';
import type { ExactMoments, NumericalSample, Sample, StatTest, SummarisedSides, TestResult } from '../stattests/types.js';

/** Reasons a column drifted that do not depend on its test (missing share, type change), kept to re-settle it after the correction. */
const reasonsBeforeTest = new WeakMap<ColumnResult, string[]>();

export function compareTables(baseline: Dataset, current: Dataset, options: DriftOptions): DriftResult {
  validateOptions(baseline, options);
  const modelSides = options.model && {
    baseline: rowsOf(baseline, 'baseline', MODEL_NEEDS_ROWS),
    current: rowsOf(current, 'current', MODEL_NEEDS_ROWS),
  };
  const multivariateSides = options.multivariate.length > 0 && {
    baseline: rowsOf(baseline, 'baseline', MULTIVARIATE_NEEDS_ROWS),
    current: rowsOf(current, 'current', MULTIVARIATE_NEEDS_ROWS),
  };
  const modelColumns = options.model && modelSides && resolveModelColumns(options.model, modelSides.baseline, modelSides.current);
  const notFeatures = modelColumns ? modelColumnNames(modelColumns) : new Set<string>();
  const selected = (name: string) =>
    !notFeatures.has(name) && (options.columns.length === 0 || options.columns.includes(name)) && !options.ignoreColumns.includes(name);
  const currentByName = new Map(current.columns.map((column) => [column.name, column]));
  const baselineNames = new Set(baseline.columns.map((column) => column.name));

  const columns: ColumnResult[] = [];
  for (const column of baseline.columns) {
    if (!selected(column.name)) continue;
    const counterpart = currentByName.get(column.name);
    columns.push(
      counterpart ? compareColumn(column, counterpart, baseline, current, options) : missingInCurrent(column, baseline, current, options),
    );
  }
  for (const column of current.columns) {
    if (!baselineNames.has(column.name) && selected(column.name)) columns.push(newInCurrent(column, baseline, current, options));
  }
  if (columns.length === 0 && !modelColumns) {
    throw new InputError(
      `no column left to compare: the baseline's columns (${listNames([...baselineNames])}) are all excluded by the column selection; check the columns and ignore lists`,
    );
  }
  applyCorrection(columns, options);
  const model =
    options.model &&
    modelSides &&
    modelColumns &&
    compareModel(modelSides.baseline, modelSides.current, options.model, modelColumns, options);
  const dataset = datasetVerdict(columns, options);
  const multivariate = multivariateSides
    ? compareMultivariate(multivariateSides.baseline, multivariateSides.current, columns, {
        methods: options.multivariate,
        minRows: options.minRows,
      })
    : undefined;
  const segments = options.segment === undefined ? undefined : compareSegments(baseline, current, options.segment, options, compareTables);
  return {
    baseline: sideSource(baseline),
    current: sideSource(current),
    gate: gateVerdict(dataset, model, options.gateOn, multivariate, options.insufficientData, segments),
    ...(model ? { model } : {}),
    dataset,
    ...(multivariate ? { multivariate } : {}),
    ...(segments ? { segments } : {}),
    columns,
  };
}

/**
 * The model columns tested like features, with two differences for the target: labels arrive late, so a
 * target missing in part of (or all of) the current data is not drift, only fewer values to test; and
 * the correction, when there is one, runs over the model columns as their own family.
 */
function compareModel(baseline: Table, current: Table, model: ModelOptions, columns: ModelColumns, options: DriftOptions): ModelResult {
  const task = inferTask(model, columns, baseline, current, options.declaredKinds);
  // First, so a regression column holding text is refused as such, not as a "declared" numerical column.
  const assessment = assessModel(baseline, current, columns, task, {
    performanceMetric: model.performanceMetric,
    maxDegradation: model.maxDegradation,
    minRows: options.minRows,
  });
  const declaredKinds = new Map([...modelColumnKinds(columns, task), ...options.declaredKinds]);
  const columnOptions = { ...options, declaredKinds };
  const classOf = new Map([...columns.probabilities].map(([label, name]) => [name, label]));
  const roles: Array<[ModelColumnResult['role'], string | undefined]> = [
    ['prediction', columns.prediction],
    ...[...columns.probabilities.values()].map((name): [ModelColumnResult['role'], string] => ['probability', name]),
    ['target', columns.target],
  ];
  const tested: ModelColumnResult[] = [];
  for (const [role, name] of roles) {
    if (name === undefined) continue;
    const label = classOf.get(name);
    const roleOptions = role === 'target' ? { ...columnOptions, missingShareThreshold: Infinity } : columnOptions;
    const result =
      role === 'target' ? compareTarget(name, baseline, current, roleOptions) : comparePair(name, baseline, current, roleOptions);
    // In place, not a copy: the correction re-settles the column through `reasonsBeforeTest`, keyed by it.
    tested.push(Object.assign(result, { role }, label === undefined ? {} : { class_label: label }));
  }
  applyCorrection(tested, options);
  return {
    task,
    ...(columns.prediction === undefined ? {} : { prediction_column: columns.prediction }),
    ...(columns.target === undefined ? {} : { target_column: columns.target }),
    ...(columns.probabilities.size === 0 ? {} : { probability_columns: Object.fromEntries(columns.probabilities) }),
    ...(columns.order === undefined ? {} : { order_column: columns.order }),
    columns: tested,
    prediction_drift: groupDrift(tested.filter((column) => column.role !== 'target')),
    target_drift: groupDrift(tested.filter((column) => column.role === 'target')),
    ...assessment,
  };
}

/** A column by name on both sides, whichever sides have it. */
function comparePair(name: string, baseline: Dataset, current: Dataset, options: DriftOptions): ColumnResult {
  const reference = baseline.columns.find((column) => column.name === name);
  const counterpart = current.columns.find((column) => column.name === name);
  if (reference && counterpart) return compareColumn(reference, counterpart, baseline, current, options);
  return reference ? missingInCurrent(reference, baseline, current, options) : newInCurrent(counterpart!, baseline, current, options);
}

/** No target in the current data means no labels yet, not a vanished column. */
function compareTarget(name: string, baseline: Dataset, current: Dataset, options: DriftOptions): ColumnResult {
  const reference = baseline.columns.find((column) => column.name === name);
  if (!reference || current.columns.some((column) => column.name === name)) return comparePair(name, baseline, current, options);
  return {
    name,
    type: options.declaredKinds.get(name)!,
    status: 'insufficient-data',
    drift_detected: false,
    reasons: ['no labels in the current data yet'],
    baseline: sideSummary(reference, baseline.rowCount),
    current: { rows: current.rowCount, missing: current.rowCount, missing_share: 1 },
  };
}

function sideSource(side: Dataset): SideSource {
  return { sources: side.sources, rows: side.rowCount, ...(side.profiled ? { profiled: side.profiled } : {}) };
}

/** The model's performance is measured on rows; a profile has none. */
const MODEL_NEEDS_ROWS = {
  what: "the model's performance needs its rows (predictions beside labels)",
  without: 'the model columns (--prediction, --target, --probability)',
};
const MULTIVARIATE_NEEDS_ROWS = { what: 'multivariate methods need its rows (a joint distribution)', without: '--multivariate' };

function rowsOf(side: Dataset, name: 'baseline' | 'current', needs: { what: string; without: string }): Table {
  if (side.columns.every((column) => column.storage !== 'profile')) return side as Table;
  const is = side.profiled === 'streamed' ? 'was profiled while read, being over the memory budget' : 'is a profile';
  const instead = side.profiled === 'streamed' ? 'raise --memory-budget' : `pass the ${name} data itself`;
  throw new InputError(`the ${name} ${is}, and ${needs.what}; ${instead}, or leave out ${needs.without}`, {
    file: side.sources.join(', '),
  });
}

function validateOptions(baseline: Dataset, options: DriftOptions): void {
  const known = new Set(baseline.columns.map((column) => column.name));
  const named: Array<[string, Iterable<string>]> = [
    ['columns', options.columns],
    ['numerical/categorical columns', options.declaredKinds.keys()],
    ['column methods', options.columnMethods.keys()],
    ['column thresholds', options.columnThresholds.keys()],
  ];
  for (const [what, names] of named) {
    for (const name of names) {
      if (!known.has(name)) {
        throw new InputError(`${what}: column ${JSON.stringify(name)} is not in the baseline (its columns: ${listNames([...known])})`);
      }
    }
  }
  const settings = permutationSettings(options);
  const calibrates = [
    options.threshold,
    options.numericalThreshold,
    options.categoricalThreshold,
    options.distanceThreshold,
    ...options.columnThresholds.values(),
  ].includes('auto');
  if (calibrates && !reachable(settings)) {
    throw new InputError(
      `with ${settings.permutations} permutations the smallest permutation p-value is ${formatNumber(1 / (settings.permutations + 1))}, so the p-value threshold ${settings.alpha} can never be met; use more permutations`,
    );
  }
  for (const method of [options.method, options.numericalMethod, options.categoricalMethod, ...options.columnMethods.values()]) {
    if (method !== undefined) requireStatTest(method);
  }
  for (const [label, kind, method] of [
    ['numerical method', 'numerical', options.numericalMethod],
    ['categorical method', 'categorical', options.categoricalMethod],
  ] as const) {
    if (method !== undefined && !requireStatTest(method).kinds.includes(kind)) {
      throw new InputError(`${label} ${method} does not apply to ${kind} columns; pick one of: ${methodsFor(kind)}`);
    }
  }
}

function requireStatTest(name: string): StatTest {
  const test = findStatTest(name);
  if (!test) throw new InputError(`unknown method ${JSON.stringify(name)}; known methods: ${methodNames.join(', ')}`);
  return test;
}

function methodsFor(kind: ColumnKind): string {
  return methodNames.filter((name) => findStatTest(name)?.kinds.includes(kind)).join(', ');
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 20).map((name) => JSON.stringify(name));
  return names.length > 20 ? `${shown.join(', ')}, … ${names.length - 20} more` : shown.join(', ');
}

function compareColumn(
  reference: SideColumn,
  current: SideColumn,
  baseline: Dataset,
  currentTable: Dataset,
  options: DriftOptions,
): ColumnResult {
  const declared = options.declaredKinds.get(reference.name);
  const kind = declared ?? inferKind(reference, current);
  const typeChanged = declared === undefined && cellStorage(reference) !== cellStorage(current);
  if (kind === 'numerical' && (cellStorage(reference) === 'text' || cellStorage(current) === 'text')) {
    const side = cellStorage(reference) === 'text' ? baseline : currentTable;
    throw new InputError(`column ${JSON.stringify(reference.name)} is declared numerical but holds text`, {
      file: side.sources.join(', '),
    });
  }
  const referenceSummary = sideSummary(reference, baseline.rowCount);
  const currentSummary = sideSummary(current, currentTable.rowCount);
  const result: ColumnResult = {
    name: reference.name,
    type: kind,
    status: 'no-drift',
    drift_detected: false,
    reasons: [],
    baseline: referenceSummary,
    current: currentSummary,
  };

  if (declared === undefined && looksLikeIdentifier(reference)) {
    result.status = 'not-tested';
    result.reasons.push(
      'looks like an identifier: nearly every baseline value is distinct, so there is no distribution to compare (name it in --categorical, action input categorical-columns, to test it anyway, or ignore it)',
    );
    return result;
  }
  if (declared === undefined && holdsInstants(reference)) {
    result.status = 'not-tested';
    result.reasons.push(
      'a date or timestamp column: its values move on with time, so it would always drift (declare it numerical to test it anyway, or ignore it)',
    );
    return result;
  }

  const columnSample = sampleOf(kind, reference, current);
  describeColumn(result, columnSample, options, reference, current);
  result.missing_share_change = currentSummary.missing_share - referenceSummary.missing_share;
  const enoughRows = Math.min(baseline.rowCount, currentTable.rowCount) >= options.minRows;
  if (enoughRows && Math.abs(result.missing_share_change) >= options.missingShareThreshold) {
    result.reasons.push(
      `missing values went from ${formatPercent(referenceSummary.missing_share)} to ${formatPercent(currentSummary.missing_share)}`,
    );
  }
  if (typeChanged) {
    result.reasons.push(
      `type changed: ${describeStorage(reference, options)} in the baseline, ${describeStorage(current, options)} in the current data`,
    );
  }
  reasonsBeforeTest.set(result, [...result.reasons]);

  const choice = chooseMethod(reference.name, kind, columnSample, baseline.rowCount, options);
  result.method = choice.test.name;
  result.method_title = choice.test.title;
  result.auto_selected = choice.auto;
  result.output = choice.test.output;
  const threshold = thresholdFor(reference.name, kind, choice, options);
  if (threshold !== 'auto') result.threshold = threshold;

  if (smallerSide(columnSample) < options.minRows) {
    const counts = `baseline ${countPresent(referenceSummary)}, current ${countPresent(currentSummary)}`;
    return untested(result, 'insufficient-data', `fewer than ${options.minRows} non-missing values on a side (${counts})`);
  }
  const sample = choice.sampleKind === kind ? columnSample : sampleOf(choice.sampleKind, reference, current);
  if (isSummarised(sample) && !choice.test.boundsFromSummary) {
    return untested(
      result,
      'not-tested',
      `${choice.test.name} cannot be computed honestly from a rank summary; pick one of ${summaryMethods()} for this column, or profile it with a larger --max-distinct`,
    );
  }
  if (threshold === 'auto' && isSummarised(sample)) {
    return untested(
      result,
      'not-tested',
      'distance-threshold auto calibrates by permuting rows, which a rank summary does not keep; give a number, or profile the column with a larger --max-distinct',
    );
  }
  const outcome = runTest(choice.test, sample);
  if (!outcome) return untested(result, 'not-tested', `${choice.test.name} has no value for this column (see the method's documentation)`);
  Object.assign(result, outcome);
  const approximate = approximationOf(choice.test, sample, outcome);
  if (approximate) result.approximate = approximate;
  if (threshold === 'auto') {
    const calibrated = permutationThreshold(choice.test, sample, outcome.distance!, reference.name, permutationSettings(options));
    result.threshold = calibrated.threshold;
    result.calibration = {
      method: 'permutation',
      permutations: calibrated.permutations,
      seed: calibrated.seed,
      alpha: calibrated.alpha,
      p_value: calibrated.p_value,
    };
  }
  result.score = choice.test.output === 'p_value' ? outcome.p_value : outcome.distance;
  if (choice.test.output === 'p_value') result.effect_size = effectSize(columnSample);
  settle(result);
  return result;
}

function isSummarised(sample: Sample): sample is NumericalSample & { summarised: SummarisedSides } {
  return sample.kind === 'numerical' && sample.summarised !== undefined;
}

function summaryMethods(): string {
  return statTests
    .filter((test) => test.boundsFromSummary)
    .map((test) => test.name)
    .join(', ');
}

/**
 * How a value computed on a profile's summary, or on pooled categories, stands to the exact one; undefined
 * when it is exact (lossless profiles, and tests such as Welch's t that need only exact moments).
 */
function approximationOf(test: StatTest, sample: Sample, outcome: TestResult): ColumnResult['approximate'] {
  if (isSummarised(sample)) {
    const bounds = test.boundsFromSummary!(sample, outcome);
    if (Object.keys(bounds).length === 0) return undefined;
    return { why: `a side is a rank summary: its CDF is known within ${formatNumber(sample.summarised.cdfError)}`, bounds };
  }
  if (sample.kind === 'categorical' && sample.categories.includes(POOLED_CATEGORY)) {
    return {
      why: `a profile pooled its rarest categories; both sides are compared with them as one "${POOLED_CATEGORY}" category`,
      bounds: {},
    };
  }
  return undefined;
}

/** Summary statistics, the chart histogram, the direction of change, and with `allMethods` every method's values. */
function describeColumn(result: ColumnResult, sample: Sample, options: DriftOptions, reference: SideColumn, current: SideColumn): void {
  addDescriptiveStatistics(result, sample);
  result.histogram = histogramOf(
    sample,
    result.type === 'numerical' ? instantEncoding(reference, current, result.baseline, result.current) : undefined,
  );
  result.direction = directionOf(result, sample);
  if (options.allMethods) result.methods = allMethods(sample);
}

/**
 * How a numerical column's values are instants, for the charts: a date or timestamp column's milliseconds,
 * or numbers in the range of Unix times under a name that says time (`created_at`, `event_time`, `ts`).
 */
function instantEncoding(reference: SideColumn, current: SideColumn, ...sides: SideSummary[]): 'epoch-ms' | 'epoch-s' | undefined {
  if (holdsInstants(reference) || holdsInstants(current)) return 'epoch-ms';
  if (!namesTime(reference.name)) return undefined;
  const lows = sides.flatMap((side) => (side.min === undefined ? [] : [side.min]));
  const highs = sides.flatMap((side) => (side.max === undefined ? [] : [side.max]));
  return lows.length === 0 ? undefined : epochEncodingOf(Math.min(...lows), Math.max(...highs));
}

/** A column the test could not judge: drifted all the same when another reason says so, else `status`. */
function untested(result: ColumnResult, status: 'insufficient-data' | 'not-tested', why: string): ColumnResult {
  result.drift_detected = result.reasons.length > 0;
  result.status = result.drift_detected ? 'drift' : status;
  result.reasons.push(why);
  return result;
}

/** Non-missing values on the smaller side. */
function smallerSide(sample: Sample): number {
  if (sample.kind === 'numerical') return Math.min(sample.reference.length, sample.current.length);
  return Math.min(sample.referenceTotal, sample.currentTotal);
}

/** Whether the column's score crosses its threshold, combined with the reasons found before testing. */
function settle(result: ColumnResult): void {
  const distributionDrift =
    result.score !== undefined &&
    result.threshold !== undefined &&
    (result.output === 'p_value' ? result.score < result.threshold : result.score >= result.threshold);
  const otherReasons = reasonsBeforeTest.get(result) ?? [];
  result.distribution_drift = distributionDrift;
  result.reasons = distributionDrift ? [describeDistributionDrift(result), ...otherReasons] : [...otherReasons];
  result.drift_detected = result.reasons.length > 0;
  result.status = result.drift_detected ? 'drift' : 'no-drift';
}

function describeDistributionDrift(result: ColumnResult): string {
  const label = result.output === 'p_value' ? (result.p_value_adjusted !== undefined ? 'adjusted p' : 'p') : result.method;
  const comparison = result.output === 'p_value' ? '<' : '≥';
  const calibration =
    result.calibration && ` (permutation p = ${formatNumber(result.calibration.p_value)} < ${formatNumber(result.calibration.alpha)})`;
  return `distribution changed: ${label} = ${formatNumber(result.score!)} ${comparison} ${formatNumber(result.threshold!)}${calibration ?? ''}`;
}

function chooseMethod(
  name: string,
  kind: ColumnKind,
  sample: Sample,
  referenceRows: number,
  options: DriftOptions,
): MethodChoice & { auto: boolean } {
  const perColumn = options.columnMethods.get(name);
  if (perColumn !== undefined) {
    const test = requireStatTest(perColumn);
    if (!test.kinds.includes(kind)) {
      throw new InputError(
        `column method ${name}=${perColumn}: ${perColumn} does not apply to ${kind} columns; pick one of: ${methodsFor(kind)}`,
      );
    }
    return { test, sampleKind: kind, auto: false };
  }
  const perKind = kind === 'numerical' ? options.numericalMethod : options.categoricalMethod;
  if (perKind !== undefined) return { test: requireStatTest(perKind), sampleKind: kind, auto: false };
  if (options.method !== undefined) {
    const test = requireStatTest(options.method);
    if (test.kinds.includes(kind)) return { test, sampleKind: kind, auto: false };
  }
  return { ...autoSelect({ kind, referenceRows, distinctValues: distinctValues(sample) }), auto: true };
}

function distinctValues(sample: Sample): number {
  return sample.kind === 'categorical' ? sample.categories.length : pooledOrder(sample).values.length;
}

/**
 * The column's threshold. A threshold given for columns (every one, a kind, one by name) does not say what
 * it measures, so it applies only where the user chose the method: under the automatic choice the same
 * column gets a p-value test on 1000 baseline rows and a distance on 1001, and 0.01 means opposite things
 * for the two. The p-value and distance thresholds apply to their own kind of method only.
 */
function thresholdFor(name: string, kind: ColumnKind, choice: MethodChoice & { auto: boolean }, options: DriftOptions): ThresholdSetting {
  const test = choice.test;
  const given: Array<[ThresholdSetting | undefined, string]> = [
    [options.columnThresholds.get(name), `the column threshold for ${JSON.stringify(name)}`],
    [kind === 'numerical' ? options.numericalThreshold : options.categoricalThreshold, `the ${kind} threshold`],
    [options.threshold, 'the threshold for every column'],
  ];
  const plain = given.find(([value]) => value !== undefined);
  if (plain && choice.auto) {
    throw new InputError(
      `${plain[1]} (${plain[0]}) does not say whether it is a p-value or a distance, and column ${JSON.stringify(name)} is tested with ${test.name} (${outputWords(test)}) by automatic choice, which picks p-values up to 1000 baseline rows and distances above: set p-value-threshold or distance-threshold instead, or choose the column's method`,
    );
  }
  const threshold =
    plain?.[0] ?? (test.output === 'p_value' ? options.pValueThreshold : options.distanceThreshold) ?? test.defaultThreshold;
  if (test.output === 'distance') return threshold;
  if (threshold === 'auto') {
    throw new InputError(
      `threshold auto for column ${JSON.stringify(name)}: auto calibrates distances, and ${test.name} gives a p-value, which needs no calibration; give a number between 0 and 1`,
    );
  }
  if (!(threshold > 0 && threshold < 1)) {
    throw new InputError(
      `threshold ${threshold} for column ${JSON.stringify(name)}: ${test.name} gives a p-value, so its threshold must be between 0 and 1 (exclusive)`,
    );
  }
  return threshold;
}

function outputWords(test: StatTest): string {
  return test.output === 'p_value' ? 'a p-value test' : 'a distance';
}

function permutationSettings(options: DriftOptions): PermutationSettings {
  return { permutations: options.permutations, seed: options.permutationSeed, alpha: options.pValueThreshold ?? DEFAULT_PERMUTATION_ALPHA };
}

/** Runs a test, keeping only its finite fields; undefined when it does not apply or has none. */
function finiteResult(test: StatTest, sample: Sample): TestResult | undefined {
  if (test.applies && !test.applies(sample)) return undefined;
  const raw = test.compute(sample);
  if (!raw) return undefined;
  const finite: TestResult = {};
  for (const [field, value] of Object.entries(raw) as Array<[keyof TestResult, number | undefined]>) {
    if (value !== undefined && Number.isFinite(value)) finite[field] = value;
  }
  return Object.keys(finite).length > 0 ? finite : undefined;
}

/** A result that can decide drift: one with a finite p-value or distance. */
function runTest(test: StatTest, sample: Sample): TestResult | undefined {
  const result = finiteResult(test, sample);
  const main = test.output === 'p_value' ? result?.p_value : result?.distance;
  return main === undefined ? undefined : result;
}

/** Every method for the column's kind, with whatever finite values it has (a one-category gof test has only its statistic). */
function allMethods(sample: Sample): Record<string, TestResult> {
  const methods: Record<string, TestResult> = {};
  // With no values on a side no method is defined (SciPy refuses them all), whatever a formula would return.
  if (smallerSide(sample) === 0) return methods;
  for (const test of statTests) {
    if (!test.kinds.includes(sample.kind) || (isSummarised(sample) && !test.boundsFromSummary)) continue;
    // Every finite field, also a statistic without its p-value (chi2_gof of one category is 0, its p undefined).
    const result = finiteResult(test, sample);
    if (result) methods[test.name] = result;
  }
  return methods;
}

/**
 * The distance shown beside a p-value: Wasserstein distance in baseline standard deviations for numbers,
 * Jensen–Shannon distance for categories.
 */
function effectSize(sample: Sample): ColumnResult['effect_size'] {
  const method = sample.kind === 'numerical' ? 'wasserstein_normed' : 'jensenshannon';
  const distance = runTest(findStatTest(method)!, sample)?.distance;
  return distance === undefined ? undefined : { method, distance };
}

function sideSummary(column: SideColumn, rows: number): SideSummary {
  const missing = missingCount(column);
  return { rows, missing, missing_share: rows === 0 ? 0 : missing / rows };
}

function addDescriptiveStatistics(result: ColumnResult, sample: Sample): void {
  if (sample.kind === 'categorical') {
    result.baseline.categories = countNonZero(sample.reference);
    result.current.categories = countNonZero(sample.current);
    return;
  }
  describeNumbers(result.baseline, sample.reference, sample.summarised?.referenceMoments);
  describeNumbers(result.current, sample.current, sample.summarised?.currentMoments);
}

/** `exact`: a summarised side's moments, which its representative points do not have. */
function describeNumbers(summary: SideSummary, sorted: Float64Array, exact: ExactMoments | undefined): void {
  if (sorted.length === 0) return;
  const spread = exact ? undefined : spreadOf(sorted);
  summary.mean = exact ? exact.mean : spread!.mean;
  summary.std = exact ? Math.sqrt(exact.squaredDeviations / exact.count) : spread!.std;
  summary.min = sorted[0];
  summary.median = medianSorted(sorted as unknown as number[]);
  summary.max = sorted[sorted.length - 1];
}

/** Numbers: the change of the mean. Categories: the category whose share moved most. */
function directionOf(result: ColumnResult, sample: Sample): Direction | undefined {
  if (sample.kind === 'categorical') return largestShareChange(sample);
  const { mean: baselineMean } = result.baseline;
  const { mean: currentMean } = result.current;
  if (baselineMean === undefined || currentMean === undefined) return undefined;
  return { kind: 'shift', baseline_mean: baselineMean, current_mean: currentMean, change: currentMean - baselineMean };
}

function countNonZero(counts: Float64Array): number {
  let nonZero = 0;
  for (const count of counts) if (count > 0) nonZero++;
  return nonZero;
}

function countPresent(summary: SideSummary): number {
  return summary.rows - summary.missing;
}

function describeStorage(column: SideColumn, options: DriftOptions): string {
  if (cellStorage(column) === 'numeric') return 'numbers';
  const first = column.storage === 'text' ? firstText(column, options.naValues) : undefined;
  return first === undefined ? 'text' : `text (from data row ${first.row}: ${JSON.stringify(abbreviate(first.text))})`;
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function missingInCurrent(column: SideColumn, baseline: Dataset, current: Dataset, options: DriftOptions): ColumnResult {
  const kind = options.declaredKinds.get(column.name) ?? inferKind(column, undefined);
  return {
    name: column.name,
    type: kind,
    status: 'missing-in-current',
    drift_detected: true,
    reasons: ['missing in current data'],
    baseline: sideSummary(column, baseline.rowCount),
    current: { rows: current.rowCount, missing: current.rowCount, missing_share: 1 },
  };
}

function newInCurrent(column: SideColumn, baseline: Dataset, current: Dataset, options: DriftOptions): ColumnResult {
  return {
    name: column.name,
    type: options.declaredKinds.get(column.name) ?? inferKind(column, undefined),
    status: 'new-in-current',
    drift_detected: false,
    reasons: ['new in current data: not in the baseline, so not compared'],
    baseline: { rows: baseline.rowCount, missing: baseline.rowCount, missing_share: 1 },
    current: sideSummary(column, current.rowCount),
  };
}

function applyCorrection(columns: ColumnResult[], options: DriftOptions): void {
  if (options.correction === 'none') return;
  const tested = columns.filter((column) => column.output === 'p_value' && column.p_value !== undefined && column.score !== undefined);
  const adjusted = adjustPValues(
    tested.map((column) => column.p_value!),
    options.correction,
  );
  tested.forEach((column, index) => {
    column.p_value_adjusted = adjusted[index];
    column.score = adjusted[index];
    settle(column);
  });
}

function datasetVerdict(columns: ColumnResult[], options: DriftOptions): DatasetResult {
  const judged = columns.filter(
    (column) => column.status === 'drift' || column.status === 'no-drift' || column.status === 'missing-in-current',
  );
  const drifted = judged.filter((column) => column.drift_detected);
  const share = judged.length === 0 ? 0 : drifted.length / judged.length;
  const status = judged.length === 0 ? 'insufficient-data' : share >= options.driftShare ? 'drift' : 'no-drift';
  const rule = {
    drift_share_threshold: options.driftShare,
    correction: options.correction,
    min_rows: options.minRows,
    missing_share_threshold: options.missingShareThreshold,
  };
  const summary =
    status === 'insufficient-data'
      ? columns.length === 0
        ? 'No feature columns to compare: every column is a model column.'
        : `No column had enough data to test (at least ${options.minRows} non-missing values a side).`
      : `${status === 'drift' ? 'Drift detected' : 'No dataset drift'}: ${drifted.length} of ${judged.length} columns drifted (${formatPercent(share)}; the dataset drifts at ${formatPercent(options.driftShare)} or more).`;
  return {
    drift_detected: status === 'drift',
    status,
    drift_share: share,
    drifted_count: drifted.length,
    tested_count: judged.length,
    column_count: columns.length,
    drifted_columns: drifted.map((column) => column.name),
    rule,
    summary,
  };
}
