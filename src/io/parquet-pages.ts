/**
 * The Parquet columns most files hold, decoded straight into column storage: flat (not nested) columns of
 * numbers stored as INT32, INT64, FLOAT or DOUBLE without a conversion, and of strings, in PLAIN or
 * dictionary-encoded data pages (v1 or v2), uncompressed or Snappy. hyparquet's general path gives every
 * value as a JavaScript value in an array, then places them and the nulls in another array, which took
 * most of a read's time; here page values go to the column's Float64Array or codes as they are decoded,
 * and a dictionary's strings are decoded (and interned) once per chunk rather than once per row.
 *
 * Whatever this does not handle (another type, encoding, codec or page kind, or pages that do not add up
 * to the rows the footer claims) it leaves, column by column, to hyparquet, which decodes it or says what
 * is wrong with the file; so both paths give the same cells, and every error is hyparquet's.
 *
 * It reads pages with hyparquet's own modules under `hyparquet/src/` (exported, but not its documented
 * interface), so package.json pins hyparquet's exact version: an upgrade is a change the Parquet tests
 * must pass, not one a fresh install picks up.
 */
import type { ColumnMetaData, DataReader, FileMetaData, ParquetType, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import type { PageHeader } from 'hyparquet/src/types.js';
import { ByteCodes, NumericColumnBuilder, TextColumnBuilder } from '../core/column-builder.js';
import type { MissingValues } from '../core/missing-values.js';
import { MISSING_CODE, type Column } from '../core/table.js';
import { chunkRange } from './parquet-footer.js';

/** One row group's chunk of a column: its bytes, the footer's description, and the rows the group holds. */
export interface ChunkBytes {
  readonly bytes: Uint8Array;
  readonly meta: ColumnMetaData;
  readonly rows: number;
}

/**
 * The bytes of a column's chunks in the row groups that rows `rowStart` to `rowEnd` span (whole groups),
 * read with `read`, for a footer `checkFooter` accepted.
 */
export async function readChunks(
  metadata: FileMetaData,
  name: string,
  rowStart: number,
  rowEnd: number,
  read: (start: number, end: number) => Promise<Uint8Array> | Uint8Array,
): Promise<ChunkBytes[]> {
  const chunks: ChunkBytes[] = [];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    if (rows > 0 && groupStart >= rowStart && groupStart + rows <= rowEnd) {
      // The footer checks matched the chunks to the schema's columns, whose names are distinct.
      const meta = group.columns.find(
        ({ meta_data: meta }) => meta!.path_in_schema.length === 1 && meta!.path_in_schema[0] === name,
      )!.meta_data!;
      const { start, end } = chunkRange(meta);
      chunks.push({ bytes: await read(start, end), meta, rows });
    }
    groupStart += rows;
  }
  return chunks;
}

/** The storage a column is read into. */
export type Storage = 'numeric' | 'text';

const NUMBER_TYPES: ReadonlySet<ParquetType> = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);

/** Integer annotations under which hyparquet gives the stored value unchanged (unsigned 32 and 64 bits it converts). */
const PLAIN_INTEGER_ANNOTATIONS: ReadonlySet<string> = new Set(['INT_8', 'INT_16', 'INT_32', 'INT_64', 'UINT_8', 'UINT_16']);

/** Whether `decodeFlatColumn` handles this field read into this storage. */
export function decodesFlat(field: SchemaTree, storage: Storage): boolean {
  const { type, converted_type: converted, logical_type: logical, repetition_type: repetition } = field.element;
  if (field.children.length > 0 || repetition === 'REPEATED' || type === undefined) return false;
  // hyparquet converts by either annotation, so both must be one it gives the stored value under.
  if (storage === 'text') {
    const stringConverted = converted === undefined || converted === 'UTF8' || converted === 'ENUM';
    const stringLogical = logical === undefined || logical.type === 'STRING' || logical.type === 'ENUM';
    return type === 'BYTE_ARRAY' && stringConverted && stringLogical;
  }
  const plainConverted = converted === undefined || PLAIN_INTEGER_ANNOTATIONS.has(converted);
  const plainLogical = logical === undefined || (logical.type === 'INTEGER' && (logical.isSigned || logical.bitWidth < 32));
  return NUMBER_TYPES.has(type) && plainConverted && plainLogical;
}

