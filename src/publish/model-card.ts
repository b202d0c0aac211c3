/**
 * The model card: MODEL_CARD.md in the version folder and, word for word, the pull request's body. It says
 * why the version exists (the drift check's verdict; the deployed model's performance, when it started to
 * slip and its prediction drift, when the check had them; the drifted columns with their values, charts), how
 * its metrics compare with the deployed version's, what data it was trained on, and the checksum of every
 * file, with a link to the workflow run that made it.
 *
 * GitHub refuses a pull request body over 65,536 characters, so the card shrinks to fit: fewer drifted
 * columns, then no charts, then fewer file rows, always with a note that the full data is in the folder.
 */
import type { JsonReport } from '../report/json.js';
import { formatNumber } from '../engine/format.js';
import { escapeMarkdown } from '../report/escape.js';
import { featuresHeading, modelSection, verdictBlock } from '../report/markdown.js';
import { renderSummary } from '../report/summary.js';
import { VERSION } from '../version.js';
import type { MetricChange } from './metrics.js';
import { DRIFT_REPORT_FILE, INDEX_FILE, type RegistryFile } from './registry.js';

/** GitHub's limit for a pull request body is 65,536 characters; the rest is headroom for our own notes. */
export const MODEL_CARD_CHARACTER_LIMIT = 60_000;

export interface ModelCardInput {
  name: string;
  version: string;
  /** The version folder in the repository. */
  folder: string;
  publishedAt: Date;
  /** The workflow run that published this version. */
  runUrl?: string;
  /** Every file of the version except the card itself. */
  files: readonly RegistryFile[];
  /** The version currently deployed (the registry's current version on the base branch), if any. */
  deployedVersion?: string;
  /** This version's metrics against the deployed version's; undefined when no metrics file was given. */
  metricChanges?: readonly MetricChange[];
  driftReport?: JsonReport;
  /** What the baseline profile holds (`describeProfile`), when the baseline is a profile. */
  baselineProfile?: string;
}

interface Detail {
  driftedRows: number;
  charts: boolean;
  fileRows: number;
}

/** From the richest card to the plainest; the first that fits is used. */
const DETAIL_STEPS: readonly Detail[] = [
  { driftedRows: 20, charts: true, fileRows: 50 },
  { driftedRows: 20, charts: false, fileRows: 50 },
  { driftedRows: 5, charts: false, fileRows: 20 },
  { driftedRows: 0, charts: false, fileRows: 5 },
];

export function renderModelCard(input: ModelCardInput, characterLimit = MODEL_CARD_CHARACTER_LIMIT): string {
  let card = '';
  for (const detail of DETAIL_STEPS) {
    card = composeCard(input, detail);
    if (card.length <= characterLimit) return card;
  }
  return `${card.slice(0, characterLimit - 80)}\n\n_The model card was cut to fit; see the files in the version folder._\n`;
}

function composeCard(input: ModelCardInput, detail: Detail): string {
  return [
    `# Model ${input.name}, version ${input.version}`,
    introduction(input),
    driftSection(input.driftReport, detail),
    metricsSection(input),
    dataSection(input),
    filesSection(input, detail.fileRows),
    footer(input),
  ].join('\n\n') + '\n';
}

function introduction(input: ModelCardInput): string {
  const published = `Published to \`${input.folder}\` on ${formatDate(input.publishedAt)}${input.runUrl ? ` by [this workflow run](${input.runUrl})` : ''}.`;
  const replaces = input.deployedVersion
    ? `Once merged, it replaces \`${input.deployedVersion}\` as the deployed version.`
    : 'It is the first version of this model in the registry.';
  return `${published} ${replaces}`;
}

function driftSection(report: JsonReport | undefined, detail: Detail): string {
  if (!report) return '## Why this version\n\nNo drift report was given: the model was retrained on a schedule or by hand.';
  const drifted = report.columns.filter((column) => column.drift_detected);
  const why = `## Why this version\n\nThe drift check of ${formatDate(new Date(report.generated_at))} found:`;
  if (drifted.length === 0 || detail.driftedRows === 0) {
    const note = drifted.length > 0 ? `\n\n_${drifted.length} drifted column${plural(drifted.length)}: ${drifted.map((column) => escapeMarkdown(column.name)).slice(0, 50).join(', ')}; \`${DRIFT_REPORT_FILE}\` has their values._` : '';
    // Concept drift often comes without feature drift: the model section is then the whole reason.
    const model = report.model ? [modelSection(report.model, 4, { chart: detail.charts }), featuresHeading(report, 4)] : [];
    return `${[why, verdictBlock(report, 3), ...model].join('\n\n')}${note}`;
  }
  const shown = drifted.slice(0, detail.driftedRows).map((column) => (detail.charts ? column : { ...column, histogram: undefined }));
  const hidden = drifted.length - shown.length;
  const note = `_${hidden > 0 ? `The first ${shown.length} of ${drifted.length} drifted columns are shown; ` : 'Only the drifted columns are shown; '}\`${DRIFT_REPORT_FILE}\` in the version folder has every column._`;
  // The job summary's rendering (verdict, table, charts) is what people already know from the check action.
  const evidence = renderSummary({ ...report, columns: shown }, { reportLinks: note }).trimEnd();
  return `${why}\n\n${demoteHeadings(evidence)}`;
}

