/**
 * The Markdown report: a verdict line and a table of columns, drifted first, that reads well in a GitHub
 * job summary or a pull request body. With model columns the verdict line is the gate's, and a Model
 * section (performance, its estimate without labels, the classes, when it started, prediction and target
 * drift) comes before the
 * features.
 */
import type { ChangePointResult, ColumnGroupDrift, ColumnResult, DriftResult, ModelColumnResult, ModelResult, PerformanceResult, SegmentsResult } from '../engine/result.js';
import { formatNumber } from '../core/format.js';
import { escapeMarkdown, markdownCode, mermaidText } from './escape.js';
import { STATUS_LABELS, driftedFirst, formatDirection, formatScore, otherReasons, profiledNote, truncate } from './format.js';
import {
  CLASS_SCORE_TITLES,
  DDM_CAVEAT,
  bucketAt,
  bucketLabel,
  classesView,
  detectorRows,
  errorName,
  estimatedView,
  formatCount,
  formatMetricChange,
  metricRows,
  niceCeiling,
  probabilityColumnsText,
  roleLabel,
  seriesPrecision,
  streamAxisName,
  type ClassesView,
  type ConfusionMatrixView,
  type EstimatedView,
} from './model-format.js';
import { gateHeadsReport, multivariateRows } from './multivariate-format.js';
import type { MultivariateResult } from '../multivariate/result.js';
import { SEGMENT_HEADERS, segmentRows, segmentsSummary } from './segment-format.js';

export interface MarkdownOptions {
  /** Rows of the column table at most; the rest are summarized in a note. */
  maxColumns?: number;
  /** Heading level of the verdict line (default 3). */
  headingLevel?: number;
}

export function renderMarkdown(result: DriftResult, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 3;
  const table = columnTable(result.columns, options.maxColumns ?? Infinity);
  if (!gateHeadsReport(result)) return [verdictBlock(result, level), table].join('\n\n') + '\n';
  const model = result.model ? [modelSection(result.model, level + 1)] : [];
  const multivariate = result.multivariate ? [multivariateSection(result.multivariate, level + 1)] : [];
  const segments = result.segments ? [segmentsSection(result.segments, level + 1)] : [];
  return [verdictBlock(result, level), ...model, ...multivariate, ...segments, featuresHeading(result, level + 1), table].join('\n\n') + '\n';
}

/** Each segment's own verdict, the most drifted first. */
export function segmentsSection(segments: SegmentsResult, headingLevel: number): string {
  const withPerformance = segments.segments.some((segment) => segment.performance !== undefined);
  const rows = segmentRows(segments).map((row) => {
    const result = row.drift ? '🔴 drift' : row.status === 'no drift' ? '🟢 no drift' : `⚪ ${row.status}`;
    const cells = [escapeMarkdown(truncate(row.value, 80)), row.rows, result, row.drifted, row.effect, ...(withPerformance ? [escapeMarkdown(row.performance)] : [])];
    return `| ${cells.join(' | ')} |`;
  });
  const headers = [...SEGMENT_HEADERS, ...(withPerformance ? ['Performance'] : [])];
  return [
    `${'#'.repeat(headingLevel)} Segments by ${markdownCode(truncate(segments.column, 80))}`,
    escapeMarkdown(segmentsSummary(segments)),
    `| ${headers.join(' | ')} |\n|${headers.map(() => '---').join('|')}|\n${rows.join('\n')}`,
  ].join('\n\n');
}

/** The multivariate methods' verdicts, before the feature table (a long one would bury them). */
export function multivariateSection(multivariate: MultivariateResult, headingLevel: number): string {
  const rows = multivariateRows(multivariate.methods).map((row) => {
    const result = row.drift ? `🔴 ${row.status}` : row.status === 'no drift' ? '🟢 no drift' : `⚪ ${row.status}`;
    return `| ${row.title} | ${row.value} | ${row.threshold} | ${result} | ${escapeMarkdown(truncate(row.note, 200))} |`;
  });
  return [
    `${'#'.repeat(headingLevel)} Multivariate drift`,
    `${statusIcon(multivariate.status)} ${escapeMarkdown(multivariate.summary)}`,
    `| Method | Value | Threshold | Result | Note |\n|---|---|---|---|---|\n${rows.join('\n')}`,
  ].join('\n\n');
}

/** The headline: the gate's verdict when there is a model section, else the dataset's (as before it existed). */
export function verdictBlock(result: DriftResult, headingLevel = 3): string {
  const headline = gateHeadsReport(result)
    ? `${result.gate.tripped ? '🔴' : '🟢'} ${escapeMarkdown(result.gate.summary)}`
    : `${statusIcon(result.dataset.status)} ${escapeMarkdown(result.dataset.summary)}`;
  const sides = `Baseline: ${describeSide(result.baseline)} · Current: ${describeSide(result.current)}`;
  return `${'#'.repeat(headingLevel)} ${headline}\n\n${sides}`;
}

