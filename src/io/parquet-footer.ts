/**
 * What a Parquet footer claims, checked against the file before anything is read or reserved on its word:
 * the schema's shape and names, the row counts, and where each column chunk lies. A damaged or hostile
 * footer is refused with what it got wrong, instead of being read as missing cells, hanging on a row
 * count no file of this size could hold, or failing inside the decoder.
 */
import type { ColumnData, ColumnMetaData, FileMetaData, SchemaElement } from 'hyparquet';
import { InputError } from '../core/errors.js';
import { plural } from '../core/format.js';

/** Nesting deeper than any real schema; a hostile one could otherwise exhaust the decoder's stack. */
const MAX_SCHEMA_DEPTH = 100;

/** Rows one file may hold: cell codes are 32-bit, and each row costs at least a byte of memory per column. */
export const MAX_PARQUET_ROWS = 2 ** 31 - 1;

/**
 * Refuses a footer whose claims the file contradicts. `footer` is the footer's own bytes, where column
 * names are checked for bytes that are not UTF-8; `dataEnd` is where the footer starts, the end of the data
 * every column chunk must lie within.
 */
export function checkFooter(metadata: FileMetaData, footer: Uint8Array, dataEnd: number, file: string): void {
  const leaves = checkSchemaShape(metadata.schema, file);
  checkNames(metadata.schema, footer, file);
  checkRowCounts(metadata, file);
  metadata.row_groups.forEach((group, index) => {
    const where = metadata.row_groups.length === 1 ? 'the row group' : `row group ${index + 1}`;
    if (group.columns.length !== leaves.length) {
      throw damaged(`its schema has ${leaves.length} columns but ${where} holds ${group.columns.length}`, file);
    }
    group.columns.forEach((chunk, position) => {
      const meta = chunk.meta_data;
      const name = meta?.path_in_schema.join('.') ?? '?';
      if (chunk.file_path !== undefined) {
        throw new InputError(
          `column ${JSON.stringify(name)} is stored in another file (${JSON.stringify(chunk.file_path)}); write the data into one file`,
          { file },
        );
      }
      if (!meta) throw damaged(`${where} has a column chunk without its description`, file);
      if (name !== leaves[position]) {
        throw damaged(`${where} holds column ${JSON.stringify(name)} where its schema has ${JSON.stringify(leaves[position])}`, file);
      }
      const { start, end } = chunkRange(meta);
      const size = end - start;
      if (!(size > 0)) throw damaged(`column ${JSON.stringify(name)} in ${where} claims ${meta.total_compressed_size} bytes of data`, file);
      if (!(start >= 4) || end > dataEnd) {
        throw damaged(
          `column ${JSON.stringify(name)} in ${where} claims bytes ${start} to ${end}, beyond the ${dataEnd} bytes of data in the file`,
          file,
        );
      }
    });
  });
}

/** Where a column chunk's bytes lie in the file: from its dictionary page, if it has one, through its data. */
export function chunkRange(meta: ColumnMetaData): { start: number; end: number } {
  const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
  return { start, end: start + Number(meta.total_compressed_size) };
}

/**
 * The dotted paths of the leaf columns, in the order column chunks list them, having checked that the
 * flattened schema is one tree using every element.
 */
function checkSchemaShape(schema: readonly SchemaElement[], file: string): string[] {
  if (schema.length === 0) throw damaged('its schema is empty', file);
  // Children still expected at each open level, and the levels' names; walked without recursion since the
  // depth is the file's word.
  const open: number[] = [];
  const path: string[] = [];
  const leaves: string[] = [];
  for (let index = 0; index < schema.length; index++) {
    if (index > 0) {
      if (open.length === 0) throw damaged(`its schema lists ${schema.length - index} elements beyond its root's children`, file);
      open[open.length - 1]--;
    }
    const children = schema[index].num_children ?? 0;
    if (children > 0) {
      if (open.length >= MAX_SCHEMA_DEPTH) throw damaged(`its schema nests more than ${MAX_SCHEMA_DEPTH} levels deep`, file);
      open.push(children);
      if (index > 0) path.push(schema[index].name);
    } else if (index > 0) leaves.push([...path, schema[index].name].join('.'));
    while (open.length > 0 && open[open.length - 1] === 0) {
      open.pop();
      path.pop();
    }
  }
  if (open.length > 0) {
    const missing = open.reduce((sum, count) => sum + count, 0);
    throw damaged(`its schema claims ${missing} more column${plural(missing)} than it describes`, file);
  }
  if (leaves.length === 0) throw new InputError('the file has no columns', { file });
  return leaves;
}

