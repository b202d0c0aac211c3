import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { DriftResult } from '../../src/engine/result.js';
import { renderPrometheus } from '../../src/report/prometheus.js';
import { VERSION } from '../../src/core/version.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { normalDraws, seededRandom, tableOf } from '../helpers/tables.js';
import { parseExposition, type ParsedSample } from './exposition.js';
import { estimateOf, estimatedResult } from './estimated.js';

const QUOTED = 'shifted "quoted"';
const ESCAPES = 'back\\slash\nnew line}';
const UNICODE = 'température ✓ 日本 😀, a=b';
const HOSTILE_CATEGORIES = ['a"b', 'c\\d', 'e\nf', '}', '{x="y"}', 'ü'];
const ROWS = 300;
const CHECKED_AT = new Date('2024-05-06T07:08:09.500Z');

function hostileCategories(count: number, seed: number, skew: number): string[] {
  const uniform = seededRandom(seed);
  return Array.from({ length: count }, () => HOSTILE_CATEGORIES[Math.floor(uniform() ** skew * HOSTILE_CATEGORIES.length)]);
}

/** Mostly missing in the current data: too few values to test, but the missing share moved. */
function sparse(values: number[]): Array<number | null> {
  return values.map((value, index) => (index % 30 === 0 ? value : null));
}

/**
 * One column of every shape the metrics distinguish: p-value, distance, categorical, untestable, gone.
 * With `withModel`, the tables also carry a classifier's prediction log (its world changing half-way through
 * the current rows) and the check reads it as a model, so the model families are written too.
 */
function driftResult({ withModel = false } = {}): DriftResult {
  const baseline = tableOf({
    ...(withModel ? classifierLog(ROWS, { seed: 21 }) : {}),
    stable: normalDraws(ROWS, 0, 1),
    [QUOTED]: normalDraws(ROWS, 0, 2),
    [ESCAPES]: normalDraws(ROWS, 0, 3),
    [UNICODE]: hostileCategories(ROWS, 4, 1),
    sparse: normalDraws(ROWS, 0, 5),
    gone: normalDraws(ROWS, 0, 6),
  });
  const current = tableOf({
    ...(withModel ? classifierLog(ROWS, { seed: 22, shift: 0.5, changeAt: ROWS / 2 }) : {}),
    stable: normalDraws(ROWS, 0, 11),
    [QUOTED]: normalDraws(ROWS, 1.5, 12),
    [ESCAPES]: normalDraws(ROWS, 0.1, 13),
    [UNICODE]: hostileCategories(ROWS, 14, 3),
    sparse: sparse(normalDraws(ROWS, 0, 15)),
  });
  return compareTables(
    baseline,
    current,
    defaultDriftOptions({ columnMethods: new Map([[ESCAPES, 'wasserstein_normed']]), ...(withModel ? { model: CLASSIFIER } : {}) }),
  );
}

const column = (result: DriftResult, name: string) => result.columns.find((candidate) => candidate.name === name)!;

