import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareTables } from '../../src/engine/drift.js';
import { formatNumber, formatPercent } from '../../src/core/format.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { DriftResult } from '../../src/engine/result.js';
import { escapeHtml } from '../../src/report/escape.js';
import { MAX_CHARTED_COLUMNS, renderHtml } from '../../src/report/html.js';
import { BASELINE_COLOUR, CURRENT_COLOUR } from '../../src/report/html-styles.js';
import { DDM_CAVEAT } from '../../src/report/model-format.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { categoryDraws, normalDraws, tableOf } from '../helpers/tables.js';
import { type ChromiumRun, requireChromium, runChromium } from './chromium.js';
import { COMMON_CLASSES, RARE_CLASSES, classMetrics, confusionCount, manyClassResult, relabelledResult } from './class-tables.js';
import { decodePng, pngSize } from './png.js';
import { estimateOf, estimatedResult } from './estimated.js';

const HOSTILE_COLUMN = `<script>alert("column")</script></svg><img src=x onerror=alert(1)>'&`;
const HOSTILE_CATEGORY = `</svg><script>alert('category')</script>" onclick="x`;
const HOSTILE_SOURCE = `baseline"><script>alert('file')</script>.csv`;
const LONG_NAME = `${'x'.repeat(100_000)}<b>`;
const GENERATED_AT = new Date('2024-05-01T12:00:00Z');

/** Twenty-five equally likely cities: more than a chart shows, so the rest becomes one "all others" bar. */
function cities(count: number, seed: number): string[] {
  const weights = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`city-${String(index + 1).padStart(2, '0')}`, 1 / 25]));
  return categoryDraws(count, weights, seed);
}

/** A realistic check with hostile names: drifted numbers and categories, stable columns, a column gone missing. */
function mixedResult(): DriftResult {
  const planBefore = { basic: 0.5, pro: 0.3, enterprise: 0.15, [HOSTILE_CATEGORY]: 0.05 };
  const planAfter = { basic: 0.3, pro: 0.35, enterprise: 0.15, [HOSTILE_CATEGORY]: 0.2 };
  const baseline = tableOf(
    {
      age: normalDraws(600, 0, 1).map((value) => 40 + 10 * value),
      income: normalDraws(600, 0, 2).map((value) => 50_000 + 12_000 * value),
      plan: categoryDraws(600, planBefore, 3),
      city: cities(600, 4),
      [HOSTILE_COLUMN]: normalDraws(600, 0, 5),
      [LONG_NAME]: normalDraws(600, 0, 6),
      legacy_flag: normalDraws(600, 0, 7),
    },
    HOSTILE_SOURCE,
  );
  const current = tableOf(
    {
      age: normalDraws(400, 0, 11).map((value) => 40 + 10 * value),
      income: normalDraws(400, 0.8, 12).map((value) => 50_000 + 12_000 * value),
      plan: categoryDraws(400, planAfter, 13),
      city: cities(400, 14),
      [HOSTILE_COLUMN]: normalDraws(400, 1, 15),
      [LONG_NAME]: normalDraws(400, 0, 16),
    },
    'current.csv',
  );
  return compareTables(baseline, current, defaultDriftOptions());
}

/** Chromium's stderr is in the failure message, since it is the only clue to why a run failed. */
function expectSuccess(run: ChromiumRun): void {
  expect({ exitCode: run.exitCode, stderr: run.exitCode === 0 ? '' : run.stderr }).toEqual({ exitCode: 0, stderr: '' });
}

/** Column names of the detail sections, in page order. */
/** The columns by the distance each reports beside its p-value (or tests), largest first. */
function byEffect(columns: DriftResult['columns']): DriftResult['columns'] {
  const effect = (column: DriftResult['columns'][number]) => column.effect_size?.distance ?? column.score ?? 0;
  return [...columns].sort((a, b) => effect(b) - effect(a));
}

