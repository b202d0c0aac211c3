/**
 * Why a column is text: the first cell that is neither a number nor a missing-value token. Users whose
 * numbers column turned to text need that one cell (a stray `n.a.`, a unit suffix) to fix the export.
 */
import { MissingValues } from '../core/missing-values.js';
import { parseNumberText } from '../core/number.js';
import { MISSING_CODE, type TextColumn } from '../core/table.js';

export interface FirstText {
  /** 1-based, counting data rows over the side's files in order (the header is not a row). */
  row: number;
  text: string;
}

export function firstText(column: TextColumn, naValues: readonly string[]): FirstText | undefined {
  const missing = new MissingValues(naValues);
  const isText = column.dictionary.map((text) => {
    const value = parseNumberText(text.trim());
    return value !== value && !missing.matchesText(text);
  });
  const codes = column.codes;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code !== MISSING_CODE && isText[code]) return { row: row + 1, text: column.dictionary[code] };
  }
  return undefined;
}
