/**
 * The JSON report: the document later workflow steps consume. Its schema is versioned
 * (`schema_version`) and documented in docs/report-schema.md; a change that removes or renames a field,
 * or changes its meaning, bumps the version, additions do not.
 *
 * Version 2 added the gate and the model section. It bumped the version because `columns` changed
 * meaning: with model columns named, the prediction, probability, target and order columns are no longer
 * in it, and `dataset` is no longer the whole verdict (`gate` is). Every version 1 field is still written.
 *
 * Version 3 renamed fields: a column's baseline side was `reference` (and its histogram's `reference`,
 * `other_reference`, its direction's `reference_mean`, `reference_share`) while the rest of the report,
 * the CLI and the inputs say `baseline`; now the report says `baseline` everywhere. Nothing else changed,
 * so an older report reads as version 3 once `upgradeReportFields` has renamed its fields.
 */
import type { DriftResult } from '../engine/result.js';
import { VERSION } from '../core/version.js';
import { escapeJsonText } from './escape.js';

export const REPORT_SCHEMA_VERSION = 3;

/** Versions whose reports this driftgate still reads: version 2 only added to version 1, version 3 only renamed. */
export const READABLE_REPORT_SCHEMA_VERSIONS: readonly number[] = [1, 2, 3];

export interface JsonReport extends DriftResult {
  schema_version: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'driftgate'; version: string };
  generated_at: string;
}

export function toJsonReport(result: DriftResult, generatedAt: Date): JsonReport {
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    tool: { name: 'driftgate', version: VERSION },
    generated_at: generatedAt.toISOString(),
    ...result,
  };
}

export function renderJson(report: JsonReport): string {
  return `${escapeJsonText(JSON.stringify(report, null, 2))}\n`;
}

type Renames = ReadonlyArray<readonly [old: string, current: string]>;

const COLUMN_RENAMES: Renames = [['reference', 'baseline']];
const HISTOGRAM_RENAMES: Renames = [
  ['reference', 'baseline'],
  ['other_reference', 'other_baseline'],
];
const DIRECTION_RENAMES: Renames = [
  ['reference_mean', 'baseline_mean'],
  ['reference_share', 'baseline_share'],
];

/**
 * A parsed report of version 1 or 2 with version 3's field names, changed in place: every column's, in
 * `columns` and in `model.columns`. `schema_version` stays the one written, which says where it came from.
 */
export function upgradeReportFields(report: Record<string, unknown>): void {
  if (typeof report.schema_version !== 'number' || report.schema_version >= 3) return;
  const model = report.model as Record<string, unknown> | undefined;
  for (const columns of [report.columns, model?.columns]) {
    if (!Array.isArray(columns)) continue;
    for (const column of columns) {
      if (!isRecord(column)) continue;
      rename(column, COLUMN_RENAMES);
      if (isRecord(column.histogram)) rename(column.histogram, HISTOGRAM_RENAMES);
      if (isRecord(column.direction)) rename(column.direction, DIRECTION_RENAMES);
    }
  }
}

function rename(record: Record<string, unknown>, renames: Renames): void {
  for (const [old, current] of renames) {
    if (!(old in record)) continue;
    record[current] ??= record[old];
    delete record[old];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
