import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { DEFAULT_MAX_DEGRADATION, defaultDriftOptions, type ModelOptions } from '../../src/engine/options.js';
import type { ClassificationSideMetrics, DriftResult, ModelResult } from '../../src/engine/result.js';
import { accuracy } from '../../src/performance/accuracy.js';
import { estimatePerformance, fitCbpe } from '../../src/performance/cbpe.js';
import { classificationMetrics } from '../../src/performance/classification.js';
import { meanAbsoluteError } from '../../src/performance/mean-absolute-error.js';
import { parseMaxDegradation } from '../../src/performance/verdict.js';
import { loadFixture, TOLERANCE, type ClassificationCase } from '../performance/sklearn-fixtures.js';
import { BINARY, binaryLog, CLASSIFIER as classifier, classifierLog, minute, type Cell } from '../helpers/prediction-logs.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

function check(
  baseline: Record<string, Cell[]>,
  current: Record<string, Cell[]>,
  model: ModelOptions | undefined,
  overrides = {},
): DriftResult {
  return compareTables(
    tableOf(baseline, 'baseline.jsonl'),
    tableOf(current, 'current.jsonl'),
    defaultDriftOptions({ model, ...overrides }),
  );
}

const modelOf = (result: DriftResult): ModelResult => {
  if (!result.model) throw new Error('no model section');
  return result.model;
};

