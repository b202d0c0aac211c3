/** The plain-text report for terminals: the verdict, then an aligned table, drifted columns first. */
import type { ColumnResult, DriftResult } from '../engine/result.js';
import { formatNumber } from '../engine/format.js';
import { escapeTerminal } from './escape.js';
import { STATUS_LABELS, driftedFirst, formatDirection, formatScore, otherReasons, truncate } from './format.js';

export function renderText(result: DriftResult): string {
  const header = ['COLUMN', 'TYPE', 'METHOD', 'VALUE', 'THRESHOLD', 'RESULT', 'CHANGE'];
  const rows = driftedFirst(result.columns).map(textRow);
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => [...row[index]].length)));
  const line = (row: string[]) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] + cell.length - [...cell].length))).join('  ').trimEnd();
  const sides = `baseline: ${describe(result.baseline)}\ncurrent:  ${describe(result.current)}`;
  const notes = driftedFirst(result.columns)
    .filter((column) => otherReasons(column).length > 0)
    .map((column) => `  ${escapeTerminal(truncate(column.name, 60))}: ${otherReasons(column).map(escapeTerminal).join('; ')}`);
  return [
    escapeTerminal(result.dataset.summary),
    sides,
    '',
    [line(header), ...rows.map(line)].join('\n'),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
  ].join('\n') + '\n';
}

function describe(side: DriftResult['baseline']): string {
  return `${side.sources.map(escapeTerminal).join(', ')} (${side.rows.toLocaleString('en-US')} rows)`;
}

function textRow(column: ColumnResult): string[] {
  return [
    escapeTerminal(truncate(column.name, 40)),
    column.type,
    column.method ?? '-',
    formatScore(column),
    column.threshold === undefined ? '-' : formatNumber(column.threshold),
    column.drift_detected ? STATUS_LABELS[column.status].toUpperCase() : STATUS_LABELS[column.status],
    formatDirection(column),
  ];
}