function find(samples: ParsedSample[], name: string, labels: Record<string, string> = {}): ParsedSample[] {
  return samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

function only(samples: ParsedSample[], name: string, labels: Record<string, string> = {}): ParsedSample {
  const found = find(samples, name, labels);
  if (found.length !== 1) throw new Error(`expected one ${name} ${JSON.stringify(labels)}, found ${found.length}`);
  return found[0];
}

describe('renderPrometheus', () => {
  const result = driftResult();
  const userLabels = { model: 'churn "v2"', dataset: 'eu/west\\daily' };
  const text = renderPrometheus(result, { labels: userLabels, timestamp: CHECKED_AT });
  const { families, samples } = parseExposition(text);

  it('builds on a result with every kind of column', () => {
    expect(column(result, 'stable')).toMatchObject({ status: 'no-drift', output: 'p_value' });
    expect(column(result, QUOTED)).toMatchObject({ status: 'drift', output: 'p_value' });
    expect(column(result, ESCAPES)).toMatchObject({ method: 'wasserstein_normed', output: 'distance' });
    expect(column(result, UNICODE)).toMatchObject({ type: 'categorical' });
    expect(column(result, UNICODE).score).toBeDefined();
    expect(column(result, 'sparse')).toMatchObject({ status: 'drift' });
    expect(column(result, 'sparse').score).toBeUndefined();
    expect(column(result, 'gone')).toMatchObject({ status: 'missing-in-current' });
  });

  it('writes one HELP and one gauge TYPE per family, before its samples, all under the driftgate_ prefix', () => {
    expect([...families.keys()]).toEqual([
      'driftgate_column_drift_score',
      'driftgate_column_drift_threshold',
      'driftgate_column_drift_detected',
      'driftgate_column_status',
      'driftgate_column_missing_share',
      'driftgate_column_rows',
      'driftgate_dataset_drift_share',
      'driftgate_dataset_drift_share_threshold',
      'driftgate_dataset_drift_detected',
      'driftgate_dataset_drifted_columns',
      'driftgate_dataset_tested_columns',
      'driftgate_dataset_rows',
      'driftgate_gate_tripped',
      'driftgate_gate_verdict',
      'driftgate_last_check_timestamp_seconds',
      'driftgate_info',
    ]);
    for (const [name, family] of families) {
      expect(family).toMatchObject({ type: 'gauge', help: expect.stringMatching(/\S/) });
      expect(family.samples.length).toBeGreaterThan(0);
      expect(text.split('\n').filter((line) => line.startsWith(`# HELP ${name} `))).toHaveLength(1);
    }
  });

  it('adds the user labels to every sample, escaped', () => {
    for (const sample of samples) expect(sample.labels).toMatchObject(userLabels);
    expect(text).toContain('model="churn \\"v2\\"",dataset="eu/west\\\\daily"');
  });

  it("reports each column's score and threshold with its method, type and output", () => {
    for (const name of ['stable', QUOTED, ESCAPES, UNICODE]) {
      const expected = column(result, name);
      const labels = { column: name, type: expected.type, method: expected.method!, output: expected.output! };
      expect(only(samples, 'driftgate_column_drift_score', labels).value).toBe(expected.score);
      expect(only(samples, 'driftgate_column_drift_threshold', labels).value).toBe(expected.threshold);
    }
    expect(only(samples, 'driftgate_column_drift_threshold', { column: ESCAPES }).labels.output).toBe('distance');
  });

  it('leaves out values a column does not have instead of writing NaN', () => {
    expect(find(samples, 'driftgate_column_drift_score', { column: 'sparse' })).toHaveLength(0);
    expect(only(samples, 'driftgate_column_drift_threshold', { column: 'sparse' }).value).toBe(column(result, 'sparse').threshold);
    expect(find(samples, 'driftgate_column_drift_score', { column: 'gone' })).toHaveLength(0);
    expect(find(samples, 'driftgate_column_drift_threshold', { column: 'gone' })).toHaveLength(0);
    expect(text).not.toMatch(/NaN|Inf|undefined/);
  });

  it('skips non-finite values that reach it, and drops a family left with none', () => {
    const broken = driftResult();
    for (const each of broken.columns) each.score = NaN;
    column(broken, QUOTED).threshold = Infinity;
    broken.dataset.drift_share = NaN;
    const rendered = renderPrometheus(broken, { labels: {}, timestamp: new Date(NaN) });
    const parsed = parseExposition(rendered);
    expect(parsed.families.has('driftgate_column_drift_score')).toBe(false);
    expect(parsed.families.has('driftgate_dataset_drift_share')).toBe(false);
    expect(parsed.families.has('driftgate_last_check_timestamp_seconds')).toBe(false);
    expect(find(parsed.samples, 'driftgate_column_drift_threshold', { column: QUOTED })).toHaveLength(0);
    expect(find(parsed.samples, 'driftgate_column_drift_threshold', { column: 'stable' })).toHaveLength(1);
    expect(rendered).not.toMatch(/NaN|Inf/);
  });

  it('reports drift verdicts, statuses, missing shares and rows per column', () => {
    for (const expected of result.columns) {
      expect(only(samples, 'driftgate_column_drift_detected', { column: expected.name, type: expected.type }).value).toBe(
        Number(expected.drift_detected),
      );
      const statuses = find(samples, 'driftgate_column_status', { column: expected.name });
      expect(statuses).toHaveLength(6);
      expect(statuses.filter((sample) => sample.value === 1).map((sample) => sample.labels.status)).toEqual([expected.status]);
      for (const [side, summary] of [
        ['baseline', expected.baseline],
        ['current', expected.current],
      ] as const) {
        expect(only(samples, 'driftgate_column_missing_share', { column: expected.name, side }).value).toBe(summary.missing_share);
        expect(only(samples, 'driftgate_column_rows', { column: expected.name, side }).value).toBe(summary.rows);
      }
    }
    expect(only(samples, 'driftgate_column_missing_share', { column: 'gone', side: 'current' }).value).toBe(1);
    expect(only(samples, 'driftgate_column_missing_share', { column: 'sparse', side: 'current' }).value).toBeCloseTo(29 / 30, 12);
  });

  it('reports the dataset verdict, the check time and the version', () => {
    const { dataset } = result;
    expect(only(samples, 'driftgate_dataset_drift_share').value).toBe(dataset.drift_share);
    expect(only(samples, 'driftgate_dataset_drift_share_threshold').value).toBe(0.5);
    expect(only(samples, 'driftgate_dataset_drift_detected').value).toBe(Number(dataset.drift_detected));
    expect(only(samples, 'driftgate_dataset_drifted_columns').value).toBe(dataset.drifted_count);
    expect(only(samples, 'driftgate_dataset_tested_columns').value).toBe(dataset.tested_count);
    expect(dataset.drifted_count).toBeGreaterThanOrEqual(3);
    expect(only(samples, 'driftgate_dataset_rows', { side: 'baseline' }).value).toBe(ROWS);
    expect(only(samples, 'driftgate_dataset_rows', { side: 'current' }).value).toBe(ROWS);
    expect(only(samples, 'driftgate_last_check_timestamp_seconds').value).toBe(1714979289.5);
    expect(only(samples, 'driftgate_info', { version: VERSION }).value).toBe(1);
  });

  it('escapes hostile column names so each stays on one line and reads back exactly', () => {
    expect(text).toContain('column="shifted \\"quoted\\""');
    expect(text).toContain('column="back\\\\slash\\nnew line}"');
    expect(text).toContain(`column="${UNICODE}"`);
    const named = new Set(find(samples, 'driftgate_column_drift_detected').map((sample) => sample.labels.column));
    expect(named).toEqual(new Set(result.columns.map((each) => each.name)));
    const detectedLines = text.split('\n').filter((line) => line.startsWith('driftgate_column_drift_detected{'));
    expect(detectedLines).toHaveLength(result.columns.length);
  });

  it('never writes category values, which are hostile data too', () => {
    expect(column(result, UNICODE).histogram).toMatchObject({ kind: 'categories' });
    for (const category of HOSTILE_CATEGORIES.filter((value) => value.length > 1)) expect(text).not.toContain(category);
  });

  it('writes the empty string for an empty user label value and an empty result with only dataset families', () => {
    // A result whose only column had too little data, and without its column entry: only dataset families remain.
    const tiny = compareTables(tableOf({ x: [1, 2, 3] }), tableOf({ x: [1, 2, 3] }), defaultDriftOptions());
    const empty = { ...tiny, columns: [] };
    const parsed = parseExposition(renderPrometheus(empty, { labels: { model: '' }, timestamp: CHECKED_AT }));
    expect([...parsed.families.keys()].every((name) => !name.startsWith('driftgate_column_'))).toBe(true);
    expect(only(parsed.samples, 'driftgate_dataset_tested_columns', { model: '' }).value).toBe(0);
  });

  it.each([
    ['1model', 'not a valid Prometheus label name'],
    ['has-dash', 'not a valid Prometheus label name'],
    ['', 'not a valid Prometheus label name'],
    ['mödel', 'not a valid Prometheus label name'],
    ['__name__', 'starts with "__"'],
    ['__anything', 'starts with "__"'],
    ['column', 'clashes with a label driftgate writes'],
    ['side', 'clashes with a label driftgate writes'],
    ['version', 'clashes with a label driftgate writes'],
  ])('rejects the user label name %j', (name, why) => {
    const render = () => renderPrometheus(result, { labels: { model: 'm', [name]: 'x' }, timestamp: CHECKED_AT });
    expect(render).toThrow(InputError);
    expect(render).toThrow(why);
    expect(render).toThrow(JSON.stringify(name));
  });

  it('accepts label names the format allows', () => {
    const rendered = renderPrometheus(result, { labels: { _private: 'x', Model_2: 'y' }, timestamp: CHECKED_AT });
    expect(only(parseExposition(rendered).samples, 'driftgate_info').labels).toEqual({ version: VERSION, _private: 'x', Model_2: 'y' });
  });
});

describe('the exposition checker used above', () => {
  it.each([
    ['no final newline', 'a 1'],
    ['an unknown escape', 'a{b="\\t"} 1\n'],
    ['an unterminated value', 'a{b="x} 1\n'],
    ['a family split in two', 'a 1\nb 1\na{c="d"} 1\n'],
    ['HELP after samples', 'a 1\n# HELP a text\n'],
    ['a duplicate series', 'a{b="1",c="2"} 1\na{c="2",b="1"} 2\n'],
    ['a non-finite value', 'a NaN\n'],
    ['a bad label name', 'a{1b="x"} 1\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});

/** Metric names a PromQL expression (or a Grafana `label_values(...)` query) reads. */
function metricNamesIn(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\blabel_values\s*\(\s*([^,()]*?)\s*,[^)]*\)/g, 'label_values($1)');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
  return [...stripped.matchAll(/(?<![\w:$])[a-zA-Z_:][\w:]*(?![\w:])(?!\s*\()/g)]
    .map((match) => match[0])
    .filter((word) => !keywords.has(word));
}

interface DashboardPanel {
  id: number;
  type: string;
  datasource?: { type: string; uid: string };
  targets?: Array<{ expr: string; datasource: { uid: string } }>;
  panels?: DashboardPanel[];
}

describe('grafana/driftgate-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(new URL('../../grafana/driftgate-dashboard.json', import.meta.url), 'utf8'));
  const panels: DashboardPanel[] = dashboard.panels.flatMap((panel: DashboardPanel) => [panel, ...(panel.panels ?? [])]);
  const variables: Array<{ name: string; query: string | { query: string }; datasource: { uid: string } }> = dashboard.templating.list;
  const expressions = [
    ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
    ...variables.map((variable) => (typeof variable.query === 'string' ? variable.query : variable.query.query)),
  ];
  const checked = driftResult({ withModel: true });
  const emitted = new Set(parseExposition(renderPrometheus(checked, { labels: {}, timestamp: CHECKED_AT })).families.keys());

  it('checks the dashboard against a result with a model section: performance with its interval, and a dated change point', () => {
    expect(checked.model?.performance?.interval).toBeDefined();
    expect(checked.model?.change_point?.onset?.order).toEqual(expect.any(String));
    expect(checked.columns.map((each) => each.name)).toEqual(
      expect.arrayContaining(['x', 'stable', QUOTED, ESCAPES, UNICODE, 'sparse', 'gone']),
    );
  });

  it('checks the metric name extraction it relies on', () => {
    expect(metricNamesIn('time() - max by (model) (a_b{c=~"$x", d="e{f}"}[5m] offset 1h) > bool 2 * 86400')).toEqual(['a_b']);
    expect(metricNamesIn('label_values(driftgate_info{model=~"$model"}, dataset)')).toEqual(['driftgate_info']);
    expect(metricNamesIn('rate(x_total[$__rate_interval]) / on(a) group_left(b) y')).toEqual(['x_total', 'y']);
  });

  it('only queries metrics renderPrometheus emits', () => {
    expect(expressions.length).toBeGreaterThan(10);
    const referenced = new Set<string>();
    for (const expression of expressions) {
      const names = metricNamesIn(expression);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        if (!emitted.has(name)) throw new Error(`the dashboard queries ${name}, which renderPrometheus does not emit: ${expression}`);
        referenced.add(name);
      }
    }
    for (const needed of [
      'driftgate_dataset_drift_share',
      'driftgate_dataset_drift_share_threshold',
      'driftgate_dataset_drift_detected',
      'driftgate_column_drift_score',
      'driftgate_column_drift_threshold',
      'driftgate_column_drift_detected',
      'driftgate_column_missing_share',
      'driftgate_last_check_timestamp_seconds',
      'driftgate_gate_tripped',
      'driftgate_performance_metric_value',
      'driftgate_performance_difference_lower',
      'driftgate_performance_difference_upper',
      'driftgate_performance_degradation',
      'driftgate_performance_max_degradation',
      'driftgate_performance_drift_detected',
      'driftgate_prediction_drift_detected',
      'driftgate_target_drift_detected',
      'driftgate_change_point_detected',
      'driftgate_change_point_row',
      'driftgate_change_point_timestamp_seconds',
    ]) {
      expect(referenced).toContain(needed);
    }
  });

  it('is an importable export: a DS_PROMETHEUS input used everywhere, unique panel ids, model/dataset/column variables', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels.filter((each) => each.type !== 'row')) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
      for (const target of panel.targets ?? []) expect(target.datasource.uid).toBe('${DS_PROMETHEUS}');
    }
    expect(variables.map((variable) => variable.name)).toEqual(['model', 'dataset', 'column']);
    for (const variable of variables) expect(variable.datasource.uid).toBe('${DS_PROMETHEUS}');
    for (const expression of expressions.filter((each) => each.includes('driftgate_column_') && !each.startsWith('label_values'))) {
      expect(expression).toContain('column=~"$column"');
    }
  });
});

