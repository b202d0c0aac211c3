/**
 * Builds a profile from tables of rows handed in batches (a file, or part of one, at a time), or merges
 * profiles: either way in memory bounded by the profile, not by the rows. Columns are matched by name; a
 * batch without a column contributes missing cells to it, and a column that is text anywhere is text
 * throughout (numbers seen before become their shortest text, as the engine compares them as categories).
 */
import { InputError } from '../core/errors.js';
import { MISSING_CODE, type Column, type NumericColumn, type Table } from '../core/table.js';
import { compareCodePoints } from '../stattests/sample.js';
import {
  DEFAULT_PROFILE_SETTINGS,
  PROFILE_VERSION,
  type ColumnProfile,
  type NumericColumnProfile,
  type Profile,
  type ProfileSettings,
  type TextColumnProfile,
} from '../core/profile.js';
import { NumericAccumulator } from './numeric-accumulator.js';

/**
 * A text column tracks at most this many distinct categories exactly; past it, new ones are pooled and the
 * distinct count becomes a lower bound. Bounds memory on identifier-like columns.
 */
const TRACKED_CATEGORIES_LIMIT = 1_000_000;

class TextAccumulator {
  private rows = 0;
  private missing = 0;
  private readonly counts = new Map<string, number>();
  private untracked = 0;
  /** The distinct count of merged profiles that pooled some of theirs. */
  private distinctFloor = 0;
  private exact = true;

  constructor(
    readonly name: string,
    private readonly settings: ProfileSettings,
  ) {}

  addColumn(column: Column & { storage: 'text' }): void {
    const perCode = new Float64Array(column.dictionary.length);
    let missing = 0;
    for (const code of column.codes) {
      if (code === MISSING_CODE) missing++;
      else perCode[code]++;
    }
    this.rows += column.codes.length;
    this.missing += missing;
    perCode.forEach((count, code) => {
      if (count > 0) this.addCategory(column.dictionary[code], count);
    });
  }

  addMissing(rows: number): void {
    this.rows += rows;
    this.missing += rows;
  }

  /**
   * Numbers in a column that holds text elsewhere, as the categories the engine makes of numbers (their
   * shortest text). Only a lossless profile of them still knows every value.
   */
  addNumbers(column: NumericColumnProfile): void {
    const { distribution } = column;
    if (distribution.kind !== 'lossless') {
      throw new InputError(
        `column ${JSON.stringify(this.name)} holds numbers with too many distinct values to keep, and text elsewhere; declare it categorical (or numerical) to profile it`,
      );
    }
    this.rows += column.rows;
    this.missing += column.missing;
    distribution.values.forEach((value, index) => this.addCategory(String(value), distribution.counts[index]));
  }

  addProfile(column: TextColumnProfile): void {
    this.rows += column.rows;
    this.missing += column.missing;
    for (const [category, count] of column.categories) this.addCategory(category, count);
    this.untracked += column.other;
    this.distinctFloor = Math.max(this.distinctFloor, column.distinct);
    this.exact &&= column.other === 0 && column.distinctExact;
  }

  private addCategory(category: string, count: number): void {
    const known = this.counts.get(category);
    if (known !== undefined) this.counts.set(category, known + count);
    else if (this.counts.size < TRACKED_CATEGORIES_LIMIT) this.counts.set(category, count);
    else {
      this.untracked += count;
      this.exact = false;
    }
  }

  finish(): TextColumnProfile {
    const ranked = [...this.counts].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
    const categories = ranked.slice(0, this.settings.maxCategories);
    const pooled = ranked.slice(this.settings.maxCategories).reduce((sum, [, count]) => sum + count, 0);
    return {
      storage: 'text',
      name: this.name,
      rows: this.rows,
      missing: this.missing,
      categories,
      other: pooled + this.untracked,
      distinct: Math.max(this.counts.size, this.distinctFloor),
      distinctExact: this.exact,
    };
  }
}

type Accumulator = NumericAccumulator | TextAccumulator;

export class ProfileBuilder {
  private rows = 0;
  private readonly columns = new Map<string, Accumulator>();
  private readonly sources: string[] = [];

  constructor(private readonly settings: ProfileSettings = DEFAULT_PROFILE_SETTINGS) {}

  /** Rows of the data, in batches of any size; `sources` name where they came from. */
  addTable(table: Table): void {
    this.noteSources(table.sources);
    const seen = new Set<string>();
    for (const column of table.columns) {
      seen.add(column.name);
      const accumulator = this.accumulatorFor(column.name, column.storage);
      if (accumulator instanceof TextAccumulator) {
        if (column.storage === 'text') accumulator.addColumn(column);
        else accumulator.addNumbers(this.numbersOf(column));
      } else if (column.storage === 'numeric') accumulator.addValues(column.values, column.time);
    }
    this.padAbsent(seen, table.rowCount);
    this.rows += table.rowCount;
  }

  /** Another profile, of other rows. */
  addProfile(profile: Profile): void {
    this.noteSources(profile.sources);
    const seen = new Set<string>();
    for (const column of profile.columns) {
      seen.add(column.name);
      const accumulator = this.accumulatorFor(column.name, column.storage);
      if (accumulator instanceof TextAccumulator) {
        if (column.storage === 'text') accumulator.addProfile(column);
        else accumulator.addNumbers(column);
      } else if (column.storage === 'numeric') accumulator.addProfile(column);
    }
    this.padAbsent(seen, profile.rows);
    this.rows += profile.rows;
  }

  finish(): Profile {
    const columns: ColumnProfile[] = [...this.columns.values()].map((accumulator) => accumulator.finish());
    return { version: PROFILE_VERSION, sources: this.sources, rows: this.rows, settings: this.settings, columns };
  }

  private numbersOf(column: NumericColumn): NumericColumnProfile {
    const numbers = new NumericAccumulator(column.name, this.settings);
    numbers.addValues(column.values, column.time);
    return numbers.finish();
  }

  private noteSources(sources: readonly string[]): void {
    for (const source of sources) if (!this.sources.includes(source)) this.sources.push(source);
  }

  private padAbsent(seen: ReadonlySet<string>, rows: number): void {
    for (const [name, accumulator] of this.columns) if (!seen.has(name)) accumulator.addMissing(rows);
  }

  private accumulatorFor(name: string, storage: Column['storage']): Accumulator {
    const existing = this.columns.get(name);
    if (existing === undefined) {
      const created = storage === 'numeric' ? new NumericAccumulator(name, this.settings) : new TextAccumulator(name, this.settings);
      // A column first seen in a later batch was missing in the earlier ones.
      created.addMissing(this.rows);
      this.columns.set(name, created);
      return created;
    }
    if (storage === 'text' && existing instanceof NumericAccumulator) {
      const text = new TextAccumulator(name, this.settings);
      text.addNumbers(existing.finish());
      this.columns.set(name, text);
      return text;
    }
    return existing;
  }
}
