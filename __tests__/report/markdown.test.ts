import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { DriftResult } from '../../src/engine/result.js';
import { formatNumber, formatPercent } from '../../src/core/format.js';
import { formatSigned } from '../../src/core/format.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { columnTable, renderMarkdown } from '../../src/report/markdown.js';
import { MAX_SHOWN_CLASSES } from '../../src/report/model-format.js';
import { renderSummary } from '../../src/report/summary.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { normalDraws, tableOf } from '../helpers/tables.js';
import {
  COMMON_CLASSES,
  RARE_CLASSES,
  classMetrics,
  confusionCount,
  countOf,
  manyClassResult,
  markdownTableAfter,
  relabelledResult,
} from './class-tables.js';
import { estimateOf, estimatedResult } from './estimated.js';

const baseline = tableOf({ steady: normalDraws(200, 0, 1), moved: normalDraws(200, 0, 2), 'a|b`c\nd': normalDraws(200, 0, 3) }, 'base.csv');
const current = tableOf({ steady: normalDraws(200, 0, 4), moved: normalDraws(200, 2, 5), 'a|b`c\nd': normalDraws(200, 2, 6) }, 'fresh.csv');
const result = compareTables(baseline, current, defaultDriftOptions());

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(result);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Column'));

  it('opens with the verdict and the two sides', () => {
    expect(markdown).toMatch(/^### 🔴 Drift detected: 2 of 3 columns drifted/);
    expect(markdown).toContain('Baseline: `base.csv` (200 rows) · Current: `fresh.csv` (200 rows)');
  });

  it('lists drifted columns first, the larger effect first, each row with seven cells', () => {
    const effect = (name: string) => result.columns.find((column) => column.name === name)!.effect_size!.distance;
    expect(effect('a|b`c\nd')).toBeGreaterThan(effect('moved'));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| a\\|b\\`c d', '| moved', '| steady']);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(7);
    expect(rows[1]).toMatch(/\| ks \(auto\) \| p = [0-9.e-]+ \(wasserstein_normed [0-9.]+\) \| 0\.05 \| 🔴 drift \| ↑ mean /);
  });

  it('cuts the table at maxColumns with a note saying how many drifted columns are hidden', () => {
    const table = columnTable(result.columns, 1);
    expect(table.split('\n').filter((line) => line.startsWith('| ')).length).toBe(2);
    expect(table).toContain('_2 more columns not shown (1 of them drifted); the JSON report has all of them._');
  });
});

describe('file names that carry Markdown', () => {
  const hostile = 'data.csv\n\n## Approved by security\n\n[details](https://evil.example)\n\n<img src=x>';
  const named = compareTables(
    tableOf({ x: normalDraws(50, 0, 1) }, hostile),
    tableOf({ x: normalDraws(50, 0, 2) }, 'fresh.csv'),
    defaultDriftOptions(),
  );

  it('stay inside their code span in the report and the job summary: no heading, link or paragraph of their own', () => {
    for (const markdown of [renderMarkdown(named), renderSummary(named)]) {
      const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
      expect(headings).toHaveLength(1);
      expect(markdown).not.toMatch(/^\[details\]/m);
      expect(markdown).toContain('Baseline: `data.csv  ## Approved by security  [details](https://evil.example)  <img src=x>` (50 rows)');
    }
  });
});

/** Logs whose order values are hostile text: they must come out as text in tables and charts alike. */
function modelResult(): DriftResult {
  const current = classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 });
  current.time = current.time.map((_, row) => `t|"${String(row).padStart(4, '0')}\`<b>`);
  return compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(current), defaultDriftOptions({ model: CLASSIFIER }));
}

