/**
 * CSV and TSV files into columns: the tokenizer (csv-tokenizer.ts) hands over fields as byte ranges, and
 * cells go from the bytes into column storage without a string per numeric cell. Most records of real
 * exports are plain (no quotes, one line): those are read whole by a fast path that converts or interns
 * each cell as it scans it, and everything else goes through the tokenizer's state machine.
 */
import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { ByteCodes, FNV_OFFSET, FNV_PRIME, NumericColumnBuilder, TextColumnBuilder } from '../core/column-builder.js';
import { readChunks } from './compression.js';
import { COMMA, CR, CsvTokenizer, LF, QUOTE, TAB, type CsvSink } from './csv-tokenizer.js';
import { LONG_DECIMAL_LIMIT, longDecimal, MAX_EXACT_INTEGER, parseNumberBytes, POWERS_OF_TEN } from '../core/number.js';
import { DEFAULT_NA_VALUES, MissingValues } from '../core/missing-values.js';
import {
  changedWhileRead,
  isBuilt,
  limitsOf,
  NotTextError,
  wantsText,
  type FileColumns,
  type FileFormat,
  type FilePlan,
  type RowBatches,
  type Source,
  type StreamedFile,
} from './source.js';
import type { Column } from '../core/table.js';

/** A cell's text, or undefined when the bytes are not valid UTF-8. */
function decodeCell(bytes: Buffer, start: number, end: number): string | undefined {
  for (let k = start; k < end; k++) {
    if (bytes[k] >= 0x80) {
      const cell = bytes.subarray(start, end);
      return isUtf8(cell) ? cell.toString('utf8') : undefined;
    }
  }
  return bytes.toString('latin1', start, end);
}

const MAX_SHOWN = 40;

/** A cell for an error message: quoted, cut short when long, bad bytes shown as U+FFFD. */
function showCell(bytes: Buffer, start: number, end: number): string {
  const text = bytes.toString('utf8', start, Math.min(end, start + MAX_SHOWN * 4));
  return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}

interface CellReader {
  add(bytes: Buffer, start: number, end: number, line: number): void;
  /**
   * Reads the unquoted field starting at `start` and returns where it ends (at the delimiter, CR or LF),
   * or -1 when it does not end before `end` or starts with a quote: then nothing was added.
   */
  scan(bytes: Buffer, start: number, end: number, line: number, delimiter: number): number;
}

/** Where the unquoted field at `start` ends, or -1 when it opens with a quote or runs past `end`. */
function fieldEnd(bytes: Buffer, start: number, end: number, delimiter: number): number {
  return start < end && bytes[start] === QUOTE ? -1 : endOfUnquoted(bytes, start, end, delimiter);
}

/** The first delimiter, CR or LF at or after `from`, or -1 when there is none before `end`. */
function endOfUnquoted(bytes: Buffer, from: number, end: number, delimiter: number): number {
  const highestSpecial = delimiter > CR ? delimiter : CR;
  for (let i = from; i < end; i++) {
    const c = bytes[i];
    if (c <= highestSpecial && (c === delimiter || c === LF || c === CR)) return i;
  }
  return -1;
}

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Cells of a numeric column. An undeclared one that meets text becomes a text column on the spot when all
 * its cells so far were empty (they are missing either way), as categorical columns are from their first
 * row; after a number it cannot, since the number's exact text is gone: it gives up (`sawText`) and the
 * column is read again as text.
 */
class NumericCells implements CellReader {
  readonly builder = new NumericColumnBuilder();
  sawText = false;
  /** Whether a cell other than an empty one was read (a record read again may set it twice, never wrongly). */
  private hasValue = false;

  constructor(
    private readonly name: string,
    private readonly declared: boolean,
    private readonly file: string,
    private readonly missing: MissingValues,
    /** Puts a text reader in this one's place for the cells still to come. */
    private readonly becomeText: (text: TextCells) => void,
  ) {}

