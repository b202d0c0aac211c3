/**
 * A column in the HTML report: its row in a column table (linked to its section when it has one) and its
 * section with the distribution chart and both sides' statistics; the status badges they share.
 */
import type { ColumnResult, SideSummary } from '../engine/result.js';
import { columnEffect } from '../engine/effect.js';
import { formatCount, formatNumber, formatPercent } from '../core/format.js';
import { escapeHtml } from './escape.js';
import { STATUS_LABELS, formatDirection, formatScore, truncate } from './format.js';
import { histogramChart } from './html-charts.js';

/** The distance beside a p-value, or for a distance method the distance it was tested on. */
function effectText(column: ColumnResult): string {
  const effect = columnEffect(column);
  const method = column.effect_size?.method ?? column.method;
  return effect === undefined || method === undefined ? '—' : `${escapeHtml(method)} ${formatNumber(effect)}`;
}

export function badge(status: 'drift' | 'no-drift' | 'other', label: string): string {
  return `<span class="badge badge-${status}">${escapeHtml(label)}</span>`;
}

/** `section` is the id of the column's section below, if it has one, so its name can link there. */
export function columnRow(column: ColumnResult, section: string | undefined, role?: string): string {
  const name = escapeHtml(truncate(column.name, 80));
  const nameCell = section === undefined ? name : `<a href="#${section}">${name}</a>`;
  const shown = column.approximate ? [...column.reasons, `approximate: ${column.approximate.why}`] : column.reasons;
  const reasons =
    shown.length > 0 ? `<ul class="reasons">${shown.map((reason) => `<li>${escapeHtml(truncate(reason, 500))}</li>`).join('')}</ul>` : '';
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

export function columnSection(column: ColumnResult, id: string): string {
  const facts = [
    column.type,
    column.method ? `${column.method}${column.auto_selected ? ' (auto)' : ''}` : undefined,
    column.score === undefined ? undefined : formatScore(column),
    column.threshold === undefined ? undefined : `threshold ${formatNumber(column.threshold)}`,
    formatDirection(column) || undefined,
  ];
  const chart = column.histogram && histogramChart(column.name, column.histogram);
  const figure = chart
    ? `${legend(column)}\n${chart}`
    : `<p class="no-chart">No chart: ${column.reasons.length > 0 ? escapeHtml(truncate(column.reasons[0], 500)) : 'no values to draw'}.</p>`;
  return `<article class="column column-${statusClass(column)}" id="${id}">
<h3>${statusBadge(column)} <span class="column-name">${escapeHtml(truncate(column.name, 120))}</span></h3>
<p class="facts">${facts
    .filter((fact) => fact !== undefined)
    .map((fact) => escapeHtml(fact))
    .join(' · ')}</p>
<div class="column-body">
<div class="distribution">
${figure}
</div>
${summaryTable(column)}
</div>
</article>`;
}

function legend(column: ColumnResult): string {
  const present = (summary: SideSummary) => formatCount(summary.rows - summary.missing);
  return `<p class="legend"><span class="swatch swatch-baseline"></span>Baseline (${present(column.baseline)} values) <span class="swatch swatch-current"></span>Current (${present(column.current)} values)</p>`;
}

/** Side-by-side descriptive statistics; a row appears when either side has the value. */
function summaryTable(column: ColumnResult): string {
  const statistics: Array<[string, (summary: SideSummary) => string | undefined]> = [
    ['Rows', (summary) => formatCount(summary.rows)],
    ['Missing', (summary) => `${formatCount(summary.missing)} (${formatPercent(summary.missing_share)})`],
    ['Categories', (summary) => (summary.categories === undefined ? undefined : formatCount(summary.categories))],
    ['Mean', (summary) => optionalNumber(summary.mean)],
    ['Std', (summary) => optionalNumber(summary.std)],
    ['Min', (summary) => optionalNumber(summary.min)],
    ['Median', (summary) => optionalNumber(summary.median)],
    ['Max', (summary) => optionalNumber(summary.max)],
  ];
  const rows = statistics
    .map(([label, read]) => [label, read(column.baseline), read(column.current)] as const)
    .filter(([, baseline, current]) => baseline !== undefined || current !== undefined)
    .map(([label, baseline, current]) => `<tr><th scope="row">${label}</th><td>${baseline ?? '—'}</td><td>${current ?? '—'}</td></tr>`);
  return `<table class="summary"><thead><tr><th scope="col"></th><th scope="col">Baseline</th><th scope="col">Current</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function optionalNumber(value: number | undefined): string | undefined {
  return value === undefined ? undefined : formatNumber(value);
}
