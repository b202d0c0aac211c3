/**
 * The cell readers the model section shares, and the two phrasings its summaries share with the reports:
 * a label is one spelling whatever the file stored, a number column is checked before it is read.
 */
import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { formatSigned } from '../../src/core/format.js';
import { describeStreamPoint } from '../../src/engine/stream-point.js';
import { columnNamed, labelsOf, numberLabel, numbersOf } from '../../src/engine/model-cells.js';
import { tableOf } from '../helpers/tables.js';

describe('model cells', () => {
  const table = tableOf({ numeric: [1, 0, null, -0], text: ['1', 'yes', null, 'no'] }, 'scores.csv');

  it('finds a column by name, and nothing for a name the table lacks', () => {
    expect(columnNamed(table, 'text')?.name).toBe('text');
    expect(columnNamed(table, 'missing')).toBeUndefined();
  });

  it('spells a numeric label as its shortest text and a text label as written, missing as undefined', () => {
    const numeric = labelsOf(columnNamed(table, 'numeric')!);
    const text = labelsOf(columnNamed(table, 'text')!);
    expect([0, 1, 2, 3].map(numeric)).toEqual(['1', '0', undefined, '0']);
    expect([0, 1, 2, 3].map(text)).toEqual(['1', 'yes', undefined, 'no']);
    expect(numberLabel(-0)).toBe('0');
    expect(numberLabel(0.25)).toBe('0.25');
  });

  it('reads a numeric column as numbers and refuses text, naming the part, the side and the file', () => {
    expect(Array.from(numbersOf(columnNamed(table, 'numeric')!, 'probability', table, 'current')).slice(0, 2)).toEqual([1, 0]);
    const read = () => numbersOf(columnNamed(table, 'text')!, 'probability', table, 'current');
    expect(read).toThrow(InputError);
    expect(read).toThrow('the probability column "text" holds text in the current data');
    const thrown = (() => {
      try {
        read();
      } catch (error) {
        return error as InputError;
      }
    })();
    expect(thrown?.location.file).toBe('scores.csv');
  });
});

describe('the shared phrasings', () => {
  it('signs a change as people write it', () => {
    expect(formatSigned(0.02)).toBe('+0.02');
    expect(formatSigned(-0.125)).toBe('−0.125');
    expect(formatSigned(0)).toBe('±0');
  });

  it('places a stream point by row, with its order value, Unix times as UTC', () => {
    expect(describeStreamPoint({ position: 3, row: 7 })).toBe('row 7');
    expect(describeStreamPoint({ position: 3, row: 7, order: 'batch-9' })).toBe('row 7 (batch-9)');
    expect(describeStreamPoint({ position: 3, row: 7, order: 1_710_451_200 }, 'epoch-s')).toBe('row 7 (2024-03-14 21:20:00 UTC)');
  });
});
