/**
 * Growable column storage: doubles in a Float64Array, texts interned per column. Readers append one cell
 * per row and never keep per-row strings around.
 */
import { MISSING_CODE, type Column, type NumericColumn, type TextColumn } from './table.js';

/**
 * Small, since storage doubles as cells arrive: a file of many columns and few rows must not reserve
 * more for each column than its cells take (60,000 columns at 1,024 cells each would be half a gigabyte).
 */
const INITIAL_CAPACITY = 16;

export class NumericColumnBuilder {
  private values = new Float64Array(INITIAL_CAPACITY);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) this.values = grow(this.values);
    this.values[this.length++] = value;
  }

  /** Appends missing cells until the column has `rows` cells. */
  padTo(rows: number): void {
    while (this.length < rows) this.push(NaN);
  }

  /** Makes room for `rows` cells at once, when the reader can tell how many are coming. */
  reserve(rows: number): void {
    if (rows > this.values.length) this.values = resized(this.values, rows);
  }

  /** The value of row `row` (NaN when missing). */
  at(row: number): number {
    return this.values[row];
  }

  /** Drops the cells after the first `rows` (a record that turned out to need the general parser). */
  truncate(rows: number): void {
    if (rows < this.length) this.length = rows;
  }

  finish(name: string): NumericColumn {
    return { storage: 'numeric', name, values: fitted(this.values, this.length) };
  }

  /** The cells so far, to be used before the next push, which reuses their storage for the next batch. */
  takeBatch(name: string): NumericColumn {
    const column: NumericColumn = { storage: 'numeric', name, values: this.values.subarray(0, this.length) };
    this.length = 0;
    return column;
  }
}

export class TextColumnBuilder {
  private codes = new Int32Array(INITIAL_CAPACITY);
  private readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  length = 0;

  /** Appends a cell; returns its code. */
  push(text: string): number {
    const code = this.intern(text);
    this.pushCode(code);
    return code;
  }

  /** The code of a text, given it now if it is new, without appending a cell (see `pushCode`). */
  intern(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(text);
      this.index.set(text, code);
    }
    return code;
  }

  pushMissing(): void {
    this.pushCode(MISSING_CODE);
  }

  padTo(rows: number): void {
    while (this.length < rows) this.pushCode(MISSING_CODE);
  }

  /** Makes room for `rows` cells at once, when the reader can tell how many are coming. */
  reserve(rows: number): void {
    if (rows > this.codes.length) this.codes = resized(this.codes, rows);
  }

  /** Appends a cell by the code `push` returned for the same text. */
  pushCode(code: number): void {
    if (this.length === this.codes.length) this.codes = grow(this.codes);
    this.codes[this.length++] = code;
  }

  /** Drops the cells after the first `rows`; texts interned meanwhile keep their codes. */
  truncate(rows: number): void {
    if (rows < this.length) this.length = rows;
  }

  finish(name: string): TextColumn {
    return { storage: 'text', name, codes: fitted(this.codes, this.length), dictionary: this.dictionary };
  }

  /** As NumericColumnBuilder.takeBatch; the texts keep their codes from batch to batch. */
  takeBatch(name: string): TextColumn {
    const column: TextColumn = { storage: 'text', name, codes: this.codes.subarray(0, this.length), dictionary: this.dictionary };
    this.length = 0;
    return column;
  }
}

function grow<T extends Float64Array | Int32Array>(array: T): T {
  return resized(array, array.length * 2);
}

function resized<T extends Float64Array | Int32Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}

/**
 * The first `length` cells. Copying a large column briefly holds it twice, the peak of a read; a view keeps
 * the unused tail alive instead, which is the cheaper of the two while that tail is under an eighth.
 */
function fitted<T extends Float64Array | Int32Array>(array: T, length: number): T {
  if (array.length - length <= array.length >>> 3) return array.subarray(0, length) as T;
  return array.slice(0, length) as T;
}

/**
 * A column whose storage is decided by its cells (JSON values): numeric until the first text, then text,
 * with the numbers seen so far turned into their JSON text (`String(value)` is that text for finite numbers).
 */
