/**
 * The CLI's report formats: every report the action writes, to standard output or a file. Without
 * `--format`, a file's extension says which one (`-o report.html`), so a `.json` file never receives the
 * text table.
 */
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import type { DriftResult } from '../engine/result.js';
import { renderHtml } from '../report/html.js';
import { renderJson, toJsonReport } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderPrometheus } from '../report/prometheus.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';

export const REPORT_FORMATS = ['text', 'markdown', 'summary', 'json', 'html', 'prometheus'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.json': 'json',
  '.html': 'html',
  '.htm': 'html',
  '.prom': 'prometheus',
};

/** The format `--format` names, else the one `--output`'s extension implies; text without either (or an extension). */
export function reportFormatOf(format: string | undefined, output: string | undefined): ReportFormat {
  if (format !== undefined) {
    if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
    throw new InputError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  }
  if (output === undefined) return 'text';
  const extension = extname(output).toLowerCase();
  if (extension === '') return 'text';
  const implied = BY_EXTENSION[extension];
  if (implied) return implied;
  const known = Object.entries(BY_EXTENSION)
    .map(([ending, name]) => `${ending} ${name}`)
    .join(', ');
  throw new InputError(
    `cannot tell the report format from the name ${JSON.stringify(output)}; give --format (${REPORT_FORMATS.join(', ')}) or one of the extensions ${known}`,
  );
}

export function renderReport(result: DriftResult, format: ReportFormat, generatedAt: Date): string {
  switch (format) {
    case 'json':
      return renderJson(toJsonReport(result, generatedAt));
    case 'markdown':
      return renderMarkdown(result);
    case 'summary':
      return renderSummary(result);
    case 'html':
      return renderHtml(result, { generatedAt });
    case 'prometheus':
      return renderPrometheus(result, { labels: {}, timestamp: generatedAt });
    case 'text':
      return renderText(result);
  }
}
