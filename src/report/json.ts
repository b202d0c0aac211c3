/**
 * The JSON report: the document later workflow steps consume. Its schema is versioned
 * (`schema_version`) and documented in docs/report-schema.md; a change that removes or renames a field,
 * or changes its meaning, bumps the version, additions do not.
 *
 * Version 2 added the gate and the model section. It bumped the version because `columns` changed
 * meaning: with model columns named, the prediction, probability, target and order columns are no longer
 * in it, and `dataset` is no longer the whole verdict (`gate` is). Every version 1 field is still written.
 */
import type { DriftResult } from '../engine/result.js';
import { VERSION } from '../core/version.js';
import { escapeJsonText } from './escape.js';

export const REPORT_SCHEMA_VERSION = 2;

/** Versions whose reports this driftgate still reads: version 2 only added to version 1. */
export const READABLE_REPORT_SCHEMA_VERSIONS: readonly number[] = [1, 2];

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
