import { describe, expect, it } from '@jest/globals';
import { streamDelimited } from '../../src/io/csv.js';
import { readTable } from '../../src/io/read.js';
import type { FileColumns, Source } from '../../src/io/source.js';
import { seededRandom } from '../helpers/tables.js';
import { cellsOf, tempDir, writeFile } from './temp.js';

const dir = tempDir();

function csvSource(path: string, display = path): Source {
  return { path, display, format: 'csv', gzip: false };
}

async function streamed(path: string, cells: number) {
  const batches: FileColumns[] = [];
  const columns = new Map<string, Array<number | string | null>>();
  const { rows, columnsWithText } = await streamDelimited(
    csvSource(path),
    {},
    {
      cells,
      take(batch) {
        batches.push({ rowCount: batch.rowCount, columns: [] });
        // The batch's storage is reused afterwards: copy what the test keeps.
        for (const column of batch.columns) {
          expect(cellsOf(column)).toHaveLength(batch.rowCount);
          const kept = columns.get(column.name) ?? [];
          for (const cell of cellsOf(column)) kept.push(cell);
          columns.set(column.name, kept);
        }
      },
    },
  );
  return { rows, columnsWithText, batches, columns };
}

describe('streaming a CSV file in batches', () => {
  // Long enough to span several of the reader's chunks, with quoted fields holding delimiters, quotes and
  // line breaks, CRLF endings and missing cells, so batches end at every kind of record.
  const random = seededRandom(11);
  const lines = ['id,price,city,note'];
  for (let row = 0; row < 6_000; row++) {
    const price = random() < 0.05 ? '' : (random() * 1000).toFixed(3);
    const city = ['Oslo', 'Lima', '"São Paulo, SP"', ''][row % 4];
    const note = row % 7 === 0 ? `"line one\r\nline ""two"""` : `plain ${row % 13}`;
    lines.push(`${row},${price},${city},${note}`);
  }
  const path = writeFile(dir, 'long.csv', lines.join('\r\n') + '\r\n');

  it('hands over every row once, in batches of about the asked size, equal to reading the file whole', async () => {
    const whole = await readTable([path]);
    const { rows, columnsWithText, batches, columns } = await streamed(path, 4 * 500);
    expect(rows).toBe(6_000);
    expect(columnsWithText.size).toBe(0);
    expect(batches.reduce((sum, batch) => sum + batch.rowCount, 0)).toBe(6_000);
    expect(batches.length).toBeGreaterThanOrEqual(6);
    // Between records, once a batch is full: a batch overshoots by at most one chunk's worth of records.
    for (const batch of batches.slice(0, -1)) expect(batch.rowCount).toBeGreaterThanOrEqual(500);
    for (const column of whole.columns) expect(columns.get(column.name)).toEqual(cellsOf(column));
  });

  it('names a column that meets text after numbers, whose batches stop there, for reading again as text', async () => {
    // Longer than the reader's 1 MB chunks, whose records may overshoot a batch: the text comes chunks later.
    const rows = 250_000;
    const mixed = writeFile(
      dir,
      'mixed.csv',
      ['code,x', ...Array.from({ length: rows }, (_, row) => `${row === 240_000 ? 'A7' : (row % 5) + '.0'},${row}`)].join('\n'),
    );
    const { columnsWithText, columns } = await streamed(mixed, 2 * 4_000);
    expect([...columnsWithText]).toEqual(['code']);
    expect(columns.get('code')!.length).toBeGreaterThan(0);
    expect(columns.get('code')!.length).toBeLessThan(240_000);
    expect(columns.get('x')).toEqual(Array.from({ length: rows }, (_, row) => row));

    const texts: Array<number | string | null> = [];
    const again = await streamDelimited(
      csvSource(mixed),
      { forceText: columnsWithText, only: columnsWithText },
      {
        cells: 4_000,
        take: (batch) => texts.push(...cellsOf(batch.columns[0])),
      },
    );
    expect(again.rows).toBe(rows);
    expect(texts.slice(0, 2)).toEqual(['0.0', '1.0']);
    expect(texts[240_000]).toBe('A7');
  });

  it('refuses a header without rows, as reading whole does', async () => {
    const empty = writeFile(dir, 'header-only.csv', 'a,b\n');
    await expect(streamed(empty, 10)).rejects.toThrow('the file has a header row but no data rows');
  });
});