describe('the model section of a classifier', () => {
  const baseline = classifierLog(800, { seed: 1 });
  const current = classifierLog(1200, { seed: 2, shift: 0.6, changeAt: 600, unlabelledFrom: 1100 });
  const result = check(baseline, current, classifier);
  const model = modelOf(result);

  it('takes the prediction, probability, target and order columns out of the feature table', () => {
    expect(result.columns.map((column) => column.name)).toEqual(['x']);
    expect(model).toMatchObject({
      task: 'classification',
      prediction_column: 'prediction',
      target_column: 'label',
      probability_columns: { no: 'proba.no', yes: 'proba.yes' },
      order_column: 'time',
    });
    expect(model.columns.map((column) => [column.name, column.role, column.class_label, column.type])).toEqual([
      ['prediction', 'prediction', undefined, 'categorical'],
      ['proba.no', 'probability', 'no', 'numerical'],
      ['proba.yes', 'probability', 'yes', 'numerical'],
      ['label', 'target', undefined, 'categorical'],
    ]);
  });

  it('finds prediction drift when the inputs move the predictions, with the auto-selected method', () => {
    expect(model.prediction_drift).toMatchObject({ status: 'drift', drift_detected: true });
    expect(model.prediction_drift.drifted_columns).toContain('prediction');
    const prediction = model.columns.find((column) => column.role === 'prediction')!;
    // Two classes and at most 1000 baseline rows: the automatic choice is the two-proportion z-test.
    expect(prediction).toMatchObject({ method: 'z', auto_selected: true, status: 'drift' });
  });

  it('does not count labels that have not arrived as drift of the target', () => {
    const target = model.columns.find((column) => column.role === 'target')!;
    expect(target.current.missing).toBe(100);
    expect(target.reasons.join(' ')).not.toMatch(/missing values/);
  });

  it('computes every metric on each side exactly as the metric modules do, on the labelled rows only', () => {
    const labelled = current.label.flatMap((label, row) => (label === null ? [] : [row]));
    const rows = {
      task: 'classification' as const,
      yTrue: labelled.map((row) => current.label[row] as string),
      yPred: labelled.map((row) => current.prediction[row] as string),
    };
    const performance = model.performance!;
    expect(performance.labelled_rows).toEqual({ baseline: 800, current: 1100 });
    expect(performance.current_value).toBe(accuracy(rows.yTrue, rows.yPred));
    const expected = classificationMetrics({
      ...rows,
      probabilities: new Map([
        ['no', labelled.map((row) => current['proba.no'][row] as number)],
        ['yes', labelled.map((row) => current['proba.yes'][row] as number)],
      ]),
    })!;
    expect(performance.metrics.current).toMatchObject({
      rows: 1100,
      accuracy: expected.accuracy,
      f1_macro: expected.f1Macro,
      roc_auc: expected.rocAuc,
      log_loss: expected.logLoss,
      confusion_matrix: expected.confusionMatrix,
    });
  });

  it('gives the verdict on accuracy by default, with the seeded bootstrap interval of the change', () => {
    const performance = model.performance!;
    expect(performance).toMatchObject({
      metric: 'accuracy',
      direction: 'higher',
      status: 'degraded',
      drift_detected: true,
      max_degradation: { kind: 'relative', share: 0.05 },
    });
    expect(performance.difference).toBeCloseTo(performance.current_value! - performance.baseline_value!, 14);
    expect(performance.allowed).toBeCloseTo(0.05 * performance.baseline_value!, 14);
    expect(performance.interval).toMatchObject({ confidence: 0.95, resamples: 1000, seed: 42 });
    expect(performance.interval!.lower).toBeLessThan(performance.difference!);
    expect(performance.interval!.upper).toBeGreaterThan(performance.difference!);
    expect(performance.interval!.upper).toBeLessThan(0);
    expect(performance.summary).toMatch(
      /^Performance drift: Accuracy 0\.\d+ → 0\.\d+ \(−0\.\d+; 95% bootstrap interval of the change −0\.\d+ to −0\.\d+\), worse by more than the 0\.\d+ \(5% of the baseline\) allowed\.$/,
    );
  });

  it('is reproducible: the same data gives the same interval', () => {
    expect(modelOf(check(baseline, current, classifier)).performance!.interval).toEqual(model.performance!.interval);
  });

  it('locates the change near the row where the labels stopped following the model, ADWIN first', () => {
    const changePoint = model.change_point!;
    expect(changePoint).toMatchObject({
      status: 'change',
      detector: 'adwin',
      stream: { rows: 1100, order_column: 'time', signal: 'misclassification' },
    });
    expect(Math.abs(changePoint.onset!.row - 600)).toBeLessThanOrEqual(40);
    expect(changePoint.onset!.order).toBe(minute(changePoint.onset!.row));
    expect(changePoint.detected!.row).toBeGreaterThan(changePoint.onset!.row);
    expect(changePoint.detectors.adwin).toEqual({ status: 'change', onset: changePoint.onset, detected: changePoint.detected });
    expect(changePoint.summary).toBe(
      `The error rate rose from row ${changePoint.onset!.row} (${changePoint.onset!.order}); ADWIN was sure at row ${changePoint.detected!.row} (${changePoint.detected!.order}).`,
    );
  });

  it('charts the error rate in buckets that cover the stream in order', () => {
    const series = model.change_point!.error_series;
    expect(series.length).toBeGreaterThan(10);
    expect(series.reduce((rows, bucket) => rows + bucket.rows, 0)).toBe(1100);
    series.forEach((bucket, index) => {
      if (index > 0) expect(bucket.first_position).toBe(series[index - 1].first_position + series[index - 1].rows);
      expect(bucket.from! <= bucket.to!).toBe(true);
    });
    const before = series.filter((bucket) => bucket.first_row + bucket.rows < 600).map((bucket) => bucket.error);
    const after = series.filter((bucket) => bucket.first_row > 600).map((bucket) => bucket.error);
    expect(Math.max(...before)).toBeLessThan(Math.min(...after));
  });

  it('trips the gate on every verdict that found drift, and only on those chosen', () => {
    expect(result.gate).toMatchObject({ on: ['data', 'prediction', 'performance'], tripped: true });
    expect(result.gate.tripped_by).toEqual(expect.arrayContaining(['prediction', 'performance']));
    const onData = check(baseline, classifierLog(1200, { seed: 2, changeAt: 600 }), classifier, { gateOn: new Set(['data']) });
    expect(onData.model!.performance!.status).toBe('degraded');
    expect(onData.gate).toMatchObject({ on: ['data'], tripped: onData.dataset.drift_detected });
  });
});

describe('the multiple-testing correction', () => {
  it('runs over the model columns as their own family and keeps their other reasons', () => {
    const baseline = classifierLog(300, { seed: 30 });
    const current = classifierLog(300, { seed: 31, shift: 0.6 });
    current.prediction = current.prediction.map((label, row) => (row % 5 === 0 ? null : label));
    const model = modelOf(check(baseline, current, classifier, { correction: 'bonferroni' }));
    const prediction = model.columns.find((column) => column.role === 'prediction')!;
    expect(prediction.p_value_adjusted).toBeCloseTo(Math.min(1, prediction.p_value! * 4), 12);
    expect(prediction.reasons).toContain('missing values went from 0.0% to 20%');
  });
});

