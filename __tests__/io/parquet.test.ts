import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource, SchemaElement } from 'hyparquet-writer';
import { readTable } from '../../src/io/read.js';
import { cells, inputError, storages, tempDir, writeFile } from './temp.js';

/** Parquet test files are generated here with hyparquet-writer rather than committed. */
function parquet(columnData: ColumnSource[], schema?: SchemaElement[], rowGroupSize?: number): Buffer {
  return Buffer.from(parquetWriteBuffer({ columnData, schema, rowGroupSize }));
}

describe('Parquet', () => {
  const dir = tempDir();

  it('reads numeric, text and boolean columns with nulls as missing', async () => {
    const path = writeFile(
      dir,
      'basic.parquet',
      parquet([
        { name: 'i32', data: [1, null, 3], type: 'INT32' },
        { name: 'i64', data: [10n, 2n ** 60n, null], type: 'INT64' },
        { name: 'f32', data: [0.5, null, 1.25], type: 'FLOAT' },
        { name: 'f64', data: [0.1, -0, null], type: 'DOUBLE' },
        { name: 's', data: ['a', null, ''], type: 'STRING' },
        { name: 'b', data: [true, false, null], type: 'BOOLEAN' },
      ]),
    );
    const table = await readTable([path]);
    expect(table.rowCount).toBe(3);
    expect(storages(table)).toEqual({ i32: 'numeric', i64: 'numeric', f32: 'numeric', f64: 'numeric', s: 'text', b: 'text' });
    expect(cells(table, 'i32')).toEqual([1, null, 3]);
    expect(cells(table, 'i64')).toEqual([10, 2 ** 60, null]);
    expect(cells(table, 'f32')).toEqual([0.5, null, 1.25]);
    expect(cells(table, 'f64')).toEqual([0.1, -0, null]);
    expect(cells(table, 's')).toEqual(['a', null, null]);
    expect(cells(table, 'b')).toEqual(['true', 'false', null]);
  });

  it('reads timestamps and dates as epoch milliseconds, and decimals as numbers', async () => {
    const when = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    const schema: SchemaElement[] = [
      { name: 'root', num_children: 4 },
      { name: 'ts', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
      {
        name: 'us',
        type: 'INT64',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
        repetition_type: 'OPTIONAL',
      },
      { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      { name: 'price', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 12, repetition_type: 'OPTIONAL' },
    ];
    const path = writeFile(
      dir,
      'temporal.parquet',
      parquet(
        [
          { name: 'ts', data: [new Date(when), null] },
          { name: 'us', data: [new Date(when), null] },
          { name: 'day', data: [new Date(Date.UTC(2024, 0, 2)), null] },
          { name: 'price', data: [12.34, null] },
        ],
        schema,
      ),
    );
    const table = await readTable([path]);
    expect(storages(table)).toEqual({ ts: 'numeric', us: 'numeric', day: 'numeric', price: 'numeric' });
    expect(cells(table, 'ts')).toEqual([when, null]);
    expect(cells(table, 'us')).toEqual([when, null]);
    expect(cells(table, 'day')).toEqual([Date.UTC(2024, 0, 2), null]);
    expect(cells(table, 'price')).toEqual([12.34, null]);
  });

  it('keeps row order across row groups', async () => {
    const values = Array.from({ length: 1000 }, (_, row) => row);
    const labels = values.map((row) => `r${row % 13}`);
    const path = writeFile(
      dir,
      'groups.parquet',
      parquet(
        [
          { name: 'v', data: values, type: 'DOUBLE' },
          { name: 'label', data: labels, type: 'STRING' },
        ],
        undefined,
        128,
      ),
    );
    const table = await readTable([path]);
    expect(cells(table, 'v')).toEqual(values);
    expect(cells(table, 'label')).toEqual(labels);
  });

  it('applies declared kinds: numbers as text, numeric strings as numbers', async () => {
    const path = writeFile(
      dir,
      'declared.parquet',
      parquet([
        { name: 'code', data: [1, 2, 1], type: 'INT32' },
        { name: 'amount', data: ['1.5', null, '-2e3'], type: 'STRING' },
      ]),
    );
    const table = await readTable([path], {
      declared: new Map([
        ['code', 'categorical'],
        ['amount', 'numerical'],
      ]),
    });
    expect(cells(table, 'code')).toEqual(['1', '2', '1']);
    expect(cells(table, 'amount')).toEqual([1.5, null, -2000]);
  });

  it('names the column and row of a non-number in a declared numerical column', async () => {
    const path = writeFile(dir, 'bad.parquet', parquet([{ name: 'x', data: ['1', 'two'], type: 'STRING' }]));
    const error = await inputError(() => readTable([path], { declared: new Map([['x', 'numerical']]) }));
    expect(error.message).toMatch(/^row 2: "two" is not a number/);
    expect(error.location).toEqual({ file: path, column: 'x' });
  });

  it('reads a gzip-compressed Parquet file', async () => {
    const path = writeFile(dir, 'data.parquet.gz', gzipSync(parquet([{ name: 'x', data: [1.5, 2.5], type: 'DOUBLE' }])));
    expect(cells(await readTable([path]), 'x')).toEqual([1.5, 2.5]);
  });

  it('rejects a file that is not Parquet', async () => {
    const path = writeFile(dir, 'fake.parquet', 'a,b\n1,2\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/is not a Parquet file/);
    expect(error.location).toEqual({ file: path });
  });

  it('rejects a truncated Parquet file', async () => {
    const whole = parquet([{ name: 'x', data: [1, 2, 3], type: 'DOUBLE' }]);
    const path = writeFile(dir, 'truncated.parquet', whole.subarray(0, whole.length - 10));
    expect((await inputError(() => readTable([path]))).message).toMatch(/Parquet file is truncated/);
  });

  it('rejects a Parquet file with a damaged footer', async () => {
    const whole = Buffer.from(parquet([{ name: 'x', data: [1, 2, 3], type: 'DOUBLE' }]));
    const damaged = Buffer.concat([whole.subarray(0, 4), Buffer.alloc(whole.length - 8, 0xff), whole.subarray(whole.length - 4)]);
    const path = writeFile(dir, 'damaged.parquet', damaged);
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/could not be read as Parquet/);
    expect(error.location).toEqual({ file: path });
  });
});
