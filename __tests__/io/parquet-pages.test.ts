/**
 * The direct decoder of common Parquet columns (src/io/parquet-pages.ts) against hyparquet's own decoding
 * of the same files: every column it takes gives the cells hyparquet's values stand for, with text codes in
 * order of first appearance; whatever it leaves is read through hyparquet as before.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource, ParquetWriteOptions } from 'hyparquet-writer';
import { MissingValues } from '../../src/core/missing-values.js';
import type { Column } from '../../src/core/table.js';
import { decodeFlatColumn, decodesFlat, readChunks, type Storage } from '../../src/io/parquet-pages.js';
import { readTable } from '../../src/io/read.js';
import { cells, cellsOf, inputError, tempDir, writeFile } from './temp.js';

const ROWS = 3000;
const rows = Array.from({ length: ROWS }, (_, row) => row);

/** Columns of every type and shape the decoder takes: nulls or none, dictionary or PLAIN, odd values. */
const COLUMNS: ColumnSource[] = [
  { name: 'small_ints', type: 'INT32', data: rows.map((row) => (row % 7 === 0 ? null : (row % 23) - 11)) },
  { name: 'ints', type: 'INT32', data: rows.map((row) => (row % 9 === 0 ? null : row * 7919 - 2 ** 30)) },
  {
    name: 'longs',
    type: 'INT64',
    // Past 2^53 a long has no double of its own: the cells round as Number() does.
    data: rows.map((row) =>
      row % 11 === 0 ? null : BigInt(row) * 1_000_000_007n * (row % 2 ? 1n : -1n) + (row % 3 === 0 ? 2n ** 62n + 1n : 0n),
    ),
  },
  { name: 'few_longs', type: 'INT64', data: rows.map((row) => (row % 6 === 0 ? null : BigInt(row % 5) * 2n ** 60n + 1n)) },
  { name: 'floats', type: 'FLOAT', data: rows.map((row) => (row % 13 === 0 ? null : row / 3)) },
  { name: 'few_floats', type: 'FLOAT', data: rows.map((row) => (row % 8 === 0 ? null : (row % 3) / 10)) },
  { name: 'doubles', type: 'DOUBLE', data: rows.map((row) => [-0, 5e-324, 1.7976931348623157e308, -Infinity, null][row % 5] ?? row / 7) },
  { name: 'repeated_doubles', type: 'DOUBLE', data: rows.map((row) => (row % 17 === 0 ? null : (row % 4) / 8)) },
  { name: 'labels', type: 'STRING', data: rows.map((row) => (row % 19 === 0 ? null : row % 29 === 0 ? '' : `label-${(row * 31) % 41}`)) },
  { name: 'ids', type: 'STRING', encoding: 'PLAIN', data: rows.map((row) => (row % 5 === 0 ? null : `id-${row % 1500}`)) },
  { name: 'required_doubles', type: 'DOUBLE', nullable: false, data: rows.map((row) => row * 0.25) },
  { name: 'required_labels', type: 'STRING', nullable: false, data: rows.map((row) => `r${row % 3}`) },
];

/** Bytes that are not UTF-8 decode to U+FFFD, so two spellings are one text; a leading BOM is dropped. */
const awkwardBytes = [[0xff], [0xfe], [0xef, 0xbb, 0xbf, 0x61], [0x61], [], [0xc3, 0xa9]].map((bytes) => new Uint8Array(bytes));
const AWKWARD: ColumnSource[] = [
  { name: 'bytes', type: 'BYTE_ARRAY', data: rows.map((row) => awkwardBytes[row % awkwardBytes.length]) },
  { name: 'plain_bytes', type: 'BYTE_ARRAY', encoding: 'PLAIN', data: rows.map((row) => awkwardBytes[(row * 5) % awkwardBytes.length]) },
];

function hyparquetFile(columnData: ColumnSource[], options: Partial<ParquetWriteOptions> = {}): Buffer {
  return Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: [1000, 1500, 500], pageSize: 512, ...options }));
}

/** The rows of `select`, written by DuckDB (v1 data pages) with the COPY options `options`. */
async function duckdbFile(path: string, options: string, select: string): Promise<Buffer> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet, ${options})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return readFileSync(path);
}

/** hyparquet's values as cells: null and empty text missing, 64-bit integers as Number() rounds them. */
async function hyparquetCells(bytes: Buffer): Promise<Map<string, Array<number | string | null>>> {
  const file = new Uint8Array(bytes).buffer;
  const objects = await parquetReadObjects({ file, utf8: true });
  const names = parquetSchema(parquetMetadata(file)).children.map((field) => field.element.name);
  const cellOf = (value: unknown) =>
    value === null || value === undefined || value === '' ? null : typeof value === 'bigint' ? Number(value) : (value as number | string);
  return new Map(names.map((name) => [name, objects.map((row) => cellOf(row[name]))]));
}

