/**
 * CSV and TSV (RFC 4180): a byte-level state machine fed chunk by chunk, so quoted fields, doubled quotes
 * and CRLF may straddle chunk boundaries, and cells go from the bytes into column storage without a string
 * per numeric cell.
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../engine/errors.js';
import { ByteCodes, NumericColumnBuilder, TextColumnBuilder } from './column-builder.js';
import { readChunks } from './compression.js';
import { isNaNLiteral, parseNumberBytes } from './number.js';
import { isBuilt, wantsText, type FileColumns, type FilePlan, type Source } from './source.js';
import type { Column } from '../engine/table.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
export const COMMA = 0x2c;
export const TAB = 0x09;

/** Receives fields as byte ranges that are valid only during the call. */
export interface CsvSink {
  /** `line`: the physical line (1-based) where the field starts. */
  field(index: number, bytes: Buffer, start: number, end: number, line: number): void;
  /** `line`: the physical line where the record starts. */
  endRecord(fieldCount: number, line: number): void;
}

const enum State {
  /** Between records: blank lines are skipped here. */
  RecordStart,
  FieldStart,
  Unquoted,
  Quoted,
  /** Saw a `"` inside a quoted field: either the first half of `""` or the closing quote. */
  QuoteInQuoted,
}

const EMPTY = Buffer.alloc(0);

export class CsvTokenizer {
  private state = State.RecordStart;
  private line = 1;
  private recordLine = 1;
  private fieldLine = 1;
  private quoteLine = 1;
  private fieldIndex = 0;
  /** The record ended on a CR; a LF right after it belongs to the same line break. */
  private afterCR = false;
  private lastByte = -1;
  /** A field that spans chunks, or holds `""`, is assembled here. */
  private scratch = Buffer.alloc(1024);
  private scratchLength = 0;
  private inScratch = false;
  /** The first bytes, held until there are enough to recognise a byte-order mark. */
  private head: Buffer | undefined = EMPTY;

  constructor(
    private readonly delimiter: number,
    private readonly sink: CsvSink,
    private readonly file: string,
  ) {}

  /** The physical line the tokenizer has reached. */
  get currentLine(): number {
    return this.line;
  }

  push(chunk: Buffer): void {
    if (this.head !== undefined) {
      const head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      if (head.length < 3) {
        this.head = head;
        return;
      }
      this.head = undefined;
      chunk = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    }
    if (chunk.length > 0) this.scan(chunk);
  }

  end(): void {
    if (this.head !== undefined) {
      const head = this.head;
      this.head = undefined;
      if (head.length > 0) this.scan(head);
    }
    switch (this.state) {
      case State.RecordStart:
        return;
      case State.Quoted:
        throw new InputError(
          `a quoted field opened on line ${this.quoteLine} is never closed; add the missing closing quote (") or double the quotes inside the field ("")`,
          { file: this.file, line: this.quoteLine },
        );
      case State.QuoteInQuoted:
        this.scratchLength--;
        this.emit(EMPTY, 0, 0);
        break;
      case State.FieldStart:
      case State.Unquoted:
        this.emit(EMPTY, 0, 0);
        break;
    }
    this.sink.endRecord(this.fieldIndex, this.recordLine);
    this.state = State.RecordStart;
  }

