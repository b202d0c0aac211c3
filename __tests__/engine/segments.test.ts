import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { MAX_SEGMENTS } from '../../src/engine/segments.js';
import { datasetOf } from '../../src/io/profile-side.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderPrometheus } from '../../src/report/prometheus.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { CLASSIFIER, classifierLog, type Cell } from '../helpers/prediction-logs.js';
import { normalDraws, tableOf } from '../helpers/tables.js';

const HOSTILE_REGION = '<img src=x onerror=alert(1)>|`south`';
const REGIONS = ['north', HOSTILE_REGION, 'east'];

/** 300 rows a region; in the current data the second region's `x` moves by one standard deviation. */
function side(seed: number, shifted: boolean): Record<string, Cell[]> {
  const region = Array.from({ length: 900 }, (_, row) => REGIONS[row % 3]);
  const x = normalDraws(900, 0, seed).map((value, row) => (shifted && row % 3 === 1 ? value + 1 : value));
  return { region, x, y: normalDraws(900, 0, seed + 100) };
}
const baseline = tableOf(side(1, false));
const current = tableOf(side(2, true));

describe('segments', () => {
  const plain = compareTables(baseline, current, defaultDriftOptions());
  const result = compareTables(baseline, current, defaultDriftOptions({ segment: 'region' }));
  const { segments } = result.segments!;

  it('checks each segment on its own and ranks the drifted one first, leaving the segment column out', () => {
    expect(segments.map((segment) => segment.value)).toEqual([HOSTILE_REGION, expect.any(String), expect.any(String)]);
    expect(segments.map((segment) => segment.drift_detected)).toEqual([true, false, false]);
    expect(segments[0].dataset.drifted_columns).toEqual(['x']);
    for (const segment of segments) {
      expect(segment.rows).toEqual({ baseline: 300, current: 300 });
      expect(segment.dataset.column_count).toBe(2);
    }
    expect(segments[0].largest_effect).toBeGreaterThan(segments[1].largest_effect!);
  });

  it('keeps the whole data verdict and the gate as they are unless the gate is asked to watch segments', () => {
    expect(result.dataset).toEqual(plain.dataset);
    expect(result.columns).toEqual(plain.columns);
    expect(result.gate.tripped_by).not.toContain('segment');
    const gated = compareTables(baseline, current, defaultDriftOptions({ segment: 'region', gateOn: new Set(['segment']) }));
    expect(gated.gate).toMatchObject({ tripped: true, tripped_by: ['segment'], summary: 'Gate tripped: segment drift.' });
  });

  it('measures performance per segment with model columns', () => {
    const log = (seed: number, changeAt?: number) => {
      const columns = classifierLog(600, { seed, ...(changeAt === undefined ? {} : { changeAt }) });
      // The second half of the rows is one segment: there the labels stop following the model.
      columns.plan = columns.x.map((_, row) => (row < 300 ? 'basic' : 'pro'));
      return tableOf(columns);
    };
    const model = compareTables(log(1), log(2, 300), defaultDriftOptions({ model: CLASSIFIER, segment: 'plan' }));
    const [first, second] = model.segments!.segments;
    expect(first).toMatchObject({ value: 'pro', drift_detected: true, performance: { status: 'degraded' } });
    expect(second).toMatchObject({ value: 'basic', performance: { status: 'ok' } });
  });

  it('compares the largest segments by rows and counts the rest', () => {
    const many = (seed: number) =>
      tableOf({ shop: Array.from({ length: 1_000 }, (_, row) => `shop-${row % 25}`), x: normalDraws(1_000, 0, seed) });
    const checked = compareTables(many(1), many(2), defaultDriftOptions({ segment: 'shop' })).segments!;
    expect(checked.segments).toHaveLength(MAX_SEGMENTS);
    expect(checked.left_out).toBe(25 - MAX_SEGMENTS);
  });

  it('refuses a profile side and a segment column that is not there', () => {
    const builder = new ProfileBuilder();
    builder.addTable(baseline);
    const profiled = datasetOf(builder.finish(), ['baseline.profile.json'], 'file');
    expect(() => compareTables(profiled, current, defaultDriftOptions({ segment: 'region' }))).toThrow(
      /--segment splits the rows of both sides, and the baseline is a profile/,
    );
    expect(() => compareTables(baseline, current, defaultDriftOptions({ segment: 'country' }))).toThrow(InputError);
  });

  it('shows the segments, ranked and escaped, in every report', () => {
    const markdown = renderMarkdown(result);
    expect(markdown).toContain('#### Segments by `region`');
    const rows = markdown.split('\n').filter((line) => line.includes(' | 300 / 300 | '));
    expect(rows.map((row) => row.split(/(?<!\\)\|/).length - 2)).toEqual([5, 5, 5]);
    expect(rows[0]).toMatch(/^\| &lt;img src=x onerror=alert\(1\)&gt;\\\|\\`south\\` \| 300 \/ 300 \| 🔴 drift \| 1 of 2 \(50%\) \|/);
    expect(markdown).not.toContain('<img');
    const html = renderHtml(result);
    expect(html).toContain('<section class="segments" aria-label="Segments">');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderSummary(result)).toContain('### Segments by `region`');
    expect(renderText(result)).toMatch(/Segments by region: 1 of 3 drifted[\s\S]*SEGMENT +ROWS +RESULT/);
    const metrics = renderPrometheus(result, { labels: {}, timestamp: new Date(0) });
    expect(metrics).toContain('driftgate_segment_drift_detected{segment_column="region",segment="north"} 0');
    expect(metrics).toMatch(
      /driftgate_segment_drift_detected\{segment_column="region",segment="<img src=x onerror=alert\(1\)>\|`south`"\} 1/,
    );
  });
});