describe('renderPrometheus with a model section', () => {
  const result = compareTables(
    tableOf(classifierLog(500, { seed: 1 })),
    tableOf(classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 })),
    defaultDriftOptions({ model: CLASSIFIER }),
  );
  const model = result.model!;
  const { families, samples } = parseExposition(renderPrometheus(result, { labels: { model: 'churn' }, timestamp: CHECKED_AT }));

  it('adds the gate, the model columns, the performance and the change points', () => {
    expect(only(samples, 'driftgate_gate_tripped').value).toBe(1);
    expect(only(samples, 'driftgate_gate_verdict', { gate: 'performance' }).value).toBe(1);
    expect(only(samples, 'driftgate_prediction_drift_detected').value).toBe(1);
    expect(only(samples, 'driftgate_model_column_drift_detected', { column: 'proba.yes', role: 'probability' }).value).toBe(1);
    expect(only(samples, 'driftgate_model_column_drift_score', { column: 'prediction', role: 'prediction' }).value).toBe(
      model.columns[0].score,
    );
    for (const family of families.values()) expect(family.type).toBe('gauge');
  });

  it('gives every metric of both sides, the verdict with its tolerance and interval', () => {
    const performance = model.performance!;
    expect(only(samples, 'driftgate_performance_metric_value', { metric: 'accuracy', side: 'baseline' }).value).toBe(
      performance.baseline_value,
    );
    expect(only(samples, 'driftgate_performance_metric_value', { metric: 'roc_auc', side: 'current' }).value).toBe(
      performance.metrics.current && 'roc_auc' in performance.metrics.current ? performance.metrics.current.roc_auc : NaN,
    );
    expect(only(samples, 'driftgate_performance_drift_detected', { metric: 'accuracy' }).value).toBe(1);
    expect(only(samples, 'driftgate_performance_degradation', { metric: 'accuracy' }).value).toBe(performance.degradation);
    expect(only(samples, 'driftgate_performance_max_degradation', { metric: 'accuracy' }).value).toBe(performance.allowed);
    expect(only(samples, 'driftgate_performance_difference_lower', { metric: 'accuracy' }).value).toBe(performance.interval!.lower);
    expect(only(samples, 'driftgate_performance_labelled_rows', { side: 'current' }).value).toBe(800);
  });

  it("places each detector's change point as a row and, for ISO 8601 order values, a time", () => {
    const onset = model.change_point!.onset!;
    expect(only(samples, 'driftgate_change_point_detected', { detector: 'adwin' }).value).toBe(1);
    expect(only(samples, 'driftgate_change_point_row', { detector: 'adwin', point: 'onset' }).value).toBe(onset.row);
    expect(only(samples, 'driftgate_change_point_timestamp_seconds', { detector: 'adwin', point: 'onset' }).value).toBe(
      Date.parse(onset.order as string) / 1000,
    );
  });

  it('refuses user labels that clash with the model labels', () => {
    expect(() => renderPrometheus(result, { labels: { metric: 'x' }, timestamp: CHECKED_AT })).toThrow(
      /clashes with a label driftgate writes itself/,
    );
  });
});