  private scan(bytes: Buffer): void {
    const length = bytes.length;
    const delimiter = this.delimiter;
    const highestSpecial = Math.max(delimiter, CR);
    let state = this.state;
    let line = this.line;
    let i = 0;
    let segmentStart = 0;
    while (i < length) {
      switch (state) {
        case State.RecordStart: {
          const c = bytes[i];
          if (c === LF) {
            if (this.afterCR) this.afterCR = false;
            else line++;
            i++;
            continue;
          }
          this.afterCR = false;
          if (c === CR) {
            line++;
            this.afterCR = true;
            i++;
            continue;
          }
          this.recordLine = line;
          this.fieldIndex = 0;
          state = State.FieldStart;
          continue;
        }
        case State.FieldStart: {
          this.fieldLine = line;
          if (bytes[i] === QUOTE) {
            this.quoteLine = line;
            state = State.Quoted;
            segmentStart = ++i;
          } else {
            state = State.Unquoted;
            segmentStart = i;
          }
          continue;
        }
        case State.Unquoted: {
          let c = 0;
          while (i < length) {
            c = bytes[i];
            // Digits and letters lie above every byte that can end a field: one comparison for most bytes.
            if (c <= highestSpecial && (c === delimiter || c === LF || c === CR)) break;
            i++;
          }
          if (i === length) continue;
          this.emit(bytes, segmentStart, i);
          i++;
          if (c === delimiter) state = State.FieldStart;
          else {
            state = State.RecordStart;
            line++;
            this.afterCR = c === CR;
            this.line = line;
            this.sink.endRecord(this.fieldIndex, this.recordLine);
          }
          continue;
        }
        case State.Quoted: {
          while (i < length) {
            const c = bytes[i];
            if (c === QUOTE) break;
            if (c === LF) {
              if ((i > 0 ? bytes[i - 1] : this.lastByte) !== CR) line++;
            } else if (c === CR) line++;
            i++;
          }
          if (i === length) continue;
          state = State.QuoteInQuoted;
          i++;
          continue;
        }
        case State.QuoteInQuoted: {
          const c = bytes[i];
          if (c === QUOTE) {
            // Keep the first quote of the pair (already in scratch if it ended the previous chunk).
            this.appendToScratch(bytes, segmentStart, i);
            segmentStart = ++i;
            state = State.Quoted;
            continue;
          }
          if (c !== delimiter && c !== LF && c !== CR) {
            this.line = line;
            throw new InputError(
              `unexpected ${describeByte(c)} after the closing quote of a quoted field; a quoted field must end at its closing quote, and quotes inside it must be doubled ("")`,
              { file: this.file, line },
            );
          }
          if (i > 0) this.emit(bytes, segmentStart, i - 1);
          else {
            this.scratchLength--;
            this.emit(bytes, 0, 0);
          }
          i++;
          if (c === delimiter) state = State.FieldStart;
          else {
            state = State.RecordStart;
            line++;
            this.afterCR = c === CR;
            this.line = line;
            this.sink.endRecord(this.fieldIndex, this.recordLine);
          }
          continue;
        }
      }
    }
    if (state === State.Unquoted || state === State.Quoted || state === State.QuoteInQuoted) {
      this.appendToScratch(bytes, segmentStart, length);
    }
    this.state = state;
    this.line = line;
    this.lastByte = bytes[length - 1];
  }

  private emit(bytes: Buffer, start: number, end: number): void {
    if (this.inScratch) {
      this.appendToScratch(bytes, start, end);
      this.inScratch = false;
      const fieldLength = this.scratchLength;
      this.scratchLength = 0;
      this.sink.field(this.fieldIndex++, this.scratch, 0, fieldLength, this.fieldLine);
    } else {
      this.sink.field(this.fieldIndex++, bytes, start, end, this.fieldLine);
    }
  }

  private appendToScratch(bytes: Buffer, start: number, end: number): void {
    this.inScratch = true;
    const needed = this.scratchLength + (end - start);
    if (needed > this.scratch.length) {
      const bigger = Buffer.alloc(Math.max(needed, this.scratch.length * 2));
      this.scratch.copy(bigger, 0, 0, this.scratchLength);
      this.scratch = bigger;
    }
    bytes.copy(this.scratch, this.scratchLength, start, end);
    this.scratchLength = needed;
  }
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `character "${String.fromCharCode(byte)}"` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

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
}

/** Cells of a numeric column. An undeclared one gives up at its first non-number (`sawText`). */
class NumericCells implements CellReader {
  readonly builder = new NumericColumnBuilder();
  sawText = false;

