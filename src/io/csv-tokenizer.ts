/**
 * The RFC 4180 tokenizer of CSV and TSV: a byte-level state machine fed chunk by chunk, so quoted fields,
 * doubled quotes and CRLF may straddle chunk boundaries. It hands fields to a sink as byte ranges, and
 * offers the sink a fast path for the plain records most exports consist of.
 */
import { InputError } from '../core/errors.js';
import { describeBytes, READ_LIMITS } from './source.js';

export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const TAB = 0x09;

/** Receives fields as byte ranges that are valid only during the call. */
export interface CsvSink {
  /** `line`: the physical line (1-based) where the field starts. */
  field(index: number, bytes: Buffer, start: number, end: number, line: number): void;
  /** `line`: the physical line where the record starts. */
  endRecord(fieldCount: number, line: number): void;
  /**
   * Optional fast path, offered at the start of a record: takes in whole the records of `bytes[start, end)`
   * that are plain (no quotes, each on one line ending in LF or CRLF), returns how many it took and sets
   * `stop.position` after the last one. It stops before the first record it cannot take whole, which the
   * tokenizer then reads field by field.
   */
  plainRecords?(bytes: Buffer, start: number, end: number, line: number, stop: { position: number }): number;
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
const PLAIN_BACKOFF_LIMIT = 63;

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
  /** Bytes of the record under way held over from earlier chunks. */
  private recordBytes = 0;
  /** Records left to read field by field before the sink's fast path is offered again. */
  private plainPause = 0;
  /** The next pause; it grows while the fast path keeps declining and is reset when it takes a record. */
  private plainBackoff = 0;

  private readonly plainStop = { position: 0 };

  constructor(
    private readonly delimiter: number,
    private readonly sink: CsvSink,
    private readonly file: string,
    /** A record that runs on past this many bytes is refused rather than held. */
    private readonly maxRecordBytes = READ_LIMITS.recordBytes,
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
    // Where the record under way began: before this chunk when it carries on from the last one.
    let recordStart = 0;
    let carried = this.recordBytes;
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
          if (this.sink.plainRecords !== undefined && this.plainPause-- <= 0) {
            const records = this.sink.plainRecords(bytes, i, length, line, this.plainStop);
            if (records > 0) {
              this.plainBackoff = 0;
              i = this.plainStop.position;
              line += records;
              continue;
            }
            // A file whose records keep needing the general parser should not pay for every attempt.
            this.plainPause = this.plainBackoff;
            this.plainBackoff = Math.min(PLAIN_BACKOFF_LIMIT, this.plainBackoff * 2 + 1);
          }
          this.recordLine = line;
          this.fieldIndex = 0;
          recordStart = i;
          carried = 0;
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
          state = this.afterField(c, line);
          line = this.line;
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
          state = this.afterField(c, line);
          line = this.line;
          continue;
        }
      }
    }
    this.recordBytes = state === State.RecordStart ? 0 : carried + length - recordStart;
    if (this.recordBytes > this.maxRecordBytes) {
      const quoted = state === State.Quoted ? ` (a quoted field opened on line ${this.quoteLine} is still open)` : '';
      throw new InputError(
        `the record starting on this line runs on past ${describeBytes(this.maxRecordBytes)}${quoted}, the most driftgate reads as one row; check the delimiter and that every quote is closed`,
        { file: this.file, line: this.recordLine },
      );
    }
    if (state === State.Unquoted || state === State.Quoted || state === State.QuoteInQuoted) {
      this.appendToScratch(bytes, segmentStart, length);
    }
    this.state = state;
    this.line = line;
    this.lastByte = bytes[length - 1];
  }

  /**
   * The state after a field that ended at `c` (the delimiter, CR or LF) on `line`; a line break ends the
   * record. Leaves in `this.line` the line the next field starts on.
   */
  private afterField(c: number, line: number): State {
    if (c === this.delimiter) {
      this.line = line;
      return State.FieldStart;
    }
    this.afterCR = c === CR;
    this.line = line + 1;
    this.sink.endRecord(this.fieldIndex, this.recordLine);
    return State.RecordStart;
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