/** A chunk this decoder cannot take (or a file hyparquet should judge); caught below, never shown. */
class LeftToHyparquet extends Error {}

function leave(): never {
  throw new LeftToHyparquet();
}

/**
 * The cells of a field `decodesFlat` accepts, from its chunks in row order; undefined when a chunk needs
 * hyparquet. A cell is missing where the file has a null, an empty string, or a number `missing` lists.
 */
export function decodeFlatColumn(
  field: SchemaTree,
  storage: Storage,
  chunks: readonly ChunkBytes[],
  missing: MissingValues,
): Column | undefined {
  try {
    const pages = chunks.map((chunk) => pagesOf(chunk, field));
    const rows = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
    const cells = storage === 'numeric' ? new NumberCells(rows, missing) : new TextCells(rows);
    // Nulls are marked by definition levels, 1 for a value when the column is optional.
    const optional = field.element.repetition_type !== 'REQUIRED';
    for (const [index, chunk] of chunks.entries()) {
      let dictionary = false;
      for (const page of pages[index]) {
        if (page.header.type === 'DICTIONARY_PAGE') {
          cells.setDictionary(dictionaryValues(page, chunk.meta));
          dictionary = true;
        } else {
          addDataPage(cells, page, chunk.meta, optional, dictionary);
        }
      }
    }
    return cells.finish(field.element.name);
  } catch {
    // Left to hyparquet, or a page this decoder (or hyparquet's page functions) could not read: hyparquet
    // reads the column again and reports what is wrong, if anything is.
    return undefined;
  }
}

interface Page {
  readonly header: PageHeader;
  /** The page's bytes as stored (compressed when the chunk is). */
  readonly bytes: Uint8Array;
}

/**
 * The chunk's pages, up to those holding its rows: at most one dictionary page, first, then data pages
 * whose rows add up to the group's.
 */
function pagesOf(chunk: ChunkBytes, field: SchemaTree): Page[] {
  const { bytes, meta } = chunk;
  if (meta.type !== field.element.type || (meta.codec !== 'UNCOMPRESSED' && meta.codec !== 'SNAPPY')) leave();
  const reader: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const pages: Page[] = [];
  let rows = 0;
  while (rows < chunk.rows) {
    if (reader.offset >= bytes.length - 1) leave();
    const header = parquetHeader(reader);
    const end = reader.offset + header.compressed_page_size;
    if (!(header.compressed_page_size >= 0) || end > bytes.length) leave();
    const page = { header, bytes: bytes.subarray(reader.offset, end) };
    reader.offset = end;
    if (header.type === 'DICTIONARY_PAGE') {
      if (pages.length > 0) leave();
    } else if (header.type === 'DATA_PAGE' || header.type === 'DATA_PAGE_V2') {
      rows += rowsOf(header);
    } else {
      leave();
    }
    pages.push(page);
  }
  if (rows !== chunk.rows) leave();
  return pages;
}

function rowsOf(header: PageHeader): number {
  const v2 = header.data_page_header_v2;
  // A flat column's values are its rows, nulls included.
  if (v2 && v2.num_rows !== v2.num_values) leave();
  const rows = v2 ? v2.num_values : header.data_page_header!.num_values;
  if (!(rows >= 0)) leave();
  return rows;
}

/** A dictionary page's values, as hyparquet reads them. */
function dictionaryValues(page: Page, meta: ColumnMetaData): ArrayLike<unknown> {
  const header = page.header;
  const count = header.dictionary_page_header!.num_values;
  const bytes = decompressPage(page.bytes, header.uncompressed_page_size, meta.codec, undefined);
  return plainValues({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }, meta.type, count);
}

/** `count` PLAIN values, checked to lie within the page. */
function plainValues(reader: DataReader, type: ParquetType, count: number): ArrayLike<unknown> {
  const values = readPlain(reader, type, count, undefined);
  if (values.length !== count || reader.offset > reader.view.byteLength) leave();
  return values;
}

/** The page's definition levels (undefined when it holds no null) and its values' encoded bytes. */
interface PageParts {
  readonly levels: Uint8Array | undefined;
  readonly values: DataReader;
  readonly present: number;
}

