/**
 * Parquet files, through hyparquet. A column's storage follows its schema, not its values, so a column that
 * is null in one row group is still typed: numbers of every width, decimals, dates and timestamps are
 * numeric (dates and timestamps as epoch milliseconds, times of day as the file's count since midnight);
 * strings, enums, booleans and JSON are text; nested structs and lists are text holding their JSON.
 */
import { constants } from 'node:buffer';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { ColumnData, FileMetaData, ParquetParsers, SchemaTree } from 'hyparquet';
import { InputError } from '../engine/errors.js';
import type { Column } from '../engine/table.js';
import { NumericColumnBuilder, TextColumnBuilder } from './column-builder.js';
import { readAll } from './compression.js';
import { checkDecodedRows, checkFooter } from './parquet-footer.js';
import { parseNumberText } from './number.js';
import { DEFAULT_NA_VALUES, MissingValues } from './missing-values.js';
import { describeBytes, isBuilt, wantsText, type FileColumns, type FilePlan, type Source } from './source.js';

/** Temporal values as numbers, so drift in them can be measured like any other numeric column. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => Number(micros) / 1000,
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos / 1000n) / 1000,
  dateFromDays: (days: number) => days * 86400000,
};

const MAGIC = 'PAR1';

export async function readParquet(source: Source, plan: FilePlan): Promise<FileColumns> {
  const file = source.display;
  const bytes = await readAll(source, plan.onBytes, {
    bytes: constants.MAX_LENGTH,
    refusal: `the Parquet file is over ${describeBytes(constants.MAX_LENGTH)}, the most this reader holds in memory; write the data as several files`,
  });
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC) {
    throw new InputError('this is not a Parquet file (it does not start with "PAR1"); check the file or its format', { file });
  }
  if (bytes.toString('latin1', bytes.length - 4) !== MAGIC) {
    throw new InputError('the Parquet file is truncated (its footer is missing); re-export or re-download it', { file });
  }
  // hyparquet wants an ArrayBuffer of its own; a pooled Buffer's may hold more than this file.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer, { parsers: PARSERS });
  } catch (error) {
    throw unreadable(error, file);
  }
  const dataEnd = bytes.length - 8 - metadata.metadata_length;
  checkFooter(metadata, bytes.subarray(dataEnd, bytes.length - 8), dataEnd, file);
  const rowCount = Number(metadata.num_rows);
  if (rowCount === 0) throw new InputError('the file has no rows', { file });

  const columns: Column[] = [];
  // A column at a time, so that only one column's decoded cells are alive at once.
  for (const field of parquetSchema(metadata).children) {
    const name = field.element.name;
    if (!isBuilt(plan, name)) continue;
    const parts: ColumnData[] = [];
    try {
      await parquetRead({ file: buffer, metadata, parsers: PARSERS, columns: [name], onChunk: (chunk) => void parts.push(chunk) });
    } catch (error) {
      throw unreadable(error, file);
    }
    // Chunks arrive as pages decode; row order keeps the dictionary in order of first appearance.
    parts.sort((a, b) => a.rowStart - b.rowStart);
    checkDecodedRows(parts, rowCount, name, file);
    const cells = new CellWriter(name, file, plan, isNumericField(field));
    for (const part of parts) {
      for (let k = 0; k < part.columnData.length; k++) cells.add(part.columnData[k], part.rowStart + k);
    }
    columns.push(cells.finish(rowCount));
  }
  return { rowCount, columns };
}

function unreadable(error: unknown, file: string): InputError {
  return new InputError(
    `the file could not be read as Parquet (${(error as Error).message}); it may be damaged, or use a feature or compression this reader lacks (Snappy and uncompressed files are supported)`,
    { file },
  );
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
    numericField: boolean,
  ) {
    this.declaredNumerical = plan.declared?.get(name) === 'numerical';
    this.missing = new MissingValues(plan.naValues ?? DEFAULT_NA_VALUES);
    if (this.declaredNumerical || (numericField && !wantsText(plan, name))) this.numbers = new NumericColumnBuilder();
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
