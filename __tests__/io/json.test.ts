import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { readTable } from '../../src/io/read.js';
import { cells, inputError, storages, tempDir, writeFile } from './temp.js';

const lines = (...records: string[]) => `${records.join('\n')}\n`;

describe('JSON Lines', () => {
  const dir = tempDir();

  it('flattens nested objects to dotted names and types cells by their JSON type', async () => {
    const path = writeFile(
      dir,
      'log.jsonl',
      lines(
        '{"id": 1, "features": {"age": 31, "geo": {"country": "DE"}}, "ok": true, "tags": ["a", 1], "score": null}',
        '{"id": 2, "features": {"age": 45.5, "geo": {"country": "FR"}}, "ok": false, "tags": [], "score": 0.25}',
      ),
    );
    const table = await readTable([path]);
    expect(table.rowCount).toBe(2);
    expect(table.columns.map((column) => column.name)).toEqual(['id', 'features.age', 'features.geo.country', 'ok', 'tags', 'score']);
    expect(storages(table)).toEqual({
      id: 'numeric',
      'features.age': 'numeric',
      'features.geo.country': 'text',
      ok: 'text',
      tags: 'text',
      score: 'numeric',
    });
    expect(cells(table, 'features.age')).toEqual([31, 45.5]);
    expect(cells(table, 'ok')).toEqual(['true', 'false']);
    expect(cells(table, 'tags')).toEqual(['["a",1]', '[]']);
    expect(cells(table, 'score')).toEqual([null, 0.25]);
  });

  it('skips blank lines, accepts CRLF and a BOM, and counts lines for messages', async () => {
    const path = writeFile(dir, 'blank.ndjson', '\ufeff{"a": 1}\r\n\r\n   \n{"a": 2}');
    const table = await readTable([path]);
    expect(cells(table, 'a')).toEqual([1, 2]);
  });

  it('leaves missing the cells of rows that lack a key, including keys first seen late', async () => {
    const path = writeFile(dir, 'sparse.jsonl', lines('{"a": 1}', '{"b": "x"}', '{"a": 3, "b": ""}'));
    const table = await readTable([path]);
    expect(cells(table, 'a')).toEqual([1, null, 3]);
    expect(cells(table, 'b')).toEqual([null, 'x', null]);
  });

  it('makes a column with numbers and strings text, numbers as their JSON text', async () => {
    const path = writeFile(dir, 'mixed.jsonl', lines('{"v": 1.50}', '{"v": 2}', '{"v": "unknown"}', '{"v": 1e21}', '{"v": null}'));
    const table = await readTable([path]);
    expect(cells(table, 'v')).toEqual(['1.5', '2', 'unknown', '1e+21', null]);
  });

  it('parses numeric strings in a declared numerical column and keeps numbers as text when categorical', async () => {
    const path = writeFile(
      dir,
      'declared.jsonl',
      lines('{"x": "12.5", "c": 1}', '{"x": 3, "c": "b"}', '{"x": "NaN", "c": 2.5}', '{"x": "", "c": null}'),
    );
    const table = await readTable([path], {
      declared: new Map([
        ['x', 'numerical'],
        ['c', 'categorical'],
      ]),
    });
    expect(cells(table, 'x')).toEqual([12.5, 3, null, null]);
    expect(cells(table, 'c')).toEqual(['1', 'b', '2.5', null]);
  });

  it('names the line and column of a non-number in a declared numerical column', async () => {
    const path = writeFile(dir, 'bad-number.jsonl', lines('{"x": 1}', '', '{"x": "twelve"}'));
    const error = await inputError(() => readTable([path], { declared: new Map([['x', 'numerical']]) }));
    expect(error.location).toEqual({ file: path, line: 3, column: 'x' });
    expect(error.message).toMatch(/"twelve" is not a number/);
  });

  it('rejects booleans in a declared numerical column', async () => {
    const path = writeFile(dir, 'bool-number.jsonl', lines('{"x": true}'));
    const error = await inputError(() => readTable([path], { declared: new Map([['x', 'numerical']]) }));
    expect(error.location).toEqual({ file: path, line: 1, column: 'x' });
  });

  it('names the line of invalid JSON', async () => {
    const path = writeFile(dir, 'invalid.jsonl', lines('{"a": 1}', '{"a": 2,}'));
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.location).toEqual({ file: path, line: 2 });
  });

  it('names the line of a value that is not an object', async () => {
    const path = writeFile(dir, 'array-line.jsonl', lines('{"a": 1}', '[1, 2]'));
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/holds an array, not a JSON object/);
    expect(error.location).toEqual({ file: path, line: 2 });
  });

  it('rejects a name that appears twice after flattening', async () => {
    const path = writeFile(dir, 'clash.jsonl', lines('{"a.b": 1, "a": {"b": 2}}'));
    const error = await inputError(() => readTable([path]));
    expect(error.location).toEqual({ file: path, line: 1, column: 'a.b' });
  });

  it('refuses a key that is the empty string, as the CSV reader refuses a column without a name', async () => {
    const path = writeFile(dir, 'nameless.jsonl', lines('{"a": 1}', '{"a": 2, "": 3}'));
    const error = await inputError(() => readTable([path]));
    expect(error.location).toEqual({ file: path, line: 2 });
    expect(error.message).toMatch(/^a key is the empty string "", which cannot name a column; give every key a name/);
    const nested = writeFile(dir, 'nameless-nested.json', '[{"features": {"": 1}}]');
    const inner = await inputError(() => readTable([nested]));
    expect(inner.message).toMatch(/^record 1: a key inside "features" is the empty string ""/);
  });

  it('rejects a file without records', async () => {
    const path = writeFile(dir, 'none.jsonl', '\n\n');
    expect((await inputError(() => readTable([path]))).message).toMatch(/no records/);
  });

  it('rejects invalid UTF-8 and binary content', async () => {
    const latin1 = writeFile(dir, 'latin1.jsonl', Buffer.concat([Buffer.from('{"a": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    expect(await inputError(() => readTable([latin1]))).toMatchObject({ location: { file: latin1, line: 1 } });
    const binary = writeFile(dir, 'binary.jsonl', Buffer.from([0x7b, 0x7d, 0x0a, 0x00, 0x01]));
    expect((await inputError(() => readTable([binary]))).message).toMatch(/not a text file/);
  });

  it('reads a gzip-compressed file', async () => {
    const path = writeFile(dir, 'log.jsonl.gz', gzipSync(lines('{"a": 1}', '{"a": 2}')));
    expect(cells(await readTable([path]), 'a')).toEqual([1, 2]);
  });

  it('reads long lines across chunk boundaries', async () => {
    const long = 'x'.repeat(3_000_000);
    const path = writeFile(dir, 'long.jsonl', lines(`{"t": "${long}", "n": 1}`, '{"t": "short", "n": 2}'));
    const table = await readTable([path]);
    expect(cells(table, 'n')).toEqual([1, 2]);
    expect(cells(table, 't')[0]).toHaveLength(3_000_000);
  });
});

describe('JSON', () => {
  const dir = tempDir();

  it('reads an array of records with the same rules as JSON Lines', async () => {
    const path = writeFile(
      dir,
      'rows.json',
      JSON.stringify([
        { a: 1, m: { x: 'u' } },
        { a: null, m: { x: 'v' }, b: true },
      ]),
    );
    const table = await readTable([path]);
    expect(cells(table, 'a')).toEqual([1, null]);
    expect(cells(table, 'm.x')).toEqual(['u', 'v']);
    expect(cells(table, 'b')).toEqual([null, 'true']);
  });

  it('rejects anything but an array of objects', async () => {
    const object = writeFile(dir, 'object.json', '{"a": [1, 2]}');
    expect((await inputError(() => readTable([object]))).message).toMatch(/expected an array of objects/);
    const numbers = writeFile(dir, 'numbers.json', '[{"a": 1}, 2]');
    expect((await inputError(() => readTable([numbers]))).message).toMatch(/record 2 .*expected an array of objects/);
    const empty = writeFile(dir, 'empty-array.json', '[]');
    expect((await inputError(() => readTable([empty]))).message).toMatch(/empty array/);
  });

  it('reports a syntax error, with its line where the runtime tells the position', async () => {
    const path = writeFile(dir, 'broken.json', '[\n{"a": 1},\n{"a": }\n]');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.location.file).toBe(path);
    expect([undefined, 3]).toContain(error.location.line);
  });

  it('names the record of a non-number in a declared numerical column', async () => {
    const path = writeFile(dir, 'declared.json', '[{"x": 1}, {"x": "oops"}]');
    const error = await inputError(() => readTable([path], { declared: new Map([['x', 'numerical']]) }));
    expect(error.message).toMatch(/^record 2: "oops" is not a number/);
    expect(error.location).toMatchObject({ file: path, column: 'x' });
  });
});