/** A confusion matrix's header and body rows as cell texts (markup inside a cell left as it is). */
function htmlMatrix(html: string, side: 'baseline' | 'current'): { header: string[]; rows: string[][] } {
  const table = new RegExp(`<table class="columns confusion" aria-label="Confusion matrix, ${side}">([\\s\\S]*?)</table>`).exec(html)![1];
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((match) => match[1]);
  const [head, ...body] = [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((match) => cells(match[1]));
  return { header: head, rows: body };
}

function sectionNames(html: string): string[] {
  return [...html.matchAll(/<article [^>]*>\s*<h3>.*?<span class="column-name">(.*?)<\/span><\/h3>/gs)].map((match) => match[1]);
}

describe('renderHtml', () => {
  const result = mixedResult();
  const html = renderHtml(result, { title: 'Nightly <check>', generatedAt: GENERATED_AT });

  it('builds a result with drifted, stable and missing columns (the fixture the other tests rely on)', () => {
    const status = Object.fromEntries(result.columns.map((column) => [column.name, column.status]));
    expect(status).toMatchObject({
      age: 'no-drift',
      income: 'drift',
      plan: 'drift',
      city: 'no-drift',
      [HOSTILE_COLUMN]: 'drift',
      [LONG_NAME]: 'no-drift',
      legacy_flag: 'missing-in-current',
    });
    expect(result.dataset.status).toBe('drift');
  });

  it('opens with the dataset verdict and its summary sentence', () => {
    const verdict = html.indexOf('<section class="verdict verdict-drift"');
    expect(verdict).toBeGreaterThan(0);
    expect(html.indexOf('Drift detected')).toBeGreaterThan(verdict);
    expect(html).toContain(escapeHtml(result.dataset.summary));
    expect(verdict).toBeLessThan(html.indexOf('<table class="columns">'));
    expect(html).toContain('<title>Nightly &lt;check&gt;</title>');
    expect(html).toContain('generated 2024-05-01T12:00:00.000Z');
  });

  it('names the sources and row counts of both sides', () => {
    expect(html).toContain(escapeHtml(HOSTILE_SOURCE));
    expect(html).toContain('current.csv');
    expect(html).toContain('600 rows');
    expect(html).toContain('400 rows');
  });

  it('escapes hostile column names, categories and file names everywhere', () => {
    for (const hostile of [HOSTILE_COLUMN, HOSTILE_CATEGORY, HOSTILE_SOURCE]) expect(html).not.toContain(hostile);
    expect(html).toContain(escapeHtml(HOSTILE_COLUMN));
    expect(html).toContain(escapeHtml(HOSTILE_CATEGORY));
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html.match(/<svg /g)?.length).toBe(html.match(/<\/svg>/g)?.length);
  });

  it('is self-contained: no scripts, no external references, a strict content policy', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    for (const [, target] of html.matchAll(/href="([^"]*)"/g)) expect(target).toMatch(/^#column-\d+$/);
  });

  it('lets names break inside a word only when the word cannot fit a line, never to narrow a column', () => {
    // overflow-wrap: anywhere also lowers a cell's minimum width, so a table squeezes names mid-word.
    expect(html).toContain('.column-name, th[scope="row"], .sources li { overflow-wrap: break-word; }');
    expect(html).not.toMatch(/overflow-wrap: anywhere|word-break: break-all/);
  });

  it('keeps very long names short', () => {
    expect(html).not.toContain('x'.repeat(1001));
    expect(html.length).toBeLessThan(200_000);
  });

  it('lists every column in the table and one section per column, drifted first, the largest effect first', () => {
    const rows = html.match(/<tr class="row-/g) ?? [];
    expect(rows).toHaveLength(result.columns.length);
    const names = sectionNames(html);
    expect(names).toHaveLength(result.columns.length);
    const drifted = byEffect(result.columns.filter((column) => column.drift_detected)).map((column) => escapeHtml(column.name));
    expect(names.slice(0, drifted.length)).toEqual(drifted);
    expect(names.slice(drifted.length)).not.toContain('legacy_flag');
    expect(html).toContain('Drifted columns first, then the rest; within each, the largest effect size first.');
  });

  it('shows the result, reasons, direction and effect size of each column', () => {
    const income = result.columns.find((column) => column.name === 'income')!;
    const row = html.match(/<tr class="row-drift">\s*<th scope="row" title="income">[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(row).toContain('ks');
    expect(row).toContain('(auto)');
    expect(row).toContain(escapeHtml(income.reasons[0]));
    expect(row).toContain('mean');
    expect(row).toContain('↑');
    expect(row).toContain('wasserstein_normed');
    expect(html).toContain('missing in current data');
  });

  it('gives a column tested by a distance that distance as its effect size, not a dash', () => {
    const rows = 1_200;
    const distances = compareTables(
      tableOf({ x: normalDraws(rows, 0, 1) }),
      tableOf({ x: normalDraws(rows, 0.5, 2) }),
      defaultDriftOptions(),
    );
    const [x] = distances.columns;
    expect(x.output).toBe('distance');
    const row = renderHtml(distances, { generatedAt: GENERATED_AT }).match(/<tr class="row-drift">[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(row.match(/<td>([^<]*)<\/td>\s*<\/tr>$/)?.[1]).toBe(`${x.method} ${formatNumber(x.score!)}`);
  });

  it('draws numerical charts with edge labels and categorical charts with an "all others" bar', () => {
    const charts = html.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
    const withHistogram = result.columns.filter((column) => column.histogram).length;
    expect(charts).toHaveLength(withHistogram);
    for (const chart of charts) {
      expect(chart).toMatch(/role="img"/);
      expect(chart).toMatch(/aria-label="Distribution of /);
      expect(chart).toMatch(/<title>Distribution of /);
      expect(chart).toContain('class="bar-baseline"');
      expect(chart).toContain('class="bar-current"');
    }
    const city = charts.find((chart) => chart.includes('Distribution of city'))!;
    expect(city).toContain('(all others)');
    const income = result.columns.find((column) => column.name === 'income')!;
    const incomeChart = charts.find((chart) => chart.includes('Distribution of income'))!;
    if (income.histogram?.kind !== 'bins') throw new Error('income should have a binned histogram');
    expect(incomeChart).toContain(`>${formatNumber(income.histogram.edges[0])}</text>`);
    expect(html).toContain('class="legend"');
  });

  it('draws shares, not counts: 600 baseline and 400 current rows give bars of the same total height', () => {
    const chart = html.match(/<svg [^>]*aria-label="Distribution of plan[\s\S]*?<\/svg>/)?.[0] ?? '';
    const totalHeight = (side: string) =>
      [...chart.matchAll(new RegExp(`class="bar-${side}"[^>]*height="([\\d.]+)"`, 'g'))].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(totalHeight('baseline')).toBeGreaterThan(0);
    expect(Math.abs(totalHeight('baseline') - totalHeight('current'))).toBeLessThan(1);
  });

  it('charts at most 50 columns, drifted first by effect, and says how many were left out', () => {
    const columnCount = MAX_CHARTED_COLUMNS + 10;
    const names = Array.from({ length: columnCount }, (_, index) => `c${String(index).padStart(2, '0')}`);
    const shiftedNames = names.slice(-3);
    const baseline = tableOf(Object.fromEntries(names.map((name, index) => [name, normalDraws(60, 0, index)])));
    const current = tableOf(
      Object.fromEntries(names.map((name, index) => [name, normalDraws(60, shiftedNames.includes(name) ? 3 : 0, 1000 + index)])),
    );
    const wide = compareTables(baseline, current, defaultDriftOptions());
    const page = renderHtml(wide, { generatedAt: GENERATED_AT });
    expect(page.match(/<tr class="row-/g)).toHaveLength(columnCount);
    const sections = sectionNames(page);
    expect(sections).toHaveLength(MAX_CHARTED_COLUMNS);
    // Null columns may drift by chance at p < 0.05, so the drifted ones are read from the result.
    const drifted = byEffect(wide.columns.filter((column) => column.drift_detected)).map((column) => column.name);
    expect(drifted).toEqual(expect.arrayContaining(shiftedNames));
    expect(sections.slice(0, drifted.length)).toEqual(drifted);
    const omittedDrifted = drifted.filter((name) => !sections.includes(name)).length;
    expect(page).toContain(`10 more columns are in the table above without a chart (${omittedDrifted} of them drifted)`);
  });

  it('draws a constant column as one bar labelled with its value and explains columns with nothing to draw', () => {
    const constant = Array.from({ length: 40 }, () => 5.5);
    const empty = Array.from({ length: 40 }, () => null);
    const declaredKinds = new Map([['empty_category', 'categorical' as const]]);
    const edgeCases = compareTables(
      tableOf({ constant, empty_number: empty, empty_category: empty }),
      tableOf({ constant, empty_number: empty, empty_category: empty }),
      defaultDriftOptions({ declaredKinds }),
    );
    const page = renderHtml(edgeCases);
    const constantSection = page.slice(page.indexOf('<svg'), page.indexOf('</svg>'));
    expect(constantSection.match(/<rect class="bar-baseline"/g)).toHaveLength(1);
    expect(constantSection).toMatch(/>5\.5<\/text>/);
    expect(page).not.toMatch(/NaN|Infinity|undefined/);
    expect(page.match(/<p class="no-chart">/g)).toHaveLength(2);
  });

  it('renders the no-drift and insufficient-data verdicts in their own colours', () => {
    const stable = compareTables(tableOf({ a: normalDraws(100, 0, 1) }), tableOf({ a: normalDraws(100, 0, 2) }), defaultDriftOptions());
    expect(renderHtml(stable)).toContain('<section class="verdict verdict-no-drift"');
    expect(renderHtml(stable)).toContain('No drift');
    const tiny = compareTables(tableOf({ a: [1.5, 2.5, 3.5] }), tableOf({ a: [1.5, 2.5] }), defaultDriftOptions());
    const tinyPage = renderHtml(tiny);
    expect(tinyPage).toContain('<section class="verdict verdict-insufficient-data"');
    expect(tinyPage).toContain('Insufficient data');
  });
});

describe('renderHtml with a model section', () => {
  const HOSTILE_ORDER = `</svg><script>alert('time')</script>`;
  const current = classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 });
  current.time = current.time.map((_, row) => `${HOSTILE_ORDER}${String(row).padStart(4, '0')}`);
  const result = compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(current), defaultDriftOptions({ model: CLASSIFIER }));
  const html = renderHtml(result, { generatedAt: GENERATED_AT });
  const changePoint = result.model!.change_point!;

  it('leads with the gate, then the model section, then the features', () => {
    expect(html).toContain('<section class="verdict verdict-drift" aria-label="Gate verdict">');
    expect(html).toContain('<p class="verdict-headline">Gate tripped</p>');
    expect(html).toContain(escapeHtml(result.gate.summary));
    expect(html).toContain('the gate trips on data, prediction, performance drift');
    const positions = [
      'aria-label="Gate verdict"',
      '<section class="model" aria-label="Model">',
      'aria-label="Performance"',
      'aria-label="When it started"',
      'aria-label="Prediction and target drift"',
      '<section aria-label="Features">',
    ].map((text) => html.indexOf(text));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(escapeHtml(result.dataset.summary));
  });

  it('tables the metrics of both sides, the verdict metric marked', () => {
    const performance = result.model!.performance!;
    expect(html).toContain(escapeHtml(performance.summary));
    const judged = html.match(/<tr class="judged">[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(judged).toContain('Accuracy');
    expect(judged).toContain(
      `<td class="number">${formatNumber(performance.baseline_value!)}</td><td class="number">${formatNumber(performance.current_value!)}</td>`,
    );
    expect(judged).toContain('(worse)');
  });

  it('charts the error over the stream with lines where the rise began and where ADWIN was sure', () => {
    const chart = html.match(/<svg [^>]*aria-label="error rate by time[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(chart).toContain('<polyline class="error-line" points="');
    expect(chart.match(/<circle class="error-point"/g)).toHaveLength(changePoint.error_series.length);
    const onsetX = Number(/<line class="change-onset" x1="([\d.]+)"/.exec(chart)?.[1]);
    const detectedX = Number(/<line class="change-detected" x1="([\d.]+)"/.exec(chart)?.[1]);
    expect(onsetX).toBeGreaterThan(56);
    expect(detectedX).toBeGreaterThan(onsetX);
    // The x axis runs over the stream: the onset sits at its share of the labelled rows.
    expect(onsetX).toBeCloseTo(56 + (692 * changePoint.onset!.position) / changePoint.stream.rows, 0);
  });

  it('escapes hostile order values in the chart, the detector table and the summary', () => {
    expect(html).not.toContain(HOSTILE_ORDER);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(escapeHtml(HOSTILE_ORDER));
    expect(html.match(/<svg /g)?.length).toBe(html.match(/<\/svg>/g)?.length);
  });

  it('shows the DDM caveat under the detector table', () => {
    expect(result.model!.change_point!.detectors.ddm.status).not.toBe('not-applicable');
    const detectors = html.slice(html.indexOf('<table class="columns detectors">'));
    expect(detectors).toMatch(
      new RegExp(`^<table class="columns detectors">[\\s\\S]*?</table><p class="facts">${escapeHtml(DDM_CAVEAT)}</p>`),
    );
  });

  it('tables each class of both sides with the change, after the metrics and before when it started', () => {
    const block = html.slice(
      html.indexOf('<article class="model-block" aria-label="Classes">'),
      html.indexOf('aria-label="When it started"'),
    );
    expect(html.indexOf('aria-label="Performance"')).toBeLessThan(html.indexOf('aria-label="Classes"'));
    const [baseline, current] = [classMetrics(result, 'baseline'), classMetrics(result, 'current')];
    for (const label of ['no', 'yes']) {
      const [before, after] = [baseline, current].map((side) => side.per_class.find((scores) => scores.label === label)!);
      expect(block).toContain(
        `<tr><th scope="row">${label}</th><td class="number">${before.support} → ${after.support}</td><td class="number">${formatNumber(before.precision)} → ${formatNumber(after.precision)} (`,
      );
    }
  });

  it("draws both sides' confusion matrices with the JSON report's counts, the right answers marked", () => {
    for (const name of ['baseline', 'current'] as const) {
      const side = classMetrics(result, name);
      const { header, rows } = htmlMatrix(html, name);
      expect(header).toEqual(['True ↓ / predicted →', 'no', 'yes', 'Rows']);
      for (const [trueLabel, ...cells] of rows) {
        const total = side.per_class.find((scores) => scores.label === trueLabel)!.support;
        expect(cells).toEqual([
          ...['no', 'yes']
            .map((predicted) => confusionCount(side, trueLabel, predicted))
            .map((count) => `${count} (${formatPercent(count / total)})`),
          String(total),
        ]);
      }
    }
    const baselineTable = /aria-label="Confusion matrix, baseline">[\s\S]*?<\/table>/.exec(html)![0];
    expect(baselineTable.match(/<td class="number hit">/g)).toHaveLength(2);
    expect(baselineTable).toMatch(/<tr><th scope="row">no<\/th><td class="number hit">/);
    expect(baselineTable).toMatch(/<tr><th scope="row">yes<\/th><td class="number">[^<]*<\/td><td class="number hit">/);
    expect(html).toMatch(/<caption>Confusion matrix, current <span class="count">\(800 labelled rows\)<\/span><\/caption>/);
  });

  it('lists the model columns with their role and draws their distributions', () => {
    const block = html.slice(html.indexOf('aria-label="Prediction and target drift"'), html.indexOf('<section aria-label="Features">'));
    expect(block.match(/<tr class="row-/g)).toHaveLength(4);
    expect(block).toContain('<td>probability of &quot;yes&quot;</td>');
    expect(block).toContain('id="model-column-0"');
    expect(block).toMatch(/aria-label="Distribution of prediction/);
    expect(html.match(/<tr class="row-/g)).toHaveLength(result.columns.length + 4);
  });
});

describe('renderHtml of a binary model with one probability column', () => {
  it('names the class the column is the probability of', () => {
    const model = { ...CLASSIFIER, probabilities: { kind: 'positive', column: 'proba.yes' } as const, positiveLabel: 'yes' };
    const html = renderHtml(
      compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(classifierLog(800, { seed: 2 })), defaultDriftOptions({ model })),
      { generatedAt: GENERATED_AT },
    );
    expect(html).toContain(
      '<p class="facts">prediction <code>prediction</code> · target <code>label</code> · probability of &quot;yes&quot; <code>proba.yes</code> · order <code>time</code></p>',
    );
  });
});

describe('renderHtml with hostile class labels', () => {
  const YES = `</td><script>alert("class")</script>`;
  const NO = `"><img src=x onerror=alert(2)>`;
  const result = relabelledResult(YES, NO);
  const html = renderHtml(result, { generatedAt: GENERATED_AT });

  it('escapes them in the class table, both matrices and the probability columns', () => {
    for (const label of [YES, NO]) expect(html).not.toContain(label);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(`<tr><th scope="row">${escapeHtml(NO)}</th><td class="number">`);
    for (const name of ['baseline', 'current'] as const) {
      const { header, rows } = htmlMatrix(html, name);
      expect(header.slice(1, 3)).toEqual([escapeHtml(NO), escapeHtml(YES)]);
      expect(rows.map((row) => row.length)).toEqual([4, 4]);
      expect(Number(rows[1][2].split(' ')[0])).toBe(confusionCount(classMetrics(result, name), YES, YES));
    }
    expect(html).toContain(
      `probabilities of ${escapeHtml(JSON.stringify(NO))} <code>proba.no</code>, of ${escapeHtml(JSON.stringify(YES))} <code>proba.yes</code>`,
    );
  });
});

describe('renderHtml with more classes than a table shows', () => {
  const result = manyClassResult();
  const html = renderHtml(result, { generatedAt: GENERATED_AT });

  it('lists the 20 largest classes, merges the rest into "(all others)" in the matrices and says so', () => {
    const { header, rows } = htmlMatrix(html, 'baseline');
    expect(header).toEqual(['True ↓ / predicted →', ...COMMON_CLASSES, '<span class="other">(all others)</span>', 'Rows']);
    const side = classMetrics(result, 'baseline');
    const rareRows = RARE_CLASSES.reduce((sum, label) => sum + side.per_class.find((scores) => scores.label === label)!.support, 0);
    expect(rows[rows.length - 1][rows[rows.length - 1].length - 1]).toBe(rareRows.toLocaleString('en-US'));
    for (const label of RARE_CLASSES) expect(html).not.toContain(`>${label}<`);
    expect(html).toContain('5 more classes with the fewest labelled rows are not listed');
  });
});

describe('renderHtml in a real browser (headless Chromium, network off)', () => {
  const result = mixedResult();
  let dir: string;
  let reportUrl: string;

  beforeAll(() => {
    requireChromium();
    dir = mkdtempSync(join(tmpdir(), 'driftgate-html-'));
    const reportPath = join(dir, 'report.html');
    writeFileSync(reportPath, renderHtml(result, { generatedAt: GENERATED_AT }));
    reportUrl = pathToFileURL(reportPath).href;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders a non-blank screenshot of the requested size, with bars in both chart colours', async () => {
    const screenshot = join(dir, 'report.png');
    const run = await runChromium([`--screenshot=${screenshot}`, '--window-size=1200,2000', reportUrl], 60_000);
    expectSuccess(run);
    expect(statSync(screenshot, { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(50_000);
    const bytes = readFileSync(screenshot);
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 2000 });
    const image = decodePng(bytes);
    // `#rrggbb` read once, not once per pixel: the loop below visits 2.4 million of them.
    const channelsOf = (colour: string) => [1, 3, 5].map((start) => parseInt(colour.slice(start, start + 2), 16));
    const [baselineChannels, currentChannels] = [channelsOf(BASELINE_COLOUR), channelsOf(CURRENT_COLOUR)];
    const near = (offset: number, channels: number[]) =>
      channels.every((value, channel) => Math.abs(image.rgba[offset + channel] - value) <= 4);
    let nonWhite = 0;
    let baselinePixels = 0;
    let currentPixels = 0;
    for (let offset = 0; offset < image.rgba.length; offset += 4) {
      if (image.rgba[offset] < 245 || image.rgba[offset + 1] < 245 || image.rgba[offset + 2] < 245) nonWhite++;
      if (near(offset, baselineChannels)) baselinePixels++;
      if (near(offset, currentChannels)) currentPixels++;
    }
    const pixels = image.width * image.height;
    expect(nonWhite / pixels).toBeGreaterThan(0.05);
    expect(baselinePixels).toBeGreaterThan(2000);
    expect(currentPixels).toBeGreaterThan(2000);
  }, 90_000);

  it('renders the verdict, the escaped names and SVG bars for both sides into the DOM, and runs nothing', async () => {
    const run = await runChromium(['--dump-dom', reportUrl], 60_000);
    expectSuccess(run);
    const dom = run.stdout;
    expect(dom).toContain('Drift detected');
    expect(dom).toContain(
      escapeHtml(result.dataset.summary)
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
    );
    const svgs = dom.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBe(result.columns.filter((column) => column.histogram).length);
    for (const svg of svgs) {
      expect(svg).toMatch(/<rect class="bar-baseline"/);
      expect(svg).toMatch(/<rect class="bar-current"/);
    }
    // The serializer re-escapes text, so hostile markup shows up as text and never as an element.
    expect(dom).not.toMatch(/<script|<img/i);
    expect(dom).toContain('&lt;script&gt;alert("column")&lt;/script&gt;');
  }, 90_000);
});

describe('renderHtml time axes', () => {
  const start = Date.UTC(2024, 2, 1) / 1000;
  /** A log written once a minute, its time and a `created_at` feature in Unix seconds. */
  const log = (rows: number, seed: number, shape: Parameters<typeof classifierLog>[1]) => {
    const columns = classifierLog(rows, { ...shape, seed });
    columns.time = columns.time.map((_, row) => start + row * 60);
    columns.created_at = columns.time.map((_, row) => start - 86_400 * 30 + row * 3_600 * (seed + 1));
    return tableOf(columns);
  };
  const result = compareTables(
    log(500, 1, { seed: 1 }),
    log(800, 2, { seed: 2, changeAt: 400 }),
    defaultDriftOptions({ model: CLASSIFIER, declaredKinds: new Map([['created_at', 'numerical']]) }),
  );
  const html = renderHtml(result, { generatedAt: GENERATED_AT });
  const changePoint = result.model!.change_point!;
  const tickLabels = (chart: string) =>
    [...chart.matchAll(/<text class="tick" x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/g)].map(([, x, label]) => ({
      x: Number(x),
      label,
    }));

  it('labels the error chart over Unix seconds with round UTC times, placed where those rows are', () => {
    expect(changePoint.stream.order_time).toBe('epoch-s');
    const chart = html.match(/<svg [^>]*aria-label="error rate by time[\s\S]*?<\/svg>/)?.[0] ?? '';
    const ticks = tickLabels(chart);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const { x, label } of ticks) {
      expect(label).toMatch(/^2024-03-01 \d{2}:\d{2}$/);
      // Every row is labelled and a minute apart, so a time's stream position is its minutes since the start.
      const position = (Date.parse(`${label.replace(' ', 'T')}:00Z`) / 1000 - start) / 60;
      expect(x).toBeCloseTo(56 + (692 * position) / changePoint.stream.rows, 0);
    }
    expect(chart).not.toMatch(/\de\+9/);
    expect(html).toMatch(/the rise began at row \d+ \(2024-03-01 \d{2}:\d{2}:00 UTC\)/);
  });

  it('labels the histogram of a time-named column of Unix seconds with dates', () => {
    const created = result.columns.find((column) => column.name === 'created_at')!;
    expect(created.histogram).toMatchObject({ kind: 'bins', edges_time: 'epoch-s' });
    const section = html.slice(html.indexOf('<span class="column-name">created_at</span>'));
    const chart = section.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';
    const labels = tickLabels(chart).map((tick) => tick.label);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    // About four months: one label a month.
    for (const label of labels) expect(label).toMatch(/^2024-0[1-6]$/);
    expect(chart).not.toMatch(/\de\+9/);
  });
});

describe('renderHtml with the performance estimated without labels', () => {
  const result = estimatedResult();
  const estimate = estimateOf(result);
  const html = renderHtml(result, { generatedAt: GENERATED_AT });

  it('shows the verdict badge, the rows estimated, the calibration and each estimate with its band and realized value', () => {
    const block = html.slice(html.indexOf('<article class="model-block model-drift" aria-label="Estimated performance">'));
    expect(block).toContain('<h3><span class="badge badge-drift">estimated performance drift</span> Estimated performance</h3>');
    expect(block).toContain(escapeHtml(estimate.verdict!.summary));
    expect(block).toContain(`on ${estimate.unlabelled!.rows} current rows whose labels have not arrived`);
    expect(block).toContain(`expected calibration error ${formatNumber(estimate.calibration.raw_ece!)} raw`);
    const { accuracy } = estimate.unlabelled!;
    expect(block).toContain(
      `<tr><th scope="row">Accuracy (verdict)</th><td class="number">${formatNumber(accuracy.value)}</td><td class="number">${formatNumber(accuracy.lower!)} to ${formatNumber(accuracy.upper!)}</td>`,
    );
    expect(block).toContain(
      `<td class="number">${formatNumber(estimate.labelled!.accuracy.realized!)} (${estimate.labelled!.accuracy.within_band ? 'in the band' : 'outside the band'})</td>`,
    );
  });

  it('escapes a hostile positive class', () => {
    const hostile = renderHtml(estimatedResult('<img src=x>'), { generatedAt: GENERATED_AT });
    expect(hostile).not.toContain('<img src=x>');
    expect(hostile).toContain('Metric (positive class &quot;&lt;img src=x&gt;&quot;)');
  });
});