  add(bytes: Buffer, start: number, end: number, line: number): void {
    if (this.sawText) return;
    if (start === end) {
      this.builder.push(NaN);
      return;
    }
    const value = parseNumberBytes(bytes, start, end);
    if (value === value) this.pushValue(value);
    else if (this.missing.matchesBytes(bytes, start, end)) {
      this.hasValue = true;
      this.builder.push(NaN);
    } else if (this.declared) {
      throw new InputError(
        `${showCell(bytes, start, end)} is not a number, but the column is declared numerical; fix the cell, leave it empty for a missing value, or declare the column categorical`,
        { file: this.file, line, column: this.name },
      );
    } else if (!this.hasValue) {
      const text = new TextCells(this.name, this.file);
      text.builder.padTo(this.builder.length);
      text.add(bytes, start, end, line);
      this.becomeText(text);
    } else this.sawText = true;
  }

  /** Appends a number read from the cell. */
  pushValue(value: number): void {
    this.hasValue = true;
    this.builder.push(this.missing.numbers !== undefined && this.missing.numbers.has(value) ? NaN : value);
  }

  /**
   * Cells the reader's inline conversion (`TableSink.plainRecord`) leaves over: a `+` sign, exponents,
   * digits summing to 2^64 or more, missing-value spellings, text. `add` converts them exactly.
   */
  scan(bytes: Buffer, start: number, end: number, line: number, delimiter: number): number {
    const stop = fieldEnd(bytes, start, end, delimiter);
    if (stop >= 0) this.add(bytes, start, stop, line);
    return stop;
  }
}

class TextCells implements CellReader {
  readonly builder = new TextColumnBuilder();
  private readonly byBytes = new ByteCodes();

  constructor(
    private readonly name: string,
    private readonly file: string,
  ) {}

  add(bytes: Buffer, start: number, end: number, line: number): void {
    if (start === end) {
      this.builder.pushMissing();
      return;
    }
    const known = this.byBytes.find(bytes, start, end);
    if (known !== -1) {
      this.builder.pushCode(known);
      return;
    }
    this.addNew(bytes, start, end, line);
  }

  /** Hashes the cell while looking for its end, so a repeated category costs one pass over its bytes. */
  scan(bytes: Buffer, start: number, end: number, line: number, delimiter: number): number {
    if (start < end && bytes[start] === QUOTE) return -1;
    const highestSpecial = delimiter > CR ? delimiter : CR;
    let hash = FNV_OFFSET;
    let i = start;
    for (; i < end; i++) {
      const c = bytes[i];
      if (c <= highestSpecial && (c === delimiter || c === LF || c === CR)) break;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    if (i === end) return -1;
    if (i === start) {
      this.builder.pushMissing();
      return i;
    }
    const known = this.byBytes.findHashed(bytes, start, i, hash);
    if (known !== -1) this.builder.pushCode(known);
    else this.addNew(bytes, start, i, line);
    return i;
  }

  /** A cell not seen before; `byBytes.find` or `findHashed` was just called with its bytes. */
  private addNew(bytes: Buffer, start: number, end: number, line: number): void {
    const text = decodeCell(bytes, start, end);
    if (text === undefined) {
      throw new InputError(`the cell is not valid UTF-8 text; save the file as UTF-8`, {
        file: this.file,
        line,
        column: this.name,
      });
    }
    this.byBytes.add(bytes, start, end, this.builder.push(text));
  }
}

class SkippedCells implements CellReader {
  add(): void {}

  scan(bytes: Buffer, start: number, end: number, _line: number, delimiter: number): number {
    return fieldEnd(bytes, start, end, delimiter);
  }
}

const SKIPPED = new SkippedCells();

/** Turns records into columns: the first record names them, the others fill them. */
class TableSink implements CsvSink {
  private headerCells: string[] = [];
  private names: string[] | undefined;
  private readers: CellReader[] = [];
  /** The readers of numeric columns still taking numbers, by field; undefined for the other fields. */
  private numeric: Array<NumericCells | undefined> = [];
  private readonly missing: MissingValues;
  /** Rows read and not yet handed over as a batch: the length of every column. */
  rowCount = 0;
  /** Rows handed over in batches. */
  private handedOver = 0;

  constructor(
    private readonly plan: FilePlan,
    private readonly file: string,
    private readonly delimiter: number,
    private readonly batches?: RowBatches,
  ) {
    this.missing = new MissingValues(plan.naValues ?? DEFAULT_NA_VALUES);
  }

  get rowsRead(): number {
    return this.handedOver + this.rowCount;
  }

