import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { missingCount } from '../../src/engine/samples.js';
import type { Table } from '../../src/core/table.js';
import { readTable } from '../../src/io/read.js';
import { GOLDEN_DIR, goldenCaseNames, goldenExpectations } from '../helpers/golden.js';

function missingByColumn(table: Table): Record<string, number> {
  return Object.fromEntries(table.columns.map((column) => [column.name, missingCount(column)]));
}

describe('golden corpus CSV files', () => {
  it.each(goldenCaseNames)('%s: row and missing counts match expected.json', async (caseName) => {
    const expected = goldenExpectations(caseName);
    const declared = new Map(Object.entries(expected.columns).map(([name, column]) => [name, column.type] as const));
    const reference = await readTable([join(GOLDEN_DIR, caseName, 'reference.csv')], { declared });
    const current = await readTable([join(GOLDEN_DIR, caseName, 'current.csv')], { declared });

    expect(reference.rowCount).toBe(expected.reference_rows);
    expect(current.rowCount).toBe(expected.current_rows);
    const wantReference = Object.fromEntries(Object.entries(expected.columns).map(([name, c]) => [name, c.reference_missing]));
    const wantCurrent = Object.fromEntries(Object.entries(expected.columns).map(([name, c]) => [name, c.current_missing]));
    expect(missingByColumn(reference)).toEqual(wantReference);
    expect(missingByColumn(current)).toEqual(wantCurrent);
    for (const table of [reference, current]) {
      for (const column of table.columns) {
        expect({ name: column.name, storage: column.storage }).toEqual({
          name: column.name,
          storage: expected.columns[column.name].type === 'numerical' ? 'numeric' : 'text',
        });
        const length = column.storage === 'numeric' ? column.values.length : column.codes.length;
        expect(length).toBe(table.rowCount);
      }
    }
  });
});