/** Each column of the file through the direct decoder alone (undefined where it leaves the column to hyparquet). */
async function decodedDirectly(bytes: Buffer, missing = new MissingValues([])): Promise<Map<string, Column | undefined>> {
  const metadata = parquetMetadata(new Uint8Array(bytes).buffer);
  const decoded = new Map<string, Column | undefined>();
  for (const field of parquetSchema(metadata).children) {
    const storage: Storage = field.element.type === 'BYTE_ARRAY' ? 'text' : 'numeric';
    if (!decodesFlat(field, storage)) {
      decoded.set(field.element.name, undefined);
      continue;
    }
    const chunks = await readChunks(metadata, field.element.name, 0, Number(metadata.num_rows), (start, end) => bytes.subarray(start, end));
    decoded.set(field.element.name, decodeFlatColumn(field, storage, chunks, missing));
  }
  return decoded;
}

function firstAppearances(values: Array<number | string | null>): Array<number | string> {
  return [...new Set(values.filter((value) => value !== null))];
}

/** Every column decoded directly, to hyparquet's cells; and readTable gives the same. */
async function expectSameAsHyparquet(dir: string, name: string, bytes: Buffer): Promise<void> {
  const expected = await hyparquetCells(bytes);
  const direct = await decodedDirectly(bytes);
  const table = await readTable([writeFile(dir, name, bytes)]);
  for (const [column, want] of expected) {
    const got = direct.get(column);
    expect({ column, decoded: got !== undefined }).toEqual({ column, decoded: true });
    expect({ column, cells: cellsOf(got!) }).toEqual({ column, cells: want });
    if (got!.storage === 'text') expect(got!.dictionary).toEqual(firstAppearances(want));
    expect({ column, cells: cells(table, column) }).toEqual({ column, cells: want });
  }
}