describe('the stream order', () => {
  it('streams by the order column, not by row, and leaves out rows without an order value', () => {
    const baseline = classifierLog(400, { seed: 3 });
    const inOrder = classifierLog(1000, { seed: 4, changeAt: 500 });
    // The same rows, written newest first, and with a few times lost.
    const reversed = Object.fromEntries(Object.entries(inOrder).map(([name, cells]) => [name, [...cells].reverse()]));
    reversed.time = reversed.time.map((time, row) => (row % 100 === 7 ? null : time));
    const forwards = modelOf(check(baseline, inOrder, classifier)).change_point!;
    const backwards = modelOf(check(baseline, reversed, classifier)).change_point!;
    expect(backwards.stream.rows).toBe(1000 - 10);
    expect(backwards.status).toBe('change');
    expect(Math.abs(Date.parse(backwards.onset!.order as string) - Date.parse(forwards.onset!.order as string))).toBeLessThanOrEqual(
      30 * 60_000,
    );
    // Rows are indices into the data as read, so newest-first rows count from the end.
    expect(reversed.time[backwards.onset!.row]).toBe(backwards.onset!.order);
  });

  it('sorts ISO 8601 times by the instant, whatever their offset', () => {
    const baseline = classifierLog(200, { seed: 5 });
    const current = classifierLog(200, { seed: 6 });
    // Every other row written in UTC-05:00: as text it would sort hours away from where it belongs.
    current.time = current.time.map((time, row) => {
      if (row % 2 === 0) return time;
      const local = new Date(Date.parse(time as string) - 5 * 3600_000).toISOString().slice(0, 19);
      return `${local}-05:00`;
    });
    const series = modelOf(check(baseline, current, classifier)).change_point!.error_series;
    expect(series.map((bucket) => bucket.first_row)).toEqual([...series.map((bucket) => bucket.first_row)].sort((a, b) => a - b));
  });

  it("uses the rows' own order without an order column", () => {
    const model = modelOf(
      check(classifierLog(400, { seed: 7 }), classifierLog(1000, { seed: 8, changeAt: 500 }), { ...classifier, order: undefined }),
    );
    expect(model.change_point!.stream).toEqual({ rows: 1000, signal: 'misclassification' });
    expect(model.change_point!.onset!.order).toBeUndefined();
    expect(Math.abs(model.change_point!.onset!.row - 500)).toBeLessThanOrEqual(40);
    // The time column is then an ordinary (identifier-like) column of the features.
    expect(
      check(classifierLog(400, { seed: 7 }), classifierLog(60, { seed: 8 }), { ...classifier, order: undefined }).columns.map(
        (column) => column.name,
      ),
    ).toContain('time');
  });
});

describe('too few labels', () => {
  const baseline = classifierLog(500, { seed: 9 });

  it('gives insufficient data for performance and the change point, and never trips the gate on them', () => {
    const result = check(baseline, classifierLog(500, { seed: 10, unlabelledFrom: 20 }), classifier);
    const model = modelOf(result);
    expect(model.performance).toMatchObject({
      status: 'insufficient-data',
      drift_detected: false,
      labelled_rows: { baseline: 500, current: 20 },
    });
    expect(model.performance!.reason).toBe('the current side has 20 labelled rows; 30 are needed');
    expect(model.performance!.summary).toBe('No performance verdict: the current side has 20 labelled rows; 30 are needed.');
    expect(model.performance!.metrics.current).toMatchObject({ rows: 20 });
    expect(model.change_point).toMatchObject({ status: 'insufficient-data', stream: { rows: 20 }, error_series: [] });
    expect(result.gate.tripped_by).not.toContain('performance');
  });

  it('treats a current side without the target column as labels not yet arrived', () => {
    const { label: _label, ...unlabelled } = classifierLog(500, { seed: 11 });
    const model = modelOf(check(baseline, unlabelled, classifier));
    expect(model.columns.find((column) => column.role === 'target')).toMatchObject({
      status: 'insufficient-data',
      drift_detected: false,
      reasons: ['no labels in the current data yet'],
    });
    expect(model.target_drift).toEqual({ status: 'insufficient-data', drift_detected: false, drifted_columns: [] });
    expect(model.performance).toMatchObject({ status: 'insufficient-data', labelled_rows: { current: 0 } });
  });

  it('drops rows missing a class score from the labelled rows', () => {
    const current = classifierLog(100, { seed: 12 });
    current['proba.yes'] = current['proba.yes'].map((score, row) => (row < 30 ? null : score));
    expect(modelOf(check(baseline, current, classifier)).performance!.labelled_rows.current).toBe(70);
  });
});

