/** What the format readers share: where a file is, what to build from it, and what they hand back. */
import { constants } from 'node:buffer';
import { InputError } from '../core/errors.js';
import type { Column, ColumnKind } from '../core/table.js';
import type { Format } from './formats.js';

/**
 * One file format: how users and files announce it, what its bytes stand for in memory, and how it is read.
 * Each reader module exports its descriptor; `formats.ts` registers them.
 */
export interface FileFormat<Name extends string = string> {
  /** The format's name in code and options: `csv`. */
  readonly name: Name;
  /** Its name for people, in messages and tables: `CSV`. */
  readonly title: string;
  /** File name endings that announce it, lower case, the usual one first: `.csv`. */
  readonly extensions: readonly string[];
  /** What the README's format table says about it (Markdown). */
  readonly notes: string;
  /** The bytes (as latin1 text) every file of the format starts with, when it has such a mark. */
  readonly magic?: string;
  /** About how many bytes of cells in memory one byte of the file stands for (1 for text). */
  readonly sizeWeight: number;
  read(source: Source, plan: FilePlan): Promise<FileColumns>;
  /** Reads the file in one pass, handing its rows over in batches; absent when it can only be read whole. */
  stream?(source: Source, plan: FilePlan, batches: RowBatches): Promise<StreamedFile>;
}

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
  /** Tighter bounds than `READ_LIMITS`, for tests. */
  readonly limits?: Partial<ReadLimits>;
}

/**
 * What one file may make a reader hold at once. Memory follows the data, so these only bound what a
 * single row or value may take: a file past one is refused with an error that states the bound.
 */
export interface ReadLimits {
  /** Bytes of one row: a CSV or TSV record, a JSON Lines line. */
  readonly recordBytes: number;
  /** Bytes of a JSON file, which is parsed as one string. */
  readonly jsonFileBytes: number;
  /** Levels of objects and arrays nested in one another in a JSON value. */
  readonly jsonDepth: number;
}

export const READ_LIMITS: ReadLimits = {
  recordBytes: 64 * 1024 * 1024,
  // V8's longest string; one byte of UTF-8 is at most one UTF-16 unit.
  jsonFileBytes: constants.MAX_STRING_LENGTH,
  jsonDepth: 1000,
};

export function limitsOf(plan: FilePlan): ReadLimits {
  return plan.limits ? { ...READ_LIMITS, ...plan.limits } : READ_LIMITS;
}

/** A size for messages: `64 MiB`, `512 KiB`, `900 bytes`. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
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

/**
 * A text reader met NUL bytes: the file is binary, whatever its name says. The registry, which knows every
 * format, turns this into the InputError that says what to pass instead.
 */
export class NotTextError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
  ) {
    super('this is not a text file (it contains NUL bytes)');
  }
}

/** A second pass over a file found other rows than the first. */
export function changedWhileRead(file: string): InputError {
  return new InputError('the file changed while it was being read; run again once it is complete', { file });
}

/**
 * What streaming a file through `RowBatches` found: its rows, and the undeclared columns that met text after
 * numbers, whose batches stop there and which must be streamed again as text.
 */
export interface StreamedFile {
  readonly rows: number;
  readonly columnsWithText: Set<string>;
}

/** Rows handed over as they are read, in batches of about `cells` cells, instead of kept whole. */
export interface RowBatches {
  readonly cells: number;
  /** Called between records; the batch's storage is reused once it returns. */
  take(batch: FileColumns): void;
}
