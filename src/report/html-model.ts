/**
 * The HTML report's Model section: performance, its estimate without labels, the classes, the error over
 * time with its change point, prediction and target drift.
 */
import type { ChangePointResult, ColumnGroupDrift, ModelResult, PerformanceResult } from '../engine/result.js';
import { formatCount, formatNumber } from '../core/format.js';
import { escapeHtml } from './escape.js';
import { STATUS_LABELS, truncate } from './format.js';
import { errorChart } from './html-charts.js';
import { badge, columnRow, columnSection } from './html-columns.js';
import {
  CLASS_SCORE_TITLES,
  DDM_CAVEAT,
  PERFORMANCE_LABELS,
  classesView,
  detectorRows,
  estimatedView,
  formatMetricChange,
  metricRows,
  probabilityColumnsText,
  roleLabel,
  type ClassesView,
  type ConfusionMatrixView,
  type EstimatedView,
} from './model-format.js';

export function modelSection(model: ModelResult): string {
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

function performanceBlock(performance: PerformanceResult): string {
  const status = performance.status === 'degraded' ? 'drift' : performance.status === 'ok' ? 'no-drift' : 'other';
  const value = (side: number | undefined) => (side === undefined ? '—' : formatNumber(side));
  const rows = metricRows(performance).map(
    (row) =>
      `<tr${row.judged ? ' class="judged"' : ''}><th scope="row">${escapeHtml(row.title)}${row.judged ? ' <span class="auto">(verdict)</span>' : ''}</th><td class="number">${value(row.baseline)}</td><td class="number">${value(row.current)}</td><td class="number">${escapeHtml(formatMetricChange(row))}</td></tr>`,
  );
  const table =
    rows.length > 0
      ? `<table class="columns metrics"><thead><tr><th scope="col">Metric</th><th scope="col">Baseline</th><th scope="col">Current</th><th scope="col">Change</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '';
  return `<article class="model-block model-${status}" aria-label="Performance">
<h3>${badge(status, PERFORMANCE_LABELS[performance.status])} Performance</h3>
<p>${escapeHtml(performance.summary)}</p>
<p class="facts">Labelled rows: ${formatCount(performance.labelled_rows.baseline)} baseline · ${formatCount(performance.labelled_rows.current)} current</p>
${table}
</article>`;
}

/** CBPE's estimate: the verdict, the calibration, the metrics with their bands, realized beside them. */
function estimatedBlock(view: EstimatedView): string {
  const status = view.status === 'degraded' ? 'drift' : view.status === 'ok' ? 'no-drift' : 'other';
  const rows = view.rows.map(
    ([title, ...cells]) =>
      `<tr><th scope="row">${escapeHtml(title)}</th>${cells.map((cell) => `<td class="number">${escapeHtml(cell)}</td>`).join('')}</tr>`,
  );
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
  const rows = classes.scores.map(
    (row) =>
      `<tr><th scope="row">${classLabel(row.label)}</th>${row.cells.map((cell) => `<td class="number">${escapeHtml(cell)}</td>`).join('')}</tr>`,
  );
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
    const cells = matrix.cells[rowIndex].map(
      (cell, index) => `<td class="number${index === rowIndex && row.label !== undefined ? ' hit' : ''}">${escapeHtml(cell)}</td>`,
    );
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
  const label =
    changePoint.status === 'change' ? 'change point' : changePoint.status === 'no-change' ? 'no change point' : 'insufficient data';
  const detectors =
    changePoint.status === 'insufficient-data'
      ? ''
      : `<table class="columns detectors"><thead><tr><th scope="col">Detector</th><th scope="col">Rise began at</th><th scope="col">Detected at</th></tr></thead><tbody>${detectorRows(
          changePoint,
        )
          .map((row) => `<tr><th scope="row">${row.title}</th><td>${escapeHtml(row.onset)}</td><td>${escapeHtml(row.detected)}</td></tr>`)
          .join(
            '',
          )}</tbody></table>${changePoint.detectors.ddm.status === 'not-applicable' ? '' : `<p class="facts">${escapeHtml(DDM_CAVEAT)}</p>`}`;
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
