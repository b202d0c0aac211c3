/**
 * Evaluation metrics: the user's `metrics` JSON file, read as named numbers, and how a new version's
 * numbers compare with the deployed version's. The file itself is stored verbatim; only the numbers are
 * used here, so any extra fields (strings, lists, confusion matrices) are kept but not compared.
 */
import { InputError } from '../engine/errors.js';
import { parseJsonFile } from './json-text.js';

/** Metric name (nested objects joined with `.`, as `per_class.churned.recall`) to value. */
export type MetricValues = Record<string, number>;

export interface MetricChange {
  name: string;
  deployed?: number;
  candidate?: number;
  /** `candidate - deployed`, when both exist. */
  change?: number;
}

export function parseMetrics(text: string, file: string): MetricValues {
  const parsed = parseJsonFile(text, file, (syntaxError) => `the metrics file is not JSON (${syntaxError}); write an object such as {"accuracy": 0.93}`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('the metrics file must hold a JSON object of named numbers, such as {"accuracy": 0.93}', { file });
  }
  const values: MetricValues = {};
  collectNumbers(parsed as Record<string, unknown>, '', values);
  return values;
}

function collectNumbers(object: Record<string, unknown>, prefix: string, into: MetricValues): void {
  for (const [key, value] of Object.entries(object)) {
    const name = `${prefix}${key}`;
    // An overflowing number (1e999) parses to Infinity; like infinities in data, it counts as missing.
    if (typeof value === 'number' && Number.isFinite(value)) into[name] = value;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) collectNumbers(value as Record<string, unknown>, `${name}.`, into);
  }
}

/** Every metric either version has: the candidate's in its own order, then those only the deployed one had. */
export function compareMetrics(candidate: MetricValues, deployed: MetricValues | undefined): MetricChange[] {
  const changes: MetricChange[] = Object.entries(candidate).map(([name, value]) => {
    const before = deployed?.[name];
    return before === undefined ? { name, candidate: value } : { name, deployed: before, candidate: value, change: value - before };
  });
  for (const [name, value] of Object.entries(deployed ?? {})) {
    if (!(name in candidate)) changes.push({ name, deployed: value });
  }
  return changes;
}
