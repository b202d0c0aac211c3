import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { COMMA, CsvTokenizer, TAB, type CsvSink } from '../../src/io/csv-tokenizer.js';
import { readTable } from '../../src/io/read.js';
import { cells, inputError, storages, tempDir, writeFile } from './temp.js';

interface Parsed {
  records: string[][];
  /** The line each record starts on. */
  lines: number[];
  /** The line each field starts on. */
  fieldLines: number[][];
}

/** Tokenizes `text` fed in chunks of `chunkSize` bytes. */
function tokenize(text: string | Buffer, chunkSize: number, delimiter = COMMA): Parsed {
  const parsed: Parsed = { records: [], lines: [], fieldLines: [] };
  let fields: string[] = [];
  let fieldLines: number[] = [];
  const sink: CsvSink = {
    field(index, bytes, start, end, line) {
      expect(index).toBe(fields.length);
      fields.push(bytes.toString('utf8', start, end));
      fieldLines.push(line);
    },
    endRecord(count, line) {
      expect(count).toBe(fields.length);
      parsed.records.push(fields);
      parsed.fieldLines.push(fieldLines);
      parsed.lines.push(line);
      fields = [];
      fieldLines = [];
    },
  };
  const tokenizer = new CsvTokenizer(delimiter, sink, 'test.csv');
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let start = 0; start < bytes.length; start += chunkSize) tokenizer.push(bytes.subarray(start, start + chunkSize));
  tokenizer.end();
  return parsed;
}

/** Every chunk size from 1 byte to the whole input gives the same result. */
function tokenizeAllWays(text: string | Buffer, delimiter = COMMA): Parsed {
  const whole = tokenize(text, Math.max(1, Buffer.byteLength(text)), delimiter);
  for (let size = 1; size < Buffer.byteLength(text); size++) {
    expect({ size, parsed: tokenize(text, size, delimiter) }).toEqual({ size, parsed: whole });
  }
  return whole;
}

