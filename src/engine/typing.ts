/**
 * Column typing: numerical or categorical.
 *
 * The rule, in order:
 * 1. A kind the user declared wins.
 * 2. A column holding any text (a cell that is not a number) on either side is categorical.
 * 3. A column of numbers is categorical when every value is an integer and both sides together hold at most
 *    `INTEGER_CATEGORY_LIMIT` distinct values (flags, ratings, small codes), as monitoring tools commonly do;
 *    otherwise it is numerical.
 */
import type { Column, ColumnKind } from './table.js';

export const INTEGER_CATEGORY_LIMIT = 10;

export function inferKind(reference: Column, current: Column | undefined): ColumnKind {
  if (reference.storage === 'text' || current?.storage === 'text') return 'categorical';
  const distinct = new Set<number>();
  for (const column of current ? [reference, current] : [reference]) {
    if (column.storage !== 'numeric') continue;
    for (const value of column.values) {
      if (!Number.isFinite(value)) continue;
      if (!Number.isInteger(value)) return 'numerical';
      if (!distinct.has(value)) {
        distinct.add(value);
        if (distinct.size > INTEGER_CATEGORY_LIMIT) return 'numerical';
      }
    }
  }
  return distinct.size === 0 ? 'numerical' : 'categorical';
}

/** Below this many values a column of distinct texts is just a small sample, not an identifier. */
const IDENTIFIER_MIN_VALUES = 20;

/**
 * A text column in which (nearly) every baseline value is distinct — customer ids, order numbers,
 * timestamps as text — has no distribution to compare: every current value would be a "new category" and
 * the column would always drift. Such columns are reported and left untested unless declared.
 */
export function looksLikeIdentifier(column: Column): boolean {
  if (column.storage !== 'text') return false;
  const seen = new Uint8Array(column.dictionary.length);
  let present = 0;
  let distinct = 0;
  for (const code of column.codes) {
    if (code < 0) continue;
    present++;
    if (!seen[code]) {
      seen[code] = 1;
      distinct++;
    }
  }
  return present >= IDENTIFIER_MIN_VALUES && distinct >= 0.95 * present;
}