export class InferredColumnBuilder {
  private numeric: NumericColumnBuilder | undefined;
  private text: TextColumnBuilder | undefined;
  /** Rows holding a missing-value token, and its text, while the column is numeric. */
  private tokens: Map<number, string> | undefined;

  constructor(startAsText: boolean) {
    if (startAsText) this.text = new TextColumnBuilder();
    else this.numeric = new NumericColumnBuilder();
  }

  get length(): number {
    return (this.text ?? this.numeric!).length;
  }

  pushNumber(value: number): void {
    if (this.text) this.text.push(String(value));
    else this.numeric!.push(value);
  }

  pushText(text: string): void {
    this.switchToText().push(text);
  }

  pushMissing(): void {
    if (this.text) this.text.pushMissing();
    else this.numeric!.push(NaN);
  }

  /**
   * A missing-value token (`NA`): missing while the column holds numbers, but its text again should the
   * column turn out to hold text, where it may be a category.
   */
  pushMissingToken(text: string): void {
    if (this.text) {
      this.text.push(text);
      return;
    }
    (this.tokens ??= new Map()).set(this.numeric!.length, text);
    this.numeric!.push(NaN);
  }

  padTo(rows: number): void {
    (this.text ?? this.numeric!).padTo(rows);
  }

  private switchToText(): TextColumnBuilder {
    if (this.text) return this.text;
    const numbers = this.numeric!;
    const text = new TextColumnBuilder();
    for (let row = 0; row < numbers.length; row++) {
      const value = numbers.at(row);
      const token = this.tokens?.get(row);
      if (token !== undefined) text.push(token);
      else if (Number.isNaN(value)) text.pushMissing();
      else text.push(String(value));
    }
    this.text = text;
    this.numeric = undefined;
    this.tokens = undefined;
    return text;
  }

  finish(name: string): Column {
    return this.text ? this.text.finish(name) : this.numeric!.finish(name);
  }
}

/** 32-bit FNV-1a, the hash ByteCodes files byte strings under. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * Codes of byte strings seen before, so a repeated category is found from its bytes without building a
 * string: an open-addressing hash table over a pool holding each distinct value's bytes once.
 */
export class ByteCodes {
  // Small at first for the same reason as INITIAL_CAPACITY; each doubles as values arrive.
  private slots = new Int32Array(16).fill(-1);
  private hashes = new Int32Array(8);
  private starts = new Int32Array(8);
  private lengths = new Int32Array(8);
  private pool = Buffer.alloc(64);
  private poolLength = 0;
  private count = 0;
  /** The hash of the bytes last passed to `find`, reused by `add`. */
  private lastHash = 0;

  /** The code of these bytes, or -1 when they are new. */
  find(bytes: Uint8Array, start: number, end: number): number {
    let hash = FNV_OFFSET;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ bytes[k], FNV_PRIME);
    return this.findHashed(bytes, start, end, hash);
  }

  /** `find` for a caller that hashed the bytes (FNV-1a with FNV_OFFSET and FNV_PRIME) while scanning them. */
  findHashed(bytes: Uint8Array, start: number, end: number, hash: number): number {
    this.lastHash = hash;
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const code = this.slots[slot];
      if (code === -1) return -1;
      if (this.hashes[code] === hash && this.lengths[code] === length && this.sameBytes(code, bytes, start, length)) return code;
    }
  }

  /** Records the bytes just passed to `find` (which returned -1) under `code`, the next code in order. */
  add(bytes: Uint8Array, start: number, end: number, code: number): void {
    const length = end - start;
    if (code >= this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    if (this.poolLength + length > this.pool.length) {
      const bigger = Buffer.alloc(Math.max(this.pool.length * 2, this.poolLength + length));
      this.pool.copy(bigger, 0, 0, this.poolLength);
      this.pool = bigger;
    }
    this.pool.set(bytes.subarray(start, end), this.poolLength);
    this.hashes[code] = this.lastHash;
    this.starts[code] = this.poolLength;
    this.lengths[code] = length;
    this.poolLength += length;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(code);
  }

  private place(code: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[code] & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = code;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let code = 0; code < this.count; code++) this.place(code);
  }

  private sameBytes(code: number, bytes: Uint8Array, start: number, length: number): boolean {
    const pool = this.pool;
    const at = this.starts[code];
    for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
    return true;
  }
}
