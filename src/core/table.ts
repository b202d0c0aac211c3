import type { ColumnProfile } from './profile.js';
/**
 * Columnar tables as the readers produce them.
 *
 * A column is stored by what its cells look like, not by how it will be tested: `numeric` cells parsed to
 * doubles (NaN marks a missing cell), or `text` cells interned to integer codes into a dictionary (-1 marks
 * a missing cell). Column typing (numerical or categorical) happens later, in the engine.
 */
export interface NumericColumn {
  readonly storage: 'numeric';
  readonly name: string;
  /** One value per row; NaN where the cell is missing. */
  readonly values: Float64Array;
  /** Set when the values are instants in Unix milliseconds (a Parquet date or timestamp column). */
  readonly time?: true;
}

export interface TextColumn {
  readonly storage: 'text';
  readonly name: string;
  /** One code per row, an index into `dictionary`; -1 where the cell is missing. */
  readonly codes: Int32Array;
  /** The distinct texts, in order of first appearance. */
  readonly dictionary: readonly string[];
}

/**
 * A column known from a profile (a baseline's summary, `src/profile/`) instead of its rows: the engine asks
 * it the same questions (missing cells, kind, sample) and gets exact answers, or approximate ones it marks.
 */
export interface ProfiledColumn {
  readonly storage: 'profile';
  readonly name: string;
  readonly profile: ColumnProfile;
}

export type Column = NumericColumn | TextColumn;

/** A column the engine compares: read from rows, or known from a profile. */
export type SideColumn = Column | ProfiledColumn;

/** How a column's cells are stored in its data: `numeric` or `text`, for a profiled column as they were. */
export function cellStorage(column: SideColumn): 'numeric' | 'text' {
  return column.storage === 'profile' ? column.profile.storage : column.storage;
}

export interface Table {
  /** The files the rows came from, for messages. */
  readonly sources: readonly string[];
  readonly rowCount: number;
  /** In file order; names are unique. */
  readonly columns: readonly Column[];
}

/** One side of a comparison: a table of rows, or a profile's columns (then `rowCount` is the profile's rows). */
export interface Dataset {
  readonly sources: readonly string[];
  readonly rowCount: number;
  readonly columns: readonly SideColumn[];
  /** Set for a profile: read from a profile file, or built while streaming data over the memory budget. */
  readonly profiled?: 'file' | 'streamed';
}

/** How a column will be tested. */
export type ColumnKind = 'numerical' | 'categorical';

export const MISSING_CODE = -1;
