/**
 * The check action: reads its inputs, fetches the baseline when it lives in an artifact, runs the drift
 * check, and shows the result where people look — outputs that gate the retrain job, the job summary,
 * annotations, report files (and an artifact), Prometheus metrics. Any error fails the step with one
 * clear message.
 */
import * as core from '@actions/core';
import { join, relative, resolve, sep } from 'node:path';
import { runCheck } from '../check.js';
import { InputError } from '../engine/errors.js';
import type { DriftResult } from '../engine/result.js';
import { getInputs, type CheckActionSettings } from './inputs.js';
import { annotateDrift } from './annotations.js';
import { downloadBaseline } from './baseline-artifact.js';
import { uploadReports } from './upload.js';
import { isInside } from './workspace-paths.js';
import { writeFileAtomic } from '../io/write.js';
import { pushMetrics } from '../io/pushgateway.js';
import { renderHtml } from '../report/html.js';
import { renderJson, toJsonReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderPrometheus } from '../report/prometheus.js';
import { renderSummary } from '../report/summary.js';

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
    const files = await core.group('Download the baseline artifact', () => downloadBaseline(settings.baselineArtifact!, settings.githubToken));
    settings.check = { ...settings.check, baseline: files };
  }
  const result = await core.group('Compare baseline and current data', async () => {
    const checked = await runCheck(settings.check);
    core.info(`Read ${checked.baseline.rows} baseline rows and ${checked.current.rows} current rows; compared ${checked.columns.length} columns in ${Date.now() - started} ms.`);
    core.info(checked.dataset.summary);
    return checked;
  });
  const checkedAt = new Date();
  const files = await core.group('Write reports', () => writeReports(settings, result, checkedAt));
  setOutputs(result, files);
  annotateDrift(result);
  if (settings.summary) await core.summary.addRaw(renderSummary(result)).write();
  if (settings.pushgatewayUrl) {
    await core.group('Push metrics to the Pushgateway', () =>
      pushMetrics(settings.pushgatewayUrl!, settings.metricsJob, settings.metricsLabels, renderPrometheus(result, { labels: settings.metricsLabels, timestamp: checkedAt })),
    );
  }
  if (settings.uploadReport) {
    await core.group('Upload the report artifact', () => uploadReports(settings.uploadReport, Object.values(files), settings.reportDir));
  }
  if (settings.failOnDrift && result.dataset.drift_detected) {
    core.setFailed(`${result.dataset.summary} (fail-on-drift is true)`);
  }
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
  core.info(`Reports written to ${directory}`);
  return files;
}

function setOutputs(result: DriftResult, files: ReportFiles): void {
  const { dataset } = result;
  core.setOutput('drift-detected', String(dataset.drift_detected));
  core.setOutput('status', dataset.status);
  core.setOutput('drift-share', String(dataset.drift_share));
  core.setOutput('drifted-columns', JSON.stringify(dataset.drifted_columns));
  core.setOutput('drifted-count', String(dataset.drifted_count));
  core.setOutput('tested-count', String(dataset.tested_count));
  core.setOutput('report', files.json);
  core.setOutput('report-markdown', files.markdown);
  core.setOutput('report-html', files.html);
  core.setOutput('metrics-file', files.metrics);
}

/** One error annotation per failure: `core.setFailed` would add a second, bare one after ours. */
function fail(error: unknown): void {
  if (error instanceof InputError) {
    core.error(error.describe(), { title: 'driftgate: bad input', ...annotationLocation(error.location) });
    process.exitCode = core.ExitCode.Failure;
  } else {
    core.setFailed(`driftgate failed: ${(error as Error).message}`);
  }
}

/**
 * GitHub places an annotation by a path relative to the repository; a file elsewhere (a downloaded
 * artifact) cannot be shown in the diff, and the message names it anyway.
 */
function annotationLocation({ file, line }: InputError['location']): core.AnnotationProperties {
  if (file === undefined) return {};
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const path = resolve(workspace, file);
  // Annotation paths use forward slashes on every runner.
  return isInside(workspace, path) ? { file: relative(workspace, path).split(sep).join('/'), startLine: line } : {};
}

run().catch(fail);
