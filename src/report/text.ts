/**
 * The plain-text report for terminals: the verdict, then an aligned table, drifted columns first. With
 * model columns the verdict is the gate's and the model's performance (and its estimate without labels),
 * classes, change point and prediction drift come before the features.
 */
import type { ColumnResult, DriftResult, ModelResult, SegmentsResult } from '../engine/result.js';
import { formatCount, formatNumber } from '../core/format.js';
import { escapeTerminal } from './escape.js';
import { STATUS_LABELS, driftedFirst, formatDirection, formatScore, otherReasons, profiledNote, truncate } from './format.js';
import {
  CLASS_SCORE_TITLES,
  DDM_CAVEAT,
  classesView,
  detectorRows,
  estimatedView,
  formatMetricChange,
  metricRows,
  roleLabel,
  type ClassesView,
} from './model-format.js';
import { gateHeadsReport, multivariateRows } from './multivariate-format.js';
import type { MultivariateResult } from '../multivariate/result.js';
import { segmentRows, segmentsSummary } from './segment-format.js';

const COLUMN_HEADER = ['COLUMN', 'TYPE', 'METHOD', 'VALUE', 'THRESHOLD', 'RESULT', 'CHANGE'];

export interface TextOptions {
  /** Sentences and notes are wrapped at this many columns (tables are not: a wrapped row misaligns). */
  width?: number;
}

/** Wide enough for the tables' usual rows, narrow enough to read; the CLI passes the terminal's width. */
export const DEFAULT_TEXT_WIDTH = 100;

export function renderText(result: DriftResult, options: TextOptions = {}): string {
  const width = Math.max(40, options.width ?? DEFAULT_TEXT_WIDTH);
  const wrapped = (text: string, first = '', rest = first) => wrapText(text, width, first, rest);
  const sides = `baseline: ${describe(result.baseline)}\ncurrent:  ${describe(result.current)}`;
  const notes = driftedFirst(result.columns)
    .filter((column) => otherReasons(column).length > 0)
    .map((column) =>
      wrapped(`${escapeTerminal(truncate(column.name, 60))}: ${otherReasons(column).map(escapeTerminal).join('; ')}`, '  ', '    '),
    );
  const features = [
    alignedTable([COLUMN_HEADER, ...driftedFirst(result.columns).map(textRow)]).join('\n'),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
  ];
  if (!gateHeadsReport(result)) return [wrapped(escapeTerminal(result.dataset.summary)), sides, '', ...features].join('\n') + '\n';
  const model = result.model ? [...modelLines(result.model, wrapped), ''] : [];
  const multivariate = result.multivariate ? [...multivariateLines(result.multivariate, wrapped), ''] : [];
  const segments = result.segments ? [...segmentLines(result.segments, wrapped), ''] : [];
  return (
    [
      wrapped(escapeTerminal(result.gate.summary)),
      sides,
      '',
      ...model,
      ...multivariate,
      ...segments,
      wrapped(`Features: ${escapeTerminal(result.dataset.summary)}`),
      ...features,
    ].join('\n') + '\n'
  );
}

type Wrap = (text: string, first?: string, rest?: string) => string;

