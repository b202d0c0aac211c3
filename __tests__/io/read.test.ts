import { describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from '../../src/io/read.js';
import { cells, inputError, storages, tempDir, writeFile } from './temp.js';

describe('readTable: paths and globs', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'parts'));
  writeFile(dir, 'parts/b.csv', 'x,y\n3,c\n');
  writeFile(dir, 'parts/a.csv', 'x,y\n1,a\n2,b\n');
  writeFile(dir, 'parts/c.csv', 'x,y\n4,d\n');
  writeFile(dir, 'weird[1].csv', 'x\n9\n');

  it('expands globs relative to cwd in sorted order', async () => {
    const table = await readTable(['parts/*.csv'], { cwd: dir });
    expect(table.sources).toEqual(['parts/a.csv', 'parts/b.csv', 'parts/c.csv']);
    expect(table.rowCount).toBe(4);
    expect(cells(table, 'x')).toEqual([1, 2, 3, 4]);
    expect(cells(table, 'y')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads each file once when patterns overlap', async () => {
    const table = await readTable(['parts/c.csv', 'parts/*.csv'], { cwd: dir });
    expect(table.sources).toEqual(['parts/c.csv', 'parts/a.csv', 'parts/b.csv']);
    expect(cells(table, 'x')).toEqual([4, 1, 2, 3]);
  });

  it('takes an existing path literally even when it looks like a glob', async () => {
    expect(cells(await readTable(['weird[1].csv'], { cwd: dir }), 'x')).toEqual([9]);
  });

  it('accepts absolute globs', async () => {
    const table = await readTable([join(dir, 'parts', '[ab].csv')]);
    expect(table.sources).toEqual([join(dir, 'parts', 'a.csv'), join(dir, 'parts', 'b.csv')]);
  });

  it('names a glob that matches nothing', async () => {
    const error = await inputError(() => readTable(['parts/*.parquet'], { cwd: dir }));
    expect(error.message).toMatch(/no file matches this pattern/);
    expect(error.location).toEqual({ file: 'parts/*.parquet' });
  });

  it('names a missing file', async () => {
    const error = await inputError(() => readTable(['nope.csv'], { cwd: dir }));
    expect(error.message).toMatch(/does not exist/);
    expect(error.location).toEqual({ file: 'nope.csv' });
  });

  it('rejects a directory', async () => {
    expect((await inputError(() => readTable(['parts'], { cwd: dir }))).message).toMatch(/is a directory/);
  });

  it('rejects an empty list of paths', async () => {
    expect((await inputError(() => readTable([]))).message).toMatch(/no input files/);
  });

  it('forces a format regardless of the name', async () => {
    const path = writeFile(dir, 'export.txt', '{"a": 1}\n{"a": 2}\n');
    expect(cells(await readTable([path], { format: 'jsonl' }), 'a')).toEqual([1, 2]);
  });
});

describe('readTable: stacking files', () => {
  const dir = tempDir();

  it('takes the union of columns, missing where a file lacks one', async () => {
    writeFile(dir, 'u1.csv', 'a,b\n1,x\n');
    writeFile(dir, 'u2.csv', 'c,a\ny,2\nz,3\n');
    const table = await readTable(['u*.csv'], { cwd: dir });
    expect(table.columns.map((column) => column.name)).toEqual(['a', 'b', 'c']);
    expect(cells(table, 'a')).toEqual([1, 2, 3]);
    expect(cells(table, 'b')).toEqual(['x', null, null]);
    expect(cells(table, 'c')).toEqual([null, 'y', 'z']);
  });

  it('makes a column text everywhere when one file holds text, with exact texts', async () => {
    writeFile(dir, 'm1.csv', 'v,w\n1.50,1\n,2\n');
    writeFile(dir, 'm2.csv', 'v,w\nhigh,3\n1.50,4\n');
    const table = await readTable(['m*.csv'], { cwd: dir });
    expect(storages(table)).toEqual({ v: 'text', w: 'numeric' });
    expect(cells(table, 'v')).toEqual(['1.50', null, 'high', '1.50']);
    const v = table.columns.find((column) => column.name === 'v');
    expect(v?.storage === 'text' && v.dictionary).toEqual(['1.50', 'high']);
  });

  it('stacks different formats', async () => {
    writeFile(dir, 'f1.csv', 'score,label\n0.5,a\n');
    writeFile(dir, 'f2.jsonl', '{"score": 0.75, "label": "b"}\n{"score": 1, "label": 7}\n');
    const table = await readTable(['f1.csv', 'f2.jsonl'], { cwd: dir });
    expect(cells(table, 'score')).toEqual([0.5, 0.75, 1]);
    expect(cells(table, 'label')).toEqual(['a', 'b', '7']);
  });

  it('applies declarations to every file', async () => {
    writeFile(dir, 'd1.csv', 'k\n1\n');
    writeFile(dir, 'd2.csv', 'k\n01\n');
    const table = await readTable(['d*.csv'], { cwd: dir, declared: new Map([['k', 'categorical']]) });
    expect(cells(table, 'k')).toEqual(['1', '01']);
  });

  it('reports errors with the file they are in', async () => {
    writeFile(dir, 'e1.csv', 'k\n1\n');
    writeFile(dir, 'e2.csv', 'k\nx\n');
    const error = await inputError(() => readTable(['e*.csv'], { cwd: dir, declared: new Map([['k', 'numerical']]) }));
    expect(error.location).toEqual({ file: 'e2.csv', line: 2, column: 'k' });
  });
});