describe('renderMarkdown with a model section', () => {
  const withModel = modelResult();
  const markdown = renderMarkdown(withModel);

  it('opens with the gate, then the model, then the features', () => {
    expect(markdown).toMatch(/^### 🔴 Gate tripped: [a-z ,]*performance drift\.\n\nBaseline: /);
    const order = [
      '#### Model (classification)',
      '**Performance**: 🔴 Performance drift: Accuracy',
      '| Metric | Baseline | Current | Change |',
      '**When it started**: The error rate rose from row',
      '```mermaid',
      '**Prediction and target drift**: prediction 🔴 drift',
      '#### Features',
      '| Column | Type | Method |',
    ];
    const positions = order.map((text) => markdown.indexOf(text));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(markdown).toContain(
      'Columns: prediction `prediction` · target `label` · probabilities of "no" `proba.no`, of "yes" `proba.yes` · order `time`',
    );
  });

  it('tables every metric of both sides with the change, the verdict metric marked', () => {
    const performance = withModel.model!.performance!;
    const accuracyRow = markdown.split('\n').find((line) => line.startsWith('| **Accuracy** (verdict) |'))!;
    expect(accuracyRow).toBe(
      `| **Accuracy** (verdict) | ${formatNumber(performance.baseline_value!)} | ${formatNumber(performance.current_value!)} | −${formatNumber(-performance.difference!)} (worse) |`,
    );
    for (const title of ['Balanced accuracy', 'F1 (macro)', 'Precision (macro)', 'Recall (macro)', 'ROC AUC', 'Log loss'])
      expect(markdown).toContain(`| ${title} | `);
    expect(markdown).toMatch(/\| Log loss \| [0-9.]+ \| [0-9.]+ \| \+[0-9.]+ \(worse\) \|/);
  });

  it('lists each detector, ADWIN first, DDM with its caveat, and escapes order values', () => {
    const rows = markdown.split('\n').filter((line) => /^\| (ADWIN|Page-Hinkley|DDM) \|/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| ADWIN', '| Page-Hinkley', '| DDM']);
    expect(rows[0]).toMatch(/^\| ADWIN \| row \d+ \(t\\\|"\d{4}\\`&lt;b&gt;\) \| row \d+ /);
    expect(markdown).toContain('_DDM with its published defaults also alarms on about half of long stable streams');
    expect(markdown).not.toContain('<b>');
  });

  it('charts the error rate with a bar where the rise began', () => {
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)![1];
    const lines = chart.split('\n');
    expect(lines[0]).toBe('xychart-beta');
    expect(lines[1]).toBe('    title "Error rate by time (bar: where the rise began)"');
    expect(lines[2]).not.toMatch(/[`<>]|\\"/);
    const series = withModel.model!.change_point!.error_series;
    const bar = JSON.parse(lines[4].replace(/^ {4}bar /, ''));
    const line = JSON.parse(lines[5].replace(/^ {4}line /, ''));
    expect(line).toHaveLength(series.length);
    expect(bar.filter((value: number) => value > 0)).toHaveLength(1);
    const marked = bar.findIndex((value: number) => value > 0);
    const onset = withModel.model!.change_point!.onset!.position;
    expect(onset).toBeGreaterThanOrEqual(series[marked].first_position);
    expect(onset).toBeLessThan(series[marked].first_position + series[marked].rows);
  });

  it('labels the chart and the detector table with UTC times when the order is Unix milliseconds', () => {
    const current = classifierLog(800, { seed: 2, shift: 0.5, changeAt: 400 });
    current.time = current.time.map((_, row) => Date.UTC(2024, 2, 1) + row * 60_000);
    const timed = renderMarkdown(
      compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(current), defaultDriftOptions({ model: CLASSIFIER })),
    );
    const axis = /```mermaid\n[\s\S]*?\n {4}x-axis \[(.*)\]\n/.exec(timed)![1];
    const labels = JSON.parse(`[${axis}]`) as string[];
    // 800 minutes in 30 buckets: about 27 minutes apart, so minutes and no seconds.
    expect(labels).toHaveLength(30);
    for (const label of labels) expect(label).toMatch(/^2024-03-01 \d{2}:\d{2}$/);
    expect(timed).toMatch(/\| ADWIN \| row \d+ \(2024-03-01 \d{2}:\d{2}:00 UTC\) \| row \d+ \(2024-03-01 /);
  });

  it('tables the model columns with their role, eight cells a row', () => {
    const rows = markdown.split('\n').filter((line) => /^\| (prediction|proba\\\.|label) /.test(line) || line.startsWith('| proba.'));
    expect(rows.map((row) => row.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| prediction | prediction',
      '| proba.no | probability of "no"',
      '| proba.yes | probability of "yes"',
      '| label | target',
    ]);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
  });

  it('tables each class of both sides with the change, after the metrics and before when it started', () => {
    const positions = [
      '| Metric | Baseline | Current | Change |',
      '**Classes**: baseline → current (change).',
      '**Confusion matrix, baseline**',
      '**Confusion matrix, current**',
      '**When it started**',
    ].map((text) => markdown.indexOf(text));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const table = markdownTableAfter(markdown, '**Classes**');
    expect(table[0]).toEqual(['Class', 'Support', 'Precision', 'Recall', 'F1']);
    const [baseline, current] = [classMetrics(withModel, 'baseline'), classMetrics(withModel, 'current')];
    expect(table.slice(1).map((row) => row[0])).toEqual(['no', 'yes']);
    for (const row of table.slice(1)) {
      const [before, after] = [baseline, current].map((side) => side.per_class.find((scores) => scores.label === row[0])!);
      const change = (score: 'precision' | 'recall' | 'f1') =>
        `${formatNumber(before[score])} → ${formatNumber(after[score])} (${formatSigned(after[score] - before[score])})`;
      expect(row.slice(1)).toEqual([`${before.support} → ${after.support}`, change('precision'), change('recall'), change('f1')]);
    }
  });

  it("writes both sides' confusion matrices with the JSON report's counts and each count's share of its row", () => {
    for (const name of ['baseline', 'current'] as const) {
      const side = classMetrics(withModel, name);
      const [header, ...rows] = markdownTableAfter(markdown, `**Confusion matrix, ${name}** (${side.rows} labelled rows;`);
      expect(header).toEqual(['True ↓ / predicted →', 'no', 'yes', 'Rows']);
      expect(rows.map((row) => row[0])).toEqual(['no', 'yes']);
      for (const [trueLabel, ...cells] of rows) {
        const total = side.per_class.find((scores) => scores.label === trueLabel)!.support;
        const expected = ['no', 'yes']
          .map((predicted) => confusionCount(side, trueLabel, predicted))
          .map((count) => `${count} (${formatPercent(count / total)})`);
        expect(cells).toEqual([...expected, String(total)]);
      }
      expect(rows.reduce((sum, row) => sum + countOf(row[3]), 0)).toBe(side.rows);
    }
  });

  it('keeps the report of a check without model columns exactly as it was', () => {
    expect(renderMarkdown(result)).not.toMatch(/Gate|Model|Features/);
  });
});

describe('classes when the current data has no labels yet', () => {
  const result = compareTables(
    tableOf(classifierLog(500, { seed: 1 })),
    tableOf(classifierLog(300, { seed: 2, unlabelledFrom: 0 })),
    defaultDriftOptions({ model: CLASSIFIER }),
  );
  const markdown = renderMarkdown(result);

  it("show the baseline's scores and matrix alone, and say why", () => {
    const baseline = classMetrics(result, 'baseline');
    expect(result.model!.performance!.metrics.current).toBeUndefined();
    expect(markdown).toContain('**Classes**: baseline only: the current data has no labelled rows.');
    const yes = baseline.per_class.find((scores) => scores.label === 'yes')!;
    expect(markdownTableAfter(markdown, '**Classes**')[2]).toEqual([
      'yes',
      String(yes.support),
      formatNumber(yes.precision),
      formatNumber(yes.recall),
      formatNumber(yes.f1),
    ]);
    expect(markdown).toContain('**Confusion matrix, baseline**');
    expect(markdown).not.toContain('**Confusion matrix, current**');
  });
});

describe('a binary model with one probability column', () => {
  it('names the class the column is the probability of', () => {
    const model = { ...CLASSIFIER, probabilities: { kind: 'positive', column: 'proba.yes' } as const, positiveLabel: 'yes' };
    const markdown = renderMarkdown(
      compareTables(tableOf(classifierLog(500, { seed: 1 })), tableOf(classifierLog(800, { seed: 2 })), defaultDriftOptions({ model })),
    );
    expect(markdown).toContain('Columns: prediction `prediction` · target `label` · probability of "yes" `proba.yes` · order `time`');
    expect(markdown).not.toContain('probabilities');
  });
});

describe('class labels that carry Markdown', () => {
  const YES = 'y|`<img src=x>`\n## ok';
  const NO = '*n*[x](https://e.x)_';
  const result = relabelledResult(YES, NO);

  it('stay inside their cells in the class table and both matrices, in the report and the job summary', () => {
    for (const markdown of [renderMarkdown(result), renderSummary(result)]) {
      expect(markdown).not.toContain('<img');
      expect(markdown).not.toMatch(/^## ok/m);
      expect(markdown).not.toMatch(/^\[x\]/m);
      const classes = markdownTableAfter(markdown, '**Classes**');
      expect(classes.slice(1).map((row) => row[0])).toEqual([escapeMarkdown(NO), escapeMarkdown(YES)]);
      for (const row of classes) expect(row).toHaveLength(5);
      for (const name of ['baseline', 'current'] as const) {
        const matrix = markdownTableAfter(markdown, `**Confusion matrix, ${name}**`);
        expect(matrix[0]).toEqual(['True ↓ / predicted →', escapeMarkdown(NO), escapeMarkdown(YES), 'Rows']);
        for (const row of matrix) expect(row).toHaveLength(4);
        expect(countOf(matrix[2][2])).toBe(confusionCount(classMetrics(result, name), YES, YES));
      }
    }
  });

  it('are quoted and escaped where the probability columns are named', () => {
    const columns = renderMarkdown(result)
      .split('\n')
      .find((line) => line.startsWith('Columns: '))!;
    expect(columns).toContain(
      `probabilities of ${escapeMarkdown(JSON.stringify(NO))} \`proba.no\`, of ${escapeMarkdown(JSON.stringify(YES))} \`proba.yes\``,
    );
  });
});

describe('more classes than a table shows', () => {
  const result = manyClassResult();
  const markdown = renderMarkdown(result);

  it(`lists the ${MAX_SHOWN_CLASSES} classes with the most labelled rows and says how many it left out`, () => {
    const rows = markdownTableAfter(markdown, '**Classes**').slice(1);
    expect(rows.map((row) => row[0])).toEqual(COMMON_CLASSES.map(escapeMarkdown));
    expect(markdown).toContain(
      `_${RARE_CLASSES.length} more classes with the fewest labelled rows are not listed and are merged into "(all others)" in the confusion matrices; the JSON report has every class._`,
    );
  });

  it('merges the rest into one row and one column, so every labelled row is still counted', () => {
    for (const name of ['baseline', 'current'] as const) {
      const side = classMetrics(result, name);
      expect(side.labels).toHaveLength(COMMON_CLASSES.length + RARE_CLASSES.length);
      const [header, ...rows] = markdownTableAfter(markdown, `**Confusion matrix, ${name}**`);
      expect(header).toEqual(['True ↓ / predicted →', ...COMMON_CLASSES.map(escapeMarkdown), '_(all others)_', 'Rows']);
      expect(rows.map((row) => row[0])).toEqual([...COMMON_CLASSES.map(escapeMarkdown), '_(all others)_']);
      const groups = [...COMMON_CLASSES.map((label) => [label]), RARE_CLASSES];
      rows.forEach((row, rowIndex) => {
        const expected = groups.map((predicted) =>
          groups[rowIndex].reduce(
            (sum, trueLabel) => sum + predicted.reduce((inner, label) => inner + confusionCount(side, trueLabel, label), 0),
            0,
          ),
        );
        expect(row.slice(1, -1).map(countOf)).toEqual(expected);
        expect(countOf(row[row.length - 1])).toBe(expected.reduce((sum, count) => sum + count, 0));
      });
      expect(rows.reduce((sum, row) => sum + countOf(row[row.length - 1]), 0)).toBe(side.rows);
      const zeros = rows.flatMap((row) => row.slice(1)).filter((cell) => countOf(cell) === 0);
      expect(zeros.length).toBeGreaterThan(0);
      expect(new Set(zeros)).toEqual(new Set(['0']));
    }
  });
});

describe('the performance estimated without labels, in Markdown and the job summary', () => {
  const result = estimatedResult();
  const estimate = estimateOf(result);
  const markdown = renderMarkdown(result);
  const band = (metric: { lower?: number; upper?: number }) => `${formatNumber(metric.lower!)} to ${formatNumber(metric.upper!)}`;

  it('heads the block with the verdict, the rows estimated and the calibration decision with its ECE numbers', () => {
    const line = markdown.split('\n').find((text) => text.startsWith('**Estimated performance**'))!;
    expect(line).toContain(
      `🔴 Estimated without labels (CBPE) on ${estimate.unlabelled!.rows} current rows whose labels have not arrived. ${escapeMarkdown(estimate.verdict!.summary)}`,
    );
    const { raw_ece: raw, calibrated_ece: calibrated } = estimate.calibration;
    expect(line).toContain(
      `expected calibration error ${formatNumber(raw!)} raw, ${formatNumber(calibrated!)} calibrated out of fold (5 folds)`,
    );
    expect(line).toContain(estimate.calibration.calibrated ? 'Scores calibrated by isotonic regression' : 'Scores used as they are');
  });

  it('tables each estimate with its band, and the labelled rows estimated beside realized', () => {
    const { unlabelled, labelled } = estimate;
    expect(markdown).toContain(
      `| Metric (positive class "churn") | Estimated, ${unlabelled!.rows} unlabelled rows | ±3σ band | ${labelled!.rows} labelled rows: estimated | realized |`,
    );
    const accuracy = labelled!.accuracy;
    const realized = `${formatNumber(accuracy.realized!)} (${accuracy.within_band ? 'in the band' : 'outside the band'})`;
    expect(markdown).toContain(
      `| Accuracy (verdict) | ${formatNumber(unlabelled!.accuracy.value)} | ${band(unlabelled!.accuracy)} | ${formatNumber(accuracy.value)} (${band(accuracy)}) | ${realized} |`,
    );
    expect(markdown).toContain(`| ROC AUC | ${formatNumber(unlabelled!.roc_auc!.value)} | ${band(unlabelled!.roc_auc!)} |`);
    expect(markdown).toContain('CBPE sees covariate shift, not concept drift');
  });

  it('says the realized verdict decides once enough current rows are labelled', () => {
    const labelledEnough = {
      ...result,
      model: {
        ...result.model!,
        performance: {
          ...result.model!.performance!,
          estimated: { ...estimate, verdict: { ...estimate.verdict!, replaces_realized: false } },
        },
      },
    };
    expect(renderMarkdown(labelledEnough)).toContain('Enough current rows are labelled, so the realized verdict decides.');
  });

  it('escapes a positive class that carries Markdown', () => {
    expect(renderMarkdown(estimatedResult('a|b'))).toContain('| Metric (positive class "a\\|b") |');
  });

  it('shows the same block in the job summary', () => {
    const summary = renderSummary(result);
    expect(summary).toContain('### Model (classification)');
    expect(summary).toContain(`| Accuracy (verdict) | ${formatNumber(estimate.unlabelled!.accuracy.value)} |`);
    expect(summary).toContain(escapeMarkdown(estimate.verdict!.summary));
  });
});