/** A sentence broken between words to fit `width`: the first line after `first`, the others after `rest`. */
function wrapText(text: string, width: number, first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const start = line === first || line === rest;
    if (!start && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = rest + word;
    } else line += start ? word : ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

function segmentLines(segments: SegmentsResult, wrapped: Wrap): string[] {
  const rows = segmentRows(segments).map((row) => [
    escapeTerminal(truncate(row.value, 40)),
    row.rows,
    row.drift ? row.status.toUpperCase() : row.status,
    row.drifted,
    row.effect,
    row.performance,
  ]);
  const header = ['SEGMENT', 'ROWS', 'RESULT', 'DRIFTED', 'EFFECT', 'PERFORMANCE'];
  return [wrapped(escapeTerminal(segmentsSummary(segments))), ...alignedTable([header, ...rows]).map((line) => `  ${line.trimEnd()}`)];
}

function multivariateLines(multivariate: MultivariateResult, wrapped: Wrap): string[] {
  const rows = multivariateRows(multivariate.methods).map((row) => [
    row.method,
    row.value,
    row.threshold,
    row.drift ? row.status.toUpperCase() : row.status,
    escapeTerminal(truncate(row.note, 80)),
  ]);
  return [
    wrapped(`Multivariate: ${multivariate.summary}`),
    ...alignedTable([['METHOD', 'VALUE', 'THRESHOLD', 'RESULT', 'NOTE'], ...rows]).map((line) => `  ${line}`),
  ];
}

function modelLines(model: ModelResult, wrapped: Wrap): string[] {
  const indent = (lines: readonly string[]) => lines.map((line) => `  ${line}`);
  const lines = [`Model (${model.task}):`];
  const { performance, change_point: changePoint } = model;
  if (performance) {
    lines.push(wrapped(escapeTerminal(performance.summary), '  '));
    lines.push(
      `  labelled rows: ${formatCount(performance.labelled_rows.baseline)} baseline, ${formatCount(performance.labelled_rows.current)} current`,
    );
    const metrics = metricRows(performance).map((row) => [
      row.judged ? `${row.title} *` : row.title,
      row.baseline === undefined ? '-' : formatNumber(row.baseline),
      row.current === undefined ? '-' : formatNumber(row.current),
      formatMetricChange(row),
    ]);
    if (metrics.length > 0) lines.push(...indent(alignedTable([['METRIC (* verdict)', 'BASELINE', 'CURRENT', 'CHANGE'], ...metrics])));
    const estimated = estimatedView(performance);
    if (estimated) {
      lines.push(wrapped(escapeTerminal(estimated.headline), '  '), wrapped(escapeTerminal(estimated.calibration), '  '));
      lines.push(...indent(alignedTable([estimated.header.map(escapeTerminal), ...estimated.rows])));
      lines.push(wrapped(estimated.caveat, '  '));
    }
    const classes = classesView(performance);
    if (classes) lines.push(...indent(classLines(classes)));
  }
  if (changePoint) {
    lines.push(wrapped(escapeTerminal(changePoint.summary), '  '));
    if (changePoint.status !== 'insufficient-data') {
      const detectors = detectorRows(changePoint).map((row) => [row.title, escapeTerminal(row.onset), escapeTerminal(row.detected)]);
      lines.push(...indent(alignedTable([['DETECTOR', 'RISE BEGAN AT', 'DETECTED AT'], ...detectors])));
      if (changePoint.detectors.ddm.status !== 'not-applicable') lines.push(wrapped(DDM_CAVEAT, '  '));
    }
  }
  lines.push(
    `  prediction drift: ${STATUS_LABELS[model.prediction_drift.status]}; target drift: ${STATUS_LABELS[model.target_drift.status]}`,
  );
  const columns = model.columns.map((column) => {
    const [name, ...rest] = textRow(column);
    return [name, escapeTerminal(roleLabel(column)), ...rest];
  });
  lines.push(...indent(alignedTable([['COLUMN', 'ROLE', ...COLUMN_HEADER.slice(1)], ...columns])));
  return lines;
}

/** Per-class scores (baseline → current, change), then each side's confusion matrix. */
function classLines(classes: ClassesView): string[] {
  const label = (text: string | undefined) => (text === undefined ? '(all others)' : escapeTerminal(truncate(text, 30)));
  const scores = classes.scores.map((row) => [label(row.label), ...row.cells]);
  const lines = [
    `classes: ${classes.legend}`,
    ...alignedTable([['CLASS', ...CLASS_SCORE_TITLES.map((title) => title.toUpperCase())], ...scores]),
    ...(classes.note ? [classes.note] : []),
  ];
  for (const matrix of classes.matrices) {
    const header = ['TRUE \\ PREDICTED', ...matrix.rows.map((row) => label(row.label)), 'ROWS'];
    const rows = matrix.rows.map((row, index) => [label(row.label), ...matrix.cells[index]]);
    lines.push(
      `confusion matrix, ${matrix.side} (rows are true classes, columns predicted ones):`,
      ...alignedTable([header, ...rows]).map((line) => `  ${line}`),
    );
  }
  return lines;
}

/** Cells padded to their column's widest, counted in code points so names in any script line up. */
function alignedTable(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, index) => Math.max(...rows.map((row) => [...row[index]].length)));
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] + cell.length - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}

function describe(side: DriftResult['baseline']): string {
  return `${side.sources.map(escapeTerminal).join(', ')} (${formatCount(side.rows)} rows${profiledNote(side)})`;
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