describe('a regressor', () => {
  /** y = 3x + noise; from `changeAt` on the noise triples. */
  function regressionLog(rows: number, seed: number, changeAt?: number): Record<string, Cell[]> {
    const x = normalDraws(rows, 10, seed);
    const noise = normalDraws(rows, 0, seed + 500);
    return {
      x,
      predicted: x.map((value) => 3 * value),
      actual: x.map((value, row) => 3 * value + noise[row] * (changeAt !== undefined && row >= changeAt ? 3 : 1)),
    };
  }
  const regressor: ModelOptions = { prediction: 'predicted', target: 'actual', maxDegradation: parseMaxDegradation('0.1') };
  const baseline = regressionLog(600, 13);
  const current = regressionLog(1000, 14, 500);
  const model = modelOf(check(baseline, current, regressor));

  it('is recognised from a numerical target and judged on the mean absolute error', () => {
    expect(model.task).toBe('regression');
    expect(model.columns.map((column) => column.type)).toEqual(['numerical', 'numerical']);
    expect(model.performance).toMatchObject({
      metric: 'mae',
      direction: 'lower',
      status: 'degraded',
      max_degradation: { kind: 'absolute', amount: 0.1 },
      allowed: 0.1,
    });
    expect(model.performance!.baseline_value).toBe(meanAbsoluteError(baseline.actual as number[], baseline.predicted as number[]));
    expect(Object.keys(model.performance!.metrics.current!).sort()).toEqual(['mae', 'mape', 'r2', 'rmse', 'rows']);
  });

  it('streams the absolute errors in units of the baseline MAE, to ADWIN only', () => {
    const changePoint = model.change_point!;
    expect(changePoint.stream).toEqual({ rows: 1000, signal: 'absolute-error', scale: model.performance!.baseline_value });
    expect(changePoint.detectors.ddm.status).toBe('not-applicable');
    expect(changePoint.detectors['page-hinkley'].status).toBe('not-applicable');
    expect(changePoint.status).toBe('change');
    expect(Math.abs(changePoint.onset!.row - 500)).toBeLessThanOrEqual(60);
    expect(changePoint.summary).toMatch(/^The absolute error rose from row \d+; ADWIN was sure at row \d+\.$/);
  });
});

describe('which task', () => {
  const rows = 200;
  const labels = (seed: number) => normalDraws(rows, 0, seed).map((value) => (value > 0 ? 1 : 0));

  it('reads integer labels with few values as classes, and unifies 1 with "1"', () => {
    const baseline = { prediction: labels(15), label: labels(15) };
    const current = { prediction: labels(16).map(String), label: labels(16) };
    const model = modelOf(check(baseline, current, { prediction: 'prediction', target: 'label', maxDegradation: DEFAULT_MAX_DEGRADATION }));
    expect(model.task).toBe('classification');
    expect(model.performance!.current_value).toBe(1);
  });

  it('follows the chosen metric, a declared kind, or given probabilities', () => {
    const values = { prediction: labels(17), label: labels(17) };
    const options = (extra: Partial<ModelOptions>): ModelOptions => ({
      prediction: 'prediction',
      target: 'label',
      maxDegradation: DEFAULT_MAX_DEGRADATION,
      ...extra,
    });
    expect(modelOf(check(values, values, options({ performanceMetric: 'rmse' }))).task).toBe('regression');
    expect(modelOf(check(values, values, options({}), { declaredKinds: new Map([['label', 'numerical']]) })).task).toBe('regression');
    const scored = { ...values, p0: values.label.map((label) => 1 - label), p1: values.label };
    expect(
      modelOf(
        check(
          scored,
          scored,
          options({
            probabilities: {
              kind: 'columns',
              columns: new Map([
                ['0', 'p0'],
                ['1', 'p1'],
              ]),
            },
          }),
        ),
      ).task,
    ).toBe('classification');
  });

  it('refuses a classification metric on fractional targets', () => {
    const values = { prediction: normalDraws(rows, 0, 18), label: normalDraws(rows, 0, 19) };
    expect(() =>
      check(values, values, {
        prediction: 'prediction',
        target: 'label',
        performanceMetric: 'accuracy',
        maxDegradation: DEFAULT_MAX_DEGRADATION,
      }),
    ).toThrow(/column "label" holds fractions such as -?\d.*the model looks like a regressor/);
  });

  it('refuses text where a regressor needs numbers, naming the file', () => {
    const baseline = { predicted: normalDraws(rows, 0, 20), actual: normalDraws(rows, 0, 21) };
    const current = {
      predicted: normalDraws(rows, 0, 22).map((value, row) => (row === 3 ? 'n/a' : value)),
      actual: normalDraws(rows, 0, 23),
    };
    const attempt = () => check(baseline, current, { prediction: 'predicted', target: 'actual', maxDegradation: DEFAULT_MAX_DEGRADATION });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/the prediction column "predicted" holds text in the current data/);
  });
});

