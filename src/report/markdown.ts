/**
 * The Markdown report: a verdict line and a table of columns, drifted first, that reads well in a GitHub
 * job summary or a pull request body.
 */
import type { ColumnResult, DriftResult } from '../engine/result.js';
import { formatNumber } from '../engine/format.js';
import { escapeMarkdown } from './escape.js';
import { STATUS_LABELS, driftedFirst, formatDirection, formatScore, otherReasons, truncate } from './format.js';

export interface MarkdownOptions {
  /** Rows of the column table at most; the rest are summarized in a note. */
  maxColumns?: number;
  /** Heading level of the verdict line (default 3). */
  headingLevel?: number;
}

export function renderMarkdown(result: DriftResult, options: MarkdownOptions = {}): string {
  return [verdictBlock(result, options.headingLevel ?? 3), columnTable(result.columns, options.maxColumns ?? Infinity)].join('\n\n') + '\n';
}

export function verdictBlock(result: DriftResult, headingLevel = 3): string {
  const icon = result.dataset.status === 'drift' ? '🔴' : result.dataset.status === 'no-drift' ? '🟢' : '⚪';
  const sides = `Baseline: ${describeSide(result.baseline)} · Current: ${describeSide(result.current)}`;
  return `${'#'.repeat(headingLevel)} ${icon} ${escapeMarkdown(result.dataset.summary)}\n\n${sides}`;
}

function describeSide(side: DriftResult['baseline']): string {
  const shown = side.sources.slice(0, 3).map((source) => `\`${source.replace(/`/g, "'")}\``);
  const more = side.sources.length > 3 ? ` and ${side.sources.length - 3} more` : '';
  return `${shown.join(', ')}${more} (${side.rows.toLocaleString('en-US')} rows)`;
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
