import { describe, expect, it } from '@jest/globals';
import { adjustPValues } from '../../src/engine/correction.js';

describe('adjustPValues', () => {
  const raw = [0.01, 0.04, 0.03, 0.005];

  it('leaves p-values alone without a correction', () => {
    expect(adjustPValues(raw, 'none')).toEqual(raw);
  });

  it('multiplies by the number of tests for Bonferroni, capped at 1', () => {
    const adjusted = adjustPValues([0.01, 0.3, 0.2], 'bonferroni');
    [0.03, 0.9, 0.6].forEach((want, index) => expect(adjusted[index]).toBeCloseTo(want, 15));
    expect(adjustPValues([0.6, 0.01], 'bonferroni')).toEqual([1, 0.02]);
  });

  it('matches R p.adjust(method = "BH") for Benjamini–Hochberg', () => {
    // R 4.x: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02
    const adjusted = adjustPValues(raw, 'fdr');
    [0.02, 0.04, 0.04, 0.02].forEach((want, index) => expect(adjusted[index]).toBeCloseTo(want, 15));
  });

  it('keeps the order of the raw p-values under Benjamini–Hochberg (step-up running minimum)', () => {
    // p.adjust(c(0.001, 0.02, 0.021, 0.5), "BH") = 0.004 0.028 0.028 0.5
    const adjusted = adjustPValues([0.5, 0.021, 0.001, 0.02], 'fdr');
    [0.5, 0.028, 0.004, 0.028].forEach((want, index) => expect(adjusted[index]).toBeCloseTo(want, 15));
  });
});