describe('CsvTokenizer', () => {
  it('splits plain fields and records, with or without a final newline', () => {
    expect(tokenizeAllWays('a,b\n1,2\n3,4\n').records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(tokenizeAllWays('a,b\n1,2\n3,4').records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('accepts CRLF and LF line ends, and a lone CR', () => {
    const parsed = tokenizeAllWays('a,b\r\n1,2\r\n3,4\n5,6\r7,8');
    expect(parsed.records).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
      ['7', '8'],
    ]);
    expect(parsed.lines).toEqual([1, 2, 3, 4, 5]);
  });

  it('strips a UTF-8 byte-order mark, even when it arrives byte by byte', () => {
    expect(tokenizeAllWays('\ufeffname,x\nA,1\n').records).toEqual([
      ['name', 'x'],
      ['A', '1'],
    ]);
  });

  it('keeps a byte-order mark-like prefix that is not one', () => {
    expect(tokenizeAllWays('\u00efx\n1\n').records).toEqual([['\u00efx'], ['1']]);
  });

  it('unquotes fields, doubles quotes, and keeps delimiters and line breaks inside quotes', () => {
    const text = '"a,b","say ""hi""","line\r\nbreak","x\ny"\n"",plain,""""," sp "\n';
    expect(tokenizeAllWays(text).records).toEqual([
      ['a,b', 'say "hi"', 'line\r\nbreak', 'x\ny'],
      ['', 'plain', '"', ' sp '],
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(tokenizeAllWays('h\n5\'10"\n').records).toEqual([['h'], ['5\'10"']]);
  });

  it('never trims spaces', () => {
    expect(tokenizeAllWays(' a , b \n 1 ,2 \n').records).toEqual([
      [' a ', ' b '],
      [' 1 ', '2 '],
    ]);
  });

  it('gives empty fields for adjacent and trailing delimiters', () => {
    expect(tokenizeAllWays('a,b,c\n,,\n1,,\n').records).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['1', '', ''],
    ]);
  });

  it('skips blank lines but counts them', () => {
    const parsed = tokenizeAllWays('a\n\n1\r\n\r\n2\n\n');
    expect(parsed.records).toEqual([['a'], ['1'], ['2']]);
    expect(parsed.lines).toEqual([1, 3, 5]);
  });

  it('reports the physical line of records and fields after multi-line quoted fields', () => {
    const parsed = tokenizeAllWays('a,b\n"1\n2\r\n3",x\n"4\r5",y\nz,"\n"\n');
    expect(parsed.lines).toEqual([1, 2, 5, 7]);
    expect(parsed.fieldLines).toEqual([
      [1, 1],
      [2, 4],
      [5, 6],
      [7, 7],
    ]);
  });

  it('uses tabs for TSV and leaves commas alone', () => {
    expect(tokenizeAllWays('a\tb\n1,5\t"x\ty"\n', TAB).records).toEqual([
      ['a', 'b'],
      ['1,5', 'x\ty'],
    ]);
  });

  it('passes multi-byte UTF-8 split across chunks through intact', () => {
    expect(tokenizeAllWays('名前,x\n"é, ü",日本\n').records).toEqual([
      ['名前', 'x'],
      ['é, ü', '日本'],
    ]);
  });

  it('names the line where an unterminated quoted field opened', () => {
    for (const size of [1, 3, 100]) {
      let caught: unknown;
      try {
        tokenize('a,b\n1,2\n3,"open\nmore\n', size);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ location: { file: 'test.csv', line: 3 } });
      expect((caught as Error).message).toMatch(/opened on line 3 is never closed/);
    }
  });

  it('rejects text after a closing quote', () => {
    expect(() => tokenize('a\n"x"y\n', 2)).toThrow(/after the closing quote/);
  });
});

describe('reading CSV files', () => {
  const dir = tempDir();

  it('infers numeric and text storage, keeping exact texts', async () => {
    const path = writeFile(dir, 'infer.csv', 'n,t,mixed,blank\n1,a,1.50,\n2.5,b,x,\n,c,2,\nNaN,,,\n');
    const table = await readTable([path]);
    expect(table.rowCount).toBe(4);
    expect(storages(table)).toEqual({ n: 'numeric', t: 'text', mixed: 'text', blank: 'numeric' });
    expect(cells(table, 'n')).toEqual([1, 2.5, null, null]);
    expect(cells(table, 't')).toEqual(['a', 'b', 'c', null]);
    expect(cells(table, 'mixed')).toEqual(['1.50', 'x', '2', null]);
    expect(cells(table, 'blank')).toEqual([null, null, null, null]);
  });

  it('keeps NaN as a category in text columns, and "" as missing', async () => {
    const path = writeFile(dir, 'nan-text.csv', 'c\nNaN\n""\nNA\nx\n');
    const table = await readTable([path]);
    expect(cells(table, 'c')).toEqual(['NaN', null, 'NA', 'x']);
  });

  it('switches a column to text at its first non-number however late it comes', async () => {
    const rows = Array.from({ length: 5000 }, (_, row) => `${row}.0,${row}`);
    const path = writeFile(dir, 'late.csv', `a,b\n${rows.join('\n')}\nlate,7\n`);
    const table = await readTable([path]);
    expect(storages(table)).toEqual({ a: 'text', b: 'numeric' });
    const a = cells(table, 'a');
    expect(a[0]).toBe('0.0');
    expect(a[4999]).toBe('4999.0');
    expect(a[5000]).toBe('late');
  });

  it('reads declared numerical cells, quoted or not, and infinities', async () => {
    const path = writeFile(dir, 'declared.csv', 'x,c\n"12.5",1\n-0.0,2.0\ninf,\n-Infinity,x\n');
    const table = await readTable([path], {
      declared: new Map([
        ['x', 'numerical'],
        ['c', 'categorical'],
      ]),
    });
    expect(cells(table, 'x')).toEqual([12.5, -0, Infinity, -Infinity]);
    expect(cells(table, 'c')).toEqual(['1', '2.0', null, 'x']);
  });

  it('reads TSV by its extension', async () => {
    const path = writeFile(dir, 'data.tsv', 'a\tb\n1\tx,y\n');
    const table = await readTable([path]);
    expect(cells(table, 'b')).toEqual(['x,y']);
  });

  it('reads a gzip-compressed CSV', async () => {
    const path = writeFile(dir, 'data.csv.gz', gzipSync('a,b\n1,"q, r"\n2,s\n'));
    expect(cells(await readTable([path]), 'b')).toEqual(['q, r', 's']);
  });

  it('reads a file larger than one chunk with fields straddling chunks', async () => {
    const rows = Array.from({ length: 60000 }, (_, row) => `${row},"text ""${row % 7}""\nmore",${(row * 0.37).toFixed(3)}`);
    const path = writeFile(dir, 'big.csv', `i,t,v\r\n${rows.join('\r\n')}\r\n`);
    const table = await readTable([path]);
    expect(table.rowCount).toBe(60000);
    const i = cells(table, 'i');
    const t = cells(table, 't');
    const v = cells(table, 'v');
    for (let row = 0; row < 60000; row += 997) {
      expect([i[row], t[row], v[row]]).toEqual([row, `text "${row % 7}"\nmore`, Number((row * 0.37).toFixed(3))]);
    }
  });
});

describe('CSV errors', () => {
  const dir = tempDir();

  it('rejects an empty file', async () => {
    const path = writeFile(dir, 'empty.csv', '');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/is empty/);
    expect(error.location.file).toBe(path);
  });

  it('rejects a file with only a byte-order mark and blank lines as empty', async () => {
    const path = writeFile(dir, 'bom-only.csv', '\ufeff\n\n');
    expect((await inputError(() => readTable([path]))).message).toMatch(/is empty/);
  });

  it('rejects a header without data rows', async () => {
    const path = writeFile(dir, 'header-only.csv', 'a,b\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/header row but no data rows/);
    expect(error.location).toMatchObject({ file: path });
  });

  it('names the line of a ragged row and both field counts', async () => {
    const path = writeFile(dir, 'ragged.csv', 'a,b,c\n1,2,3\n"x\ny",2\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/expected 3 fields as in the header, got 2/);
    expect(error.location).toEqual({ file: path, line: 3 });
  });

  it('rejects a row with too many fields', async () => {
    const path = writeFile(dir, 'wide.csv', 'a,b\n1,2\n1,2,3\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/expected 2 fields as in the header, got 3/);
    expect(error.location).toEqual({ file: path, line: 3 });
  });

  it('names the line where an unterminated quote opened', async () => {
    const path = writeFile(dir, 'unterminated.csv', 'a,b\n1,"oops\n2,3\n');
    const error = await inputError(() => readTable([path]));
    expect(error.location).toEqual({ file: path, line: 2 });
    expect(error.message).toMatch(/quoted field opened on line 2 is never closed/);
  });

  it('rejects duplicate column names', async () => {
    const path = writeFile(dir, 'duplicate.csv', 'a,b,a\n1,2,3\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/more than once/);
    expect(error.location).toEqual({ file: path, line: 1, column: 'a' });
  });

  it('rejects an unnamed column and mentions the pandas index', async () => {
    const path = writeFile(dir, 'unnamed.csv', ',a\n0,1\n');
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/give every column a name/);
    expect(error.message).toMatch(/index=False/);
    expect(error.location).toEqual({ file: path, line: 1, column: 1 });
  });

  it('names line, column and text of a non-number in a declared numerical column', async () => {
    const path = writeFile(dir, 'not-number.csv', 'id,x\n1,2\n2,"3\n4"\n3,abc\n');
    const error = await inputError(() => readTable([path], { declared: new Map([['x', 'numerical']]) }));
    expect(error.location).toEqual({ file: path, line: 3, column: 'x' });
    expect(error.message).toContain('"3\\n4" is not a number');
    expect(error.message).toMatch(/declared numerical/);
  });

  it('truncates a long offending cell in the message', async () => {
    const long = 'z'.repeat(500);
    const path = writeFile(dir, 'long-cell.csv', `x\n${long}\n`);
    const error = await inputError(() => readTable([path], { declared: new Map([['x', 'numerical']]) }));
    expect(error.message).toContain(`"${'z'.repeat(40)}…"`);
    expect(error.message.length).toBeLessThan(300);
    expect(error.location).toEqual({ file: path, line: 2, column: 'x' });
  });

  it('rejects invalid UTF-8 in a cell, naming line and column', async () => {
    const path = writeFile(dir, 'latin1.csv', Buffer.concat([Buffer.from('id,name\n1,ok\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/not valid UTF-8/);
    expect(error.location).toEqual({ file: path, line: 3, column: 'name' });
  });

  it('rejects invalid UTF-8 in the header', async () => {
    const path = writeFile(dir, 'latin1-header.csv', Buffer.concat([Buffer.from('id,caf'), Buffer.from([0xe9]), Buffer.from('\n1,2\n')]));
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/not valid UTF-8/);
    expect(error.location).toMatchObject({ file: path, line: 1 });
  });

  it('rejects binary files', async () => {
    const path = writeFile(dir, 'binary.csv', Buffer.from([0x61, 0x0a, 0x31, 0x0a, 0x00, 0x01, 0x02, 0xff]));
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/not a text file/);
    expect(error.location).toEqual({ file: path, line: 3 });
  });

  it('recognises a Parquet file passed as CSV', async () => {
    const path = writeFile(dir, 'really-parquet.csv', Buffer.from('PAR1\x15\x04\x15\x00PAR1', 'latin1'));
    expect((await inputError(() => readTable([path]))).message).toMatch(/is a Parquet file, not CSV/);
  });
});
