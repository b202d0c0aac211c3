/**
 * The JSON report: the document later workflow steps consume. Its schema is versioned
 * (`schema_version`) and documented in docs/report-schema.md; a change that removes or renames a field
 * bumps the version, additions do not.
 */
import type { DriftResult } from '../engine/result.js';
import { VERSION } from '../version.js';

export const REPORT_SCHEMA_VERSION = 1;

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
  return `${JSON.stringify(report, null, 2)}\n`;
}