/** The columns' names obey the rules the CSV reader holds a header to. */
function checkNames(schema: readonly SchemaElement[], footer: Uint8Array, file: string): void {
  const seen = new Set<string>();
  let index = 0;
  // The root's direct children are the columns; their own children are nested fields, read as JSON text.
  for (let position = 1; position < schema.length; position += subtreeSize(schema, position)) {
    index++;
    const name = schema[position].name;
    if (name === '' || name === undefined) {
      throw new InputError(`column ${index} has no name in the schema; give every column a name`, { file, column: index });
    }
    if (name.includes('\uFFFD') && !containsUtf8(footer, name)) {
      throw new InputError(`the name of column ${index} in the schema is not valid UTF-8; write the file with UTF-8 column names`, {
        file,
        column: index,
      });
    }
    if (seen.has(name)) {
      throw new InputError(`the schema names column ${JSON.stringify(name)} more than once; give every column a distinct name`, {
        file,
        column: name,
      });
    }
    seen.add(name);
  }
}

/** How many elements the element at `position` and its descendants take in the flattened schema. */
function subtreeSize(schema: readonly SchemaElement[], position: number): number {
  let size = 0;
  for (let pending = 1; pending > 0; pending--, size++) pending += schema[position + size].num_children ?? 0;
  return size;
}

/**
 * The decoder turns bytes that are not UTF-8 into U+FFFD; a name holding U+FFFD is genuine only if the
 * footer holds its UTF-8 encoding.
 */
function containsUtf8(footer: Uint8Array, name: string): boolean {
  return Buffer.from(footer.buffer, footer.byteOffset, footer.byteLength).includes(Buffer.from(name, 'utf8'));
}

function checkRowCounts(metadata: FileMetaData, file: string): void {
  const claimed = BigInt(metadata.num_rows);
  if (claimed < 0n) throw damaged(`its footer claims ${claimed} rows`, file);
  if (claimed > BigInt(MAX_PARQUET_ROWS)) {
    throw new InputError(
      `the footer claims ${claimed} rows, more than the ${MAX_PARQUET_ROWS} driftgate reads from one file; split the data into several files`,
      { file },
    );
  }
  let sum = 0n;
  for (const [index, group] of metadata.row_groups.entries()) {
    const rows = BigInt(group.num_rows);
    if (rows < 0n) throw damaged(`row group ${index + 1} claims ${rows} rows`, file);
    sum += rows;
  }
  if (claimed > 0n && metadata.row_groups.length === 0)
    throw damaged(`its footer claims ${claimed} rows but the file has no row groups`, file);
  if (sum !== claimed) throw damaged(`its footer claims ${claimed} rows but its row groups hold ${sum}`, file);
}

function damaged(claim: string, file: string): InputError {
  return new InputError(`the Parquet file is damaged: ${claim}; re-export or re-download it`, { file });
}

/**
 * A column's decoded pages cover every row the footer claims, once each: pages that decode to fewer values
 * (a chunk the footer misplaced, a row count no page backs) would otherwise be read as missing cells.
 */
export function checkDecodedRows(parts: readonly ColumnData[], rowStart: number, rowEnd: number, name: string, file: string): void {
  let decoded = rowStart;
  for (const part of parts) {
    if (part.rowStart !== decoded)
      throw damaged(`the data of column ${JSON.stringify(name)} skips or repeats rows from row ${decoded + 1}`, file);
    decoded += part.columnData.length;
  }
  if (decoded !== rowEnd) {
    throw damaged(
      `its footer claims ${rowEnd - rowStart} rows but the data of column ${JSON.stringify(name)} holds ${decoded - rowStart}`,
      file,
    );
  }
}
