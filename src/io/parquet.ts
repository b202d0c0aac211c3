/**
 * Parquet files, through hyparquet. A column's storage follows its schema, not its values, so a column that
 * is null in one row group is still typed: numbers of every width, decimals, dates and timestamps are
 * numeric (dates and timestamps as epoch milliseconds, times of day as the file's count since midnight);
 * strings, enums, booleans and JSON are text; nested structs and lists are text holding their JSON.
 * Plain columns of numbers and strings, most of what files hold, have their pages decoded directly
 * (parquet-pages.ts); the rest, and anything that decoder does not expect, go through hyparquet's reader.
 */
import { constants } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, ColumnData, FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import { InputError } from '../core/errors.js';
import type { Column } from '../core/table.js';
import { NumericColumnBuilder, TextColumnBuilder } from '../core/column-builder.js';
import { fileError, readAll } from './compression.js';
import { checkDecodedRows, checkFooter } from './parquet-footer.js';
import { decodeFlatColumn, decodesFlat, readChunks, type Storage } from './parquet-pages.js';
import { parseNumberText } from '../core/number.js';
import { DEFAULT_NA_VALUES, MissingValues } from '../core/missing-values.js';
import {
  changedWhileRead,
  describeBytes,
  isBuilt,
  wantsText,
  type FileColumns,
  type FileFormat,
  type FilePlan,
  type RowBatches,
  type Source,
  type StreamedFile,
} from './source.js';

/** Temporal values as numbers, so drift in them can be measured like any other numeric column. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => Number(micros) / 1000,
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos / 1000n) / 1000,
  dateFromDays: (days: number) => days * 86400000,
};

const MAGIC = 'PAR1';

export const parquetFormat: FileFormat<'parquet'> = {
  name: 'parquet',
  title: 'Parquet',
  extensions: ['.parquet', '.pq'],
  notes: 'read with hyparquet; timestamps become epoch milliseconds',
  magic: MAGIC,
  // Compressed and encoded: a file holds several times its size in cells.
  sizeWeight: 4,
  read: readParquet,
  stream: streamParquet,
};

export async function readParquet(source: Source, plan: FilePlan): Promise<FileColumns> {
  const parquet = await openParquet(source, plan);
  try {
    const columns: Column[] = [];
    // A column at a time, so that only one column's decoded cells are alive at once.
    for (const field of builtFields(parquet, plan)) columns.push(await readColumnRows(parquet, field, plan, 0, parquet.rowCount));
    return { rowCount: parquet.rowCount, columns };
  } finally {
    await parquet.close();
  }
}

/**
 * Streams a Parquet file through `batches` a row group at a time, holding one row group's columns (and,
 * unless the file is gzipped, only the bytes of the column chunk being decoded).
 */
export async function streamParquet(source: Source, plan: FilePlan, batches: RowBatches): Promise<StreamedFile> {
  const parquet = await openParquet(source, plan);
  try {
    const fields = builtFields(parquet, plan);
    let groupStart = 0;
    for (const group of parquet.metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      if (groupEnd > groupStart) {
        const columns: Column[] = [];
        for (const field of fields) columns.push(await readColumnRows(parquet, field, plan, groupStart, groupEnd));
        batches.take({ rowCount: groupEnd - groupStart, columns });
      }
      groupStart = groupEnd;
    }
    // Parquet columns are typed by the schema, so none turns to text part way.
    return { rows: parquet.rowCount, columnsWithText: new Set() };
  } finally {
    await parquet.close();
  }
}

