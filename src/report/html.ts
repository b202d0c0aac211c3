/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing fetched) that can be
 * kept as a build artifact and opened anywhere, offline or under the strictest content policy. Column
 * names, categories, class labels, order values and file names come from the data and may be hostile, so
 * every one is escaped. With model columns, a Model section (performance, its estimate without labels, the
 * classes, the error over time with its change point, prediction and target drift) comes before the features.
 */
import type { ChangePointResult, ColumnGroupDrift, ColumnResult, DriftResult, Histogram, ModelResult, PerformanceResult, SegmentsResult, SideSummary, StreamPoint } from '../engine/result.js';
import { columnEffect } from '../engine/effect.js';
import { describeStreamPoint, formatNumber, formatPercent } from '../engine/format.js';
import { epochMilliseconds, formatUtc, type TimeEncoding } from '../engine/time.js';
import { escapeHtml } from './escape.js';
import { STATUS_LABELS, driftedFirst, formatDirection, formatScore, profiledNote, truncate } from './format.js';
import { toJsonReport } from './json.js';
import {
  CLASS_SCORE_TITLES,
  DDM_CAVEAT,
  PERFORMANCE_LABELS,
  bucketInstant,
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
  streamAxisName,
  type ClassesView,
  type ConfusionMatrixView,
  type EstimatedView,
} from './model-format.js';
import { gateHeadsReport, multivariateRows } from './multivariate-format.js';
import type { MultivariateResult } from '../multivariate/result.js';
import { SEGMENT_HEADERS, segmentRows, segmentsSummary } from './segment-format.js';
import { timeTicks } from './time-axis.js';

export interface HtmlOptions {
  title?: string;
  generatedAt?: Date;
}

/** Charts past this many columns make the file slow to open and scroll; the table still lists every column. */
export const MAX_CHARTED_COLUMNS = 50;

/** Okabe–Ito blue and vermillion: told apart with any colour vision, and both at least 3:1 against white. */
export const BASELINE_COLOUR = '#0072b2';
export const CURRENT_COLOUR = '#d55e00';

/** Even a report that slipped hostile markup through could neither run it nor fetch anything. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const VERDICT_HEADLINES: Record<DriftResult['dataset']['status'], string> = {
  drift: 'Drift detected',
  'no-drift': 'No drift',
  'insufficient-data': 'Insufficient data',
};

export function renderHtml(result: DriftResult, options: HtmlOptions = {}): string {
  const report = toJsonReport(result, options.generatedAt ?? new Date());
  const title = truncate(options.title ?? 'Drift report', 200);
  const ordered = driftedFirst(result.columns);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="page-header">
<h1>${escapeHtml(title)}</h1>
<p class="meta">${report.tool.name} ${report.tool.version} · generated ${report.generated_at}</p>
</header>
${verdictSection(result)}
${sidesSection(result)}
${result.model ? modelSection(result.model) : ''}
${result.multivariate ? multivariateSection(result.multivariate) : ''}
${result.segments ? segmentsSection(result.segments) : ''}
${columnTableSection(ordered, gateHeadsReport(result) ? result.dataset : undefined)}
${columnSections(ordered)}
</main>
</body>
</html>
`;
}

/** The dataset's verdict, or with model columns the gate's, which then decides the check. */
function verdictSection(result: DriftResult): string {
  const { dataset, gate } = result;
  const { rule } = dataset;
  const ruleText = [
    ...(gateHeadsReport(result) ? [`the gate trips on ${gate.on.join(', ')} drift`] : []),
    `the dataset drifts when at least ${formatPercent(rule.drift_share_threshold)} of tested columns drift`,
    `p-value correction: ${rule.correction}`,
    `at least ${rule.min_rows.toLocaleString('en-US')} values a side to test a column`,
    `a change of ${formatPercent(rule.missing_share_threshold)} or more in missing values counts as drift`,
  ].join(' · ');
  const [status, headline, summary] = gateHeadsReport(result)
    ? [gate.tripped ? 'drift' : 'no-drift', gate.tripped ? 'Gate tripped' : 'Gate passed', gate.summary]
    : [dataset.status, VERDICT_HEADLINES[dataset.status], dataset.summary];
  return `<section class="verdict verdict-${status}" aria-label="${gateHeadsReport(result) ? 'Gate verdict' : 'Dataset verdict'}">
<p class="verdict-headline">${headline}</p>
<p class="verdict-summary">${escapeHtml(summary)}</p>
<p class="verdict-rule">Rule: ${ruleText}.</p>
</section>`;
}

function modelSection(model: ModelResult): string {
  const code = (name: string) => `<code>${escapeHtml(truncate(name, 200))}</code>`;
  const classes = model.performance && classesView(model.performance);
  const estimated = model.performance && estimatedView(model.performance);
  const facts = [
    model.prediction_column === undefined ? undefined : `prediction ${code(model.prediction_column)}`,
    model.target_column === undefined ? undefined : `target ${code(model.target_column)}`,
    model.probability_columns === undefined ? undefined : probabilityColumnsText(model.probability_columns, code, escapeHtml),
    model.order_column === undefined ? undefined : `order ${code(model.order_column)}`,
  ].filter((fact) => fact !== undefined);
  return `<section class="model" aria-label="Model">
<h2>Model <span class="count">(${model.task})</span></h2>
<p class="facts">${facts.join(' · ')}</p>
${model.performance ? performanceBlock(model.performance) : ''}
${estimated ? estimatedBlock(estimated) : ''}
${classes ? classesBlock(classes) : ''}
${model.change_point ? changePointBlock(model.change_point) : ''}
${outputDriftBlock(model)}
</section>`;
}

