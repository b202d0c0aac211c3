/** What the format readers share: where a file is, what to build from it, and what they hand back. */
import type { Column, ColumnKind } from '../engine/table.js';

export type Format = 'csv' | 'tsv' | 'jsonl' | 'json' | 'parquet';

export interface Source {
  /** Absolute path, for opening. */
  readonly path: string;
  /** The path as the user wrote or globbed it, for messages. */
  readonly display: string;
  readonly format: Format;
  readonly gzip: boolean;
}

export interface FilePlan {
  readonly declared?: ReadonlyMap<string, ColumnKind>;
  /** Cells that mean a missing value in a numbers column (default: `DEFAULT_NA_VALUES`). */
  readonly naValues?: readonly string[];
  /**
   * Undeclared columns to store as text even when every cell is a number, because another file holds text
   * in them. Text formats keep the exact cell text.
   */
  readonly forceText?: ReadonlySet<string>;
  /** When given, only these columns are built (a re-read for a few columns). */
  readonly only?: ReadonlySet<string>;
  /** Told how many bytes of the file have been read so far. */
  readonly onBytes?: (read: number) => void;
}

export interface FileColumns {
  readonly rowCount: number;
  /** In file order; names are unique. */
  readonly columns: Column[];
}

export function wantsText(plan: FilePlan, name: string): boolean {
  return plan.declared?.get(name) === 'categorical' || (plan.forceText?.has(name) ?? false);
}

export function isBuilt(plan: FilePlan, name: string): boolean {
  return plan.only === undefined || plan.only.has(name);
}