function statusIcon(status: DriftResult['dataset']['status']): string {
  return status === 'drift' ? '🔴' : status === 'no-drift' ? '🟢' : '⚪';
}

/** Heads the feature table when a model section comes before it. */
export function featuresHeading(result: DriftResult, headingLevel: number): string {
  return `${'#'.repeat(headingLevel)} Features\n\n${statusIcon(result.dataset.status)} ${escapeMarkdown(result.dataset.summary)}`;
}

export interface ModelSectionOptions {
  /** Draw the error-rate chart (Mermaid); default true. */
  chart?: boolean;
}

export function modelSection(model: ModelResult, headingLevel: number, options: ModelSectionOptions = {}): string {
  const parts = [`${'#'.repeat(headingLevel)} Model (${model.task})`, modelColumnsLine(model)];
  if (model.performance) parts.push(performanceBlock(model.performance));
  const estimated = model.performance && estimatedView(model.performance);
  if (estimated) parts.push(estimatedBlock(estimated));
  const classes = model.performance && classesView(model.performance);
  if (classes) parts.push(classesBlock(classes));
  if (model.change_point) parts.push(changePointBlock(model.change_point, options.chart ?? true));
  parts.push(outputDriftBlock(model));
  return parts.join('\n\n');
}

function modelColumnsLine(model: ModelResult): string {
  const parts = [
    model.prediction_column === undefined ? undefined : `prediction ${markdownCode(model.prediction_column)}`,
    model.target_column === undefined ? undefined : `target ${markdownCode(model.target_column)}`,
    model.probability_columns === undefined ? undefined : probabilityColumnsText(model.probability_columns, markdownCode, escapeMarkdown),
    model.order_column === undefined ? undefined : `order ${markdownCode(model.order_column)}`,
  ];
  return `Columns: ${parts.filter((part) => part !== undefined).join(' · ')}`;
}

function performanceBlock(performance: PerformanceResult): string {
  const icon = performance.status === 'degraded' ? '🔴' : performance.status === 'ok' ? '🟢' : '⚪';
  const rows = metricRows(performance).map((row) => {
    const title = row.judged ? `**${row.title}** (verdict)` : row.title;
    const value = (side: number | undefined) => (side === undefined ? '—' : formatNumber(side));
    return `| ${title} | ${value(row.baseline)} | ${value(row.current)} | ${formatMetricChange(row)} |`;
  });
  const labelled = `Labelled rows: ${performance.labelled_rows.baseline.toLocaleString('en-US')} baseline · ${performance.labelled_rows.current.toLocaleString('en-US')} current.`;
  const table = rows.length > 0 ? `\n\n| Metric | Baseline | Current | Change |\n|---|---|---|---|\n${rows.join('\n')}` : '';
  return `**Performance**: ${icon} ${escapeMarkdown(performance.summary)} ${labelled}${table}`;
}

/** CBPE's estimate: the verdict, the calibration, the metrics with their bands, realized beside them. */
function estimatedBlock(view: EstimatedView): string {
  const icon = view.status === 'degraded' ? '🔴' : view.status === 'ok' ? '🟢' : '⚪';
  return [
    `**Estimated performance**: ${icon} ${escapeMarkdown(view.headline)} ${escapeMarkdown(view.calibration)}`,
    markdownTable(view.header.map(escapeMarkdown), view.rows),
    `_${escapeMarkdown(view.caveat)}_`,
  ].join('\n\n');
}

/** Per-class scores of both sides, then each side's confusion matrix, over the same classes. */
function classesBlock(classes: ClassesView): string {
  const rows = classes.scores.map((row) => [classCell(row.label), ...row.cells]);
  return [
    `**Classes**: ${classes.legend}.\n\n${markdownTable(['Class', ...CLASS_SCORE_TITLES], rows)}`,
    ...(classes.note ? [`_${escapeMarkdown(classes.note)}_`] : []),
    ...classes.matrices.map(confusionTable),
  ].join('\n\n');
}

function confusionTable(matrix: ConfusionMatrixView): string {
  const header = ['True ↓ / predicted →', ...matrix.rows.map((row) => classCell(row.label)), 'Rows'];
  const caption = `**Confusion matrix, ${matrix.side}** (${formatCount(matrix.labelledRows)} labelled rows; rows are true classes, columns predicted ones, shares are of the row)`;
  return `${caption}\n\n${markdownTable(header, matrix.rows.map((row, index) => [classCell(row.label), ...matrix.cells[index]]))}`;
}