/** The multivariate methods' verdicts, before the feature table (a long one would bury them). */
function multivariateSection(multivariate: MultivariateResult): string {
  const rows = multivariateRows(multivariate.methods).map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.title)}</th><td>${escapeHtml(row.value)}</td><td>${escapeHtml(row.threshold)}</td><td>${badge(row.drift ? 'drift' : row.status === 'no drift' ? 'no-drift' : 'other', row.status)}</td><td>${escapeHtml(truncate(row.note, 200))}</td></tr>`,
  );
  const overall = badge(multivariate.drift_detected ? 'drift' : multivariate.status === 'no-drift' ? 'no-drift' : 'other', VERDICT_HEADLINES[multivariate.status]);
  return `<section class="multivariate" aria-label="Multivariate drift">
<h2>Multivariate drift</h2>
<p>${overall} ${escapeHtml(multivariate.summary)}</p>
<table class="columns" aria-label="Multivariate methods">
<thead><tr>${['Method', 'Value', 'Threshold', 'Result', 'Note'].map((header) => `<th scope="col">${header}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody>
</table>
</section>`;
}

/** The distance beside a p-value, or for a distance method the distance it was tested on. */
function effectText(column: ColumnResult): string {
  const effect = columnEffect(column);
  const method = column.effect_size?.method ?? column.method;
  return effect === undefined || method === undefined ? '—' : `${escapeHtml(method)} ${formatNumber(effect)}`;
}

/** Each segment's own verdict, the most drifted first. */
function segmentsSection(segments: SegmentsResult): string {
  const withPerformance = segments.segments.some((segment) => segment.performance !== undefined);
  const rows = segmentRows(segments).map((row) => {
    const cells = [row.rows, badge(row.drift ? 'drift' : row.status === 'no drift' ? 'no-drift' : 'other', row.status), escapeHtml(row.drifted), escapeHtml(row.effect), ...(withPerformance ? [escapeHtml(row.performance)] : [])];
    return `<tr><th scope="row" class="column-name">${escapeHtml(truncate(row.value, 120))}</th>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const headers = [...SEGMENT_HEADERS, ...(withPerformance ? ['Performance'] : [])];
  return `<section class="segments" aria-label="Segments">
<h2>Segments by <span class="column-name">${escapeHtml(truncate(segments.column, 120))}</span></h2>
<p>${escapeHtml(segmentsSummary(segments))}</p>
<div class="table-scroll">
<table class="columns" aria-label="Segments">
<thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody>
</table>
</div>
</section>`;
}

function badge(status: 'drift' | 'no-drift' | 'other', label: string): string {
  return `<span class="badge badge-${status}">${escapeHtml(label)}</span>`;
}

function performanceBlock(performance: PerformanceResult): string {
  const status = performance.status === 'degraded' ? 'drift' : performance.status === 'ok' ? 'no-drift' : 'other';
  const value = (side: number | undefined) => (side === undefined ? '—' : formatNumber(side));
  const rows = metricRows(performance).map(
    (row) =>
      `<tr${row.judged ? ' class="judged"' : ''}><th scope="row">${escapeHtml(row.title)}${row.judged ? ' <span class="auto">(verdict)</span>' : ''}</th><td class="number">${value(row.baseline)}</td><td class="number">${value(row.current)}</td><td class="number">${escapeHtml(formatMetricChange(row))}</td></tr>`,
  );
  const table = rows.length > 0 ? `<table class="columns metrics"><thead><tr><th scope="col">Metric</th><th scope="col">Baseline</th><th scope="col">Current</th><th scope="col">Change</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '';
  return `<article class="model-block model-${status}" aria-label="Performance">
<h3>${badge(status, PERFORMANCE_LABELS[performance.status])} Performance</h3>
<p>${escapeHtml(performance.summary)}</p>
<p class="facts">Labelled rows: ${performance.labelled_rows.baseline.toLocaleString('en-US')} baseline · ${performance.labelled_rows.current.toLocaleString('en-US')} current</p>
${table}
</article>`;
}

/** CBPE's estimate: the verdict, the calibration, the metrics with their bands, realized beside them. */
function estimatedBlock(view: EstimatedView): string {
  const status = view.status === 'degraded' ? 'drift' : view.status === 'ok' ? 'no-drift' : 'other';
  const rows = view.rows.map(([title, ...cells]) => `<tr><th scope="row">${escapeHtml(title)}</th>${cells.map((cell) => `<td class="number">${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<article class="model-block model-${status}" aria-label="Estimated performance">
<h3>${badge(status, view.label)} Estimated performance</h3>
<p>${escapeHtml(view.headline)}</p>
<p class="facts">${escapeHtml(view.calibration)}</p>
<div class="table-scroll">
<table class="columns metrics" aria-label="Estimated metrics"><thead><tr>${view.header.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>
</div>
<p class="facts">${escapeHtml(view.caveat)}</p>
</article>`;
}

/** Per-class scores of both sides, then the two sides' confusion matrices side by side, over the same classes. */
function classesBlock(classes: ClassesView): string {
  const rows = classes.scores.map((row) => `<tr><th scope="row">${classLabel(row.label)}</th>${row.cells.map((cell) => `<td class="number">${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<article class="model-block" aria-label="Classes">
<h3>Classes</h3>
<div class="table-scroll">
<table class="columns metrics" aria-label="Per-class metrics"><thead><tr>${['Class', ...CLASS_SCORE_TITLES].map((header) => `<th scope="col">${header}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>
</div>
<p class="facts">${escapeHtml(classes.legend[0].toUpperCase() + classes.legend.slice(1))}. Support: labelled rows of the class.${classes.note ? ` ${escapeHtml(classes.note)}` : ''}</p>
<div class="matrices">
${classes.matrices.map(confusionTable).join('\n')}
</div>
</article>`;
}

/** Rows are true classes, columns predicted ones; the diagonal (right answers) stands out. */
function confusionTable(matrix: ConfusionMatrixView): string {
  const header = matrix.rows.map((row) => `<th scope="col">${classLabel(row.label)}</th>`).join('');
  const body = matrix.rows.map((row, rowIndex) => {
    const cells = matrix.cells[rowIndex].map((cell, index) => `<td class="number${index === rowIndex && row.label !== undefined ? ' hit' : ''}">${escapeHtml(cell)}</td>`);
    return `<tr><th scope="row">${classLabel(row.label)}</th>${cells.join('')}</tr>`;
  });
  return `<div class="table-scroll matrix matrix-${matrix.side}">
<table class="columns confusion" aria-label="Confusion matrix, ${matrix.side}">
<caption>Confusion matrix, ${matrix.side} <span class="count">(${formatCount(matrix.labelledRows)} labelled rows)</span></caption>
<thead><tr><th scope="col">True ↓ / predicted →</th>${header}<th scope="col">Rows</th></tr></thead>
<tbody>${body.join('')}</tbody>
</table>
</div>`;
}

/** A class label from the data, escaped; absent: every hidden class merged, set apart from a class so named. */
function classLabel(label: string | undefined): string {
  return label === undefined ? '<span class="other">(all others)</span>' : escapeHtml(truncate(label, 40));
}

function changePointBlock(changePoint: ChangePointResult): string {
  const status = changePoint.status === 'change' ? 'drift' : changePoint.status === 'no-change' ? 'no-drift' : 'other';
  const label = changePoint.status === 'change' ? 'change point' : changePoint.status === 'no-change' ? 'no change point' : 'insufficient data';
  const detectors =
    changePoint.status === 'insufficient-data'
      ? ''
      : `<table class="columns detectors"><thead><tr><th scope="col">Detector</th><th scope="col">Rise began at</th><th scope="col">Detected at</th></tr></thead><tbody>${detectorRows(changePoint)
          .map((row) => `<tr><th scope="row">${row.title}</th><td>${escapeHtml(row.onset)}</td><td>${escapeHtml(row.detected)}</td></tr>`)
          .join('')}</tbody></table>${changePoint.detectors.ddm.status === 'not-applicable' ? '' : `<p class="facts">${escapeHtml(DDM_CAVEAT)}</p>`}`;
  return `<article class="model-block model-${status}" aria-label="When it started">
<h3>${badge(status, label)} When it started</h3>
<p>${escapeHtml(changePoint.summary)}</p>
${changePoint.error_series.length > 1 ? errorChart(changePoint) : ''}
${detectors}
</article>`;
}

function outputDriftBlock(model: ModelResult): string {
  const verdict = (label: string, group: ColumnGroupDrift) =>
    badge(group.drift_detected ? 'drift' : group.status === 'no-drift' ? 'no-drift' : 'other', `${label}: ${STATUS_LABELS[group.status]}`);
  const verdicts = [
    model.prediction_column === undefined ? undefined : verdict('prediction', model.prediction_drift),
    model.target_column === undefined ? undefined : verdict('target', model.target_drift),
  ].filter((part) => part !== undefined);
  const rows = model.columns.map((column) => columnRow(column, undefined, roleLabel(column)));
  const charts = model.columns.map((column, index) => columnSection(column, `model-column-${index}`)).join('\n');
  return `<article class="model-block" aria-label="Prediction and target drift">
<h3>Prediction and target drift ${verdicts.join(' ')}</h3>
<div class="table-scroll">
<table class="columns">
<thead><tr><th scope="col">Column</th><th scope="col">Role</th><th scope="col">Type</th><th scope="col">Method</th><th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">Result</th><th scope="col">Direction</th><th scope="col">Effect size</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
${charts}
</article>`;
}

function sidesSection(result: DriftResult): string {
  const side = (label: string, className: string, { sources, rows, ...how }: DriftResult['baseline']) => {
    const shown = sources.slice(0, 10).map((source) => `<li><code>${escapeHtml(truncate(source, 200))}</code></li>`);
    const more = sources.length > 10 ? `<li>and ${(sources.length - 10).toLocaleString('en-US')} more</li>` : '';
    return `<div class="side ${className}">
<h2>${label}</h2>
<p class="side-rows">${rows.toLocaleString('en-US')} rows${escapeHtml(profiledNote({ sources, rows, ...how }))}</p>
<ul class="sources">${shown.join('')}${more}</ul>
</div>`;
  };
  return `<section class="sides" aria-label="Compared data">
${side('Baseline', 'side-baseline', result.baseline)}
${side('Current', 'side-current', result.current)}
</section>`;
}

/** With a model section above, the table is headed as the features, with their own verdict. */
/** How the table and the charts are ordered (`driftedFirst`). */
const ORDER_NOTE = 'Drifted columns first, then the rest; within each, the largest effect size first.';

function columnTableSection(ordered: readonly ColumnResult[], featuresVerdict: DriftResult['dataset'] | undefined): string {
  const rows = ordered.map((column, index) => columnRow(column, index < MAX_CHARTED_COLUMNS ? sectionId(index) : undefined));
  const heading = featuresVerdict ? 'Features' : 'Columns';
  const verdict = featuresVerdict ? `\n<p>${badge(featuresVerdict.drift_detected ? 'drift' : featuresVerdict.status === 'no-drift' ? 'no-drift' : 'other', VERDICT_HEADLINES[featuresVerdict.status])} ${escapeHtml(featuresVerdict.summary)}</p>` : '';
  return `<section aria-label="${heading}">
<h2>${heading} <span class="count">(${ordered.length.toLocaleString('en-US')})</span></h2>${verdict}
<p class="meta">${ORDER_NOTE}</p>
<div class="table-scroll">
<table class="columns">
<thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Method</th><th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">Result</th><th scope="col">Direction</th><th scope="col">Effect size</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
</section>`;
}

/** `section` is the id of the column's section below, if it has one, so its name can link there. */
function columnRow(column: ColumnResult, section: string | undefined, role?: string): string {
  const name = escapeHtml(truncate(column.name, 80));
  const nameCell = section === undefined ? name : `<a href="#${section}">${name}</a>`;
  const shown = column.approximate ? [...column.reasons, `approximate: ${column.approximate.why}`] : column.reasons;
  const reasons = shown.length > 0 ? `<ul class="reasons">${shown.map((reason) => `<li>${escapeHtml(truncate(reason, 500))}</li>`).join('')}</ul>` : '';
  return `<tr class="row-${statusClass(column)}">
<th scope="row" title="${escapeHtml(truncate(column.name, 1000))}">${nameCell}</th>${role === undefined ? '' : `\n<td>${escapeHtml(truncate(role, 200))}</td>`}
<td>${column.type}</td>
<td>${methodText(column)}</td>
<td class="number">${escapeHtml(formatScore(column))}</td>
<td class="number">${column.threshold === undefined ? '—' : formatNumber(column.threshold)}</td>
<td>${statusBadge(column)}${reasons}</td>
<td>${escapeHtml(formatDirection(column)) || '—'}</td>
<td>${effectText(column)}</td>
</tr>`;
}

function methodText(column: ColumnResult): string {
  if (!column.method) return '—';
  const title = column.method_title ? ` title="${escapeHtml(column.method_title)}"` : '';
  return `<span${title}>${escapeHtml(column.method)}</span>${column.auto_selected ? ' <span class="auto">(auto)</span>' : ''}`;
}

/** Three looks only: drifted, fine, and everything that was not judged either way. */
function statusClass(column: ColumnResult): 'drift' | 'no-drift' | 'other' {
  return column.drift_detected ? 'drift' : column.status === 'no-drift' ? 'no-drift' : 'other';
}

function statusBadge(column: ColumnResult): string {
  return `<span class="badge badge-${statusClass(column)}">${STATUS_LABELS[column.status]}</span>`;
}

function sectionId(index: number): string {
  return `column-${index}`;
}

function columnSections(ordered: readonly ColumnResult[]): string {
  const charted = ordered.slice(0, MAX_CHARTED_COLUMNS);
  const omitted = ordered.slice(MAX_CHARTED_COLUMNS);
  const omittedDrifted = omitted.filter((column) => column.drift_detected).length;
  const note =
    omitted.length > 0
      ? `<p class="omitted">Charts are drawn for the first ${MAX_CHARTED_COLUMNS} columns only (drifted first); ${omitted.length.toLocaleString('en-US')} more column${omitted.length === 1 ? ' is' : 's are'} in the table above without a chart (${omittedDrifted.toLocaleString('en-US')} of them drifted).</p>`
      : '';
  return `<section aria-label="Column details">
<h2>Distributions</h2>
${charted.map((column, index) => columnSection(column, sectionId(index))).join('\n')}
${note}
</section>`;
}

function columnSection(column: ColumnResult, id: string): string {
  const facts = [column.type, column.method ? `${column.method}${column.auto_selected ? ' (auto)' : ''}` : undefined, column.score === undefined ? undefined : formatScore(column), column.threshold === undefined ? undefined : `threshold ${formatNumber(column.threshold)}`, formatDirection(column) || undefined];
  const chart = column.histogram && histogramChart(column.name, column.histogram);
  const figure = chart
    ? `${legend(column)}\n${chart}`
    : `<p class="no-chart">No chart: ${column.reasons.length > 0 ? escapeHtml(truncate(column.reasons[0], 500)) : 'no values to draw'}.</p>`;
  return `<article class="column column-${statusClass(column)}" id="${id}">
<h3>${statusBadge(column)} <span class="column-name">${escapeHtml(truncate(column.name, 120))}</span></h3>
<p class="facts">${facts.filter((fact) => fact !== undefined).map((fact) => escapeHtml(fact)).join(' · ')}</p>
<div class="column-body">
<div class="distribution">
${figure}
</div>
${summaryTable(column)}
</div>
</article>`;
}

function legend(column: ColumnResult): string {
  const present = (summary: SideSummary) => (summary.rows - summary.missing).toLocaleString('en-US');
  return `<p class="legend"><span class="swatch swatch-baseline"></span>Baseline (${present(column.reference)} values) <span class="swatch swatch-current"></span>Current (${present(column.current)} values)</p>`;
}

/** Side-by-side descriptive statistics; a row appears when either side has the value. */
function summaryTable(column: ColumnResult): string {
  const statistics: Array<[string, (summary: SideSummary) => string | undefined]> = [
    ['Rows', (summary) => summary.rows.toLocaleString('en-US')],
    ['Missing', (summary) => `${summary.missing.toLocaleString('en-US')} (${formatPercent(summary.missing_share)})`],
    ['Categories', (summary) => summary.categories?.toLocaleString('en-US')],
    ['Mean', (summary) => optionalNumber(summary.mean)],
    ['Std', (summary) => optionalNumber(summary.std)],
    ['Min', (summary) => optionalNumber(summary.min)],
    ['Median', (summary) => optionalNumber(summary.median)],
    ['Max', (summary) => optionalNumber(summary.max)],
  ];
  const rows = statistics
    .map(([label, read]) => [label, read(column.reference), read(column.current)] as const)
    .filter(([, reference, current]) => reference !== undefined || current !== undefined)
    .map(([label, reference, current]) => `<tr><th scope="row">${label}</th><td>${reference ?? '—'}</td><td>${current ?? '—'}</td></tr>`);
  return `<table class="summary"><thead><tr><th scope="col"></th><th scope="col">Baseline</th><th scope="col">Current</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function optionalNumber(value: number | undefined): string | undefined {
  return value === undefined ? undefined : formatNumber(value);
}

interface BarGroup {
  /** Under the group (categories); numerical charts label the bin edges instead. */
  label?: string;
  /** The bar of every category beyond the ones shown. */
  isRest?: boolean;
  /** Hover text naming the group in full. */
  description: string;
  baseline: number;
  current: number;
}

const CHART_WIDTH = 760;
const PLOT_LEFT = 56;
const PLOT_RIGHT = 12;
const PLOT_TOP = 12;
const PLOT_HEIGHT = 200;
const PLOT_WIDTH = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT;
/** Room under the plot for one line of edge labels. */
const EDGE_AXIS_HEIGHT = 40;
/** Category labels are cut to this many characters and written at a slant, so long names need not squeeze the bars. */
const CATEGORY_LABEL_LENGTH = 18;
const CATEGORY_LABEL_ANGLE = 35;
/** Edge labels closer than this overlap. */
const MIN_LABEL_SPACING = 64;

/** Undefined when there is nothing to draw (a column with no values on either side). */
function histogramChart(columnName: string, histogram: Histogram): string | undefined {
  const description =
    histogram.kind === 'bins'
      ? `Distribution of ${truncate(columnName, 200)}: share of baseline and current values in each of ${histogram.edges.length - 1} bins`
      : `Distribution of ${truncate(columnName, 200)}: share of baseline and current values in each category`;
  const groups = histogram.kind === 'bins' ? binGroups(histogram) : categoryGroups(histogram);
  if (groups.length === 0) return undefined;
  const axisHeight = histogram.kind === 'bins' ? EDGE_AXIS_HEIGHT : categoryAxisHeight(groups);
  const height = PLOT_TOP + PLOT_HEIGHT + axisHeight;
  const { top, ticks } = shareScale(Math.max(...groups.map((group) => Math.max(group.baseline, group.current))));
  const groupWidth = PLOT_WIDTH / groups.length;
  const barWidth = (groupWidth * 0.8) / 2;
  const y = (share: number) => PLOT_TOP + PLOT_HEIGHT * (1 - share / top);
  const bar = (share: number, x: number, side: 'baseline' | 'current') => {
    if (share <= 0) return '';
    // A tiny share still gets a visible sliver, so "a few" never reads as "none".
    const barHeight = Math.max(1, PLOT_HEIGHT * (share / top));
    return `<rect class="bar-${side}" x="${round(x)}" y="${round(PLOT_TOP + PLOT_HEIGHT - barHeight)}" width="${round(barWidth)}" height="${round(barHeight)}"/>`;
  };
  const bars = groups.map((group, index) => {
    const left = PLOT_LEFT + index * groupWidth + groupWidth * 0.1;
    const tooltip = `${group.description}: baseline ${formatPercent(group.baseline)}, current ${formatPercent(group.current)}`;
    return `<g><title>${escapeHtml(tooltip)}</title>${bar(group.baseline, left, 'baseline')}${bar(group.current, left + barWidth, 'current')}</g>`;
  });
  const grid = ticks.map(
    (tick) =>
      `<line class="grid" x1="${PLOT_LEFT}" x2="${CHART_WIDTH - PLOT_RIGHT}" y1="${round(y(tick))}" y2="${round(y(tick))}"/><text class="tick" x="${PLOT_LEFT - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${tickLabel(tick, ticks[1])}</text>`,
  );
  const axis = histogram.kind === 'bins' ? edgeAxis(histogram.edges, histogram.edges_time) : categoryAxis(groups, groupWidth);
  return `<svg class="chart" role="img" aria-label="${escapeHtml(description)}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}">
<title>${escapeHtml(description)}</title>
<text class="axis-title" transform="translate(12 ${PLOT_TOP + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">share of values</text>
${grid.join('')}
${bars.join('')}
<line class="axis" x1="${PLOT_LEFT}" x2="${CHART_WIDTH - PLOT_RIGHT}" y1="${PLOT_TOP + PLOT_HEIGHT}" y2="${PLOT_TOP + PLOT_HEIGHT}"/>
${axis}
</svg>`;
}

/**
 * The error over the stream: one point per stretch of rows, placed by stream position so stretches of
 * unequal length stay in proportion, with a solid line where ADWIN puts the start of the rise and a
 * dashed one where it became sure.
 */
function errorChart(changePoint: ChangePointResult): string {
  const series = changePoint.error_series;
  const streamRows = changePoint.stream.rows;
  const time = changePoint.stream.order_time;
  const height = PLOT_TOP + PLOT_HEIGHT + EDGE_AXIS_HEIGHT;
  const top = niceCeiling(Math.max(...series.map((bucket) => bucket.error)));
  const x = (position: number) => PLOT_LEFT + (PLOT_WIDTH * position) / streamRows;
  const y = (error: number) => PLOT_TOP + PLOT_HEIGHT * (1 - error / top);
  const isRate = changePoint.stream.signal === 'misclassification';
  const tickLabelOf = (value: number) => (isRate ? `${Number((value * 100).toPrecision(3))}%` : formatNumber(value));
  const points = series.map((bucket) => ({ bucket, cx: round(x(bucket.first_position + bucket.rows / 2)), cy: round(y(bucket.error)) }));
  const dots = points.map(
    ({ bucket, cx, cy }) =>
      `<circle class="error-point" cx="${cx}" cy="${cy}" r="3"><title>${escapeHtml(`${bucketLabel(bucket, changePoint, 'second')}: ${errorName(changePoint)} ${tickLabelOf(bucket.error)} over ${bucket.rows} rows`)}</title></circle>`,
  );
  const grid = [0, top / 2, top].map(
    (tick) =>
      `<line class="grid" x1="${PLOT_LEFT}" x2="${CHART_WIDTH - PLOT_RIGHT}" y1="${round(y(tick))}" y2="${round(y(tick))}"/><text class="tick" x="${PLOT_LEFT - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${tickLabelOf(tick)}</text>`,
  );
  const axisY = PLOT_TOP + PLOT_HEIGHT;
  const labels = streamAxisLabels(changePoint, x).map(
    ({ at, label, anchor }) => `<text class="tick" x="${round(at)}" y="${axisY + 18}" text-anchor="${anchor}">${escapeHtml(label)}</text>`,
  );
  const marker = (point: StreamPoint | undefined, kind: 'onset' | 'detected', text: string) => {
    if (!point) return '';
    const at = round(x(point.position));
    return `<line class="change-${kind}" x1="${at}" x2="${at}" y1="${PLOT_TOP}" y2="${axisY}"><title>${escapeHtml(`${text}: ${describeStreamPoint(point, time)}`)}</title></line>`;
  };
  const where = changePoint.onset ? `; the rise began at ${describeStreamPoint(changePoint.onset, time)}` : '';
  const description = truncate(`${errorName(changePoint)} by ${streamAxisName(changePoint)} over ${streamRows} labelled current rows${where}`, 400);
  return `<p class="legend"><span class="swatch swatch-current"></span>${escapeHtml(errorName(changePoint))}${changePoint.onset ? ' <span class="swatch swatch-onset"></span>rise began (ADWIN) <span class="swatch swatch-detected"></span>detected' : ''}</p>
<svg class="chart" role="img" aria-label="${escapeHtml(description)}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}">
<title>${escapeHtml(description)}</title>
<text class="axis-title" transform="translate(12 ${PLOT_TOP + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(errorName(changePoint))}</text>
${grid.join('')}
${marker(changePoint.onset, 'onset', 'the rise began')}${marker(changePoint.detected, 'detected', 'ADWIN detected it')}
<polyline class="error-line" points="${points.map(({ cx, cy }) => `${cx},${cy}`).join(' ')}"/>
${dots.join('')}
<line class="axis" x1="${PLOT_LEFT}" x2="${CHART_WIDTH - PLOT_RIGHT}" y1="${axisY}" y2="${axisY}"/>
${labels.join('')}
</svg>`;
}

/**
 * The stream chart's x labels: round times placed between the buckets' first and last order values when
 * the order is a time, else the first, middle and last buckets' order values or rows.
 */
function streamAxisLabels(changePoint: ChangePointResult, x: (position: number) => number): Array<{ at: number; label: string; anchor: 'start' | 'middle' | 'end' }> {
  const series = changePoint.error_series;
  const knots: Array<readonly [number, number]> = [];
  for (const bucket of series) {
    const from = bucketInstant(bucket, changePoint, 'from');
    const to = bucketInstant(bucket, changePoint, 'to');
    if (from === undefined || to === undefined) break;
    knots.push([from, x(bucket.first_position)], [to, x(bucket.first_position + bucket.rows - 1)]);
  }
  if (knots.length === 2 * series.length) {
    return timeTicks(knots[0][0], knots[knots.length - 1][0], PLOT_WIDTH).map(({ at, label }) => ({ at: interpolate(knots, at), label, anchor: 'middle' }));
  }
  const middle = series[Math.floor(series.length / 2)];
  const ends = [
    [series[0], PLOT_LEFT, 'start'],
    [middle, x(middle.first_position), 'middle'],
    [series[series.length - 1], CHART_WIDTH - PLOT_RIGHT, 'end'],
  ] as const;
  return ends.map(([bucket, at, anchor]) => ({ at, label: bucketLabel(bucket, changePoint), anchor }));
}

/** The y of `value` on the polyline through `knots` (x ascending), held level beyond its ends. */
function interpolate(knots: ReadonlyArray<readonly [number, number]>, value: number): number {
  if (value <= knots[0][0]) return knots[0][1];
  for (let index = 1; index < knots.length; index++) {
    const [x1, y1] = knots[index];
    if (value <= x1) {
      const [x0, y0] = knots[index - 1];
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (value - x0)) / (x1 - x0);
    }
  }
  return knots[knots.length - 1][1];
}

/** Shares, not counts: the two sides rarely have the same number of rows. */
function sharesOf(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total === 0 ? 0 : count / total));
}

function binGroups(histogram: Extract<Histogram, { kind: 'bins' }>): BarGroup[] {
  const baseline = sharesOf(histogram.reference);
  const current = sharesOf(histogram.current);
  const time = histogram.edges_time;
  const edge = (value: number) => (time === undefined ? formatNumber(value) : formatUtc(epochMilliseconds(value, time), 'minute'));
  return baseline.map((share, index) => ({
    description: `${edge(histogram.edges[index])} to ${edge(histogram.edges[index + 1])}`,
    baseline: share,
    current: current[index],
  }));
}

function categoryGroups(histogram: Extract<Histogram, { kind: 'categories' }>): BarGroup[] {
  const hasOther = histogram.other_reference + histogram.other_current > 0;
  const baseline = sharesOf(hasOther ? [...histogram.reference, histogram.other_reference] : histogram.reference);
  const current = sharesOf(hasOther ? [...histogram.current, histogram.other_current] : histogram.current);
  return baseline.map((share, index) => {
    const category = histogram.categories[index];
    if (category === undefined) {
      // Labelled so it cannot be mistaken for a category called "other".
      return { label: '(all others)', isRest: true, description: 'all other categories', baseline: share, current: current[index] };
    }
    return { label: category, description: truncate(category, 200), baseline: share, current: current[index] };
  });
}

/** The y axis runs from 0 to a round share just above the tallest bar, in four or five steps. */
function shareScale(largest: number): { top: number; ticks: number[] } {
  const step = niceStep(largest > 0 ? largest / 4 : 0.25);
  const steps = Math.max(1, Math.ceil(largest / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, index) => index * step);
  return { top: steps * step, ticks };
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Every tick shares the step's precision, so labels line up: 0%, 2.5%, 5.0%, not 0%, 2.5%, 5%. */
function tickLabel(share: number, step: number): string {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step * 100) - 1e-9));
  return `${(share * 100).toFixed(decimals)}%`;
}

function edgeAxis(edges: readonly number[], time: TimeEncoding | undefined): string {
  const axisY = PLOT_TOP + PLOT_HEIGHT;
  const x = (index: number) => PLOT_LEFT + (PLOT_WIDTH * index) / (edges.length - 1);
  const marks = edges.map((_, index) => `<line class="axis" x1="${round(x(index))}" x2="${round(x(index))}" y1="${axisY}" y2="${axisY + 4}"/>`);
  const label = (at: number, text: string) => `<text class="tick" x="${round(at)}" y="${axisY + 18}" text-anchor="middle">${escapeHtml(text)}</text>`;
  if (time !== undefined) {
    const knots = edges.map((edge, index) => [epochMilliseconds(edge, time), x(index)] as const);
    const ticks = timeTicks(knots[0][0], knots[knots.length - 1][0], PLOT_WIDTH);
    return marks.join('') + ticks.map((tick) => label(interpolate(knots, tick.at), tick.label)).join('');
  }
  const stride = Math.ceil(MIN_LABEL_SPACING / (PLOT_WIDTH / (edges.length - 1)));
  return marks.join('') + edges.map((edge, index) => (index % stride === 0 ? label(x(index), formatNumber(edge)) : '')).join('');
}

/** Just tall enough for the longest slanted label (about 6.2 px a character at 11 px). */
function categoryAxisHeight(groups: readonly BarGroup[]): number {
  const longest = Math.max(...groups.map((group) => truncate(group.label ?? '', CATEGORY_LABEL_LENGTH).length));
  return Math.ceil(28 + longest * 6.2 * Math.sin((CATEGORY_LABEL_ANGLE * Math.PI) / 180));
}

function categoryAxis(groups: readonly BarGroup[], groupWidth: number): string {
  const axisY = PLOT_TOP + PLOT_HEIGHT;
  return groups
    .map((group, index) => {
      const center = round(PLOT_LEFT + groupWidth * (index + 0.5));
      const className = group.isRest ? 'tick other' : 'tick';
      return `<text class="${className}" transform="translate(${center} ${axisY + 14}) rotate(-${CATEGORY_LABEL_ANGLE})" text-anchor="end">${escapeHtml(truncate(group.label ?? '', CATEGORY_LABEL_LENGTH))}</text>`;
    })
    .join('');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const STYLE = `
:root { color-scheme: light; --baseline: ${BASELINE_COLOUR}; --current: ${CURRENT_COLOUR}; --drift: #b42318; --drift-bg: #fef3f2; --ok: #067647; --ok-bg: #ecfdf3; --other: #475467; --other-bg: #f2f4f7; --border: #d0d5dd; --muted: #667085; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #101828; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 18px; margin: 28px 0 10px; }
h3 { font-size: 16px; margin: 0 0 4px; display: flex; gap: 8px; align-items: baseline; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.page-header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
.meta, .count, .facts, .verdict-rule, .auto, .omitted, .no-chart { color: var(--muted); }
.meta { margin: 0; font-size: 13px; }
/* Names break between words, and inside one only when it cannot fit a line on its own (never to narrow a column). */
.column-name, th[scope="row"], .sources li { overflow-wrap: break-word; }
.verdict { border-radius: 10px; padding: 18px 22px; border-left: 8px solid; }
.verdict-drift { background: var(--drift-bg); border-color: var(--drift); }
.verdict-no-drift { background: var(--ok-bg); border-color: var(--ok); }
.verdict-insufficient-data { background: var(--other-bg); border-color: var(--other); }
.verdict-headline { font-size: 32px; font-weight: 700; margin: 0; line-height: 1.2; }
.verdict-drift .verdict-headline { color: var(--drift); }
.verdict-no-drift .verdict-headline { color: var(--ok); }
.verdict-insufficient-data .verdict-headline { color: var(--other); }
.verdict-summary { font-size: 17px; margin: 6px 0 0; }
.verdict-rule { font-size: 12px; margin: 8px 0 0; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-top: 16px; }
.side { border: 1px solid var(--border); border-top: 5px solid; border-radius: 8px; padding: 10px 14px; min-width: 0; }
.side-baseline { border-top-color: var(--baseline); }
.side-current { border-top-color: var(--current); }
.side h2 { margin: 0; font-size: 15px; }
.side-rows { margin: 2px 0 4px; font-size: 20px; font-weight: 600; }
.sources { margin: 0; padding-left: 18px; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; }
.columns { width: 100%; font-size: 13px; }
.columns th, .columns td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); }
.columns thead th { background: #f9fafb; border-bottom: 2px solid var(--border); white-space: nowrap; }
.columns th[scope="row"] { max-width: 260px; font-weight: 600; }
.columns .number { font-variant-numeric: tabular-nums; white-space: nowrap; }
.row-drift { background: var(--drift-bg); }
.reasons { margin: 4px 0 0; padding-left: 16px; color: #344054; }
a { color: #175cd3; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge-drift { background: var(--drift); color: #fff; }
.badge-no-drift { background: var(--ok-bg); color: var(--ok); border: 1px solid var(--ok); }
.badge-other { background: var(--other-bg); color: var(--other); border: 1px solid var(--border); }
.column { border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
.column-drift { border-left: 5px solid var(--drift); }
.facts { margin: 0 0 8px; font-size: 13px; }
.legend { margin: 0 0 4px; font-size: 13px; display: flex; gap: 6px; align-items: center; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.swatch-current { margin-left: 14px; }
.swatch-baseline, .bar-baseline { background: var(--baseline); fill: var(--baseline); }
.swatch-current, .bar-current { background: var(--current); fill: var(--current); }
.chart { display: block; max-width: 100%; height: auto; }
.chart .grid { stroke: #eaecf0; }
.chart .axis { stroke: #98a2b3; }
.chart .tick { font-size: 11px; fill: #475467; }
.chart .other { font-style: italic; }
.chart .axis-title { font-size: 11px; fill: var(--muted); }
.column-body { display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start; }
.distribution { flex: 0 1 760px; min-width: 0; }
.summary { font-size: 12px; margin-top: 26px; }
.summary th, .summary td { padding: 2px 12px 2px 0; text-align: right; font-variant-numeric: tabular-nums; }
.summary th[scope="row"] { text-align: left; font-weight: 500; color: var(--muted); }
.omitted { font-style: italic; }
.model-block { border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
.model-drift { border-left: 5px solid var(--drift); }
.model-no-drift { border-left: 5px solid var(--ok); }
.metrics { width: auto; }
.metrics .judged { font-weight: 600; }
.matrices { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; }
.matrix { flex: 0 1 auto; min-width: 0; }
.confusion { width: auto; }
.confusion caption { text-align: left; font-weight: 600; padding: 4px 0; border-top: 4px solid; }
.matrix-baseline caption { border-top-color: var(--baseline); }
.matrix-current caption { border-top-color: var(--current); }
.confusion .hit { font-weight: 600; background: var(--ok-bg); }
.confusion .other { font-style: italic; }
.chart .error-line { fill: none; stroke: var(--current); stroke-width: 2; }
.chart .error-point { fill: var(--current); }
.chart .change-onset { stroke: var(--drift); stroke-width: 2; }
.chart .change-detected { stroke: var(--drift); stroke-width: 1.5; stroke-dasharray: 5 4; }
.swatch-onset { background: var(--drift); width: 4px; margin-left: 14px; }
.swatch-detected { border-left: 2px dashed var(--drift); width: 4px; border-radius: 0; }
`;
