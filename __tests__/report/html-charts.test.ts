/**
 * The HTML report's distribution chart on its own: nothing to draw is no chart, data in labels is escaped,
 * and each side's share is a bar of its own colour class.
 */
import { describe, expect, it } from '@jest/globals';
import { histogramChart } from '../../src/report/html-charts.js';

describe('histogramChart', () => {
  it('draws nothing for a column with no values on either side', () => {
    expect(
      histogramChart('empty', { kind: 'categories', categories: [], baseline: [], current: [], other_baseline: 0, other_current: 0 }),
    ).toBeUndefined();
  });

  it('escapes category labels and draws a bar per side where the side has values', () => {
    const svg = histogramChart('city', {
      kind: 'categories',
      categories: ['<b>x</b>', 'y'],
      baseline: [3, 1],
      current: [0, 4],
      other_baseline: 0,
      other_current: 0,
    })!;
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg.match(/class="bar-baseline"/g)).toHaveLength(2);
    // The current side has no values in the first category, so no bar there.
    expect(svg.match(/class="bar-current"/g)).toHaveLength(1);
  });

  it('labels the bins of a numeric column by their edges', () => {
    const svg = histogramChart('amount', { kind: 'bins', edges: [0, 10, 20], baseline: [5, 5], current: [2, 8] })!;
    expect(svg).toContain('each of 2 bins');
    expect(svg).toMatch(/text-anchor="middle">10<\/text>/);
  });
});
