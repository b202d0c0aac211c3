/**
 * The GitHub job summary: the verdict line a reviewer reads first, the model section when there is one
 * (as in the Markdown report), the column table (drifted first), and baseline-vs-current charts for the
 * most drifted columns as Mermaid `xychart-beta` diagrams, which GitHub renders inline. GitHub drops a
 * step summary over 1 MiB, so the column table is cut to fit, with a note.
 */
import type { ColumnResult, DriftResult, Histogram } from '../engine/result.js';
import { formatNumber } from '../core/format.js';
import { columnTable, featuresHeading, modelSection, multivariateSection, segmentsSection, verdictBlock } from './markdown.js';
import { gateHeadsReport } from './multivariate-format.js';
import { driftedFirst, truncate } from './format.js';
import { escapeMarkdown, mermaidText } from './escape.js';
import { markdownFence, markdownSection } from './markdown-section.js';

/** GitHub's limit is 1 MiB per step summary; keep well under it. */
export const SUMMARY_BYTE_LIMIT = 1024 * 1024 - 16 * 1024;
export const CHARTED_COLUMNS = 5;

export function renderSummary(result: DriftResult, options: { reportLinks?: string } = {}): string {
  const head = gateHeadsReport(result)
    ? markdownSection({
        blocks: [
          verdictBlock(result, 2),
          result.model && modelSection(result.model, 3),
          result.multivariate && multivariateSection(result.multivariate, 3),
          result.segments && segmentsSection(result.segments, 3),
          featuresHeading(result, 3),
        ],
      })
    : verdictBlock(result, 2);
  const charts = driftedFirst(result.columns)
    .filter((column) => column.drift_detected && column.histogram)
    .slice(0, CHARTED_COLUMNS)
    .map(chartSection);
  const chartsSection =
    charts.length > 0
      ? markdownSection({ heading: { level: 3, text: 'Distributions of the most drifted columns' }, blocks: charts })
      : undefined;
  const tail = markdownSection({ blocks: [chartsSection, options.reportLinks] });
  const fixed = Buffer.byteLength(head) + Buffer.byteLength(tail) + 16;
  return markdownSection({ blocks: [head, fittingTable(result.columns, SUMMARY_BYTE_LIMIT - fixed), tail] }) + '\n';
}

/** The longest column table (drifted first) that fits in `budget` bytes, found by halving. */
function fittingTable(columns: readonly ColumnResult[], budget: number): string {
  const whole = columnTable(columns, Infinity);
  if (Buffer.byteLength(whole) <= budget) return whole;
  let low = 0;
  let high = columns.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(columnTable(columns, middle)) <= budget) low = middle;
    else high = middle - 1;
  }
  return columnTable(columns, low);
}

function chartSection(column: ColumnResult): string {
  const histogram = column.histogram!;
  const { labels, baseline, current } = chartSeries(histogram);
  const top = Math.max(...baseline, ...current, 1);
  const yMax = Math.min(100, Math.ceil(top / 5) * 5);
  const chart = markdownFence('mermaid', [
    'xychart-beta',
    `    title "${mermaidText(truncate(column.name, 60))}"`,
    `    x-axis [${labels.map((label) => `"${mermaidText(label)}"`).join(', ')}]`,
    `    y-axis "% of rows" 0 --> ${yMax}`,
    `    bar [${baseline.map(round).join(', ')}]`,
    `    line [${current.map(round).join(', ')}]`,
  ]);
  return markdownSection({
    lead: escapeMarkdown(truncate(column.name, 80)),
    blocks: ['bars = baseline, line = current (% of non-missing values)', chart],
  });
}

function chartSeries(histogram: Histogram): { labels: string[]; baseline: number[]; current: number[] } {
  const shares = (counts: number[], extra = 0) => {
    const total = counts.reduce((sum, count) => sum + count, 0) + extra;
    return counts.map((count) => (total === 0 ? 0 : (100 * count) / total));
  };
  if (histogram.kind === 'bins') {
    const labels = histogram.baseline.map((_, index) => formatNumber(histogram.edges[index]));
    return { labels, baseline: shares(histogram.baseline), current: shares(histogram.current) };
  }
  const hasOther = histogram.other_baseline + histogram.other_current > 0;
  const labels = [...histogram.categories.map((category) => truncate(category, 20)), ...(hasOther ? ['(other)'] : [])];
  const baseline = shares([...histogram.baseline, ...(hasOther ? [histogram.other_baseline] : [])]);
  const current = shares([...histogram.current, ...(hasOther ? [histogram.other_current] : [])]);
  return { labels, baseline, current };
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
