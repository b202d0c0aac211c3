/**
 * The model card: MODEL_CARD.md in the version folder and, word for word, the pull request's body. It opens
 * with how the new model compares with the deployed one (metric, deployed, new, change, better or worse;
 * saying plainly when the deployed numbers come from other data), then says why the version exists (the
 * drift check's verdict; the deployed model's performance, when it started to slip and its prediction
 * drift, when the check had them; the drifted columns with their values, charts folded away), what data it
 * was trained on, and the checksum of every file, with a link to the workflow run that made it.
 *
 * GitHub refuses a pull request body over 65,536 characters, so the card shrinks to fit: fewer drifted
 * columns, then no charts, then fewer file rows, always with a note that the full data is in the folder.
 */
import type { JsonReport } from '../report/json.js';
import { formatCount, formatNumber, plural } from '../core/format.js';
import { escapeMarkdown } from '../report/escape.js';
import { featuresHeading, modelSection, verdictBlock } from '../report/markdown.js';
import { markdownList, markdownNote, markdownSection, markdownTable, type MarkdownListItem } from '../report/markdown-section.js';
import { renderSummary } from '../report/summary.js';
import { VERSION } from '../core/version.js';
import { DEPLOYED_METRICS_KEY, type MetricChange, type MetricComparison, type MetricsFile, type Verdict } from './metrics.js';
import type { PromotionDecision } from './promotion.js';
import { DRIFT_REPORT_FILE, INDEX_FILE, type RegistryFile } from '../registry/registry.js';

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
  /** This version's metrics file; undefined when none was given. */
  metrics?: MetricsFile;
  /** This version's metrics against the deployed version's; undefined when nothing is deployed or no metrics file was given. */
  comparison?: MetricComparison;
  /** The promotion rule's decision, when a rule is set. */
  promotion?: PromotionDecision;
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

/**
 * The job summary when the promotion rule holds the new model back: no version, no card in the registry,
 * only the decision and the comparison it was made on.
 */
export function renderNotPromoted(
  input: Pick<ModelCardInput, 'name' | 'metrics' | 'comparison'> & { promotion: PromotionDecision },
): string {
  const decision = `🔴 **Not promoted**: ${escapeMarkdown(input.promotion.reason)}. Nothing was committed and no pull request was opened or changed.`;
  return (
    markdownSection({
      heading: { level: 1, text: `Model ${input.name}: not promoted` },
      blocks: [decision, metricsSection({ ...input, promotion: undefined })],
    }) + '\n'
  );
}

function composeCard(input: ModelCardInput, detail: Detail): string {
  return (
    markdownSection({
      heading: { level: 1, text: `Model ${input.name}, version ${input.version}` },
      blocks: [
        introduction(input),
        metricsSection(input),
        foldCharts(driftSection(input.driftReport, detail)),
        dataSection(input),
        filesSection(input, detail.fileRows),
        footer(input),
      ],
    }) + '\n'
  );
}

function introduction(input: ModelCardInput): string {
  const published = `Published to \`${input.folder}\` on ${formatDate(input.publishedAt)}${input.runUrl ? ` by [this workflow run](${input.runUrl})` : ''}.`;
  const replaces = input.deployedVersion
    ? `Once merged, it replaces \`${input.deployedVersion}\` as the deployed version.`
    : 'It is the first version of this model in the registry.';
  return `${published} ${replaces}`;
}

