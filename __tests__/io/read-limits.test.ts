import { describe, expect, it } from '@jest/globals';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { readDelimitedInput } from '../../src/io/csv.js';
import { COMMA } from '../../src/io/csv-tokenizer.js';
import { readTable } from '../../src/io/read.js';
import { READ_LIMITS } from '../../src/io/source.js';
import { cells, inputError, tempDir, writeFile } from './temp.js';

const MiB = 1024 * 1024;

/** A gzipped file of `head`, then `size` bytes of `x`, then `tail`, compressed as it is generated (never held whole). */
async function gzipOfLongLine(path: string, head: string, size: number, tail: string): Promise<string> {
  const block = Buffer.alloc(64 * 1024, 'x');
  async function* generate() {
    yield Buffer.from(head);
    for (let left = size; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    yield Buffer.from(tail);
  }
  await pipeline(Readable.from(generate()), createGzip({ level: 1 }), createWriteStream(path));
  return path;
}

describe('a row or value longer than the stated limit is refused before it is held', () => {
  const dir = tempDir();

  it('refuses a gzipped CSV whose one line runs on for megabytes, naming the file and the line', async () => {
    const path = await gzipOfLongLine(join(dir, 'one-line.csv.gz'), 'a,b\n1,2\n', 8 * MiB, '\n');
    const error = await inputError(() => readTable([path], { limits: { recordBytes: MiB } }));
    expect(error.location).toEqual({ file: path, line: 3 });
    expect(error.message).toMatch(/^the record starting on this line runs on past 1 MiB, the most driftgate reads as one row/);
  });

  it('says when an unclosed quote made the rest of the file one field', async () => {
    const path = await gzipOfLongLine(join(dir, 'open-quote.csv.gz'), 'a,b\n1,"', 4 * MiB, '');
    const error = await inputError(() => readTable([path], { limits: { recordBytes: MiB } }));
    expect(error.location.line).toBe(2);
    expect(error.message).toMatch(/runs on past 1 MiB \(a quoted field opened on line 2 is still open\)/);
  });

  it('has a default limit: a gzipped line past it is refused, not built into a string', async () => {
    const path = await gzipOfLongLine(join(dir, 'default.csv.gz'), '', READ_LIMITS.recordBytes + MiB, '\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/runs on past 64 MiB/);
  });

  it('reads records up to the limit', async () => {
    const path = writeFile(dir, 'fits.csv', `a,b\n${'x'.repeat(1000)},1\n`);
    const table = await readTable([path], { limits: { recordBytes: 1100 } });
    expect(cells(table, 'b')).toEqual([1]);
  });

  it('refuses a JSON Lines line past the limit, naming its line', async () => {
    const path = await gzipOfLongLine(join(dir, 'long.jsonl.gz'), '{"a": 1}\n{"a": "', 4 * MiB, '"}\n');
    const error = await inputError(() => readTable([path], { limits: { recordBytes: MiB } }));
    expect(error.location).toEqual({ file: path, line: 2 });
    expect(error.message).toMatch(/^the line is longer than 1 MiB, the most driftgate reads as one record/);
  });

  it('refuses a JSON document larger than can be parsed as one string, and points to JSON Lines', async () => {
    const path = writeFile(dir, 'big.json', JSON.stringify(Array.from({ length: 200 }, (_, k) => ({ k }))));
    const error = await inputError(() => readTable([path], { limits: { jsonFileBytes: 1024 } }));
    expect(error.location.file).toBe(path);
    expect(error.message).toMatch(/the JSON file is over 1 KiB, the most that can be parsed as one document; write it as JSON Lines/);
  });
});

describe('JSON nesting is bounded, without recursion running out of stack', () => {
  const dir = tempDir();
  const nestedObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('refuses objects nested thousands of levels deep, naming the line', async () => {
    const path = writeFile(dir, 'deep-objects.jsonl', `{"a": 1}\n${nestedObjects(5000)}\n`);
    const error = await inputError(() => readTable([path]));
    expect(error.location).toEqual({ file: path, line: 2 });
    expect(error.message).toMatch(/nests objects and arrays more than 1000 levels deep/);
  });

  it('refuses arrays nested a hundred thousand levels deep inside a JSON array file', async () => {
    const path = writeFile(dir, 'deep-arrays.json', `[{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`);
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/^record 1: the record nests objects and arrays more than 1000 levels deep/);
  });

  it('counts objects and arrays together against the limit, and reads nesting within it', async () => {
    const path = writeFile(dir, 'mixed.jsonl', '{"a": {"b": [[1]]}}\n');
    expect(cells(await readTable([path], { limits: { jsonDepth: 4 } }), 'a.b')).toEqual(['[[1]]']);
    const error = await inputError(() => readTable([path], { limits: { jsonDepth: 3 } }));
    expect(error.message).toMatch(/more than 3 levels deep/);
    const objects = writeFile(dir, 'objects.jsonl', `${nestedObjects(50)}\n`);
    expect((await readTable([objects])).columns.map((column) => column.name)).toEqual([Array(50).fill('a').join('.')]);
  });
});

describe('memory follows the data when a file has many columns and few rows', () => {
  it('reserves a little per column, not kilobytes', async () => {
    const columns = 20_000;
    const header = Array.from({ length: columns }, (_, k) => `c${k}`).join(',');
    // Every other column holds text, so both kinds of column storage are measured.
    const row = (r: number) => Array.from({ length: columns }, (_, k) => (k % 2 === 0 ? String(r + k) : `t${r}`)).join(',');
    const text = Buffer.from(`${header}\n${row(1)}\n${row(2)}\n${row(3)}\n`);
    let before = 0;
    let during = 0;
    async function* chunks() {
      before = process.memoryUsage().arrayBuffers;
      for (let start = 0; start < text.length; start += 64 * 1024) yield text.subarray(start, start + 64 * 1024);
      // Every column's storage is alive here, before the reader trims it to the cells read.
      during = process.memoryUsage().arrayBuffers;
    }
    const read = await readDelimitedInput({ file: 'wide.csv', delimiter: COMMA, chunks }, {});
    expect(read.rowCount).toBe(3);
    expect(read.columns).toHaveLength(columns);
    // 3 cells of 8 bytes need 24 bytes a column, 480 KB in all; reserving 1,024 cells a column took 160 MB.
    expect(during - before).toBeLessThan(40 * MiB);
  });
});