/** A class label as a table cell; absent: every hidden class merged. */
function classCell(label: string | undefined): string {
  return label === undefined ? '_(all others)_' : escapeMarkdown(truncate(label, 40));
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function changePointBlock(changePoint: ChangePointResult, chart: boolean): string {
  const head = `**When it started**: ${escapeMarkdown(changePoint.summary)}`;
  if (changePoint.status === 'insufficient-data') return head;
  const rows = detectorRows(changePoint).map((row) => `| ${row.title} | ${escapeMarkdown(row.onset)} | ${escapeMarkdown(row.detected)} |`);
  const caveat = changePoint.detectors.ddm.status === 'not-applicable' ? '' : `\n\n_${DDM_CAVEAT}_`;
  const drawn = chart && changePoint.error_series.length > 1 ? `\n\n${errorChart(changePoint)}` : '';
  return `${head}\n\n| Detector | Rise began at | Detected at |\n|---|---|---|\n${rows.join('\n')}${caveat}${drawn}`;
}

/** The error over the stream as a Mermaid line, with a bar at the change point's bucket. */
function errorChart(changePoint: ChangePointResult): string {
  const series = changePoint.error_series;
  const precision = seriesPrecision(changePoint);
  const top = niceCeiling(Math.max(...series.map((bucket) => bucket.error)));
  const marked = changePoint.onset && bucketAt(series, changePoint.onset.position);
  const marker = marked === undefined ? '' : `\n    bar [${series.map((_, index) => (index === marked ? top : 0)).join(', ')}]`;
  const name = errorName(changePoint);
  const title = `${name[0].toUpperCase()}${name.slice(1)} by ${streamAxisName(changePoint)}${marked === undefined ? '' : ' (bar: where the rise began)'}`;
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidText(truncate(title, 80))}"`,
    `    x-axis [${series.map((bucket) => `"${mermaidText(bucketLabel(bucket, changePoint, precision))}"`).join(', ')}]`,
    `    y-axis "${errorName(changePoint)}" 0 --> ${top}${marker}`,
    `    line [${series.map((bucket) => Number(bucket.error.toPrecision(4))).join(', ')}]`,
    '```',
  ].join('\n');
}

function outputDriftBlock(model: ModelResult): string {
  const verdict = (label: string, group: ColumnGroupDrift) => `${label} ${statusIcon(group.status)} ${group.status.replace('-', ' ')}`;
  const verdicts = [
    model.prediction_column === undefined ? undefined : verdict('prediction', model.prediction_drift),
    model.target_column === undefined ? undefined : verdict('target', model.target_drift),
  ].filter((part) => part !== undefined);
  return `**Prediction and target drift**: ${verdicts.join(' · ')}\n\n${modelColumnTable(model.columns)}`;
}

function modelColumnTable(columns: readonly ModelColumnResult[]): string {
  const header = '| Column | Role | Type | Method | Value | Threshold | Result | Change |\n|---|---|---|---|---|---|---|---|';
  const rows = columns.map((column) => {
    const [name, ...rest] = cells(column);
    return `| ${[name, escapeMarkdown(roleLabel(column)), ...rest].join(' | ')} |`;
  });
  return `${header}\n${rows.join('\n')}`;
}

function describeSide(side: DriftResult['baseline']): string {
  const shown = side.sources.slice(0, 3).map(markdownCode);
  const more = side.sources.length > 3 ? ` and ${side.sources.length - 3} more` : '';
  return `${shown.join(', ')}${more} (${side.rows.toLocaleString('en-US')} rows${profiledNote(side)})`;
}

export function columnTable(columns: readonly ColumnResult[], maxColumns: number): string {
  const ordered = driftedFirst(columns);
  const shown = ordered.slice(0, maxColumns);
  const header = '| Column | Type | Method | Value | Threshold | Result | Change |\n|---|---|---|---|---|---|---|';
  const rows = shown.map((column) => `| ${cells(column).join(' | ')} |`);
  const hidden = ordered.length - shown.length;
  const note = hidden > 0 ? `\n\n_${hidden} more column${hidden === 1 ? '' : 's'} not shown (${ordered.slice(maxColumns).filter((column) => column.drift_detected).length} of them drifted); the JSON report has all of them._` : '';
  return `${header}\n${rows.join('\n')}${note}`;
}

function cells(column: ColumnResult): string[] {
  const result = column.drift_detected ? `🔴 ${STATUS_LABELS[column.status]}` : column.status === 'no-drift' ? '🟢 no drift' : `⚪ ${STATUS_LABELS[column.status]}`;
  const reasons = otherReasons(column);
  const effect = column.effect_size ? ` (${column.effect_size.method} ${formatNumber(column.effect_size.distance)})` : '';
  return [
    escapeMarkdown(truncate(column.name, 80)),
    column.type,
    column.method ? `${column.method}${column.auto_selected ? ' (auto)' : ''}` : '—',
    `${formatScore(column)}${effect}`,
    column.threshold === undefined ? '—' : formatNumber(column.threshold),
    [result, ...reasons.map((reason) => escapeMarkdown(reason))].join('<br>'),
    escapeMarkdown(formatDirection(column)),
  ];
}
