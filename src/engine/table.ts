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
}

export interface TextColumn {
  readonly storage: 'text';
  readonly name: string;
  /** One code per row, an index into `dictionary`; -1 where the cell is missing. */
  readonly codes: Int32Array;
  /** The distinct texts, in order of first appearance. */
  readonly dictionary: readonly string[];
}

export type Column = NumericColumn | TextColumn;

export interface Table {
  /** The files the rows came from, for messages. */
  readonly sources: readonly string[];
  readonly rowCount: number;
  /** In file order; names are unique. */
  readonly columns: readonly Column[];
}

/** How a column will be tested. */
export type ColumnKind = 'numerical' | 'categorical';

export const MISSING_CODE = -1;
