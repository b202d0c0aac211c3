/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, nothing fetched) that can be
 * kept as a build artifact and opened anywhere, offline or under the strictest content policy. Column
 * names, categories, class labels, order values and file names come from the data and may be hostile, so
 * every one is escaped. With model columns, a Model section (performance, its estimate without labels, the
 * classes, the error over time with its change point, prediction and target drift) comes before the features.
 * The model section, the columns, the charts and the styles have their own `html-*.ts` files.
 */
import type { ColumnResult, DriftResult, SegmentsResult } from '../engine/result.js';
import { formatCount, formatPercent } from '../core/format.js';
import { escapeHtml } from './escape.js';
import { driftedFirst, profiledNote, truncate } from './format.js';
import { badge, columnRow, columnSection } from './html-columns.js';
import { modelSection } from './html-model.js';
import { PAGE_STYLE } from './html-styles.js';
import { toJsonReport } from './json.js';
import { gateHeadsReport, multivariateRows } from './multivariate-format.js';
import type { MultivariateResult } from '../multivariate/result.js';
import { SEGMENT_HEADERS, segmentRows, segmentsSummary } from './segment-format.js';

export interface HtmlOptions {
  title?: string;
  generatedAt?: Date;
}

/** Charts past this many columns make the file slow to open and scroll; the table still lists every column. */
export const MAX_CHARTED_COLUMNS = 50;

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
<style>${PAGE_STYLE}</style>
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
    `at least ${formatCount(rule.min_rows)} values a side to test a column`,
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

/** The multivariate methods' verdicts, before the feature table (a long one would bury them). */
function multivariateSection(multivariate: MultivariateResult): string {
  const rows = multivariateRows(multivariate.methods).map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.title)}</th><td>${escapeHtml(row.value)}</td><td>${escapeHtml(row.threshold)}</td><td>${badge(row.drift ? 'drift' : row.status === 'no drift' ? 'no-drift' : 'other', row.status)}</td><td>${escapeHtml(truncate(row.note, 200))}</td></tr>`,
  );
  const overall = badge(
    multivariate.drift_detected ? 'drift' : multivariate.status === 'no-drift' ? 'no-drift' : 'other',
    VERDICT_HEADLINES[multivariate.status],
  );
  return `<section class="multivariate" aria-label="Multivariate drift">
<h2>Multivariate drift</h2>
<p>${overall} ${escapeHtml(multivariate.summary)}</p>
<table class="columns" aria-label="Multivariate methods">
<thead><tr>${['Method', 'Value', 'Threshold', 'Result', 'Note'].map((header) => `<th scope="col">${header}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody>
</table>
</section>`;
}

/** Each segment's own verdict, the most drifted first. */
function segmentsSection(segments: SegmentsResult): string {
  const withPerformance = segments.segments.some((segment) => segment.performance !== undefined);
  const rows = segmentRows(segments).map((row) => {
    const cells = [
      row.rows,
      badge(row.drift ? 'drift' : row.status === 'no drift' ? 'no-drift' : 'other', row.status),
      escapeHtml(row.drifted),
      escapeHtml(row.effect),
      ...(withPerformance ? [escapeHtml(row.performance)] : []),
    ];
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

function sidesSection(result: DriftResult): string {
  const side = (label: string, className: string, { sources, rows, ...how }: DriftResult['baseline']) => {
    const shown = sources.slice(0, 10).map((source) => `<li><code>${escapeHtml(truncate(source, 200))}</code></li>`);
    const more = sources.length > 10 ? `<li>and ${formatCount(sources.length - 10)} more</li>` : '';
    return `<div class="side ${className}">
<h2>${label}</h2>
<p class="side-rows">${formatCount(rows)} rows${escapeHtml(profiledNote({ sources, rows, ...how }))}</p>
<ul class="sources">${shown.join('')}${more}</ul>
</div>`;
  };
  return `<section class="sides" aria-label="Compared data">
${side('Baseline', 'side-baseline', result.baseline)}
${side('Current', 'side-current', result.current)}
</section>`;
}

/** How the table and the charts are ordered (`driftedFirst`). */
const ORDER_NOTE = 'Drifted columns first, then the rest; within each, the largest effect size first.';

/** With a model section above, the table is headed as the features, with their own verdict. */
function columnTableSection(ordered: readonly ColumnResult[], featuresVerdict: DriftResult['dataset'] | undefined): string {
  const rows = ordered.map((column, index) => columnRow(column, index < MAX_CHARTED_COLUMNS ? sectionId(index) : undefined));
  const heading = featuresVerdict ? 'Features' : 'Columns';
  const verdict = featuresVerdict
    ? `\n<p>${badge(featuresVerdict.drift_detected ? 'drift' : featuresVerdict.status === 'no-drift' ? 'no-drift' : 'other', VERDICT_HEADLINES[featuresVerdict.status])} ${escapeHtml(featuresVerdict.summary)}</p>`
    : '';
  return `<section aria-label="${heading}">
<h2>${heading} <span class="count">(${formatCount(ordered.length)})</span></h2>${verdict}
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

function sectionId(index: number): string {
  return `column-${index}`;
}

function columnSections(ordered: readonly ColumnResult[]): string {
  const charted = ordered.slice(0, MAX_CHARTED_COLUMNS);
  const omitted = ordered.slice(MAX_CHARTED_COLUMNS);
  const omittedDrifted = omitted.filter((column) => column.drift_detected).length;
  const note =
    omitted.length > 0
      ? `<p class="omitted">Charts are drawn for the first ${MAX_CHARTED_COLUMNS} columns only (drifted first); ${formatCount(omitted.length)} more column${omitted.length === 1 ? ' is' : 's are'} in the table above without a chart (${formatCount(omittedDrifted)} of them drifted).</p>`
      : '';
  return `<section aria-label="Column details">
<h2>Distributions</h2>
${charted.map((column, index) => columnSection(column, sectionId(index))).join('\n')}
${note}
</section>`;
}
