/**
 * Model monitoring end to end, through the committed bundles: the CLI and the check action on the
 * prediction-log example (examples/prediction-logs, written by scripts/make-prediction-logs.js). There the
 * inputs move so the predictions drift, and from a known row the labels stop following the model; the
 * newest rows have no label yet. Both must report the prediction drift, the fall in accuracy with its
 * interval, and where the fall began, and agree with each other and with the data.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANGE_ROW, UNLABELLED_FROM_ROW, predictionLogs } from '../../scripts/make-prediction-logs.js';
import type { ClassificationSideMetrics } from '../../src/engine/result.js';
import { escapeHtml } from '../../src/report/escape.js';
import type { JsonReport } from '../../src/report/json.js';
import { expectClose, loadFixture } from '../performance/sklearn-fixtures.js';
import { ACTION_ROOT, runCli, type ProcessResult } from '../helpers/processes.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runAction, type ActionRun } from '../helpers/runner.js';

const LOGS = join(REPO_ROOT, 'examples', 'prediction-logs');
/** `driftgate check` on the example logs with their prediction and target columns. */
const CHECK_LOGS = [
  'check',
  '--baseline',
  join(LOGS, 'baseline.jsonl'),
  '--current',
  join(LOGS, 'current.jsonl'),
  '--prediction',
  'prediction',
  '--target',
  'label',
];
/** ADWIN checks every 32 rows and needs evidence: the onset lands near the change, not on it. */
const ONSET_TOLERANCE = 50;

interface LogLine {
  timestamp: string;
  prediction: string;
  probability: Record<string, number>;
  label: string | null;
}

const readLog = (name: string): LogLine[] =>
  readFileSync(join(LOGS, name), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);

const current = readLog('current.jsonl');
const labelled = current.filter((line) => line.label !== null);
const currentAccuracy = labelled.filter((line) => line.label === line.prediction).length / labelled.length;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'driftgate-model-monitoring-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('runs on the committed example, exactly as the script makes it', () => {
  for (const [name, text] of Object.entries(predictionLogs()))
    expect({ name, fresh: readFileSync(join(LOGS, name), 'utf8') === text }).toEqual({ name, fresh: true });
  // Labels arrive for part of the rows only: none for the newest, most for the others.
  expect(current.slice(UNLABELLED_FROM_ROW).every((line) => line.label === null)).toBe(true);
  expect(labelled.length / UNLABELLED_FROM_ROW).toBeGreaterThan(0.8);
  expect(labelled.length / UNLABELLED_FROM_ROW).toBeLessThan(0.9);
});

/** What both surfaces must find in their JSON report. */
function expectModelFindings(report: JsonReport): void {
  expect(report.schema_version).toBe(3);
  expect(report.gate.tripped).toBe(true);
  expect(report.gate.tripped_by).toEqual(expect.arrayContaining(['prediction', 'performance']));
  expect(report.columns.map((column) => column.name).sort()).toEqual([
    'features.contract',
    'features.monthly_charges',
    'features.support_calls',
    'features.tenure_months',
    'request_id',
  ]);

  const model = report.model!;
  expect(model.task).toBe('classification');
  expect(model.probability_columns).toEqual({ churn: 'probability.churn', stay: 'probability.stay' });
  expect(model.prediction_drift.drift_detected).toBe(true);
  expect(model.prediction_drift.drifted_columns).toContain('prediction');

  const performance = model.performance!;
  expect(performance).toMatchObject({
    metric: 'accuracy',
    status: 'degraded',
    drift_detected: true,
    labelled_rows: { baseline: 2000, current: labelled.length },
  });
  expect(performance.current_value).toBeCloseTo(currentAccuracy, 12);
  expect(performance.interval).toMatchObject({ confidence: 0.95, resamples: 1000, seed: 42, undefined_resamples: 0 });
  expect(performance.interval!.lower).toBeLessThan(performance.difference!);
  expect(performance.difference!).toBeLessThan(performance.interval!.upper);
  // The whole interval is below zero: the fall is not sampling noise.
  expect(performance.interval!.upper).toBeLessThan(0);

  const changePoint = model.change_point!;
  expect(changePoint).toMatchObject({
    status: 'change',
    detector: 'adwin',
    stream: { rows: labelled.length, order_column: 'timestamp', signal: 'misclassification' },
  });
  expect(Math.abs(changePoint.onset!.row - CHANGE_ROW)).toBeLessThanOrEqual(ONSET_TOLERANCE);
  expect(changePoint.onset!.order).toBe(current[changePoint.onset!.row].timestamp);
  expect(changePoint.detected!.row).toBeGreaterThan(changePoint.onset!.row);
  expect(changePoint.detected!.row).toBeLessThan(UNLABELLED_FROM_ROW);
  expect(changePoint.detected!.order).toBe(current[changePoint.detected!.row].timestamp);
}

