/**
 * The CSV reader's fast path for plain records against an oracle that knows nothing of it: the same bytes
 * tokenized field by field, each column typed and converted cell by cell with `Number`. Every chunking of
 * the input, so records, CRLFs and fields straddle chunk boundaries everywhere.
 */
import { describe, expect, it } from '@jest/globals';
import { readDelimitedInput } from '../../src/io/csv.js';
import { COMMA, CsvTokenizer, TAB, type CsvSink } from '../../src/io/csv-tokenizer.js';
import type { FilePlan } from '../../src/io/source.js';
import type { ColumnKind } from '../../src/core/table.js';
import { cellsOf } from './temp.js';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Rows of cells as the general tokenizer sees them. */
function tokenize(bytes: Buffer, delimiter: number): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  const sink: CsvSink = {
    field: (_index, data, start, end) => void fields.push(data.toString('utf8', start, end)),
    endRecord: () => {
      records.push(fields);
      fields = [];
    },
  };
  const tokenizer = new CsvTokenizer(delimiter, sink, 'oracle.csv');
  tokenizer.push(bytes);
  tokenizer.end();
  return records;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity)$/i;

/** What each column should read as: numbers where every non-empty cell is one, else the exact texts. */
function oracle(
  bytes: Buffer,
  delimiter: number,
  declared: ReadonlyMap<string, ColumnKind> = new Map(),
): Record<string, Array<number | string | null>> {
  const [header, ...rows] = tokenize(bytes, delimiter);
  const columns: Record<string, Array<number | string | null>> = {};
  header.forEach((name, index) => {
    const cells = rows.map((row) => row[index]);
    const numeric = declared.get(name) !== 'categorical' && cells.every((cell) => cell === '' || /^nan$/i.test(cell) || NUMBER.test(cell));
    columns[name] = cells.map((cell) => {
      if (cell === '') return null;
      if (!numeric) return cell;
      if (/^nan$/i.test(cell)) return null;
      const value = Number(cell.replace(/^([+-]?)inf$/i, '$1Infinity').replace(/^([+-]?)infinity$/i, '$1Infinity'));
      return Number.isNaN(value) ? null : value;
    });
  });
  return columns;
}

async function read(bytes: Buffer, chunkSize: number, delimiter = COMMA, plan: FilePlan = {}, size?: number) {
  const chunks = () => {
    const parts: Buffer[] = [];
    for (let start = 0; start < bytes.length; start += chunkSize) parts.push(bytes.subarray(start, start + chunkSize));
    return parts;
  };
  const table = await readDelimitedInput({ file: 'test.csv', delimiter, chunks, size }, plan);
  return Object.fromEntries(table.columns.map((column) => [column.name, cellsOf(column)]));
}

/** Same-valued cells, where -0 and 0 differ: the reader must give Number's exact double. */
function expectSameCells(got: Record<string, unknown[]>, want: Record<string, unknown[]>, label: string): void {
  expect({ label, columns: Object.keys(got) }).toEqual({ label, columns: Object.keys(want) });
  for (const [name, cells] of Object.entries(want)) {
    const mismatch = cells.findIndex((cell, row) => !Object.is(cell, got[name][row]));
    expect({ label, name, length: got[name].length, mismatch, got: got[name][mismatch], want: cells[mismatch] }).toEqual({
      label,
      name,
      length: cells.length,
      mismatch: -1,
      got: undefined,
      want: undefined,
    });
  }
}

function randomDecimal(next: () => number): string {
  const sign = next() < 0.2 ? '-' : next() < 0.05 ? '+' : '';
  const style = next();
  // Short decimals, the 16-19 digit shortest renderings of random doubles, integers, zeros and oddities.
  if (style < 0.3) return `${sign}${(next() * 10 ** Math.floor(next() * 6)).toFixed(Math.floor(next() * 5))}`;
  if (style < 0.55) return `${sign}${String(next() * 10 ** Math.floor(next() * 8 - 4)).replace(/e.*/, '')}`;
  if (style < 0.65) return `${sign}${Math.floor(next() * 1e6)}`;
  if (style < 0.7) return `${sign}0${next() < 0.5 ? '.000' : ''}`;
  if (style < 0.75) return `${sign}${Math.floor(next() * 1e19)}${next() < 0.5 ? '.5' : ''}`;
  if (style < 0.8)
    return ['', 'NaN', 'nan', 'inf', '-Infinity', '1e5', '2.5E-3', '.5', '5.', '00012.50', '0.0000000000000000000000123'][
      Math.floor(next() * 11)
    ];
  if (style < 0.85) return `${sign}0.${'0'.repeat(Math.floor(next() * 25))}${Math.floor(next() * 1e9)}`;
  return `${sign}${(next() * 1000).toFixed(2)}`;
}

