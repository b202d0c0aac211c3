/**
 * The Markdown report: a verdict line and a table of columns, drifted first, that reads well in a GitHub
 * job summary or a pull request body. With model columns the verdict line is the gate's, and a Model
 * section (performance, its estimate without labels, the classes, when it started, prediction and target
 * drift) comes before the
 * features.
 */
import type {
  ChangePointResult,
  ColumnGroupDrift,
  ColumnResult,
  DriftResult,
  ModelColumnResult,
  ModelResult,
  PerformanceResult,
  SegmentsResult,
} from '../engine/result.js';
import { formatCount, formatNumber, plural } from '../core/format.js';
import { escapeMarkdown, markdownCode, mermaidText } from './escape.js';
import { markdownFence, markdownNote, markdownSection, markdownTable } from './markdown-section.js';
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
  if (!gateHeadsReport(result)) return markdownSection({ blocks: [verdictBlock(result, level), table] }) + '\n';
  return (
    markdownSection({
      blocks: [
        verdictBlock(result, level),
        result.model && modelSection(result.model, level + 1),
        result.multivariate && multivariateSection(result.multivariate, level + 1),
        result.segments && segmentsSection(result.segments, level + 1),
        featuresHeading(result, level + 1),
        table,
      ],
    }) + '\n'
  );
}

/** Each segment's own verdict, the most drifted first. */
export function segmentsSection(segments: SegmentsResult, headingLevel: number): string {
  const withPerformance = segments.segments.some((segment) => segment.performance !== undefined);
  const rows = segmentRows(segments).map((row) => {
    const result = row.drift ? '🔴 drift' : row.status === 'no drift' ? '🟢 no drift' : `⚪ ${row.status}`;
    return [
      escapeMarkdown(truncate(row.value, 80)),
      row.rows,
      result,
      row.drifted,
      row.effect,
      ...(withPerformance ? [escapeMarkdown(row.performance)] : []),
    ];
  });
  const headers = [...SEGMENT_HEADERS, ...(withPerformance ? ['Performance'] : [])];
  return markdownSection({
    heading: { level: headingLevel, text: `Segments by ${markdownCode(truncate(segments.column, 80))}` },
    blocks: [escapeMarkdown(segmentsSummary(segments)), markdownTable(headers, rows)],
  });
}

/** The multivariate methods' verdicts, before the feature table (a long one would bury them). */
export function multivariateSection(multivariate: MultivariateResult, headingLevel: number): string {
  const rows = multivariateRows(multivariate.methods).map((row) => {
    const result = row.drift ? `🔴 ${row.status}` : row.status === 'no drift' ? '🟢 no drift' : `⚪ ${row.status}`;
    return [row.title, row.value, row.threshold, result, escapeMarkdown(truncate(row.note, 200))];
  });
  return markdownSection({
    heading: { level: headingLevel, text: 'Multivariate drift' },
    blocks: [
      `${statusIcon(multivariate.status)} ${escapeMarkdown(multivariate.summary)}`,
      markdownTable(['Method', 'Value', 'Threshold', 'Result', 'Note'], rows),
    ],
  });
}

/** The headline: the gate's verdict when there is a model section, else the dataset's (as before it existed). */
export function verdictBlock(result: DriftResult, headingLevel = 3): string {
  const headline = gateHeadsReport(result)
    ? `${result.gate.tripped ? '🔴' : '🟢'} ${escapeMarkdown(result.gate.summary)}`
    : `${statusIcon(result.dataset.status)} ${escapeMarkdown(result.dataset.summary)}`;
  const sides = `Baseline: ${describeSide(result.baseline)} · Current: ${describeSide(result.current)}`;
  return markdownSection({ heading: { level: headingLevel, text: headline }, blocks: [sides] });
}

function statusIcon(status: DriftResult['dataset']['status']): string {
  return status === 'drift' ? '🔴' : status === 'no-drift' ? '🟢' : '⚪';
}

/** Heads the feature table when a model section comes before it. */
export function featuresHeading(result: DriftResult, headingLevel: number): string {
  return markdownSection({
    heading: { level: headingLevel, text: 'Features' },
    blocks: [`${statusIcon(result.dataset.status)} ${escapeMarkdown(result.dataset.summary)}`],
  });
}

export interface ModelSectionOptions {
  /** Draw the error-rate chart (Mermaid); default true. */
  chart?: boolean;
}

export function modelSection(model: ModelResult, headingLevel: number, options: ModelSectionOptions = {}): string {
  const estimated = model.performance && estimatedView(model.performance);
  const classes = model.performance && classesView(model.performance);
  return markdownSection({
    heading: { level: headingLevel, text: `Model (${model.task})` },
    blocks: [
      modelColumnsLine(model),
      model.performance && performanceBlock(model.performance),
      estimated && estimatedBlock(estimated),
      classes && classesBlock(classes),
      model.change_point && changePointBlock(model.change_point, options.chart ?? true),
      outputDriftBlock(model),
    ],
  });
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
  const value = (side: number | undefined) => (side === undefined ? '—' : formatNumber(side));
  const rows = metricRows(performance).map((row) => [
    row.judged ? `**${row.title}** (verdict)` : row.title,
    value(row.baseline),
    value(row.current),
    formatMetricChange(row),
  ]);
  const labelled = `Labelled rows: ${formatCount(performance.labelled_rows.baseline)} baseline · ${formatCount(performance.labelled_rows.current)} current.`;
  return markdownSection({
    lead: 'Performance',
    blocks: [
      `${icon} ${escapeMarkdown(performance.summary)} ${labelled}`,
      rows.length > 0 ? markdownTable(['Metric', 'Baseline', 'Current', 'Change'], rows) : undefined,
    ],
  });
}

