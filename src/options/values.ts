/**
 * Option values given as text — CLI flags and action inputs alike — turned into typed values, with one
 * clear message per mistake.
 */
import { InputError } from '../core/errors.js';
import type { Correction, InsufficientDataRule, ThresholdSetting } from '../engine/options.js';

/** `text` when it is one of `choices`; else an InputError listing them ("must be none, bonferroni or fdr"). */
export function oneOf<Choice extends string>(text: string, option: string, choices: readonly Choice[]): Choice {
  if ((choices as readonly string[]).includes(text)) return text as Choice;
  const listed = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices.join('');
  throw new InputError(`${option} must be ${listed}, not ${JSON.stringify(text)}`);
}

export function parseCorrection(text: string, option: string): Correction {
  return oneOf(text, option, ['none', 'bonferroni', 'fdr']);
}

export function parseInsufficientData(text: string, option: string): InsufficientDataRule {
  return oneOf(text, option, ['pass', 'fail']);
}

/** `COL=VALUE`, split at the last `=` because column names may contain one and values never do. */
export function splitAssignment(option: string, entry: string): [string, string] {
  const at = entry.lastIndexOf('=');
  if (at <= 0 || at === entry.length - 1) throw new InputError(`${option} takes NAME=VALUE, one per line, got ${JSON.stringify(entry)}`);
  return [entry.slice(0, at), entry.slice(at + 1)];
}

export interface NumberRule {
  test: (value: number) => boolean;
  expected: string;
}

export const nonNegative: NumberRule = { test: (value) => value >= 0, expected: 'a number >= 0' };
export const shareInRange: NumberRule = { test: (value) => value >= 0 && value <= 1, expected: 'a number from 0 to 1' };
export const positiveInteger: NumberRule = { test: (value) => Number.isInteger(value) && value >= 1, expected: 'a whole number >= 1' };
export const wholeNumber: NumberRule = { test: (value) => Number.isSafeInteger(value) && value >= 0, expected: 'a whole number >= 0' };
export const pValue: NumberRule = { test: (value) => value > 0 && value < 1, expected: 'a p-value between 0 and 1 (exclusive)' };

/** A threshold: a number >= 0, or `auto` (a distance threshold calibrated by permutation). */
export function parseThreshold(option: string, text: string): ThresholdSetting {
  return text.trim() === 'auto' ? 'auto' : parseNumber(option, text, { test: nonNegative.test, expected: 'a number >= 0 or auto' });
}

export function optionalThreshold(option: string, text: string | undefined): ThresholdSetting | undefined {
  return text === undefined || text === '' ? undefined : parseThreshold(option, text);
}

export function parseNumber(option: string, text: string, rule: NumberRule): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || !rule.test(value)) throw new InputError(`${option} must be ${rule.expected}, not ${JSON.stringify(text)}`);
  return value;
}

export function optionalNumber(option: string, text: string | undefined, rule: NumberRule): number | undefined {
  return text === undefined || text === '' ? undefined : parseNumber(option, text, rule);
}

/** `COL=NUMBER` (or `COL=auto`) entries as a map. */
export function parseColumnThresholds(option: string, entries: readonly string[]): Map<string, ThresholdSetting> {
  return new Map(
    entries.map((entry) => {
      const [column, text] = splitAssignment(option, entry);
      return [column, parseThreshold(option, text)] as const;
    }),
  );
}

/** `COL=METHOD` entries as a map. */
export function parseColumnMethods(option: string, entries: readonly string[]): Map<string, string> {
  return new Map(entries.map((entry) => splitAssignment(option, entry)));
}

const BYTE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** A memory budget such as `4G` (K, M, G, T: powers of 1024; plain: bytes); none when not given. */
export function memoryBudgetOf(option: string, text: string | undefined): { memoryBudget?: number } {
  if (text === undefined || text.trim() === '') return {};
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  const bytes = match ? Number(match[1]) * BYTE_UNITS[match[2].toLowerCase()] : NaN;
  if (!(bytes >= 1)) throw new InputError(`${option} must be an amount of memory such as 512M or 4G, not ${JSON.stringify(text)}`);
  return { memoryBudget: Math.floor(bytes) };
}
