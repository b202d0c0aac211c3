/**
 * Missing-value tokens: the cell spellings that mean "no value" in a column of numbers. R writes `NA`,
 * databases `NULL`, spreadsheets `#N/A`; without them a numbers column with a few such cells would turn into
 * text and be compared as 270 categories. Only numbers columns read them as missing: in a column that holds
 * other text too, `NA` stays a category like any other, because there it may well be one.
 *
 * The default list is the one pandas' `read_csv` uses (`pandas._libs.parsers.STR_NA_VALUES`), so a file
 * pandas reads as numbers is read as numbers here. `NaN` in any case is missing whatever the list says: it is
 * how a number that is not one is written.
 */
import { isNaNLiteral, parseNumberText } from './number.js';

export const DEFAULT_NA_VALUES: readonly string[] = [
  'NA',
  'N/A',
  'n/a',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '<NA>',
  'NULL',
  'null',
  'None',
  'NaN',
  '-NaN',
  'nan',
  '-nan',
  '1.#IND',
  '-1.#IND',
  '1.#QNAN',
  '-1.#QNAN',
];

/** The tokens of a check: the default list unless replaced, plus the user's own. */
export function missingValueTokens(extra: readonly string[], keepDefault: boolean): string[] {
  return [...new Set([...(keepDefault ? DEFAULT_NA_VALUES : []), ...extra])];
}

/**
 * Matches cells against the tokens. A token that is itself a number (`-999`, a sentinel) matches that
 * number however it is written (`-999.0`), since number cells are compared by value, not by text.
 */
export class MissingValues {
  /** Tokens that are not numbers, as bytes, by their length. */
  private readonly byLength = new Map<number, Buffer[]>();
  private readonly texts = new Set<string>();
  /** Numbers read as missing; undefined when there are none, which keeps the number path to one check. */
  readonly numbers: ReadonlySet<number> | undefined;

  constructor(tokens: readonly string[]) {
    const numbers = new Set<number>();
    for (const token of tokens) {
      if (token === '') continue;
      const value = parseNumberText(token.trim());
      if (value === value) {
        numbers.add(value);
        continue;
      }
      this.texts.add(token);
      const bytes = Buffer.from(token, 'utf8');
      const sameLength = this.byLength.get(bytes.length) ?? [];
      sameLength.push(bytes);
      this.byLength.set(bytes.length, sameLength);
    }
    this.numbers = numbers.size > 0 ? numbers : undefined;
  }

  /** Whether the cell `bytes[start, end)`, which is not a number, means a missing value. */
  matchesBytes(bytes: Uint8Array, start: number, end: number): boolean {
    if (isNaNLiteral(bytes, start, end)) return true;
    const candidates = this.byLength.get(end - start);
    if (candidates === undefined) return false;
    return candidates.some((token) => {
      for (let k = 0; k < token.length; k++) if (token[k] !== bytes[start + k]) return false;
      return true;
    });
  }

  /** `matchesBytes` for a cell already decoded (JSON and Parquet strings). */
  matchesText(text: string): boolean {
    return this.texts.has(text) || (text.length === 3 && text.toLowerCase() === 'nan');
  }

  /** Whether a number read from a cell is one of the number tokens. */
  isMissingNumber(value: number): boolean {
    return this.numbers !== undefined && this.numbers.has(value);
  }
}
