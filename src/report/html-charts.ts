/**
 * The HTML report's inline SVG charts: each column's baseline-vs-current distribution, and the model's
 * error over the stream with its change point. Every label from the data is escaped.
 */
import type { ChangePointResult, Histogram, StreamPoint } from '../engine/result.js';
import { formatNumber, formatPercent } from '../core/format.js';
import { describeStreamPoint } from '../engine/stream-point.js';
import { epochMilliseconds, formatUtc, type TimeEncoding } from '../engine/time.js';
import { escapeHtml } from './escape.js';
import { truncate } from './format.js';
import { bucketInstant, bucketLabel, errorName, niceCeiling, streamAxisName } from './model-format.js';
import { timeTicks } from './time-axis.js';

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
export function histogramChart(columnName: string, histogram: Histogram): string | undefined {
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
export function errorChart(changePoint: ChangePointResult): string {
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
  const description = truncate(
    `${errorName(changePoint)} by ${streamAxisName(changePoint)} over ${streamRows} labelled current rows${where}`,
    400,
  );
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
function streamAxisLabels(
  changePoint: ChangePointResult,
  x: (position: number) => number,
): Array<{ at: number; label: string; anchor: 'start' | 'middle' | 'end' }> {
  const series = changePoint.error_series;
  const knots: Array<readonly [number, number]> = [];
  for (const bucket of series) {
    const from = bucketInstant(bucket, changePoint, 'from');
    const to = bucketInstant(bucket, changePoint, 'to');
    if (from === undefined || to === undefined) break;
    knots.push([from, x(bucket.first_position)], [to, x(bucket.first_position + bucket.rows - 1)]);
  }
  if (knots.length === 2 * series.length) {
    return timeTicks(knots[0][0], knots[knots.length - 1][0], PLOT_WIDTH).map(({ at, label }) => ({
      at: interpolate(knots, at),
      label,
      anchor: 'middle',
    }));
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
  const baseline = sharesOf(histogram.baseline);
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
  const hasOther = histogram.other_baseline + histogram.other_current > 0;
  const baseline = sharesOf(hasOther ? [...histogram.baseline, histogram.other_baseline] : histogram.baseline);
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
  const marks = edges.map(
    (_, index) => `<line class="axis" x1="${round(x(index))}" x2="${round(x(index))}" y1="${axisY}" y2="${axisY + 4}"/>`,
  );
  const label = (at: number, text: string) =>
    `<text class="tick" x="${round(at)}" y="${axisY + 18}" text-anchor="middle">${escapeHtml(text)}</text>`;
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
