/**
 * JSON Lines (one object per line, typical of prediction logs) and JSON (an array of objects). Nested
 * objects become dotted column names (`features.age`), so logged feature dicts line up with CSV columns.
 *
 * Cells: numbers are numeric; strings, booleans (`true`/`false`) and arrays (their JSON text) are text;
 * null, an empty string and an absent key are missing. A column holding both numbers and text is text,
 * its numbers written as JSON writes them.
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../core/errors.js';
import { InferredColumnBuilder } from '../core/column-builder.js';
import { readAll, readChunks } from './compression.js';
import { parseNumberText } from '../core/number.js';
import { DEFAULT_NA_VALUES, MissingValues } from '../core/missing-values.js';
import {
  describeBytes,
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

const LF = 0x0a;
const CR = 0x0d;

/** Where a record came from, for messages: a line (JSON Lines) or a position in the array (JSON). */
interface Origin {
  line?: number;
  record?: number;
}

type Declared = 'numerical' | 'text' | 'inferred';

interface RecordColumn {
  builder: InferredColumnBuilder | undefined;
  readonly declared: Declared;
  /** What earlier batches held: a column that held numbers and then meets text is read again as text. */
  held: 'nothing' | 'numbers' | 'text';
}

/**
 * Columns filled record by record; a column first seen late is missing in the rows before it. With
 * `batches`, the rows are handed over in batches instead of kept whole.
 */
class RecordTable {
  private readonly columns = new Map<string, RecordColumn>();
  private readonly missing: MissingValues;
  private readonly maxDepth: number;
  /** Rows not yet handed over as a batch: the length of every column. */
  rowCount = 0;
  private handedOver = 0;
  /** Undeclared columns that met text in a batch after numbers in an earlier one. */
  readonly columnsWithText = new Set<string>();

  constructor(
    private readonly plan: FilePlan,
    private readonly file: string,
    private readonly batches?: RowBatches,
  ) {
    this.missing = new MissingValues(plan.naValues ?? DEFAULT_NA_VALUES);
    this.maxDepth = limitsOf(plan).jsonDepth;
  }

  get rowsRead(): number {
    return this.handedOver + this.rowCount;
  }

  add(record: Record<string, unknown>, origin: Origin): void {
    this.addObject(record, '', origin, 1);
    this.rowCount++;
    if (this.batches && this.rowCount * this.columns.size >= this.batches.cells) this.handOver();
  }

  /** Hands the rows read so far over as a batch; the next batch's columns start empty. */
  handOver(): void {
    if (this.batches === undefined || this.rowCount === 0) return;
    const columns: Column[] = [];
    for (const [name, column] of this.columns) {
      if (!column.builder) continue;
      column.builder.padTo(this.rowCount);
      const batch = column.builder.finish(name);
      const held = batch.storage === 'text' ? 'text' : 'numbers';
      if (held === 'text' && column.held === 'numbers' && column.declared === 'inferred') this.columnsWithText.add(name);
      if (column.held !== 'text') column.held = held;
      // Text once is text for the rest of the file, as when the file is read whole.
      column.builder = new InferredColumnBuilder(column.held === 'text');
      if (!this.columnsWithText.has(name)) columns.push(batch);
    }
    this.batches.take({ rowCount: this.rowCount, columns });
    this.handedOver += this.rowCount;
    this.rowCount = 0;
  }

