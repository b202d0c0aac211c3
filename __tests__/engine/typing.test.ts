import { describe, expect, it } from '@jest/globals';
import { INTEGER_CATEGORY_LIMIT, inferKind, looksLikeIdentifier } from '../../src/engine/typing.js';
import { tableOf } from '../helpers/tables.js';

const column = (cells: Array<number | string | null>) => tableOf({ c: cells }).columns[0];

describe('inferKind', () => {
  it('calls any column holding text categorical', () => {
    expect(inferKind(column(['a', 'b']), column([1, 2]))).toBe('categorical');
    expect(inferKind(column([1, 2]), column(['1', 'x']))).toBe('categorical');
  });

  it(`calls integer columns with at most ${INTEGER_CATEGORY_LIMIT} distinct values categorical`, () => {
    const codes = Array.from({ length: 100 }, (_, i) => i % INTEGER_CATEGORY_LIMIT);
    expect(inferKind(column(codes), column(codes))).toBe('categorical');
    expect(inferKind(column(codes), column([...codes, INTEGER_CATEGORY_LIMIT]))).toBe('numerical');
  });

  it('calls fractional numbers numerical, and ignores missing and infinite cells', () => {
    expect(inferKind(column([0.5, 1, null]), column([1, 2]))).toBe('numerical');
    expect(inferKind(column([1, 2, Infinity, null]), column([2, 1]))).toBe('categorical');
    expect(inferKind(column([null, null]), undefined)).toBe('numerical');
  });
});

describe('looksLikeIdentifier', () => {
  it('recognises text columns of (nearly) all-distinct values, but not small samples or repeated values', () => {
    expect(looksLikeIdentifier(column(Array.from({ length: 50 }, (_, i) => `id-${i}`)))).toBe(true);
    expect(looksLikeIdentifier(column(Array.from({ length: 10 }, (_, i) => `id-${i}`)))).toBe(false);
    expect(looksLikeIdentifier(column(Array.from({ length: 50 }, (_, i) => `v-${i % 40}`)))).toBe(false);
    expect(looksLikeIdentifier(column(Array.from({ length: 50 }, (_, i) => i)))).toBe(false);
  });
});