function driftSection(report: JsonReport | undefined, detail: Detail): string {
  const heading = { level: 2, text: 'Why this version' };
  if (!report)
    return markdownSection({ heading, blocks: ['No drift report was given: the model was retrained on a schedule or by hand.'] });
  const drifted = report.columns.filter((column) => column.drift_detected);
  const found = `The drift check of ${formatDate(new Date(report.generated_at))} found:`;
  if (drifted.length === 0 || detail.driftedRows === 0) {
    const note = `${drifted.length} drifted column${plural(drifted.length)}: ${drifted
      .map((column) => escapeMarkdown(column.name))
      .slice(0, 50)
      .join(', ')}; \`${DRIFT_REPORT_FILE}\` has their values.`;
    // Concept drift often comes without feature drift: the model section is then the whole reason.
    const model = report.model ? [modelSection(report.model, 4, { chart: detail.charts }), featuresHeading(report, 4)] : [];
    return markdownSection({
      heading,
      blocks: [found, verdictBlock(report, 3), ...model, drifted.length > 0 ? markdownNote(note) : undefined],
    });
  }
  const shown = drifted.slice(0, detail.driftedRows).map((column) => (detail.charts ? column : { ...column, histogram: undefined }));
  const hidden = drifted.length - shown.length;
  const note = markdownNote(
    `${hidden > 0 ? `The first ${shown.length} of ${drifted.length} drifted columns are shown; ` : 'Only the drifted columns are shown; '}\`${DRIFT_REPORT_FILE}\` in the version folder has every column.`,
  );
  // The job summary's rendering (verdict, table, charts) is what people already know from the check action.
  const evidence = renderSummary({ ...report, columns: shown }, { reportLinks: note }).trimEnd();
  return markdownSection({ heading, blocks: [found, demoteHeadings(evidence)] });
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

/**
 * Each chart goes into a folded `<details>`: the comparison and the verdict are what a reviewer reads
 * first, and they open the distributions they want. GitHub renders Mermaid inside `<details>` when blank
 * lines surround the block.
 */
function foldCharts(markdown: string): string {
  return markdown.replace(/^```mermaid\n[\s\S]*?^```$/gm, (block) => {
    const title = /^\s*title "(.*)"$/m.exec(block)?.[1];
    return `<details><summary>Chart${title ? `: ${title.replace(/&/g, '&amp;')}` : ''}</summary>\n\n${block}\n\n</details>`;
  });
}

function metricsSection(input: Pick<ModelCardInput, 'metrics' | 'comparison' | 'promotion'>): string {
  const { metrics, comparison } = input;
  const heading = { level: 2, text: 'Metrics' };
  if (!metrics) return markdownSection({ heading, blocks: ['No metrics file was given.'] });
  if (Object.keys(metrics.values).length === 0) return markdownSection({ heading, blocks: ['The metrics file holds no numbers.'] });
  const rule = input.promotion && markdownSection({ lead: 'Promotion rule', blocks: [`${escapeMarkdown(input.promotion.reason)}.`] });
  if (!comparison || comparison.basis === 'none') {
    const rows = Object.entries(metrics.values).map(([name, value]) => [escapeMarkdown(name), formatNumber(value)]);
    const note = comparison && `The deployed version \`${comparison.deployedVersion}\` has no metrics to compare with.`;
    return markdownSection({ heading, blocks: [note, markdownTable(['Metric', 'This version'], rows), rule] });
  }
  const rows = comparison.changes.map((change) => [
    escapeMarkdown(change.name),
    formatOptional(change.deployed),
    formatOptional(change.candidate),
    describeChange(change),
    VERDICT_CELLS[change.verdict ?? 'unknown'],
  ]);
  const table = markdownTable(['Metric', `Deployed \`${comparison.deployedVersion}\``, 'New', 'Change', 'Better or worse'], rows);
  return markdownSection({
    heading: { level: 2, text: comparisonTitle(comparison) },
    blocks: [comparisonBasis(comparison), tally(comparison.changes), table, rule],
  });
}

const VERDICT_CELLS: Record<Verdict | 'unknown', string> = { better: '🟢 better', worse: '🔴 **worse**', same: '⚪ same', unknown: '' };

function comparisonTitle(comparison: MetricComparison): string {
  return comparison.basis === 'same-holdout' ? 'Deployed vs new, on the same data' : 'Deployed vs new, on different data';
}

/** Where each side's numbers come from; a warning when they come from different data. */
function comparisonBasis(comparison: MetricComparison): string {
  const deployed = `\`${comparison.deployedVersion}\``;
  if (comparison.basis === 'same-holdout') {
    return `The training scored the deployed version ${deployed} and this version on the same holdout of the fresh data.`;
  }
  const scored = comparison.scoredVersion
    ? ` The training scored \`${comparison.scoredVersion}\` on its holdout, but ${deployed} is deployed now, so those numbers are not used.`
    : '';
  return `> ⚠️ **The deployed numbers come from other data**: they are ${deployed}'s own metrics, measured on its test split when it was trained; this version's are measured on a holdout of the fresh data. A change mixes the difference between the models with the difference between the data.${scored} To compare like with like, have the training command score the deployed model (\`DRIFTGATE_DEPLOYED_MODEL_DIR\`) on the same holdout and write its numbers under \`"${DEPLOYED_METRICS_KEY}"\` in the metrics file.`;
}

/** One sentence above the table, so a worse metric is seen before the rows are read. */
function tally(changes: readonly MetricChange[]): string {
  const judged = changes.filter((change) => change.verdict !== undefined);
  if (judged.length === 0)
    return 'None of the metrics both versions have is one whose better direction driftgate knows, so none is marked better or worse.';
  const worse = judged.filter((change) => change.verdict === 'worse');
  const better = judged.filter((change) => change.verdict === 'better').length;
  const same = judged.length - worse.length - better;
  const of = `of the ${judged.length} metric${plural(judged.length)} compared`;
  const rest = same > 0 ? `, the same on ${same}` : '';
  if (worse.length === 0) return `**No metric is worse**: better on ${better} ${of}${rest}.`;
  return `**Worse on ${worse.length} ${of}**: ${worse.map((change) => escapeMarkdown(change.name)).join(', ')}; better on ${better}${rest}.`;
}

/** The signed difference (`+0.022`), or which side lacks the metric. */
export function describeChange(change: MetricChange): string {
  if (change.deployed === undefined) return 'new only';
  if (change.candidate === undefined) return 'deployed only';
  const difference = change.change ?? change.candidate - change.deployed;
  const sign = difference > 0 ? '+' : difference < 0 ? '' : '±';
  return `${sign}${formatNumber(difference)}`;
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
  const items: MarkdownListItem[] = [{ text: `Model: ${model.count} file${plural(model.count)}, ${formatBytes(model.bytes)}` }];
  if (input.baselineProfile) {
    const [summary, ...approximate] = input.baselineProfile.trimEnd().split('\n');
    const more =
      approximate.length > APPROXIMATE_COLUMNS_SHOWN
        ? [`and ${approximate.length - APPROXIMATE_COLUMNS_SHOWN} more approximate columns`]
        : [];
    items.push({
      text: `Training data profile (the baseline the next check compares against; the rows themselves are not stored): ${formatBytes(baseline.bytes)}, ${summary}`,
      items: [...approximate.slice(0, APPROXIMATE_COLUMNS_SHOWN).map((line) => escapeMarkdown(line.trim())), ...more],
    });
  } else {
    items.push({
      text:
        baseline.count > 0
          ? `Training data (the baseline the next check compares against): ${baseline.count} file${plural(baseline.count)}, ${formatBytes(baseline.bytes)}`
          : 'Training data: not stored with this version (no baseline was given)',
    });
  }
  const report = input.driftReport;
  if (report) {
    items.push({
      text: `Drift check: ${formatCount(report.baseline.rows)} baseline rows against ${formatCount(report.current.rows)} current rows`,
    });
    const labelled = report.model?.performance?.labelled_rows;
    if (labelled)
      items.push({
        text: `Performance check: ${formatCount(labelled.baseline)} labelled baseline rows against ${formatCount(labelled.current)} labelled current rows`,
      });
  }
  return markdownSection({ heading: { level: 2, text: 'Data' }, blocks: [markdownList(items)] });
}

function filesSection(input: ModelCardInput, maxRows: number): string {
  const shown = input.files.slice(0, maxRows);
  const rows = shown.map((file) => [escapeMarkdown(file.path), file.role, formatBytes(file.size), `\`${file.sha256}\``]);
  const hidden = input.files.length - shown.length;
  const note = `${hidden} more file${plural(hidden)} not shown; \`${INDEX_FILE}\` lists every file with its checksum.`;
  return markdownSection({
    heading: { level: 2, text: 'Files' },
    blocks: [
      `In \`${input.folder}\`:`,
      markdownTable(['File', 'Role', 'Size', 'SHA-256'], rows),
      hidden > 0 ? markdownNote(note) : undefined,
    ],
  });
}

function footer(input: ModelCardInput): string {
  const run = input.runUrl ? `[Workflow run](${input.runUrl}) · ` : '';
  return markdownSection({ blocks: ['---', `<sub>${run}Published by driftgate ${VERSION}</sub>`] });
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