  constructor(
    private readonly name: string,
    private readonly declared: boolean,
    private readonly file: string,
  ) {}

  add(bytes: Buffer, start: number, end: number, line: number): void {
    if (this.sawText) return;
    if (start === end || isNaNLiteral(bytes, start, end)) {
      this.builder.push(NaN);
      return;
    }
    const value = parseNumberBytes(bytes, start, end);
    if (value === value) this.builder.push(value);
    else if (this.declared) {
      throw new InputError(
        `${showCell(bytes, start, end)} is not a number, but the column is declared numerical; fix the cell, leave it empty for a missing value, or declare the column categorical`,
        { file: this.file, line, column: this.name },
      );
    } else this.sawText = true;
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
}

const SKIPPED = new SkippedCells();

/** Turns records into columns: the first record names them, the others fill them. */
class TableSink implements CsvSink {
  private headerCells: string[] = [];
  private names: string[] | undefined;
  private readers: CellReader[] = [];
  rowCount = 0;

  constructor(
    private readonly plan: FilePlan,
    private readonly file: string,
  ) {}

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
    this.readers = names.map((name) => {
      if (!isBuilt(this.plan, name)) return SKIPPED;
      if (wantsText(this.plan, name)) return new TextCells(name, this.file);
      return new NumericCells(name, this.plan.declared?.get(name) === 'numerical', this.file);
    });
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

/** Reads a CSV (`,`) or TSV (tab) file into columns. */
export async function readDelimited(source: Source, plan: FilePlan): Promise<FileColumns> {
  const first = await scanFile(source, plan);
  const retry = first.columnsWithText();
  if (retry.size === 0) return { rowCount: first.rowCount, columns: first.columns() };

  // Rare: a column looked numeric until a text cell; its exact texts only exist in the file.
  const second = await scanFile(source, { ...plan, forceText: union(plan.forceText, retry), only: retry });
  if (second.rowCount !== first.rowCount) {
    throw new InputError('the file changed while it was being read; run again once it is complete', {
      file: source.display,
    });
  }
  const reread = new Map(second.columns().map((column) => [column.name, column]));
  const columns = first.columns();
  return {
    rowCount: first.rowCount,
    columns: first.columnNames
      .filter((name) => isBuilt(plan, name))
      .map((name) => reread.get(name) ?? columns.find((column) => column.name === name)!),
  };
}

async function scanFile(source: Source, plan: FilePlan): Promise<TableSink> {
  const file = source.display;
  const sink = new TableSink(plan, file);
  const tokenizer = new CsvTokenizer(source.format === 'tsv' ? TAB : COMMA, sink, file);
  let first = true;
  for await (const chunk of readChunks(source)) {
    if (first && chunk.length >= 4 && chunk.toString('latin1', 0, 4) === 'PAR1') {
      throw new InputError('this is a Parquet file, not CSV; give it a .parquet name or set the format to parquet', { file });
    }
    first = false;
    // Binary files are caught here rather than reported as a confusing ragged row or bad cell.
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      throw new InputError(
        'this is not a text file (it contains NUL bytes); pass a CSV, TSV, JSON Lines, JSON or Parquet file',
        { file, line: tokenizer.currentLine + countLineFeeds(chunk, nul) },
      );
    }
    tokenizer.push(chunk);
  }
  tokenizer.end();
  if (!sink.hasHeader) {
    throw new InputError('the file is empty; expected a header row with the column names, then the data rows', { file });
  }
  if (sink.rowCount === 0) {
    throw new InputError('the file has a header row but no data rows', { file });
  }
  return sink;
}

function countLineFeeds(bytes: Buffer, end: number): number {
  let count = 0;
  for (let k = bytes.indexOf(LF); k !== -1 && k < end; k = bytes.indexOf(LF, k + 1)) count++;
  return count;
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): Set<string> {
  return new Set([...(a ?? []), ...b]);
}