describe('renderPrometheus with the performance estimated without labels', () => {
  const result = estimatedResult();
  const estimate = estimateOf(result);
  const { samples } = parseExposition(renderPrometheus(result, { labels: {}, timestamp: CHECKED_AT }));
  const value = (name: string, labels: Record<string, string>) =>
    samples
      .filter((sample) => sample.name === name && Object.entries(labels).every(([key, text]) => sample.labels[key] === text))
      .map((sample) => sample.value);

  it('writes each estimate and its band edges, per group of rows', () => {
    for (const rows of ['unlabelled', 'labelled'] as const) {
      const block = estimate[rows]!;
      expect(value('driftgate_performance_estimated', { metric: 'accuracy', rows })).toEqual([block.accuracy.value]);
      expect(value('driftgate_performance_estimated_lower', { metric: 'roc_auc', rows })).toEqual([block.roc_auc!.lower]);
      expect(value('driftgate_performance_estimated_upper', { metric: 'f1', rows })).toEqual([block.f1.upper]);
      expect(value('driftgate_performance_estimated_rows', { rows })).toEqual([block.rows]);
    }
    expect(value('driftgate_performance_estimated_realized', { metric: 'precision', rows: 'labelled' })).toEqual([
      estimate.labelled!.precision.realized,
    ]);
    expect(value('driftgate_performance_estimated_realized', { rows: 'unlabelled' })).toEqual([]);
  });

  it("writes the estimate's verdict, the calibration and the gate it tripped", () => {
    expect(value('driftgate_performance_estimated_degraded', { metric: 'accuracy' })).toEqual([1]);
    expect(value('driftgate_performance_estimated_calibrated', {})).toEqual([Number(estimate.calibration.calibrated)]);
    expect(value('driftgate_gate_verdict', { gate: 'estimated-performance' })).toEqual([1]);
  });
});