/** CBPE's estimate: the verdict, the calibration, the metrics with their bands, realized beside them. */
function estimatedBlock(view: EstimatedView): string {
  const icon = view.status === 'degraded' ? '🔴' : view.status === 'ok' ? '🟢' : '⚪';
  return markdownSection({
    lead: 'Estimated performance',
    blocks: [
      `${icon} ${escapeMarkdown(view.headline)} ${escapeMarkdown(view.calibration)}`,
      markdownTable(view.header.map(escapeMarkdown), view.rows),
      markdownNote(escapeMarkdown(view.caveat)),
    ],
  });
}

/** Per-class scores of both sides, then each side's confusion matrix, over the same classes. */
function classesBlock(classes: ClassesView): string {
  const rows = classes.scores.map((row) => [classCell(row.label), ...row.cells]);
  return markdownSection({
    lead: 'Classes',
    blocks: [
      `${classes.legend}.`,
      markdownTable(['Class', ...CLASS_SCORE_TITLES], rows),
      classes.note && markdownNote(escapeMarkdown(classes.note)),
      ...classes.matrices.map(confusionTable),
    ],
  });
}

function confusionTable(matrix: ConfusionMatrixView): string {
  const header = ['True ↓ / predicted →', ...matrix.rows.map((row) => classCell(row.label)), 'Rows'];
  const caption = `**Confusion matrix, ${matrix.side}** (${formatCount(matrix.labelledRows)} labelled rows; rows are true classes, columns predicted ones, shares are of the row)`;
  return markdownSection({
    blocks: [
      caption,
      markdownTable(
        header,
        matrix.rows.map((row, index) => [classCell(row.label), ...matrix.cells[index]]),
      ),
    ],
  });
}

/** A class label as a table cell; absent: every hidden class merged. */
function classCell(label: string | undefined): string {
  return label === undefined ? '_(all others)_' : escapeMarkdown(truncate(label, 40));
}

function changePointBlock(changePoint: ChangePointResult, chart: boolean): string {
  const judged = changePoint.status !== 'insufficient-data';
  const rows = detectorRows(changePoint).map((row) => [row.title, escapeMarkdown(row.onset), escapeMarkdown(row.detected)]);
  return markdownSection({
    lead: 'When it started',
    blocks: [
      escapeMarkdown(changePoint.summary),
      judged ? markdownTable(['Detector', 'Rise began at', 'Detected at'], rows) : undefined,
      judged && changePoint.detectors.ddm.status !== 'not-applicable' ? markdownNote(DDM_CAVEAT) : undefined,
      judged && chart && changePoint.error_series.length > 1 ? errorChart(changePoint) : undefined,
    ],
  });
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
  return markdownFence('mermaid', [
    'xychart-beta',
    `    title "${mermaidText(truncate(title, 80))}"`,
    `    x-axis [${series.map((bucket) => `"${mermaidText(bucketLabel(bucket, changePoint, precision))}"`).join(', ')}]`,
    `    y-axis "${errorName(changePoint)}" 0 --> ${top}${marker}`,
    `    line [${series.map((bucket) => Number(bucket.error.toPrecision(4))).join(', ')}]`,
  ]);
}

function outputDriftBlock(model: ModelResult): string {
  const verdict = (label: string, group: ColumnGroupDrift) => `${label} ${statusIcon(group.status)} ${group.status.replace('-', ' ')}`;
  const verdicts = [
    model.prediction_column === undefined ? undefined : verdict('prediction', model.prediction_drift),
    model.target_column === undefined ? undefined : verdict('target', model.target_drift),
  ].filter((part) => part !== undefined);
  return markdownSection({ lead: 'Prediction and target drift', blocks: [verdicts.join(' · '), modelColumnTable(model.columns)] });
}

function modelColumnTable(columns: readonly ModelColumnResult[]): string {
  const rows = columns.map((column) => {
    const [name, ...rest] = cells(column);
    return [name, escapeMarkdown(roleLabel(column)), ...rest];
  });
  return markdownTable(['Column', 'Role', 'Type', 'Method', 'Value', 'Threshold', 'Result', 'Change'], rows);
}

function describeSide(side: DriftResult['baseline']): string {
  const shown = side.sources.slice(0, 3).map(markdownCode);
  const more = side.sources.length > 3 ? ` and ${side.sources.length - 3} more` : '';
  return `${shown.join(', ')}${more} (${formatCount(side.rows)} rows${profiledNote(side)})`;
}

export function columnTable(columns: readonly ColumnResult[], maxColumns: number): string {
  const ordered = driftedFirst(columns);
  const shown = ordered.slice(0, maxColumns);
  const hidden = ordered.length - shown.length;
  const note = `${hidden} more column${plural(hidden)} not shown (${ordered.slice(maxColumns).filter((column) => column.drift_detected).length} of them drifted); the JSON report has all of them.`;
  return markdownSection({
    blocks: [
      markdownTable(['Column', 'Type', 'Method', 'Value', 'Threshold', 'Result', 'Change'], shown.map(cells)),
      hidden > 0 ? markdownNote(note) : undefined,
    ],
  });
}

function cells(column: ColumnResult): string[] {
  const result = column.drift_detected
    ? `🔴 ${STATUS_LABELS[column.status]}`
    : column.status === 'no-drift'
      ? '🟢 no drift'
      : `⚪ ${STATUS_LABELS[column.status]}`;
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
