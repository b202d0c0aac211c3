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
import { cellStorage, type ColumnKind, type SideColumn } from '../core/table.js';

export const INTEGER_CATEGORY_LIMIT = 10;

export function inferKind(reference: SideColumn, current: SideColumn | undefined): ColumnKind {
  if (cellStorage(reference) === 'text' || (current && cellStorage(current) === 'text')) return 'categorical';
  const distinct = new Set<number>();
  for (const column of current ? [reference, current] : [reference]) {
    if (holdsNonIntegers(column)) return 'numerical';
    for (const value of numbersOf(column)) {
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

/**
 * A date or timestamp column (Unix milliseconds, from a Parquet DATE or TIMESTAMP). Its values move on
 * with time, so the current data always lies past the baseline: it would always drift, telling nothing.
 */
export function holdsInstants(column: SideColumn): boolean {
  if (column.storage === 'profile') return column.profile.storage === 'numeric' && column.profile.time === true;
  return column.storage === 'numeric' && column.time === true;
}

/** Below this many values a column of distinct texts is just a small sample, not an identifier. */
const IDENTIFIER_MIN_VALUES = 20;

/**
 * A text column in which (nearly) every baseline value is distinct — customer ids, order numbers,
 * timestamps as text — has no distribution to compare: every current value would be a "new category" and
 * the column would always drift. Such columns are reported and left untested unless declared.
 */
export function looksLikeIdentifier(column: SideColumn): boolean {
  if (column.storage === 'profile') {
    const profile = column.profile;
    return profile.storage === 'text' && isIdentifierLike(profile.rows - profile.missing, profile.distinct);
  }
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
  return isIdentifierLike(present, distinct);
}

function isIdentifierLike(present: number, distinct: number): boolean {
  return present >= IDENTIFIER_MIN_VALUES && distinct >= 0.95 * present;
}

/** A profile knows without its values: it says whether they are whole, and a summary has too many to be categories. */
function holdsNonIntegers(column: SideColumn): boolean {
  if (column.storage !== 'profile' || column.profile.storage !== 'numeric') return false;
  const { profile } = column;
  return profile.rows > profile.missing && (!profile.integers || profile.distribution.kind === 'summary');
}

/** The values typing looks at: a column's cells, or a lossless profile's distinct values. */
function numbersOf(column: SideColumn): Iterable<number> {
  if (column.storage === 'numeric') return column.values;
  if (column.storage === 'text' || column.profile.storage === 'text' || column.profile.distribution.kind === 'summary') return [];
  return column.profile.distribution.values;
}
