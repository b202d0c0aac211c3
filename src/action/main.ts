/**
 * The check action: reads its inputs, fetches the baseline when it lives in an artifact, profiles the
 * sides a SQL engine holds inside the engine, runs the drift check, and shows the result where people
 * look — outputs that gate the retrain job, the job summary, annotations, report files (and an artifact),
 * Prometheus metrics. Any error fails the step with one clear message.
 */
import * as core from '@actions/core';
import { join } from 'node:path';
import { phaseLog, runCheck } from '../check.js';
import { serveReadWorker } from '../read-worker.js';
import type { DriftResult } from '../engine/result.js';
import { getInputs, type CheckActionSettings } from './inputs.js';
import { annotateDrift } from './annotations.js';
import { failRun } from '../github/failure.js';
import { failStep, logLine } from '../github/log.js';
import { writeFileAtomic } from '../io/write.js';
import { pushMetrics } from '../io/pushgateway.js';
import { renderHtml } from '../report/html.js';
import { renderJson, toJsonReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderPrometheus } from '../report/prometheus.js';
import { renderSummary } from '../report/summary.js';
import { gateHeadsReport } from '../report/multivariate-format.js';

interface ReportFiles {
  json: string;
  markdown: string;
  html: string;
  metrics: string;
}

async function run(): Promise<void> {
  const settings = getInputs();
  const started = Date.now();
  if (settings.baselineArtifact) {
    const { downloadBaseline } = await import('./baseline-artifact.js');
    const files = await core.group('Download the baseline artifact', () =>
      downloadBaseline(settings.baselineArtifact!, settings.githubToken),
    );
    settings.check = { ...settings.check, baseline: files };
  }
  if (settings.engine) {
    const { profileEngineSides } = await import('./engine-sides.js');
    settings.check = await profileEngineSides(settings.engine, settings.check);
  }
  const result = await core.group('Compare baseline and current data', async () => {
    // The bundle doubles as the worker that reads the current data while this thread reads the baseline.
    const checked = await runCheck(settings.check, { readWorker: new URL(import.meta.url), observer: phaseLog(logLine) });
    logLine(`Compared ${checked.columns.length} columns; ${Date.now() - started} ms in all.`);
    logLine(checked.dataset.summary);
    for (const line of modelLog(checked)) logLine(line);
    logLine(checked.gate.summary);
    return checked;
  });
  const checkedAt = new Date();
  const files = await core.group('Write reports', () => writeReports(settings, result, checkedAt));
  setOutputs(result, files);
  annotateDrift(result);
  if (settings.summary) await core.summary.addRaw(renderSummary(result)).write();
  if (settings.pushgatewayUrl) {
    await core.group('Push metrics to the Pushgateway', () =>
      pushMetrics(
        settings.pushgatewayUrl!,
        settings.metricsJob,
        settings.metricsLabels,
        renderPrometheus(result, { labels: settings.metricsLabels, timestamp: checkedAt }),
      ),
    );
  }
  if (settings.uploadReport) {
    const { uploadReports } = await import('./upload.js');
    await core.group('Upload the report artifact', () => uploadReports(settings.uploadReport, Object.values(files), settings.reportDir));
  }
  if (settings.failOnDrift && result.gate.tripped) {
    failStep(`${gateHeadsReport(result) ? result.gate.summary : result.dataset.summary} (fail-on-drift is true)`);
  }
}

/** The model section's verdicts, one line each, for the step's log. */
function modelLog(result: DriftResult): string[] {
  const model = result.model;
  if (!model) return [];
  const drift = (label: string, group: typeof model.prediction_drift) =>
    `${label}: ${group.status}${group.drifted_columns.length > 0 ? ` (${group.drifted_columns.join(', ')})` : ''}`;
  return [
    drift('Prediction drift', model.prediction_drift),
    drift('Target drift', model.target_drift),
    ...(model.performance ? [model.performance.summary] : []),
    ...(model.performance?.estimated?.verdict ? [model.performance.estimated.verdict.summary] : []),
    ...(model.change_point ? [model.change_point.summary] : []),
  ];
}

async function writeReports(settings: CheckActionSettings, result: DriftResult, checkedAt: Date): Promise<ReportFiles> {
  const directory = settings.reportDir;
  const files: ReportFiles = {
    json: join(directory, 'drift-report.json'),
    markdown: join(directory, 'drift-report.md'),
    html: join(directory, 'drift-report.html'),
    metrics: join(directory, 'drift-metrics.prom'),
  };
  await writeFileAtomic(files.json, renderJson(toJsonReport(result, checkedAt)));
  await writeFileAtomic(files.markdown, renderMarkdown(result));
  await writeFileAtomic(files.html, renderHtml(result, { generatedAt: checkedAt }));
  await writeFileAtomic(files.metrics, renderPrometheus(result, { labels: settings.metricsLabels, timestamp: checkedAt }));
  logLine(`Reports written to ${directory}`);
  return files;
}

function setOutputs(result: DriftResult, files: ReportFiles): void {
  const { dataset, model } = result;
  const performance = model?.performance;
  const changePoint = model?.change_point?.onset;
  core.setOutput('drift-detected', String(result.gate.tripped));
  core.setOutput('tripped-by', JSON.stringify(result.gate.tripped_by));
  core.setOutput('gate-summary', result.gate.summary);
  core.setOutput('status', dataset.status);
  core.setOutput('drift-share', String(dataset.drift_share));
  core.setOutput('drifted-columns', JSON.stringify(dataset.drifted_columns));
  core.setOutput('drifted-count', String(dataset.drifted_count));
  core.setOutput('tested-count', String(dataset.tested_count));
  core.setOutput('prediction-drift', String(model?.prediction_drift.drift_detected ?? false));
  core.setOutput('target-drift', String(model?.target_drift.drift_detected ?? false));
  core.setOutput('performance-drift', String(performance?.drift_detected ?? false));
  core.setOutput('performance-status', performance?.status ?? '');
  core.setOutput('performance-metric-value', performance?.current_value === undefined ? '' : String(performance.current_value));
  const estimate = performance?.estimated?.verdict;
  core.setOutput('estimated-performance-status', estimate?.status ?? '');
  core.setOutput('estimated-performance-value', estimate?.estimated_value === undefined ? '' : String(estimate.estimated_value));
  core.setOutput('multivariate-drift', String(result.multivariate?.drift_detected ?? false));
  core.setOutput('change-point', changePoint === undefined ? '' : String(changePoint.order ?? changePoint.row));
  core.setOutput('report', files.json);
  core.setOutput('report-markdown', files.markdown);
  core.setOutput('report-html', files.html);
  core.setOutput('metrics-file', files.metrics);
}

if (!serveReadWorker()) run().catch((error: unknown) => failRun(error, (other) => `driftgate failed: ${(other as Error).message}`));