  /** Hands the rows over once there are enough for a batch (or at the end, when `last`); only between records. */
  handOver(last = false): void {
    if (this.batches === undefined || this.rowCount === 0) return;
    if (!last && this.rowCount * Math.max(1, this.readers.length) < this.batches.cells) return;
    const columns: Column[] = [];
    this.readers.forEach((reader, index) => {
      if (!(reader instanceof NumericCells || reader instanceof TextCells)) return;
      const column = reader.builder.takeBatch(this.names![index]);
      // A column that met text after numbers is read again as text; what it holds now is incomplete.
      if (!(reader instanceof NumericCells && reader.sawText)) columns.push(column);
    });
    this.batches.take({ rowCount: this.rowCount, columns });
    this.handedOver += this.rowCount;
    this.rowCount = 0;
  }

  plainRecords(bytes: Buffer, start: number, end: number, line: number, stop: { position: number }): number {
    if (this.names === undefined || this.readers.length === 0) return 0;
    let records = 0;
    let position = start;
    // One call per record keeps this loop trivial: V8 optimizes `plainRecord` as a whole function rather
    // than through on-stack replacement of a long loop, whose exit path would lack type feedback.
    for (
      let next = this.plainRecord(bytes, position, end, line);
      next >= 0;
      next = this.plainRecord(bytes, position, end, line + records)
    ) {
      records++;
      position = next;
      // A blank line is skipped, not read as a record of empty cells: the general parser knows that.
      if (position < end && (bytes[position] === LF || bytes[position] === CR)) break;
    }
    stop.position = position;
    this.handOver();
    return records;
  }

  /** Reads the plain record at `start` whole and returns the position after it, or -1 having read nothing. */
  private plainRecord(bytes: Buffer, start: number, end: number, line: number): number {
    const readers = this.readers;
    const numeric = this.numeric;
    const last = readers.length - 1;
    const delimiter = this.delimiter;
    let i = start;
    for (let index = 0; index <= last; index++) {
      if (i >= end) return this.abandonRecord();
      let stop: number;
      const cells = numeric[index];
      if (cells !== undefined && !cells.sawText) {
        // Plain decimals, inline: most cells of most files are plain decimals, and a call per cell costs as
        // much as converting it. Digits of an integer below 2^53 are summed exactly, and once the exact sum
        // reaches 2^53 the rounded one does too and only grows, so the bound on `mantissa` alone tells an
        // exact one, 16-digit renderings of doubles included (Clinger's fast path). Longer ones (the 17
        // digits of shortest round-trip texts) go to `longDecimal` with the low 32 bits of the same sum.
        let k = i;
        let c = bytes[k];
        const negative = c === MINUS;
        if (negative) c = ++k < end ? bytes[k] : 0;
        let digits = 0;
        let mantissa = 0;
        let lowWord = 0;
        let decimals = 0;
        while (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          lowWord = (Math.imul(lowWord, 10) + (c - ZERO)) | 0;
          digits++;
          c = ++k < end ? bytes[k] : 0;
        }
        if (c === DOT) {
          c = ++k < end ? bytes[k] : 0;
          while (c >= ZERO && c <= NINE) {
            mantissa = mantissa * 10 + (c - ZERO);
            lowWord = (Math.imul(lowWord, 10) + (c - ZERO)) | 0;
            digits++;
            decimals++;
            c = ++k < end ? bytes[k] : 0;
          }
        }
        let magnitude = NaN;
        if (digits > 0 && decimals <= 22 && k < end && (c === delimiter || c === LF || c === CR)) {
          if (mantissa <= MAX_EXACT_INTEGER) magnitude = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
          else if (mantissa < LONG_DECIMAL_LIMIT) magnitude = longDecimal(mantissa, lowWord, decimals);
        }
        if (magnitude === magnitude) {
          cells.pushValue(negative ? -magnitude : magnitude);
          stop = k;
        } else stop = cells.scan(bytes, i, end, line, delimiter);
      } else stop = readers[index].scan(bytes, i, end, line, delimiter);
      if (stop < 0) return this.abandonRecord();
      const c = bytes[stop];
      if (index < last) {
        if (c !== delimiter) return this.abandonRecord();
        i = stop + 1;
      } else if (c === LF) i = stop + 1;
      else if (c === CR && stop + 1 < end && bytes[stop + 1] === LF) i = stop + 2;
      else return this.abandonRecord();
    }
    this.rowCount++;
    return i;
  }