describe('model columns that do not add up', () => {
  const table = classifierLog(100, { seed: 24 });
  const attempt = (model: Partial<ModelOptions>) => () => check(table, table, { maxDegradation: DEFAULT_MAX_DEGRADATION, ...model });

  it.each([
    ['an unknown column', { prediction: 'nope' }, /prediction column "nope" is in neither the baseline nor the current data/],
    [
      'a prefix no column has',
      { prediction: 'prediction', probabilities: { kind: 'prefix', prefix: 'score_' } },
      /no column name starts with the probability prefix "score_"/,
    ],
    [
      'a positive label beside one column per class',
      { prediction: 'prediction', probabilities: { kind: 'prefix', prefix: 'proba.' }, positiveLabel: 'yes' },
      /a positive label goes with one probability column; with one column per class \(no, yes\)/,
    ],
    [
      'one probability column without the prediction',
      { target: 'label', probabilities: { kind: 'positive', column: 'proba.yes' } },
      /class probabilities need the prediction column/,
    ],
    [
      'one column in two parts',
      { prediction: 'prediction', target: 'prediction' },
      /column "prediction" is named for two parts of the model/,
    ],
    [
      'an order column only the baseline has',
      { prediction: 'prediction', target: 'label', order: 'x2' },
      /order column "x2" is not in the current data/,
    ],
    [
      'class scores without the prediction',
      { target: 'label', probabilities: { kind: 'prefix', prefix: 'proba.' } },
      /class probabilities need the prediction column/,
    ],
  ] as const)('refuses %s', (_label, model, message) => {
    expect(attempt(model as Partial<ModelOptions>)).toThrow(message);
  });
});