  /** `depth`: how many objects deep `object` lies, the record being the first. */
  private addObject(object: Record<string, unknown>, prefix: string, origin: Origin, depth: number): void {
    if (depth > this.maxDepth) throw this.tooDeep(origin);
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (key === '') {
        throw this.error(
          `${prefix === '' ? 'a key' : `a key inside ${JSON.stringify(prefix.slice(0, -1))}`} is the empty string "", which cannot name a column; give every key a name`,
          origin,
          undefined,
        );
      }
      const name = prefix + key;
      if (value !== null && typeof value === 'object') {
        if (!Array.isArray(value)) {
          this.addObject(value as Record<string, unknown>, `${name}.`, origin, depth + 1);
          continue;
        }
        // An array is kept as its JSON text, which JSON.stringify writes by recursion.
        if (nestedDeeperThan(value, this.maxDepth - depth)) throw this.tooDeep(origin);
      }
      this.addCell(name, value, origin);
    }
  }

  private tooDeep(origin: Origin): InputError {
    return this.error(
      `the record nests objects and arrays more than ${this.maxDepth} levels deep, the most driftgate reads; flatten the data`,
      origin,
      undefined,
    );
  }

  private addCell(name: string, value: unknown, origin: Origin): void {
    const column = this.column(name);
    const builder = column.builder;
    if (!builder) return;
    if (builder.length > this.rowCount) {
      throw this.error(
        `the record has two values for ${JSON.stringify(name)} once nested objects are flattened to dotted names; rename one of the keys`,
        origin,
        name,
      );
    }
    builder.padTo(this.rowCount);
    if (value === null || value === '') builder.pushMissing();
    else if (column.declared === 'numerical') builder.pushNumber(this.numberOf(value, name, origin));
    else if (typeof value === 'number') {
      if (this.missing.isMissingNumber(value)) builder.pushMissingToken(String(value));
      else builder.pushNumber(value);
    } else if (typeof value === 'string' && this.missing.matchesText(value)) builder.pushMissingToken(value);
    else builder.pushText(textOf(value));
  }

  private numberOf(value: unknown, name: string, origin: Origin): number {
    if (typeof value === 'number') return this.missing.isMissingNumber(value) ? NaN : value;
    if (typeof value === 'string') {
      const parsed = parseNumberText(value);
      if (parsed === parsed) return this.missing.isMissingNumber(parsed) ? NaN : parsed;
      if (this.missing.matchesText(value)) return NaN;
    }
    const shown = textOf(value);
    throw this.error(
      `${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown)} is not a number, but the column is declared numerical; fix the value, use null for a missing value, or declare the column categorical`,
      origin,
      name,
    );
  }

  private column(name: string): RecordColumn {
    let column = this.columns.get(name);
    if (!column) {
      const declared: Declared =
        this.plan.declared?.get(name) === 'numerical' ? 'numerical' : wantsText(this.plan, name) ? 'text' : 'inferred';
      const builder = isBuilt(this.plan, name) ? new InferredColumnBuilder(declared === 'text') : undefined;
      column = { builder, declared, held: 'nothing' };
      this.columns.set(name, column);
    }
    return column;
  }

  private error(message: string, origin: Origin, column: string | undefined): InputError {
    const where = origin.record === undefined ? '' : `record ${origin.record}: `;
    return new InputError(`${where}${message}`, { file: this.file, line: origin.line, column });
  }

  finish(): FileColumns {
    const columns = [];
    for (const [name, { builder }] of this.columns) {
      if (!builder) continue;
      builder.padTo(this.rowCount);
      columns.push(builder.finish(name));
    }
    return { rowCount: this.rowCount, columns };
  }
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Whether arrays and objects nest more than `levels` deep in `value` (itself the first level), found without recursion. */
function nestedDeeperThan(value: object, levels: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > levels) return true;
    for (const inner of Object.values(next.value))
      if (inner !== null && typeof inner === 'object') pending.push({ value: inner, depth: next.depth + 1 });
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export const jsonLinesFormat: FileFormat<'jsonl'> = {
  name: 'jsonl',
  title: 'JSON Lines',
  extensions: ['.jsonl', '.ndjson'],
  notes: 'one object per line (prediction logs); nested objects flattened with dots (`features.age`)',
  sizeWeight: 1,
  read: readJsonLines,
  stream: streamJsonLines,
};

/** A JSON document is parsed whole (bounded by V8's longest string), so it has no streamer. */
export const jsonFormat: FileFormat<'json'> = {
  name: 'json',
  title: 'JSON',
  extensions: ['.json'],
  notes: 'an array of records, flattened the same way',
  sizeWeight: 1,
  read: readJson,
};

export async function readJsonLines(source: Source, plan: FilePlan): Promise<FileColumns> {
  const table = new RecordTable(plan, source.display);
  await scanJsonLines(source, plan, table);
  return table.finish();
}