describe('Parquet pages decoded directly', () => {
  const dir = tempDir();

  it('match hyparquet on v2 pages (hyparquet-writer): every type, nulls, dictionary and PLAIN, three row groups, Snappy', async () => {
    const bytes = hyparquetFile(COLUMNS);
    const metadata = parquetMetadata(new Uint8Array(bytes).buffer);
    const dictionaryEncoded = metadata.row_groups[0].columns
      .filter((chunk) => chunk.meta_data!.encodings.includes('RLE_DICTIONARY'))
      .map((chunk) => chunk.meta_data!.path_in_schema[0]);
    expect(dictionaryEncoded).toEqual([
      'small_ints',
      'few_longs',
      'few_floats',
      'doubles',
      'repeated_doubles',
      'labels',
      'required_labels',
    ]);
    expect(metadata.row_groups.length).toBe(3);
    await expectSameAsHyparquet(dir, 'v2-snappy.parquet', bytes);
  });

  it('match hyparquet on uncompressed v2 pages', async () => {
    await expectSameAsHyparquet(dir, 'v2-uncompressed.parquet', hyparquetFile(COLUMNS, { codec: 'UNCOMPRESSED' }));
  });

  it('decode invalid UTF-8 and a leading BOM as hyparquet does, one code per distinct text', async () => {
    const bytes = hyparquetFile(AWKWARD);
    await expectSameAsHyparquet(dir, 'awkward.parquet', bytes);
    const direct = await decodedDirectly(bytes);
    for (const name of ['bytes', 'plain_bytes']) {
      const column = direct.get(name);
      expect(column?.storage === 'text' && [...column.dictionary].sort()).toEqual(['a', 'é', '\uFFFD']);
    }
  });

  it('match hyparquet on v1 pages (DuckDB), Snappy and uncompressed, with a string column dictionary-encoded in one row group and PLAIN in the next', async () => {
    for (const codec of ['snappy', 'uncompressed']) {
      const bytes = await duckdbFile(
        `${dir}/duckdb-${codec}.parquet`,
        `COMPRESSION ${codec}, ROW_GROUP_SIZE 2048`,
        `
        SELECT
          CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 23 - 11)::INTEGER END AS small_ints,
          CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 1234567891234 - 4611686018427387905)::BIGINT END AS longs,
          CASE WHEN i % 13 = 0 THEN NULL ELSE (i / 3)::FLOAT END AS floats,
          CASE WHEN i % 5 = 0 THEN NULL ELSE i / 7 END AS doubles,
          CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN '' ELSE 'c' || (i % 17)::VARCHAR END AS labels,
          CASE WHEN i % 3 = 0 THEN NULL WHEN i < 2048 THEN 'k' || (i % 5)::VARCHAR ELSE 'k' || i::VARCHAR END AS mixed
        FROM range(5000) t(i) ORDER BY i`,
      );
      await expectSameAsHyparquet(dir, `duckdb-${codec}-copy.parquet`, bytes);
    }
  }, 60_000);

  it('make the numbers listed as missing values NaN, in dictionary and PLAIN pages', async () => {
    const path = writeFile(
      dir,
      'sentinels.parquet',
      hyparquetFile([
        { name: 'coded', type: 'INT32', data: rows.map((row) => (row % 4 === 0 ? -999 : row % 3)) },
        { name: 'measured', type: 'DOUBLE', encoding: 'PLAIN', data: rows.map((row) => (row % 4 === 0 ? -999 : row / 2)) },
      ]),
    );
    const missing = new MissingValues(['-999']);
    const direct = await decodedDirectly(readFileSync(path), missing);
    const table = await readTable([path], { naValues: ['-999'] });
    for (const name of ['coded', 'measured']) {
      const want = rows.map((row) => (row % 4 === 0 ? null : name === 'coded' ? row % 3 : row / 2));
      expect(cellsOf(direct.get(name)!)).toEqual(want);
      expect(cells(table, name)).toEqual(want);
    }
  });

  it('leave other encodings and converted types to hyparquet, which reads them as before', async () => {
    const when = Date.UTC(2024, 0, 2);
    const bytes = hyparquetFile([
      { name: 'delta', type: 'INT32', encoding: 'DELTA_BINARY_PACKED', data: rows.map((row) => row * 3) },
      { name: 'stamp', type: 'TIMESTAMP', data: rows.map((row) => new Date(when + row)) },
    ]);
    const direct = await decodedDirectly(bytes);
    expect([...direct.values()]).toEqual([undefined, undefined]);
    const table = await readTable([writeFile(dir, 'left.parquet', bytes)]);
    expect(cells(table, 'delta')).toEqual(rows.map((row) => row * 3));
    expect(cells(table, 'stamp')).toEqual(rows.map((row) => when + row));
  });

  it('leave a page whose definition levels are not 0 or 1 to hyparquet', async () => {
    const select = 'SELECT CASE WHEN i < 2 THEN (i + 0.5)::DOUBLE END AS x FROM range(6) t(i)';
    const bytes = await duckdbFile(`${dir}/levels.parquet`, 'COMPRESSION uncompressed', select);
    const meta = parquetMetadata(new Uint8Array(bytes).buffer).row_groups[0].columns[0].meta_data!;
    const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: Number(meta.data_page_offset) };
    expect(parquetHeader(reader).type).toBe('DATA_PAGE');
    // A v1 page starts with its levels' length, then the levels: rewritten here as two repeated runs (a
    // run's header is its length << 1, then comes its value), of `rows` rows of `level` then of 0s, what
    // follows within the length being skipped. Two 1s are what the file holds; one 2 is no level, but
    // also stands for the two values the page holds if added up.
    expect(reader.view.getUint32(reader.offset, true)).toBeGreaterThanOrEqual(4);
    const levels = (rows: number, level: number) => bytes.set([rows << 1, level, (6 - rows) << 1, 0], reader.offset + 4);
    levels(2, 1);
    expect(cellsOf((await decodedDirectly(bytes)).get('x')!)).toEqual([0.5, 1.5, null, null, null, null]);
    levels(1, 2);
    expect((await decodedDirectly(bytes)).get('x')).toBeUndefined();
    expect(cells(await readTable([writeFile(dir, 'levels-2.parquet', bytes)]), 'x')).toEqual((await hyparquetCells(bytes)).get('x'));
  });

  it('leave a codec hyparquet lacks to hyparquet, whose refusal is reported as before', async () => {
    const bytes = hyparquetFile([{ name: 'x', type: 'DOUBLE', data: [1.5, 2.5] }], {
      codec: 'GZIP',
      compressors: { GZIP: (input) => gzipSync(input) },
    });
    expect((await decodedDirectly(bytes)).get('x')).toBeUndefined();
    const error = await inputError(() => readTable([writeFile(dir, 'gzip-pages.parquet', bytes)]));
    expect(error.message).toMatch(/could not be read as Parquet \(parquet unsupported compression codec: GZIP\)/);
  });
});