/** The summary's headings start at level 2; under this card's section they go one level down. */
function demoteHeadings(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) fenced = !fenced;
      return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

function metricsSection(input: ModelCardInput): string {
  const changes = input.metricChanges;
  if (!changes) return '## Metrics\n\nNo metrics file was given.';
  if (changes.length === 0) return '## Metrics\n\nThe metrics file holds no numbers.';
  if (!input.deployedVersion) {
    const rows = changes.filter((change) => change.candidate !== undefined).map((change) => `| ${escapeMarkdown(change.name)} | ${formatNumber(change.candidate!)} |`);
    return `## Metrics\n\n| Metric | This version |\n|---|---|\n${rows.join('\n')}`;
  }
  const rows = changes.map((change) => `| ${escapeMarkdown(change.name)} | ${formatOptional(change.deployed)} | ${formatOptional(change.candidate)} | ${describeChange(change)} |`);
  return `## Metrics\n\nAgainst the deployed version \`${input.deployedVersion}\`:\n\n| Metric | Deployed | This version | Change |\n|---|---|---|---|\n${rows.join('\n')}`;
}

/** `0.912 → 0.934, +0.022`: both values, then the signed difference. */
export function describeChange(change: MetricChange): string {
  if (change.deployed === undefined) return 'new metric';
  if (change.candidate === undefined) return 'no longer reported';
  const difference = change.change ?? change.candidate - change.deployed;
  const sign = difference > 0 ? '+' : difference < 0 ? '' : '±';
  return `${formatNumber(change.deployed)} → ${formatNumber(change.candidate)}, ${sign}${formatNumber(difference)}`;
}

function formatOptional(value: number | undefined): string {
  return value === undefined ? '—' : formatNumber(value);
}

const APPROXIMATE_COLUMNS_SHOWN = 10;

function dataSection(input: ModelCardInput): string {
  const total = (role: RegistryFile['role']) => {
    const files = input.files.filter((file) => file.role === role);
    return { count: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) };
  };
  const model = total('model');
  const baseline = total('baseline');
  const lines = [`- Model: ${model.count} file${plural(model.count)}, ${formatBytes(model.bytes)}`];
  if (input.baselineProfile) {
    const [summary, ...approximate] = input.baselineProfile.trimEnd().split('\n');
    lines.push(`- Training data profile (the baseline the next check compares against; the rows themselves are not stored): ${formatBytes(baseline.bytes)}, ${summary}`);
    for (const line of approximate.slice(0, APPROXIMATE_COLUMNS_SHOWN)) lines.push(`  - ${escapeMarkdown(line.trim())}`);
    if (approximate.length > APPROXIMATE_COLUMNS_SHOWN) lines.push(`  - and ${approximate.length - APPROXIMATE_COLUMNS_SHOWN} more approximate columns`);
  } else {
    lines.push(
      baseline.count > 0
        ? `- Training data (the baseline the next check compares against): ${baseline.count} file${plural(baseline.count)}, ${formatBytes(baseline.bytes)}`
        : '- Training data: not stored with this version (no baseline was given)',
    );
  }
  const report = input.driftReport;
  if (report) {
    lines.push(`- Drift check: ${report.baseline.rows.toLocaleString('en-US')} baseline rows against ${report.current.rows.toLocaleString('en-US')} current rows`);
    const labelled = report.model?.performance?.labelled_rows;
    if (labelled) lines.push(`- Performance check: ${labelled.baseline.toLocaleString('en-US')} labelled baseline rows against ${labelled.current.toLocaleString('en-US')} labelled current rows`);
  }
  return `## Data\n\n${lines.join('\n')}`;
}

function filesSection(input: ModelCardInput, maxRows: number): string {
  const shown = input.files.slice(0, maxRows);
  const rows = shown.map((file) => `| ${escapeMarkdown(file.path)} | ${file.role} | ${formatBytes(file.size)} | \`${file.sha256}\` |`);
  const hidden = input.files.length - shown.length;
  const note = hidden > 0 ? `\n\n_${hidden} more file${plural(hidden)} not shown; \`${INDEX_FILE}\` lists every file with its checksum._` : '';
  return `## Files\n\nIn \`${input.folder}\`:\n\n| File | Role | Size | SHA-256 |\n|---|---|---|---|\n${rows.join('\n')}${note}`;
}

function footer(input: ModelCardInput): string {
  const run = input.runUrl ? `[Workflow run](${input.runUrl}) · ` : '';
  return `---\n\n<sub>${run}Published by driftgate ${VERSION}</sub>`;
}

/** Binary units, as GitHub states its file limits (100 MiB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function plural(count: number): string {
  return count === 1 ? '' : 's';
}