function addDataPage(cells: Cells, page: Page, meta: ColumnMetaData, optional: boolean, dictionary: boolean): void {
  const { header } = page;
  const rows = rowsOf(header);
  const encoding = header.data_page_header_v2?.encoding ?? header.data_page_header!.encoding;
  const parts = header.data_page_header_v2 ? pagePartsV2(page, meta, rows, optional) : pagePartsV1(page, meta, rows, optional);
  if (encoding === 'PLAIN') {
    cells.addPlain(plainValues(parts.values, meta.type, parts.present), parts.levels);
  } else if ((encoding === 'RLE_DICTIONARY' || encoding === 'PLAIN_DICTIONARY') && dictionary) {
    const { view } = parts.values;
    const width = view.getUint8(parts.values.offset++);
    const indices = new Int32Array(parts.present);
    // hyparquet reads v1 pages of width 0 as all zeros without looking further, v2 pages as any other.
    if (width > 0 || header.data_page_header_v2)
      readRleBitPackedHybrid(parts.values, width, indices, view.byteLength - parts.values.offset);
    cells.addIndices(indices, parts.levels);
  } else {
    leave();
  }
}

/** A v1 page: compressed whole, levels first, each run prefixed with its length. */
function pagePartsV1(page: Page, meta: ColumnMetaData, rows: number, optional: boolean): PageParts {
  const v1 = page.header.data_page_header!;
  const bytes = decompressPage(page.bytes, page.header.uncompressed_page_size, meta.codec, undefined);
  const reader: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  if (!optional) return { levels: undefined, values: reader, present: rows };
  if (v1.definition_level_encoding !== 'RLE') leave();
  return withLevels(reader, rows, undefined, reader);
}

/** A v2 page: levels first and never compressed, their lengths in the header; then the values. */
function pagePartsV2(page: Page, meta: ColumnMetaData, rows: number, optional: boolean): PageParts {
  const v2 = page.header.data_page_header_v2!;
  const levelBytes = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
  if (v2.repetition_levels_byte_length !== 0 || levelBytes > page.bytes.length) leave();
  if (!optional && v2.definition_levels_byte_length !== 0) leave();
  const uncompressedSize = page.header.uncompressed_page_size - levelBytes;
  let bytes = page.bytes.subarray(levelBytes);
  if (v2.is_compressed !== false && uncompressedSize) bytes = decompressPage(bytes, uncompressedSize, meta.codec, undefined);
  const values: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  if (!optional) return { levels: undefined, values, present: rows };
  const levels: DataReader = { view: new DataView(page.bytes.buffer, page.bytes.byteOffset, levelBytes), offset: 0 };
  const parts = withLevels(levels, rows, v2.definition_levels_byte_length, values);
  if (parts.present !== rows - v2.num_nulls) leave();
  return parts;
}

/** Reads `rows` definition levels (of an optional flat column: 1 bit each) at `levels`. */
function withLevels(levels: DataReader, rows: number, length: number | undefined, values: DataReader): PageParts {
  const decoded = new Uint8Array(rows);
  readRleBitPackedHybrid(levels, 1, decoded, length);
  let present = 0;
  for (let row = 0; row < rows; row++) {
    // A repeated run may claim any value; only 0 (null) and 1 (a value) are levels of a flat column.
    if (decoded[row] > 1) leave();
    present += decoded[row];
  }
  return { levels: present === rows ? undefined : decoded, values, present };
}

/** Where a column's cells go, page by page; `levels` (1 for a value, 0 for a null) is absent when all are values. */
interface Cells {
  setDictionary(values: ArrayLike<unknown>): void;
  addPlain(values: ArrayLike<unknown>, levels: Uint8Array | undefined): void;
  addIndices(indices: Int32Array, levels: Uint8Array | undefined): void;
  finish(name: string): Column;
}

class NumberCells implements Cells {
  private readonly builder = new NumericColumnBuilder();
  private dictionary: ArrayLike<number> = new Float64Array(0);

  constructor(
    rows: number,
    private readonly missing: MissingValues,
  ) {
    this.builder.reserve(rows);
  }

  setDictionary(values: ArrayLike<unknown>): void {
    this.dictionary = this.numbers(values);
  }