  /** Makes room for `rows` rows in every column. */
  reserve(rows: number): void {
    for (const reader of this.readers) {
      if (reader instanceof NumericCells || reader instanceof TextCells) reader.builder.reserve(rows);
    }
  }

  /** Drops the cells a record left behind before it turned out to need the general parser. */
  private abandonRecord(): number {
    for (const reader of this.readers) {
      if (reader instanceof NumericCells || reader instanceof TextCells) reader.builder.truncate(this.rowCount);
    }
    return -1;
  }

  field(index: number, bytes: Buffer, start: number, end: number, line: number): void {
    if (this.names === undefined) {
      const name = decodeCell(bytes, start, end);
      if (name === undefined) {
        throw new InputError(`the name of column ${index + 1} in the header is not valid UTF-8; save the file as UTF-8`, {
          file: this.file,
          line,
          column: index + 1,
        });
      }
      this.headerCells.push(name);
    } else if (index < this.readers.length) {
      this.readers[index].add(bytes, start, end, line);
    }
  }

  endRecord(fieldCount: number, line: number): void {
    if (this.names === undefined) {
      this.startColumns(this.headerCells, line);
      return;
    }
    if (fieldCount !== this.readers.length) {
      throw new InputError(
        `expected ${this.readers.length} fields as in the header, got ${fieldCount}; every row needs one field per column (quote fields that contain the delimiter)`,
        { file: this.file, line },
      );
    }
    this.rowCount++;
    this.handOver();
  }

  private startColumns(names: string[], line: number): void {
    const seen = new Set<string>();
    names.forEach((name, index) => {
      if (name === '') {
        throw new InputError(
          `column ${index + 1} has no name in the header; give every column a name (pandas writes an unnamed index column unless you call to_csv(index=False))`,
          { file: this.file, line, column: index + 1 },
        );
      }
      if (seen.has(name)) {
        throw new InputError(`the header names column ${JSON.stringify(name)} more than once; give every column a distinct name`, {
          file: this.file,
          line,
          column: name,
        });
      }
      seen.add(name);
    });
    this.names = names;
    this.readers = names.map((name, index) => {
      if (!isBuilt(this.plan, name)) return SKIPPED;
      if (wantsText(this.plan, name)) return new TextCells(name, this.file);
      const declared = this.plan.declared?.get(name) === 'numerical';
      return new NumericCells(name, declared, this.file, this.missing, (text) => {
        this.readers[index] = text;
        this.numeric[index] = undefined;
      });
    });
    this.numeric = this.readers.map((reader) => (reader instanceof NumericCells ? reader : undefined));
  }

  get hasHeader(): boolean {
    return this.names !== undefined;
  }

  get columnNames(): readonly string[] {
    return this.names ?? [];
  }

  /** Undeclared columns that turned out to hold text and must be read again as text. */
  columnsWithText(): Set<string> {
    const names = new Set<string>();
    this.readers.forEach((reader, index) => {
      if (reader instanceof NumericCells && reader.sawText) names.add(this.names![index]);
    });
    return names;
  }

