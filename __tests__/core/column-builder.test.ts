import { describe, expect, it } from '@jest/globals';
import { ByteCodes, InferredColumnBuilder, NumericColumnBuilder, TextColumnBuilder } from '../../src/core/column-builder.js';
import { cellsOf } from '../io/temp.js';

describe('column builders', () => {
  it('grows numeric storage past its initial capacity', () => {
    const builder = new NumericColumnBuilder();
    for (let row = 0; row < 5000; row++) builder.push(row);
    builder.padTo(5002);
    const column = builder.finish('n');
    expect(column.values).toHaveLength(5002);
    expect(column.values[4999]).toBe(4999);
    expect(cellsOf(column).slice(-3)).toEqual([4999, null, null]);
  });

  it('interns texts in order of first appearance', () => {
    const builder = new TextColumnBuilder();
    for (const text of ['b', 'a', 'b', 'c']) builder.push(text);
    builder.pushMissing();
    const column = builder.finish('t');
    expect(column.dictionary).toEqual(['b', 'a', 'c']);
    expect(Array.from(column.codes)).toEqual([0, 1, 0, 2, -1]);
  });

  it('turns earlier numbers into their JSON text when text arrives', () => {
    const builder = new InferredColumnBuilder(false);
    builder.pushNumber(1.5);
    builder.pushMissing();
    builder.pushNumber(-0);
    builder.pushText('x');
    builder.pushNumber(2);
    expect(cellsOf(builder.finish('m'))).toEqual(['1.5', null, '0', 'x', '2']);
  });
});

describe('ByteCodes', () => {
  it('finds byte strings it was given, across growth and rehashing', () => {
    const codes = new ByteCodes();
    const texts = Array.from({ length: 3000 }, (_, k) => `value-${k}-${'x'.repeat(k % 50)}`);
    const bytes = Buffer.from(`#${texts.join('#')}#`);
    const ranges: Array<[number, number]> = [];
    let start = 1;
    for (const text of texts) {
      ranges.push([start, start + text.length]);
      start += text.length + 1;
    }
    ranges.forEach(([from, to], code) => {
      expect(codes.find(bytes, from, to)).toBe(-1);
      codes.add(bytes, from, to, code);
    });
    ranges.forEach(([from, to], code) => expect(codes.find(bytes, from, to)).toBe(code));
    expect(codes.find(Buffer.from('value-1-'), 0, 7)).toBe(-1);
    expect(codes.find(Buffer.from(''), 0, 0)).toBe(-1);
  });
});