describe('the CLI', () => {
  let run: ProcessResult;
  let report: JsonReport;
  beforeAll(async () => {
    run = await runCli([
      ...CHECK_LOGS,
      '--probability',
      'churn=probability.churn',
      '--probability',
      'stay=probability.stay',
      '--order',
      'timestamp',
      '--format',
      'json',
    ]);
    report = JSON.parse(run.stdout);
  });

  it('exits 1: the gate tripped', async () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('reports prediction drift, the fall in accuracy with its interval, and where it began', async () => {
    expectModelFindings(report);
  });

  it('exits 0 when only performance gates and the fall stays within a wider tolerance', async () => {
    const passing = await runCli([...CHECK_LOGS, '--max-degradation', '0.5', '--gate-on', 'performance']);
    expect(passing.stderr).toBe('');
    expect(passing.status).toBe(0);
    expect(passing.stdout.split('\n')[0]).toBe('Gate passed: no performance drift.');
  });

  it('without labelled current rows passes, saying performance was not measured, and exits 1 with --insufficient-data fail, every format heading with that sentence', async () => {
    const unlabelled = join(scratch, 'unlabelled.jsonl');
    writeFileSync(
      unlabelled,
      `${readFileSync(join(LOGS, 'current.jsonl'), 'utf8').trimEnd().split('\n').slice(UNLABELLED_FROM_ROW).join('\n')}\n`,
    );
    const check = (...more: string[]) =>
      runCli([
        'check',
        '--baseline',
        join(LOGS, 'baseline.jsonl'),
        '--current',
        unlabelled,
        '--prediction',
        'prediction',
        '--target',
        'label',
        '--gate-on',
        'performance',
        ...more,
      ]);
    const passing = await check();
    expect([passing.status, passing.stderr]).toEqual([0, '']);
    expect(passing.stdout.split('\n')[0]).toBe('Gate passed: performance not measured: no labelled current rows.');

    const failing = await check('--insufficient-data', 'fail', '--format', 'json');
    expect([failing.status, failing.stderr]).toEqual([1, '']);
    const { gate } = JSON.parse(failing.stdout) as JsonReport;
    expect(gate).toMatchObject({
      tripped: true,
      insufficient_data: ['performance'],
      summary: 'Gate tripped: performance not measured: no labelled current rows (insufficient-data is fail).',
    });
    const markdown = await check('--insufficient-data', 'fail', '--format', 'markdown');
    expect(markdown.status).toBe(1);
    expect(markdown.stdout.split('\n')[0]).toBe(`### 🔴 ${gate.summary}`);
    const html = await check('--insufficient-data', 'fail', '--format', 'html');
    expect(html.status).toBe(1);
    expect(html.stdout).toContain(`<p class="verdict-headline">Gate tripped</p>`);
    expect(html.stdout).toContain(escapeHtml(gate.summary));
    const text = await check('--insufficient-data', 'fail');
    expect([text.status, text.stdout.split('\n')[0]]).toEqual([1, gate.summary]);
  });

  describe('and the check action', () => {
    let workspace: string;
    let action: ActionRun;
    beforeAll(async () => {
      workspace = join(scratch, 'workspace');
      mkdirSync(join(workspace, 'logs'), { recursive: true });
      for (const name of ['baseline.jsonl', 'current.jsonl']) copyFileSync(join(LOGS, name), join(workspace, 'logs', name));
      action = await runAction({
        actionDir: ACTION_ROOT,
        workspace,
        with: {
          baseline: 'logs/baseline.jsonl',
          current: 'logs/current.jsonl',
          'prediction-column': 'prediction',
          'target-column': 'label',
          'probability-columns': 'probability.*',
          'order-column': 'timestamp',
        },
      });
    }, 60_000);

    it('passes the step and sets the model outputs from its report', () => {
      expect(action.stderr).toBe('');
      expect(action.exitCode).toBe(0);
      const actionReport = JSON.parse(readFileSync(action.outputs.report, 'utf8')) as JsonReport;
      expectModelFindings(actionReport);
      const { performance, change_point: changePoint, target_drift: targetDrift } = actionReport.model!;
      expect(action.outputs).toMatchObject({
        'drift-detected': 'true',
        'tripped-by': JSON.stringify(actionReport.gate.tripped_by),
        'gate-summary': actionReport.gate.summary,
        'prediction-drift': 'true',
        'target-drift': String(targetDrift.drift_detected),
        'performance-drift': 'true',
        'performance-status': 'degraded',
        'performance-metric-value': String(performance!.current_value),
        // One column per class: no estimate without labels (that needs the positive class's one column).
        'estimated-performance-status': '',
        'estimated-performance-value': '',
        'change-point': changePoint!.onset!.order,
      });
    });

    it('annotates the model verdicts before the drifted columns', () => {
      const warnings = action.commands.filter((command) => command.command === 'warning');
      const titles = warnings.map((warning) => warning.properties.title);
      expect(titles.slice(0, 2)).toEqual([expect.stringMatching(/^Performance drift: /), 'Prediction drift']);
      expect(warnings[0].message).toContain(JSON.parse(readFileSync(action.outputs.report, 'utf8')).model.performance.summary);
      expect(warnings.length).toBeLessThanOrEqual(10);
    });

    it('agrees with the CLI on everything about the model', () => {
      const actionReport = JSON.parse(readFileSync(action.outputs.report, 'utf8')) as JsonReport;
      expect(actionReport.model).toEqual(report.model);
      expect(actionReport.gate).toEqual(report.gate);
    });

    it('shows the model first in the summary, the Markdown and HTML reports, and in the metrics', () => {
      expect(action.summary).toMatch(/^## 🔴 Gate tripped: /);
      expect(action.summary.indexOf('### Model (classification)')).toBeLessThan(action.summary.indexOf('### Features'));
      expect(action.summary).toContain('| **Accuracy** (verdict) |');
      expect(action.summary).toContain('xychart-beta\n    title "Error rate by timestamp (bar: where the rise began)"');
      const markdown = readFileSync(action.outputs['report-markdown'], 'utf8');
      expect(markdown.indexOf('#### Model (classification)')).toBeLessThan(markdown.indexOf('#### Features'));
      const html = readFileSync(action.outputs['report-html'], 'utf8');
      expect(html.indexOf('aria-label="Model"')).toBeLessThan(html.indexOf('aria-label="Features"'));
      expect(html).toContain('<line class="change-onset"');
      const metrics = readFileSync(action.outputs['metrics-file'], 'utf8');
      expect(metrics).toContain('driftgate_performance_drift_detected{metric="accuracy"} 1');
      expect(metrics).toMatch(/^driftgate_change_point_timestamp_seconds\{detector="adwin",point="onset"\} \d+$/m);
    });

    it('fails the step on the gate with fail-on-drift, naming what tripped it', async () => {
      const gated = await runAction({
        actionDir: ACTION_ROOT,
        workspace,
        with: {
          baseline: 'logs/baseline.jsonl',
          current: 'logs/current.jsonl',
          'prediction-column': 'prediction',
          'target-column': 'label',
          'gate-on': 'performance',
          'fail-on-drift': 'true',
          'report-dir': 'gated',
        },
      });
      expect(gated.exitCode).toBe(1);
      const errors = gated.commands.filter((command) => command.command === 'error');
      expect(errors.map((error) => error.message)).toEqual(['Gate tripped: performance drift. (fail-on-drift is true)']);
      expect(gated.outputs['drift-detected']).toBe('true');
      expect(gated.outputs['change-point']).toBe(
        String(JSON.parse(readFileSync(gated.outputs.report, 'utf8')).model.change_point.onset.row),
      );
    }, 60_000);
  });
});

/** scikit-learn's values for the example logs read as one probability column (scripts/make-performance-fixtures.py). */
interface PredictionLogCase {
  readonly positive: string;
  readonly column: string;
  readonly expected: Record<'baseline' | 'current', { rows: number; roc_auc: number; log_loss: number }>;
}

describe('the CLI on the logs of a binary model that logs one probability column', () => {
  const [oneColumn] = loadFixture<PredictionLogCase>('prediction-logs.json').cases;
  let run: ProcessResult;
  let report: JsonReport;
  let html: string;
  beforeAll(async () => {
    const htmlFile = join(scratch, 'one-column.html');
    const oneColumnArgs = [...CHECK_LOGS, '--probability', oneColumn.column, '--positive-label', oneColumn.positive];
    run = await runCli([...oneColumnArgs, '--order', 'timestamp', '--performance-metric', 'roc_auc', '--format', 'json']);
    report = JSON.parse(run.stdout);
    await runCli([...oneColumnArgs, '--output', htmlFile]);
    html = readFileSync(htmlFile, 'utf8');
  });

  it("reports scikit-learn's ROC AUC and log loss on each side's labelled rows", () => {
    expect(run.stderr).toBe('');
    const { performance, probability_columns: probabilityColumns } = report.model!;
    expect(probabilityColumns).toEqual({ [oneColumn.positive]: oneColumn.column });
    for (const side of ['baseline', 'current'] as const) {
      const expected = oneColumn.expected[side];
      const metrics = performance!.metrics[side] as ClassificationSideMetrics;
      expect(metrics.rows).toBe(expected.rows);
      expectClose(metrics.roc_auc, expected.roc_auc, `${side} roc_auc`);
      expectClose(metrics.log_loss, expected.log_loss, `${side} log_loss`);
    }
    expect(performance).toMatchObject({ metric: 'roc_auc', status: 'degraded' });
    expectClose(performance!.current_value, oneColumn.expected.current.roc_auc, 'verdict roc_auc');
  });

  it('tests the one column for drift like the per-class columns, in the JSON and HTML reports', () => {
    const probability = report.model!.columns.find((column) => column.role === 'probability')!;
    expect(probability).toMatchObject({ name: oneColumn.column, class_label: oneColumn.positive, drift_detected: true });
    expect(report.model!.prediction_drift.drifted_columns).toContain(oneColumn.column);
    expect(html).toContain(`probability of &quot;${oneColumn.positive}&quot;`);
  });
});

describe('the CLI estimating performance without labels (CBPE) on the one probability column', () => {
  const ONE_COLUMN = [
    ...CHECK_LOGS.slice(0, 3),
    '--prediction',
    'prediction',
    '--target',
    'label',
    '--probability',
    'probability.churn',
    '--positive-label',
    'churn',
  ];
  const ESTIMATE_GATE = ['--gate-on', 'performance', '--gate-on', 'estimated-performance'];
  /** The example's current rows kept by `keep`, with their labels dropped, as a current file. */
  const unlabelledCurrent = (name: string, keep: (line: LogLine, row: number) => boolean) => {
    const file = join(scratch, name);
    writeFileSync(file, current.map((line, row) => (keep(line, row) ? `${JSON.stringify({ ...line, label: null })}\n` : '')).join(''));
    return file;
  };
  const jsonOf = async (currentFile: string, extra: readonly string[] = []) => {
    const run = await runCli([...ONE_COLUMN, '--current', currentFile, ...extra, '--format', 'json']);
    return { status: run.status, stderr: run.stderr, report: JSON.parse(run.stdout) as JsonReport };
  };

  it('estimates the unlabelled rows, and shows the labelled ones falling outside their band: the concept change CBPE cannot see', async () => {
    const { report, stderr } = await jsonOf(join(LOGS, 'current.jsonl'));
    expect(stderr).toBe('');
    const estimated = report.model!.performance!.estimated!;
    expect(estimated).toMatchObject({ method: 'cbpe', positive_label: 'churn', baseline_rows: 2000 });
    expect(estimated.unlabelled!.rows).toBe(current.length - labelled.length);
    expect(estimated.labelled!.rows).toBe(labelled.length);
    expect(estimated.labelled!.accuracy.realized).toBeCloseTo(currentAccuracy, 12);
    // From row 1500 outcomes stop following the scores, so the realized accuracy falls below the band.
    expect(estimated.labelled!.accuracy).toMatchObject({ within_band: false });
    expect(estimated.labelled!.accuracy.realized!).toBeLessThan(estimated.labelled!.accuracy.lower!);
    // Labels suffice for the realized verdict, which decides.
    expect(estimated.verdict).toMatchObject({ replaces_realized: false });
    expect(report.model!.performance!.status).toBe('degraded');
  });

  it('estimates the unlabelled tail, and with estimated-performance lets the estimate decide there: it holds', async () => {
    const tail = unlabelledCurrent('tail.jsonl', (_line, row) => row >= UNLABELLED_FROM_ROW);
    const { report, status } = await jsonOf(tail, ESTIMATE_GATE);
    const estimated = report.model!.performance!.estimated!;
    expect(estimated.unlabelled!.rows).toBe(current.length - UNLABELLED_FROM_ROW);
    expect(estimated.labelled).toBeUndefined();
    expect(estimated.verdict).toMatchObject({ metric: 'accuracy', status: 'ok', replaces_realized: true });
    expect(report.gate).toMatchObject({ tripped: false, insufficient_data: [], summary: 'Gate passed: no estimated performance drift.' });
    expect(status).toBe(0);
  });

  it('trips the gate on an estimated fall where the traffic crowds where the model is unsure, only with estimated-performance', async () => {
    const unsure = unlabelledCurrent('unsure.jsonl', (line) => line.probability.churn > 0.3 && line.probability.churn < 0.7);
    const { report, status } = await jsonOf(unsure, ESTIMATE_GATE);
    const verdict = report.model!.performance!.estimated!.verdict!;
    expect(verdict).toMatchObject({ status: 'degraded', replaces_realized: true });
    expect(verdict.band_degradation!).toBeGreaterThan(verdict.allowed!);
    expect(report.gate).toMatchObject({
      tripped: true,
      tripped_by: ['estimated-performance'],
      summary: 'Gate tripped: estimated performance drift.',
    });
    expect(status).toBe(1);

    const markdown = (await runCli([...ONE_COLUMN, '--current', unsure, ...ESTIMATE_GATE, '--format', 'markdown'])).stdout;
    expect(markdown.split('\n')[0]).toBe('### 🔴 Gate tripped: estimated performance drift.');
    expect(markdown).toContain(
      `**Estimated performance**: 🔴 Estimated without labels (CBPE) on ${report.model!.performance!.estimated!.unlabelled!.rows.toLocaleString('en-US')} current rows whose labels have not arrived.`,
    );

    const without = await runCli([...ONE_COLUMN, '--current', unsure, '--gate-on', 'performance']);
    expect([without.status, without.stdout.split('\n')[0]]).toEqual([
      0,
      'Gate passed: performance not measured: no labelled current rows.',
    ]);
  });
});