describe('CSV plain-record fast path', () => {
  it('reads numbers bit for bit as Number does, at every chunk size', async () => {
    const next = random(7);
    const lines = ['a,b,c'];
    for (let row = 0; row < 60; row++) lines.push([randomDecimal(next), randomDecimal(next), randomDecimal(next)].join(','));
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const want = oracle(bytes, COMMA);
    for (const size of [1, 2, 3, 5, 7, 16, 64, 333, bytes.length]) expectSameCells(await read(bytes, size), want, `chunks of ${size}`);
  });

  it('matches Number on many shortest renderings of doubles', async () => {
    const next = random(11);
    const lines = ['x,y'];
    for (let row = 0; row < 20000; row++) {
      const value = Math.exp((next() - 0.5) * 60) * (next() < 0.5 ? -1 : 1);
      lines.push(`${String(value).replace(/e.*/, '')},${value.toPrecision(16 + Math.floor(next() * 4)).replace(/e.*/, '')}`);
    }
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    expectSameCells(await read(bytes, 1 << 16), oracle(bytes, COMMA), 'doubles');
  });

  it('hands quoted fields, CRLF, lone CR, blank lines and ragged rows to the general parser unchanged', async () => {
    const text = 'n,t,m\r\n1.5,a,\r\n"2.5","b, c",3\r\n\r\n4,"x""y",5\n6,d,7\r8,e,9\n\n10,f,11\n12,"multi\nline",13\n14,g,15';
    const bytes = Buffer.from(text);
    const want = oracle(bytes, COMMA);
    for (let size = 1; size <= bytes.length; size++) expectSameCells(await read(bytes, size), want, `chunks of ${size}`);
  });

  it('reads tab-separated files', async () => {
    const bytes = Buffer.from('a\tb\n1.25\tx y\n-3\t,\n');
    const want = oracle(bytes, TAB);
    for (let size = 1; size <= bytes.length; size++) expectSameCells(await read(bytes, size, TAB), want, `chunks of ${size}`);
  });

  it('types columns as text from their first text cell, or after empty cells, and keeps texts after numbers exact', async () => {
    const bytes = Buffer.from('first,late,after_empty,after_nan\nyes,1.50,,NaN\nno,2,,1\nyes,x,maybe,y\n,3.0,no,\nno,1.50,maybe,z\n');
    const want = oracle(bytes, COMMA);
    expect(want.late).toEqual(['1.50', '2', 'x', '3.0', '1.50']);
    expect(want.after_empty).toEqual([null, null, 'maybe', 'no', 'maybe']);
    expect(want.after_nan).toEqual(['NaN', '1', 'y', null, 'z']);
    for (let size = 1; size <= bytes.length; size++) expectSameCells(await read(bytes, size), want, `chunks of ${size}`);
  });

  it('keeps text dictionaries in order of first appearance across chunks', async () => {
    const next = random(3);
    const names = Array.from({ length: 300 }, (_, k) => `cat-${k}-${'é'.repeat(k % 3)}`);
    const lines = ['k,v'];
    for (let row = 0; row < 5000; row++) lines.push(`${names[Math.floor(next() * next() * names.length)]},${row}`);
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const table = await readDelimitedInput(
      { file: 't.csv', delimiter: COMMA, chunks: () => [bytes.subarray(0, 777), bytes.subarray(777)] },
      {},
    );
    const column = table.columns[0];
    const firstSeen = [...new Set(lines.slice(1).map((line) => line.split(',')[0]))];
    expect(column.storage === 'text' && column.dictionary).toEqual(firstSeen);
    expectSameCells(await read(bytes, 1000), oracle(bytes, COMMA), 'categories');
  });

  it('reports a bad cell of a declared numerical column on its line, whichever path reads it', async () => {
    const bytes = Buffer.from('a,b\n1,2\n3,4\n5,oops\n7,8\n');
    const plan: FilePlan = { declared: new Map([['b', 'numerical']]) };
    for (const size of [1, 4, 9, bytes.length]) {
      await expect(read(bytes, size, COMMA, plan)).rejects.toMatchObject({ location: { line: 4, column: 'b' } });
    }
  });

  it.each([
    ['short rows, then long ones', 1, 30],
    ['long rows, then short ones', 30, 1],
  ])('sizes columns from the first megabyte whatever follows: %s', async (_label, before, after) => {
    const next = random(before);
    const lines = ['x,k'];
    let bytes = 0;
    for (let row = 0; bytes < 1.6e6; row++) {
      const width = bytes < 1.1e6 ? before : after;
      const line = `${(next() * 100).toFixed(2)},${String.fromCharCode(97 + (row % 26)).repeat(width)}`;
      lines.push(line);
      bytes += line.length + 1;
    }
    const data = Buffer.from(`${lines.join('\n')}\n`);
    expectSameCells(await read(data, 1 << 16, COMMA, {}, data.length), oracle(data, COMMA), 'estimated');
  });

  it('reports a ragged row on its line', async () => {
    const bytes = Buffer.from('a,b\n1,2\n3\n5,6\n');
    for (const size of [2, bytes.length]) {
      await expect(read(bytes, size)).rejects.toMatchObject({ location: { line: 3 } });
    }
  });
});