  addPlain(values: ArrayLike<unknown>, levels: Uint8Array | undefined): void {
    const numbers = this.numbers(values);
    const builder = this.builder;
    let next = 0;
    if (levels === undefined) for (let k = 0; k < numbers.length; k++) builder.push(numbers[k]);
    else for (let row = 0; row < levels.length; row++) builder.push(levels[row] === 1 ? numbers[next++] : NaN);
  }

  addIndices(indices: Int32Array, levels: Uint8Array | undefined): void {
    const { builder, dictionary } = this;
    const size = dictionary.length;
    let next = 0;
    const value = (index: number) => (index < size ? dictionary[index] : leave());
    if (levels === undefined) for (let k = 0; k < indices.length; k++) builder.push(value(indices[k]));
    else for (let row = 0; row < levels.length; row++) builder.push(levels[row] === 1 ? value(indices[next++]) : NaN);
  }

  /** Values as the cells' numbers: 64-bit integers rounded as `Number` rounds them, and the missing numbers NaN. */
  private numbers(values: ArrayLike<unknown>): ArrayLike<number> {
    const wide = values instanceof BigInt64Array;
    if (!wide && this.missing.numbers === undefined) return values as ArrayLike<number>;
    const numbers = new Float64Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const value = wide ? Number(values[k] as bigint) : (values[k] as number);
      numbers[k] = this.missing.isMissingNumber(value) ? NaN : value;
    }
    return numbers;
  }

  finish(name: string): Column {
    return this.builder.finish(name);
  }
}

/** Not yet given a code: the dictionary entry has not been met in this chunk's rows. */
const UNSEEN = -2;

class TextCells implements Cells {
  private readonly builder = new TextColumnBuilder();
  private readonly decoder = new TextDecoder();
  /** The chunk's dictionary, as strings, and each entry's code once met (codes follow first appearance). */
  private dictionary: Array<string | undefined> = [];
  private dictionaryCodes = new Int32Array(0);
  /** Strings of PLAIN pages by their bytes, so each distinct string is decoded once. */
  private readonly plainBytes = new ByteCodes();
  private readonly plainCodes: number[] = [];

  constructor(rows: number) {
    this.builder.reserve(rows);
  }

  setDictionary(values: ArrayLike<unknown>): void {
    this.dictionary = Array.from(values as ArrayLike<Uint8Array>, (bytes) => this.decoder.decode(bytes));
    this.dictionaryCodes = new Int32Array(values.length).fill(UNSEEN);
  }

  addIndices(indices: Int32Array, levels: Uint8Array | undefined): void {
    const { dictionary, dictionaryCodes } = this;
    const code = (k: number): number => {
      const index = indices[k];
      if (!(index < dictionary.length)) leave();
      const known = dictionaryCodes[index];
      return known === UNSEEN ? (dictionaryCodes[index] = this.codeOf(dictionary[index]!)) : known;
    };
    this.addCodes(indices.length, code, levels);
  }

  addPlain(values: ArrayLike<unknown>, levels: Uint8Array | undefined): void {
    const strings = values as ArrayLike<Uint8Array>;
    const code = (k: number): number => {
      const bytes = strings[k];
      const found = this.plainBytes.find(bytes, 0, bytes.length);
      if (found !== -1) return this.plainCodes[found];
      this.plainBytes.add(bytes, 0, bytes.length, this.plainCodes.length);
      const text = this.codeOf(this.decoder.decode(bytes));
      this.plainCodes.push(text);
      return text;
    };
    this.addCodes(strings.length, code, levels);
  }

  private addCodes(present: number, codeAt: (k: number) => number, levels: Uint8Array | undefined): void {
    const builder = this.builder;
    if (levels === undefined) {
      for (let k = 0; k < present; k++) builder.pushCode(codeAt(k));
      return;
    }
    let next = 0;
    for (let row = 0; row < levels.length; row++) {
      if (levels[row] === 1) builder.pushCode(codeAt(next++));
      else builder.pushMissing();
    }
  }

  /** An empty string is a missing cell, as in the text formats. */
  private codeOf(text: string): number {
    return text === '' ? MISSING_CODE : this.builder.intern(text);
  }

  finish(name: string): Column {
    return this.builder.finish(name);
  }
}