  columns(): Column[] {
    const columns: Column[] = [];
    this.readers.forEach((reader, index) => {
      if (reader instanceof NumericCells || reader instanceof TextCells) columns.push(reader.builder.finish(this.names![index]));
    });
    return columns;
  }
}

export const csvFormat: FileFormat<'csv'> = {
  name: 'csv',
  title: 'CSV',
  extensions: ['.csv'],
  notes: 'RFC 4180: quoted fields, `""` for a quote, newlines inside quotes, CRLF or LF, optional BOM, no final newline needed',
  sizeWeight: 1,
  read: readDelimited,
  stream: streamDelimited,
};

/** Read by the same reader, which takes the delimiter from the format's name. */
export const tsvFormat: FileFormat<'tsv'> = {
  ...csvFormat,
  name: 'tsv',
  title: 'TSV',
  extensions: ['.tsv', '.tab'],
  notes: 'the same with tabs',
};

/** Reads a CSV (`,`) or TSV (tab) file into columns. */
export async function readDelimited(source: Source, plan: FilePlan): Promise<FileColumns> {
  // A missing file has no size; reading it reports that.
  const size = source.gzip
    ? undefined
    : await stat(source.path).then(
        (info) => info.size,
        () => undefined,
      );
  return readDelimitedInput(delimitedInputOf(source, size), plan);
}

function delimitedInputOf(source: Source, size: number | undefined): DelimitedInput {
  return {
    file: source.display,
    delimiter: source.format === tsvFormat.name ? TAB : COMMA,
    size,
    chunks: (pass) => readChunks(source, pass.onBytes),
  };
}

/** A delimited file as bytes, read afresh for each pass over it. */
export interface DelimitedInput {
  /** The file's name for messages. */
  readonly file: string;
  readonly delimiter: number;
  /** The number of bytes `chunks` yields, when known: it lets the columns be sized once. */
  readonly size?: number;
  chunks(plan: FilePlan): AsyncIterable<Buffer> | Iterable<Buffer>;
}

export async function readDelimitedInput(input: DelimitedInput, plan: FilePlan): Promise<FileColumns> {
  const first = await scanInput(input, plan);
  const retry = first.columnsWithText();
  if (retry.size === 0) return { rowCount: first.rowCount, columns: first.columns() };

  // Rare: a column held numbers, then text; its exact texts only exist in the file.
  const second = await scanInput(input, { ...plan, forceText: union(plan.forceText, retry), only: retry, onBytes: undefined });
  if (second.rowCount !== first.rowCount) throw changedWhileRead(input.file);
  const reread = new Map(second.columns().map((column) => [column.name, column]));
  const columns = first.columns();
  return {
    rowCount: first.rowCount,
    columns: first.columnNames
      .filter((name) => isBuilt(plan, name))
      .map((name) => reread.get(name) ?? columns.find((column) => column.name === name)!),
  };
}

/**
 * Streams a CSV or TSV file through `batches` in one pass, holding one batch at a time. Returns how many
 * rows it had and the undeclared columns that met text after numbers: their batches stop there (the
 * numbers' exact texts are gone), and they must be streamed again as text, as `readDelimitedInput` does.
 */
export async function streamDelimited(source: Source, plan: FilePlan, batches: RowBatches): Promise<StreamedFile> {
  const sink = await scanInput(delimitedInputOf(source, undefined), plan, batches);
  sink.handOver(true);
  return { rows: sink.rowsRead, columnsWithText: sink.columnsWithText() };
}

async function scanInput(input: DelimitedInput, plan: FilePlan, batches?: RowBatches): Promise<TableSink> {
  const { file, delimiter } = input;
  const sink = new TableSink(plan, file, delimiter, batches);
  const tokenizer = new CsvTokenizer(delimiter, sink, file, limitsOf(plan).recordBytes);
  let bytesRead = 0;
  let sized = input.size === undefined;
  for await (const chunk of input.chunks(plan)) {
    // Binary files are caught here rather than reported as a confusing ragged row or bad cell.
    const nul = chunk.indexOf(0);
    if (nul !== -1) throw new NotTextError(file, tokenizer.currentLine + countLineFeeds(chunk, nul));
    tokenizer.push(chunk);
    bytesRead += chunk.length;
    if (!sized && batches === undefined && sink.rowCount > 0 && bytesRead >= Math.min(input.size!, ESTIMATE_SAMPLE_BYTES)) {
      // The first megabyte of rows predicts the rest: sizing the columns once saves the copies (and the
      // peak) of doubling them, and the slack covers rows a little longer than the first ones. A wrong
      // guess costs only time: short columns grow, long ones are trimmed when finished.
      sink.reserve(Math.ceil(((sink.rowCount * input.size!) / bytesRead) * ROW_ESTIMATE_SLACK));
      sized = true;
    }
  }
  tokenizer.end();
  if (!sink.hasHeader) {
    throw new InputError('the file is empty; expected a header row with the column names, then the data rows', { file });
  }
  if (sink.rowsRead === 0) {
    throw new InputError('the file has a header row but no data rows', { file });
  }
  return sink;
}

const ESTIMATE_SAMPLE_BYTES = 1 << 20;
const ROW_ESTIMATE_SLACK = 1.04;

function countLineFeeds(bytes: Buffer, end: number): number {
  let count = 0;
  for (let k = bytes.indexOf(LF); k !== -1 && k < end; k = bytes.indexOf(LF, k + 1)) count++;
  return count;
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): Set<string> {
  return new Set([...(a ?? []), ...b]);
}