/** A Parquet file with its footer read and checked, its bytes read where hyparquet asks for them. */
interface OpenParquet {
  readonly file: AsyncBuffer;
  readonly metadata: FileMetaData;
  readonly rowCount: number;
  readonly display: string;
  read(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

async function openParquet(source: Source, plan: FilePlan): Promise<OpenParquet> {
  const file = source.display;
  const bytes = source.gzip ? await bytesInMemory(source, plan) : await bytesOnDisk(source, plan);
  try {
    const size = bytes.file.byteLength;
    if (size < 12 || latin1(await bytes.read(0, 4)) !== MAGIC) {
      throw new InputError('this is not a Parquet file (it does not start with "PAR1"); check the file or its format', { file });
    }
    const tail = await bytes.read(size - 8, size);
    if (latin1(tail.subarray(4)) !== MAGIC) {
      throw new InputError('the Parquet file is truncated (its footer is missing); re-export or re-download it', { file });
    }
    const footerLength = Buffer.from(tail.buffer, tail.byteOffset, 4).readUInt32LE(0);
    const dataEnd = size - 8 - footerLength;
    if (dataEnd < 4) throw unreadable(new Error(`its footer claims ${footerLength} bytes, more than the file holds`), file);
    const footer = await bytes.read(dataEnd, size);
    let metadata: FileMetaData;
    try {
      metadata = parquetMetadata(footer, { parsers: PARSERS });
    } catch (error) {
      throw unreadable(error, file);
    }
    checkFooter(metadata, footer.subarray(0, footerLength), dataEnd, file);
    const rowCount = Number(metadata.num_rows);
    if (rowCount === 0) throw new InputError('the file has no rows', { file });
    return { file: bytes.file, metadata, rowCount, display: file, read: bytes.read, close: bytes.close };
  } catch (error) {
    await bytes.close();
    throw error;
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Bytes of a file by position, for hyparquet (`file`) and for the footer checks (`read`). */
interface RandomAccess {
  readonly file: AsyncBuffer;
  read(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A gzip file can only be read from its start, so it is decompressed whole. */
async function bytesInMemory(source: Source, plan: FilePlan): Promise<RandomAccess> {
  const bytes = await readAll(source, plan.onBytes, {
    bytes: constants.MAX_LENGTH,
    refusal: `the Parquet file is over ${describeBytes(constants.MAX_LENGTH)} once decompressed, the most this reader holds in memory; store it uncompressed (Parquet compresses its own pages)`,
  });
  // hyparquet wants an ArrayBuffer of its own; a pooled Buffer's may hold more than this file.
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
  return { file: buffer, read: async (start, end) => new Uint8Array(buffer, start, end - start), close: async () => {} };
}

async function bytesOnDisk(source: Source, plan: FilePlan): Promise<RandomAccess> {
  let handle: FileHandle;
  let size: number;
  try {
    handle = await open(source.path, 'r');
    size = (await handle.stat()).size;
  } catch (error) {
    throw fileError(error, source);
  }
  let bytesRead = 0;
  const read = async (start: number, end: number): Promise<Uint8Array> => {
    const bytes = new Uint8Array(end - start);
    try {
      for (let filled = 0; filled < bytes.length;) {
        const { bytesRead: got } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
        if (got === 0) throw changedWhileRead(source.display);
        filled += got;
      }
    } catch (error) {
      throw fileError(error, source);
    }
    bytesRead = Math.min(size, bytesRead + bytes.length);
    plan.onBytes?.(bytesRead);
    return bytes;
  };
  const file: AsyncBuffer = { byteLength: size, slice: async (start, end = size) => (await read(start, end)).buffer as ArrayBuffer };
  return { file, read, close: () => handle.close() };
}

function builtFields(parquet: OpenParquet, plan: FilePlan): SchemaTree[] {
  return parquetSchema(parquet.metadata).children.filter((field) => isBuilt(plan, field.element.name));
}

/** Rows `rowStart` to `rowEnd` (a whole row group or several) of one column. */
async function readColumnRows(parquet: OpenParquet, field: SchemaTree, plan: FilePlan, rowStart: number, rowEnd: number): Promise<Column> {
  const storage = storageOf(field, plan);
  if (decodesFlat(field, storage)) {
    const column = decodeFlatColumn(
      field,
      storage,
      await readChunks(parquet.metadata, field.element.name, rowStart, rowEnd, parquet.read),
      missingValuesOf(plan),
    );
    if (column) return column;
  }
  return readThroughHyparquet(parquet, field, plan, storage, rowStart, rowEnd);
}

async function readThroughHyparquet(
  parquet: OpenParquet,
  field: SchemaTree,
  plan: FilePlan,
  storage: Storage,
  rowStart: number,
  rowEnd: number,
): Promise<Column> {
  const name = field.element.name;
  const file = parquet.display;
  const parts: ColumnData[] = [];
  try {
    await parquetRead({
      file: parquet.file,
      metadata: parquet.metadata,
      parsers: PARSERS,
      columns: [name],
      rowStart,
      rowEnd,
      onChunk: (chunk) => void parts.push(chunk),
    });
  } catch (error) {
    throw error instanceof InputError ? error : unreadable(error, file);
  }
  // Chunks arrive as pages decode; row order keeps the dictionary in order of first appearance.
  parts.sort((a, b) => a.rowStart - b.rowStart);
  checkDecodedRows(parts, rowStart, rowEnd, name, file);
  const cells = new CellWriter(name, file, plan, storage);
  for (const part of parts) {
    const offset = part.rowStart - rowStart;
    for (let k = 0; k < part.columnData.length; k++) cells.add(part.columnData[k], offset + k);
  }
  const column = cells.finish(rowEnd - rowStart);
  return column.storage === 'numeric' && isInstantField(field) ? { ...column, time: true } : column;
}

function unreadable(error: unknown, file: string): InputError {
  return new InputError(
    `the file could not be read as Parquet (${(error as Error).message}); it may be damaged, or use a feature or compression this reader lacks (Snappy and uncompressed files are supported)`,
    { file },
  );
}

/** Dates and timestamps, which the parsers above turn into Unix milliseconds; times of day are not instants. */
function isInstantField(field: SchemaTree): boolean {
  const { type, converted_type: converted, logical_type: logical } = field.element;
  if (logical) return logical.type === 'DATE' || logical.type === 'TIMESTAMP';
  return converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS' || type === 'INT96';
}

/** Numbers for a numeric field unless the column is wanted as text, and for any declared numerical. */
function storageOf(field: SchemaTree, plan: FilePlan): Storage {
  const name = field.element.name;
  return plan.declared?.get(name) === 'numerical' || (isNumericField(field) && !wantsText(plan, name)) ? 'numeric' : 'text';
}

function missingValuesOf(plan: FilePlan): MissingValues {
  return new MissingValues(plan.naValues ?? DEFAULT_NA_VALUES);
}

function isNumericField(field: SchemaTree): boolean {
  if (field.children.length > 0) return false;
  const { type, converted_type: converted, logical_type: logical } = field.element;
  switch (logical?.type) {
    case 'STRING':
    case 'ENUM':
    case 'JSON':
    case 'BSON':
    case 'UUID':
    case 'INTERVAL':
      return false;
    case 'DECIMAL':
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
    case 'INTEGER':
    case 'FLOAT16':
      return true;
  }
  if (converted === 'UTF8' || converted === 'ENUM' || converted === 'JSON' || converted === 'BSON' || converted === 'INTERVAL') {
    return false;
  }
  if (converted === 'DECIMAL') return true;
  return type === 'INT32' || type === 'INT64' || type === 'INT96' || type === 'FLOAT' || type === 'DOUBLE';
}

class CellWriter {
  private readonly numbers: NumericColumnBuilder | undefined;
  private readonly texts: TextColumnBuilder | undefined;
  private readonly declaredNumerical: boolean;
  private readonly missing: MissingValues;

  constructor(
    private readonly name: string,
    private readonly file: string,
    plan: FilePlan,
    storage: Storage,
  ) {
    this.declaredNumerical = plan.declared?.get(name) === 'numerical';
    this.missing = missingValuesOf(plan);
    if (storage === 'numeric') this.numbers = new NumericColumnBuilder();
    else this.texts = new TextColumnBuilder();
  }

  add(value: unknown, row: number): void {
    if (this.numbers) {
      this.numbers.padTo(row);
      this.numbers.push(this.numberOf(value, row));
    } else {
      this.texts!.padTo(row);
      if (value === null || value === undefined || value === '') this.texts!.pushMissing();
      else this.texts!.push(textOf(value));
    }
  }

  private numberOf(value: unknown, row: number): number {
    if (typeof value === 'number') return this.missing.isMissingNumber(value) ? NaN : value;
    if (typeof value === 'bigint') return this.missing.isMissingNumber(Number(value)) ? NaN : Number(value);
    if (value === null || value === undefined || value === '' || (typeof value === 'string' && this.missing.matchesText(value))) return NaN;
    if (value instanceof Date) return value.getTime();
    const parsed = typeof value === 'string' ? parseNumberText(value) : NaN;
    if (parsed === parsed) return this.missing.isMissingNumber(parsed) ? NaN : parsed;
    if (!this.declaredNumerical) return parsed;
    const shown = textOf(value);
    throw new InputError(
      `row ${row + 1}: ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown)} is not a number, but the column is declared numerical; declare the column categorical or fix the data`,
      { file: this.file, column: this.name },
    );
  }

  finish(rowCount: number): Column {
    if (this.numbers) {
      this.numbers.padTo(rowCount);
      return this.numbers.finish(this.name);
    }
    this.texts!.padTo(rowCount);
    return this.texts!.finish(this.name);
  }
}

function textOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
}
