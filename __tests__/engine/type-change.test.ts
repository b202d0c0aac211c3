import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

describe('the type-change note', () => {
  it('names the first row and value that made the current column text, skipping numbers and missing-value tokens', () => {
    const values = normalDraws(60, 0, 1);
    const current: Array<number | string | null> = values.map(String);
    current[3] = 'NA';
    current[7] = '12 kg';
    current[9] = 'oops';
    const result = compareTables(tableOf({ x: values }), tableOf({ x: current }), defaultDriftOptions());
    const reasons = result.columns[0].reasons;
    expect(reasons).toContain('type changed: numbers in the baseline, text (from data row 8: "12 kg") in the current data');
  });

  it('names no row when every cell of the text column is a number or a token the check was told of', () => {
    const values = normalDraws(60, 0, 2);
    const current: Array<number | string | null> = values.map(String);
    current[0] = 'NA';
    const result = compareTables(tableOf({ x: values }), tableOf({ x: current }), defaultDriftOptions());
    expect(result.columns[0].reasons).toContain('type changed: numbers in the baseline, text in the current data');
  });
});