describe('a binary model logging one probability column (predict_proba[:, 1])', () => {
  const fixtureCase = (name: string) =>
    loadFixture<ClassificationCase>('classification.json').cases.find((candidate) => candidate.name === name)!;
  /** A fixture case as a prediction log: its labels, predictions and the positive class's probability `p`. */
  const logOf = ({ y_true: yTrue, y_pred: yPred, probabilities }: ClassificationCase, label: (text: string) => Cell = (text) => text) => ({
    prediction: yPred.map(label),
    label: yTrue.map(label),
    p: Object.values(probabilities!)[0],
  });
  const oneColumn = (extra: Partial<ModelOptions> = {}): ModelOptions => ({
    prediction: 'prediction',
    target: 'label',
    probabilities: { kind: 'positive', column: 'p' },
    maxDegradation: DEFAULT_MAX_DEGRADATION,
    ...extra,
  });
  const sides = (model: ModelResult) =>
    [model.performance!.metrics.baseline, model.performance!.metrics.current] as ClassificationSideMetrics[];
  const expectSklearn = (got: number | undefined, expected: number | null | undefined) => {
    expect(expected).toEqual(expect.any(Number));
    expect(Math.abs(got! - expected!)).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(expected!)));
  };

  it("reports scikit-learn's ROC AUC and log loss for the named positive class, even the lesser label", () => {
    const churn = fixtureCase('one_column_positive_is_lesser_label');
    const log = logOf(churn);
    const model = modelOf(check(log, log, oneColumn({ positiveLabel: 'churn' })));
    expect(model.probability_columns).toEqual({ churn: 'p' });
    for (const side of sides(model)) {
      expectSklearn(side.roc_auc, churn.expected.roc_auc);
      expectSklearn(side.log_loss, churn.expected.log_loss);
    }
  });

  it('reads CLASS=COLUMN with one entry, and a prefix matching one column, as the same', () => {
    const churn = fixtureCase('one_column_positive_is_lesser_label');
    const log = logOf(churn);
    const named = modelOf(check(log, log, oneColumn({ probabilities: { kind: 'columns', columns: new Map([['churn', 'p']]) } })));
    const given = modelOf(check(log, log, oneColumn({ positiveLabel: 'churn' })));
    expect(named.performance).toEqual(given.performance);
    const prefixed = { prediction: log.prediction, label: log.label, 'proba.churn': log.p };
    const byPrefix = modelOf(check(prefixed, prefixed, oneColumn({ probabilities: { kind: 'prefix', prefix: 'proba.' } })));
    expect(byPrefix.probability_columns).toEqual({ churn: 'proba.churn' });
    expect(byPrefix.performance!.metrics).toEqual(given.performance!.metrics);
  });

  it("takes 1 as the positive class of 0/1 labels, numbers or text, as scikit-learn's pos_label", () => {
    const tied = fixtureCase('one_column_tied_scores');
    for (const log of [logOf(tied, Number), logOf(tied)]) {
      const model = modelOf(check(log, log, oneColumn()));
      expect(model.probability_columns).toEqual({ 1: 'p' });
      const [, current] = sides(model);
      expectSklearn(current.roc_auc, tied.expected.roc_auc);
      expectSklearn(current.log_loss, tied.expected.log_loss);
    }
  });

  it('takes 1 for −1/1 labels, and clips scores at 0 and 1 as scikit-learn', () => {
    const extreme = fixtureCase('one_column_extreme_scores');
    const log = logOf(extreme, Number);
    const model = modelOf(check(log, log, oneColumn()));
    const [, current] = sides(model);
    expectSklearn(current.roc_auc, extreme.expected.roc_auc);
    expectSklearn(current.log_loss, extreme.expected.log_loss);
  });

  it('gives the verdict on ROC AUC or log loss, with its bootstrap interval', () => {
    const churn = fixtureCase('one_column_positive_is_lesser_label');
    const log = logOf(churn);
    for (const performanceMetric of ['roc_auc', 'log_loss'] as const) {
      const performance = modelOf(check(log, log, oneColumn({ positiveLabel: 'churn', performanceMetric }))).performance!;
      expect(performance).toMatchObject({ metric: performanceMetric, status: 'ok', difference: 0 });
      expectSklearn(performance.current_value, churn.expected[performanceMetric]);
      expect(performance.interval!.undefined_resamples).toBe(0);
      expect(performance.interval!.lower).toBeLessThan(0);
      expect(performance.interval!.upper).toBeGreaterThan(0);
    }
  });

  it('tests the probability column for drift, as the probability of the positive class', () => {
    const baseline = classifierLog(800, { seed: 31 });
    const current = classifierLog(800, { seed: 32, shift: 0.6 });
    const model = modelOf(
      check(baseline, current, oneColumn({ probabilities: { kind: 'positive', column: 'proba.yes' }, positiveLabel: 'yes' })),
    );
    expect(model.columns.map((column) => [column.name, column.role, column.class_label, column.type])).toEqual([
      ['prediction', 'prediction', undefined, 'categorical'],
      ['proba.yes', 'probability', 'yes', 'numerical'],
      ['label', 'target', undefined, 'categorical'],
    ]);
    expect(model.prediction_drift.drifted_columns).toContain('proba.yes');
  });

  const churnLog = logOf(fixtureCase('one_column_positive_is_lesser_label'));
  it.each([
    [
      'labels without a default positive class',
      churnLog,
      {},
      /with labels "churn", "stay" there is no default \(scikit-learn's is 1, for labels 0 and 1 or -1 and 1\): name the positive class \(--positive-label/,
    ],
    [
      'a positive label not among the labels',
      churnLog,
      { positiveLabel: 'yes' },
      /the positive class "yes" is not among the labels of the prediction and target columns \("churn", "stay"\)/,
    ],
    [
      'a class named twice, differently',
      churnLog,
      { probabilities: { kind: 'columns', columns: new Map([['churn', 'p']]) }, positiveLabel: 'stay' },
      /named for class "churn", but the positive label is "stay"/,
    ],
    [
      'three classes',
      logOf(fixtureCase('one_column_three_labels')),
      { positiveLabel: 'a' },
      /the prediction and target columns hold 3 labels \("a", "b", "c"\): give one probability column per class/,
    ],
  ] as const)('refuses %s', (_label, log, extra, message) => {
    const attempt = () => check(log, log, oneColumn(extra as Partial<ModelOptions>));
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });

  it('without a target, takes the labels from the predictions and tests drift only', () => {
    const predictions = { prediction: churnLog.prediction, p: churnLog.p };
    const model = modelOf(
      check(predictions, predictions, {
        prediction: 'prediction',
        probabilities: { kind: 'positive', column: 'p' },
        positiveLabel: 'churn',
        maxDegradation: DEFAULT_MAX_DEGRADATION,
      }),
    );
    expect(model.probability_columns).toEqual({ churn: 'p' });
    expect(model.performance).toBeUndefined();
    expect(() =>
      check(predictions, predictions, {
        prediction: 'prediction',
        probabilities: { kind: 'positive', column: 'p' },
        positiveLabel: 'yes',
        maxDegradation: DEFAULT_MAX_DEGRADATION,
      }),
    ).toThrow('the positive class "yes" is not among the labels of the prediction column ("churn", "stay")');
  });

  it('refuses a probability outside [0, 1], naming the side, the row and the column', () => {
    const current = { ...churnLog, p: churnLog.p.map((value, row) => (row === 6 ? 1.5 : value)) };
    let error: unknown;
    try {
      check(churnLog, current, oneColumn({ positiveLabel: 'churn' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe(
      'current.jsonl: column "p": data row 7 of the current data holds 1.5, not a probability in [0, 1]: the one probability column is the probability of class "churn"',
    );
  });

  describe('performance estimated for the current rows whose labels have not arrived (CBPE)', () => {
    const log = logOf(fixtureCase('one_column_positive_is_lesser_label'));
    const unlabelledFrom = 150;
    const current = { ...log, label: log.label.map((label, row) => (row < unlabelledFrom ? label : null)) };
    const performance = modelOf(check(log, current, oneColumn({ positiveLabel: 'churn' }))).performance!;
    const cbpe = fitCbpe({
      scores: log.p,
      isPositive: log.label.map((label) => label === 'churn'),
      predictedPositive: log.prediction.map((label) => label === 'churn'),
    });

    it('estimates from the labelled baseline, on exactly the unlabelled current rows', () => {
      const unlabelled = {
        scores: log.p.slice(unlabelledFrom),
        predictedPositive: log.prediction.slice(unlabelledFrom).map((label) => label === 'churn'),
      };
      const direct = estimatePerformance(cbpe, unlabelled)!;
      const { estimated } = performance;
      expect(estimated).toMatchObject({ method: 'cbpe', positive_label: 'churn', baseline_rows: 200, band_standard_errors: 3 });
      expect(estimated!.calibration.calibrated).toBe(direct.calibrated);
      expect(estimated!.unlabelled!.rows).toBe(50);
      expect(estimated!.unlabelled!.expected_confusion_matrix.true_positives).toBe(direct.expectedConfusion.truePositives);
      for (const metric of ['accuracy', 'precision', 'recall', 'f1'] as const) {
        const { value, standardError, lower, upper } = direct[metric];
        expect(estimated!.unlabelled![metric]).toEqual({ value, standard_error: standardError, lower, upper });
      }
      expect(estimated!.unlabelled!.roc_auc?.value).toBe(direct.rocAuc!.value);
    });

    it('estimates the labelled current rows too, each metric beside its realized value, as scikit-learn scores the positive class', () => {
      const labelled = {
        scores: log.p.slice(0, unlabelledFrom),
        predictedPositive: log.prediction.slice(0, unlabelledFrom).map((label) => label === 'churn'),
      };
      const direct = estimatePerformance(cbpe, labelled)!;
      const block = performance.estimated!.labelled!;
      expect(block.rows).toBe(unlabelledFrom);
      expect(block.accuracy.value).toBe(direct.accuracy.value);
      const positive = (performance.metrics.current as ClassificationSideMetrics).per_class.find((scores) => scores.label === 'churn')!;
      expect(block.accuracy.realized).toBeCloseTo((performance.metrics.current as ClassificationSideMetrics).accuracy, 12);
      expect([block.precision.realized, block.recall.realized, block.f1.realized]).toEqual(
        [positive.precision, positive.recall, positive.f1].map((value) => expect.closeTo(value, 12)),
      );
      expect(block.roc_auc!.realized).toBeCloseTo((performance.metrics.current as ClassificationSideMetrics).roc_auc!, 12);
      for (const metric of ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'] as const) {
        const { realized, lower, upper, within_band: within } = block[metric]!;
        expect(within).toBe(realized! >= lower! && realized! <= upper!);
      }
    });

    it('gives a verdict on the unlabelled rows that stands in for the realized one only while labels are too few', () => {
      expect(performance.status).toBe('ok');
      expect(performance.estimated!.verdict).toMatchObject({ metric: 'accuracy', replaces_realized: false });
      const fewLabels = { ...log, label: log.label.map((label, row) => (row < 10 ? label : null)) };
      const lacking = modelOf(check(log, fewLabels, oneColumn({ positiveLabel: 'churn' }))).performance!;
      expect(lacking.status).toBe('insufficient-data');
      expect(lacking.estimated!.verdict).toMatchObject({
        metric: 'accuracy',
        replaces_realized: true,
        baseline_value: (lacking.metrics.baseline as ClassificationSideMetrics).accuracy,
      });
    });

    it('estimates only the labelled rows when every current row is labelled, and nothing with one probability column per class', () => {
      const estimated = modelOf(check(log, log, oneColumn({ positiveLabel: 'churn' }))).performance!.estimated!;
      expect(estimated.unlabelled).toBeUndefined();
      expect(estimated.verdict).toBeUndefined();
      expect(estimated.labelled!.rows).toBe(200);
      const twoColumns = { ...current, q: log.p.map((p) => 1 - p) };
      const perClass = oneColumn({
        probabilities: {
          kind: 'columns',
          columns: new Map([
            ['churn', 'p'],
            ['stay', 'q'],
          ]),
        },
      });
      expect(modelOf(check({ ...log, q: twoColumns.q }, twoColumns, perClass)).performance!.estimated).toBeUndefined();
    });
  });

  describe("the estimate's verdict (CBPE, labels not yet arrived)", () => {
    const baseline = binaryLog(1000, { seed: 11, spread: 4 });
    const verdictOf = (current: Record<string, Cell[]>, extra: Partial<ModelOptions> = {}) =>
      modelOf(check(baseline, current, { ...BINARY, ...extra })).performance!;

    it("is degraded when the inputs crowd where the model is unsure, even at the band's upper edge", () => {
      const performance = verdictOf(binaryLog(400, { seed: 12, spread: 0.5, labelledRows: 0 }));
      const verdict = performance.estimated!.verdict!;
      const accuracy = performance.estimated!.unlabelled!.accuracy;
      expect(performance.status).toBe('insufficient-data');
      expect(verdict).toMatchObject({
        metric: 'accuracy',
        metric_title: 'Accuracy',
        status: 'degraded',
        replaces_realized: true,
        estimated_value: accuracy.value,
      });
      expect(verdict.baseline_value).toBe((performance.metrics.baseline as ClassificationSideMetrics).accuracy);
      expect(verdict.band_degradation).toBeCloseTo(verdict.baseline_value! - accuracy.upper!, 12);
      expect(verdict.band_degradation).toBeGreaterThan(verdict.allowed!);
      expect(verdict.allowed).toBeCloseTo(0.05 * verdict.baseline_value!, 12);
      expect(verdict.summary).toMatch(
        /^Estimated performance drift: Accuracy 0\.\d+ → 0\.\d+ estimated on 400 unlabelled rows \(±3σ band 0\.\d+ to 0\.\d+\), worse by more than the 0\.\d+ allowed even at the band's upper edge\.$/,
      );
    });

    it("is ok when the current inputs are like the baseline's", () => {
      const verdict = verdictOf(binaryLog(400, { seed: 13, spread: 4, labelledRows: 0 })).estimated!.verdict!;
      expect(verdict).toMatchObject({ status: 'ok', replaces_realized: true });
      expect(verdict.band_degradation).toBeLessThanOrEqual(verdict.allowed!);
      expect(verdict.summary).toMatch(/^No estimated performance drift: .*the band's upper edge within the 0\.\d+ allowed\.$/);
    });

    it('is ok while the band reaches back within the tolerance though the estimate alone is beyond it', () => {
      // 12 unsure rows: the estimate is far below the baseline, but 12 rows say too little to stop a release.
      const performance = verdictOf(binaryLog(12, { seed: 14, spread: 0.5, labelledRows: 0 }));
      const verdict = performance.estimated!.verdict!;
      expect(verdict.degradation).toBeGreaterThan(verdict.allowed!);
      expect(verdict.band_degradation).toBeLessThanOrEqual(verdict.allowed!);
      expect(verdict.status).toBe('ok');
    });

    it('judges ROC AUC when that is the chosen metric, and accuracy for a metric CBPE does not estimate', () => {
      const current = binaryLog(400, { seed: 12, spread: 0.5, labelledRows: 0 });
      expect(verdictOf(current, { performanceMetric: 'roc_auc' }).estimated!.verdict).toMatchObject({
        metric: 'roc_auc',
        metric_title: 'ROC AUC',
      });
      expect(verdictOf(current, { performanceMetric: 'f1_macro' }).estimated!.verdict!.metric).toBe('accuracy');
    });

    it('takes an absolute tolerance as the realized verdict does', () => {
      const verdict = verdictOf(binaryLog(400, { seed: 12, spread: 0.5, labelledRows: 0 }), { maxDegradation: parseMaxDegradation('1') })
        .estimated!.verdict!;
      expect(verdict).toMatchObject({ status: 'ok', allowed: 1 });
    });
  });
});

describe('without model columns', () => {
  it('gates on the dataset alone, as before', () => {
    const result = compareTables(tableOf({ a: normalDraws(100, 0, 1) }), tableOf({ a: normalDraws(100, 2, 2) }), defaultDriftOptions());
    expect(result.model).toBeUndefined();
    expect(result.gate).toEqual({
      on: ['data', 'prediction', 'performance'],
      tripped: true,
      tripped_by: ['data'],
      insufficient_data: [],
      on_insufficient_data: 'pass',
      summary: 'Gate tripped: data drift.',
    });
    const stable = compareTables(tableOf({ a: normalDraws(100, 0, 1) }), tableOf({ a: normalDraws(100, 0, 2) }), defaultDriftOptions());
    expect(stable.gate).toMatchObject({ tripped: false, tripped_by: [], summary: 'Gate passed: no data drift.' });
  });
});
