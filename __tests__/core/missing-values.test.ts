import { describe, expect, it } from '@jest/globals';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { DEFAULT_NA_VALUES, missingValueTokens, MissingValues } from '../../src/core/missing-values.js';
import { readTable } from '../../src/io/read.js';
import { cells, inputError, storages, tempDir, writeFile } from '../io/temp.js';

const csv = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('missing-value tokens', () => {
  const dir = tempDir();

  it('matches each default token exactly, NaN in any case, and nothing else', () => {
    const missing = new MissingValues(DEFAULT_NA_VALUES);
    for (const token of DEFAULT_NA_VALUES) {
      const bytes = Buffer.from(`x${token}y`);
      expect({ token, bytes: missing.matchesBytes(bytes, 1, bytes.length - 1), text: missing.matchesText(token) }).toEqual({
        token,
        bytes: true,
        text: true,
      });
    }
    for (const other of ['na', 'Null', 'NA ', 'N/AA', 'none', 'nA/n']) {
      const bytes = Buffer.from(other);
      expect({ other, bytes: missing.matchesBytes(bytes, 0, bytes.length), text: missing.matchesText(other) }).toEqual({
        other,
        bytes: false,
        text: false,
      });
    }
    expect(['NAN', 'nAn'].map((text) => missing.matchesText(text))).toEqual([true, true]);
    expect(new MissingValues([]).matchesText('nAN')).toBe(true);
  });

  it('reads the tokens as missing in a numbers column of a CSV file, on the fast path and the general one', async () => {
    const path = writeFile(dir, 'r.csv', csv('x,y,label', 'NA,"1.5",a', '2,NULL,NA', '#N/A,3,b', '4,n/a,NA', '1e3,None,c'));
    const table = await readTable([path]);
    expect(storages(table)).toEqual({ x: 'numeric', y: 'numeric', label: 'text' });
    expect(cells(table, 'x')).toEqual([null, 2, null, 4, 1000]);
    expect(cells(table, 'y')).toEqual([1.5, null, 3, null, null]);
    // A text column keeps the token as one of its categories.
    expect(cells(table, 'label')).toEqual(['a', 'NA', 'b', 'NA', 'c']);
  });

  it('keeps a token as text in a column that turns out to hold text after numbers', async () => {
    const path = writeFile(dir, 'late.csv', csv('v', 'NA', '1', 'NA', 'unknown'));
    expect(cells(await readTable([path]), 'v')).toEqual(['NA', '1', 'NA', 'unknown']);
  });

  it('extends or replaces the list; a number token matches by value', async () => {
    const path = writeFile(dir, 'sentinel.csv', csv('v', '-999', '-999.0', '5', '?', 'NA'));
    expect(cells(await readTable([path], { naValues: missingValueTokens(['-999', '?'], true) }), 'v')).toEqual([null, null, 5, null, null]);
    expect(cells(await readTable([path], { naValues: missingValueTokens(['?', '-999'], false) }), 'v')).toEqual([
      '-999',
      '-999.0',
      '5',
      '?',
      'NA',
    ]);
    const declared = new Map([['v', 'numerical' as const]]);
    const error = await inputError(() => readTable([path], { naValues: missingValueTokens(['?'], false), declared }));
    expect(error.message).toContain('"NA" is not a number');
  });

  it('reads the tokens as missing in JSON numbers columns and gives them back as text when the column turns to text', async () => {
    const path = writeFile(
      dir,
      'log.jsonl',
      csv('{"a": 1, "b": "NA", "c": "12"}', '{"a": "NULL", "b": 2, "c": "None"}', '{"a": 3, "b": "x", "c": "#N/A"}'),
    );
    const table = await readTable([path], { declared: new Map([['c', 'numerical']]) });
    expect(cells(table, 'a')).toEqual([1, null, 3]);
    expect(cells(table, 'b')).toEqual(['NA', '2', 'x']);
    expect(cells(table, 'c')).toEqual([12, null, null]);
  });

  it('reads the tokens as missing in a Parquet column declared numerical', async () => {
    const bytes = parquetWriteBuffer({ columnData: [{ name: 's', data: ['1.5', 'NA', 'null', '4'], type: 'STRING' }] });
    const path = writeFile(dir, 's.parquet', Buffer.from(bytes));
    expect(cells(await readTable([path], { declared: new Map([['s', 'numerical']]) }), 's')).toEqual([1.5, null, null, 4]);
  });
});