/**
 * Streams a JSON Lines file through `batches` in one pass, holding one batch at a time. Returns how many
 * rows it had and the undeclared columns that met text in a batch after numbers in an earlier one: their
 * batches stop there (the numbers' missing-value tokens are gone), and they must be streamed again as text.
 */
export async function streamJsonLines(source: Source, plan: FilePlan, batches: RowBatches): Promise<StreamedFile> {
  const table = new RecordTable(plan, source.display, batches);
  await scanJsonLines(source, plan, table);
  table.handOver();
  return { rows: table.rowsRead, columnsWithText: table.columnsWithText };
}

async function scanJsonLines(source: Source, plan: FilePlan, table: RecordTable): Promise<void> {
  const file = source.display;
  const { recordBytes } = limitsOf(plan);
  let line = 0;
  /** Refuses line `line + 1` once `length` of its bytes are held and it has not ended. */
  const holdLine = (length: number): void => {
    if (length <= recordBytes) return;
    throw new InputError(
      `the line is longer than ${describeBytes(recordBytes)}, the most driftgate reads as one record; check that the file is JSON Lines, one object per line`,
      { file, line: line + 1 },
    );
  };
  const readLine = (bytes: Buffer): void => {
    holdLine(bytes.length);
    line++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CR) end--;
    const start = line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = decodeLine(bytes.subarray(start, end), file, line);
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InputError(`the line is not valid JSON (${(error as Error).message}); every line must hold one JSON object`, {
        file,
        line,
      });
    }
    if (!isRecord(value)) {
      throw new InputError(
        `the line holds ${describeJson(value)}, not a JSON object; every line must hold one object like {"column": value}`,
        {
          file,
          line,
        },
      );
    }
    table.add(value, { line });
  };

  let pending: Buffer[] = [];
  let pendingLength = 0;
  for await (const chunk of readChunks(source, plan.onBytes)) {
    let start = 0;
    for (let newline = chunk.indexOf(LF); newline !== -1; newline = chunk.indexOf(LF, start)) {
      const piece = chunk.subarray(start, newline);
      readLine(pending.length === 0 ? piece : Buffer.concat([...pending, piece]));
      pending = [];
      pendingLength = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingLength += chunk.length - start;
      holdLine(pendingLength);
    }
  }
  if (pending.length > 0) readLine(Buffer.concat(pending));
  if (table.rowsRead === 0) {
    throw new InputError('the file holds no records; expected one JSON object per line', { file });
  }
}

export async function readJson(source: Source, plan: FilePlan): Promise<FileColumns> {
  const file = source.display;
  const { jsonFileBytes } = limitsOf(plan);
  const bytes = await readAll(source, plan.onBytes, {
    bytes: jsonFileBytes,
    refusal: `the JSON file is over ${describeBytes(jsonFileBytes)}, the most that can be parsed as one document; write it as JSON Lines (.jsonl), one object per line, which has no such limit`,
  });
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = decodeLine(bytes.subarray(start), file, undefined);
  if (text.trim() === '') throw new InputError('the file is empty; expected an array of objects', { file });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : undefined;
    throw new InputError(`the file is not valid JSON (${message})`, { file, line });
  }
  if (!Array.isArray(value)) {
    throw new InputError(
      `the file holds ${describeJson(value)}; expected an array of objects, one per row ([{"column": value}, ...]), or use JSON Lines (.jsonl)`,
      { file },
    );
  }
  if (value.length === 0) throw new InputError('the file holds an empty array; there are no rows to check', { file });
  const table = new RecordTable(plan, file);
  value.forEach((record: unknown, index) => {
    if (!isRecord(record)) {
      throw new InputError(`record ${index + 1} of the array is ${describeJson(record)}; expected an array of objects`, { file });
    }
    table.add(record, { record: index + 1 });
  });
  return table.finish();
}

function decodeLine(bytes: Buffer, file: string, line: number | undefined): string {
  if (bytes.indexOf(0) !== -1) throw new NotTextError(file, line);
  if (!isUtf8(bytes)) throw new InputError(`the text is not valid UTF-8; save the file as UTF-8`, { file, line });
  return bytes.toString('utf8');
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < position; k = text.indexOf('\n', k + 1)) line++;
  return line;
}
