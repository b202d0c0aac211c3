import { beforeAll, describe, expect, it } from '@jest/globals';
import { escapeMarkdown } from '../../src/report/escape.js';
import type { JsonReport } from '../../src/report/json.js';
import { compareWithDeployed, type MetricsFile, type MetricValues } from '../../src/publish/metrics.js';
import {
  describeChange,
  formatBytes,
  MODEL_CARD_CHARACTER_LIMIT,
  renderModelCard,
  renderNotPromoted,
  type ModelCardInput,
} from '../../src/publish/model-card.js';
import type { RegistryFile } from '../../src/registry/registry.js';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { tableOf } from '../helpers/tables.js';
import { describeProfile } from '../../src/profile/describe.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { DEFAULT_PROFILE_SETTINGS } from '../../src/core/profile.js';
import { exampleDriftReport } from './fixtures.js';

let report: JsonReport;
beforeAll(async () => {
  report = await exampleDriftReport();
});

const files: RegistryFile[] = [
  { path: 'model/model.pkl', role: 'model', size: 2_400_000, sha256: 'a'.repeat(64) },
  { path: 'baseline/train.csv', role: 'baseline', size: 51_200, sha256: 'b'.repeat(64) },
  { path: 'metrics.json', role: 'metrics', size: 40, sha256: 'c'.repeat(64) },
  { path: 'drift-report.json', role: 'drift-report', size: 9000, sha256: 'd'.repeat(64) },
];

const DEPLOYED = '2026.05.01.1';

/** The card's metrics when the training scored both models on the same holdout. */
function sameHoldout(candidate: MetricValues, deployed: MetricValues, version?: string): Pick<ModelCardInput, 'metrics' | 'comparison'> {
  const metrics: MetricsFile = { values: candidate, deployed: { version, values: deployed } };
  return { metrics, comparison: compareWithDeployed(metrics, DEPLOYED, undefined) };
}

/** The card's metrics when only the deployed version's own stored metrics (from its own test split) exist. */
function otherData(candidate: MetricValues, stored: MetricValues): Pick<ModelCardInput, 'metrics' | 'comparison'> {
  const metrics: MetricsFile = { values: candidate };
  return { metrics, comparison: compareWithDeployed(metrics, DEPLOYED, stored) };
}

const input = (overrides: Partial<ModelCardInput> = {}): ModelCardInput => ({
  name: 'churn',
  version: '2026.05.14.2',
  folder: 'models/churn/2026.05.14.2',
  publishedAt: new Date('2026-05-14T10:20:30Z'),
  runUrl: 'https://github.com/octo-org/churn-model/actions/runs/4242',
  files,
  deployedVersion: DEPLOYED,
  ...sameHoldout({ accuracy: 0.934, f1: 0.8 }, { accuracy: 0.912, f1: 0.83 }),
  driftReport: report,
  ...overrides,
});

describe('the model card', () => {
  it('says why: the verdict, the drifted columns with their values, and a chart', () => {
    const card = renderModelCard(input());
    expect(card).toMatch(/^# Model churn, version 2026\.05\.14\.2\n/);
    expect(card).toContain('## Why this version');
    expect(card).toContain(report.dataset.summary);
    const drifted = report.columns.filter((column) => column.drift_detected);
    expect(drifted.length).toBeGreaterThan(0);
    for (const column of drifted) expect(card).toContain(`| ${escapeMarkdown(column.name)} |`);
    // Only drifted columns are listed; a column without drift is not.
    const stable = report.columns.find((column) => column.status === 'no-drift');
    if (stable) expect(card).not.toContain(`| ${escapeMarkdown(stable.name)} |`);
    expect(card).toContain('```mermaid\nxychart-beta');
    // Every chart is folded away, so the comparison and the verdict are what the page shows.
    const charts = card.split('```mermaid').length - 1;
    expect(charts).toBeGreaterThan(0);
    expect(card.match(/<details><summary>Chart: [^<]+<\/summary>\n\n```mermaid\n[\s\S]*?\n```\n\n<\/details>/g)).toHaveLength(charts);
    // The summary's headings sit one level below the card's section.
    expect(card).toMatch(/^### [🔴🟢⚪]/mu);
    expect(card).not.toMatch(/^## [🔴🟢⚪]/mu);
  });

  it('opens with the same-holdout comparison: deployed, new, change, and which is better or worse', () => {
    const card = renderModelCard(
      input(
        sameHoldout(
          { accuracy: 0.934, f1: 0.8, log_loss: 0.41, mae: 2, test_rows: 375 },
          { accuracy: 0.912, f1: 0.83, log_loss: 0.35, mae: 2.5 },
        ),
      ),
    );
    expect(card.indexOf('## Deployed vs new, on the same data')).toBeGreaterThan(0);
    expect(card.indexOf('## Deployed vs new, on the same data')).toBeLessThan(card.indexOf('## Why this version'));
    expect(card).toContain(
      'The training scored the deployed version `2026.05.01.1` and this version on the same holdout of the fresh data.',
    );
    expect(card).not.toContain('other data');
    expect(card).toContain('| Metric | Deployed `2026.05.01.1` | New | Change | Better or worse |\n|---|---|---|---|---|\n');
    expect(card).toContain('| accuracy | 0.912 | 0.934 | +0.022 | 🟢 better |');
    // Higher is better for F1, lower for log loss and MAE: the direction comes from the metric.
    expect(card).toContain('| f1 | 0.83 | 0.8 | -0.03 | 🔴 **worse** |');
    expect(card).toContain('| log\\_loss | 0.35 | 0.41 | +0.06 | 🔴 **worse** |');
    expect(card).toContain('| mae | 2.5 | 2 | -0.5 | 🟢 better |');
    // A row count has no better direction, and the deployed side did not report it.
    expect(card).toContain('| test\\_rows | — | 375 | new only |  |');
    expect(card).toContain('**Worse on 2 of the 4 metrics compared**: f1, log\\_loss; better on 2.');
  });

  it('says when no metric got worse, and marks an unchanged one as the same', () => {
    const card = renderModelCard(input(sameHoldout({ roc_auc: 0.9, rmse: 1.5 }, { roc_auc: 0.9, rmse: 1.7 })));
    expect(card).toContain('| roc\\_auc | 0.9 | 0.9 | ±0 | ⚪ same |');
    expect(card).toContain('| rmse | 1.7 | 1.5 | -0.2 | 🟢 better |');
    expect(card).toContain('**No metric is worse**: better on 1 of the 2 metrics compared, the same on 1.');
    expect(card).not.toContain('**worse**');
  });

  it('says plainly when the deployed numbers come from other data', () => {
    const card = renderModelCard(input(otherData({ accuracy: 0.934, f1: 0.8 }, { accuracy: 0.912, f1: 0.83 })));
    expect(card).toContain('## Deployed vs new, on different data');
    expect(card).not.toContain('on the same data');
    expect(card).toContain(
      "> ⚠️ **The deployed numbers come from other data**: they are `2026.05.01.1`'s own metrics, measured on its test split when it was trained; this version's are measured on a holdout of the fresh data.",
    );
    expect(card).toContain('`DRIFTGATE_DEPLOYED_MODEL_DIR`');
    expect(card).toContain('| f1 | 0.83 | 0.8 | -0.03 | 🔴 **worse** |');
  });

  it('does not pass off the numbers of a version that is no longer deployed as same-holdout ones', () => {
    const metrics: MetricsFile = { values: { accuracy: 0.934 }, deployed: { version: '2026.04.20.1', values: { accuracy: 0.95 } } };
    const card = renderModelCard(input({ metrics, comparison: compareWithDeployed(metrics, DEPLOYED, { accuracy: 0.912 }) }));
    expect(card).toContain('## Deployed vs new, on different data');
    expect(card).toContain(
      'The training scored `2026.04.20.1` on its holdout, but `2026.05.01.1` is deployed now, so those numbers are not used.',
    );
    expect(card).toContain('| accuracy | 0.912 | 0.934 | +0.022 | 🟢 better |');
  });

  it('lists this version’s metrics alone when the deployed version has none', () => {
    const metrics: MetricsFile = { values: { accuracy: 0.934 } };
    const card = renderModelCard(input({ metrics, comparison: compareWithDeployed(metrics, DEPLOYED, undefined) }));
    expect(card).toContain(
      '## Metrics\n\nThe deployed version `2026.05.01.1` has no metrics to compare with.\n\n| Metric | This version |\n|---|---|\n| accuracy | 0.934 |',
    );
  });

  it('states the promotion rule’s decision under the comparison', () => {
    const card = renderModelCard(input({ promotion: { promoted: true, reason: 'accuracy went up' } }));
    const comparison = card.slice(card.indexOf('## Deployed vs new'), card.indexOf('## Why this version'));
    expect(comparison).toContain('**Promotion rule**: accuracy went up.');
  });

  it('shows a baseline profile with its size and what it keeps, its column names escaped', () => {
    const builder = new ProfileBuilder({ ...DEFAULT_PROFILE_SETTINGS, maxDistinct: 10 });
    builder.addTable(
      tableOf({
        'amount*': Array.from({ length: 500 }, (_, row) => row / 7),
        region: Array.from({ length: 500 }, (_, row) => (row % 2 ? 'north' : 'south')),
      }),
    );
    const profileFiles = files.map((file) =>
      file.role === 'baseline' ? { ...file, path: 'baseline/baseline.profile.json.gz', size: 3_072 } : file,
    );
    const card = renderModelCard(input({ files: profileFiles, baselineProfile: describeProfile(builder.finish()) }));
    expect(card).toContain(
      '- Training data profile (the baseline the next check compares against; the rows themselves are not stored): 3.0 KiB, 500 rows × 2 columns: 0 numerical columns kept exactly, 1 summarised (rank error ≤ 0.001), 1 text column.',
    );
    expect(card).toContain(`  - ${escapeMarkdown('"amount*": summarised with rank error ≤ 0.001')}`);
    expect(card).not.toContain('- Training data (the baseline');
  });

  it('lists data sizes, checksums and the run link', () => {
    const card = renderModelCard(input());
    expect(card).toContain('- Model: 1 file, 2.3 MiB');
    expect(card).toContain('- Training data (the baseline the next check compares against): 1 file, 50.0 KiB');
    expect(card).toContain(
      `- Drift check: ${report.baseline.rows.toLocaleString('en-US')} baseline rows against ${report.current.rows.toLocaleString('en-US')} current rows`,
    );
    for (const file of files) expect(card).toContain(`\`${file.sha256}\``);
    expect(card).toContain('[this workflow run](https://github.com/octo-org/churn-model/actions/runs/4242)');
    expect(card).toContain('2026-05-14 10:20 UTC');
  });

  it('reads well without a drift report, metrics or deployed version', () => {
    const card = renderModelCard(
      input({ driftReport: undefined, metrics: undefined, comparison: undefined, deployedVersion: undefined, runUrl: undefined }),
    );
    expect(card).toContain('No drift report was given');
    expect(card).toContain('No metrics file was given.');
    expect(card).toContain('It is the first version of this model in the registry.');
    expect(card).not.toContain('workflow run');
    const first = renderModelCard(input({ deployedVersion: undefined, metrics: { values: { accuracy: 0.9 } }, comparison: undefined }));
    expect(first).toContain('| Metric | This version |\n|---|---|\n| accuracy | 0.9 |');
  });

  it('escapes names that come from the data and the file system', () => {
    const hostile: RegistryFile = { path: 'model/a|b<script>.pkl', role: 'model', size: 1, sha256: 'e'.repeat(64) };
    const card = renderModelCard(input({ files: [hostile], ...sameHoldout({ '*bold* | x': 1 }, { '*bold* | x': 0.5 }) }));
    expect(card).toContain('a\\|b&lt;script&gt;.pkl');
    expect(card).toContain('\\*bold\\* \\| x');
    expect(card).not.toContain('<script>');
  });

  it('fits GitHub’s pull request body limit however many columns drifted or files there are', () => {
    const manyColumns = Array.from({ length: 400 }, (_, index) => ({
      ...report.columns.find((column) => column.drift_detected)!,
      name: `feature_${index}_${'x'.repeat(60)}`,
    }));
    const manyFiles = Array.from({ length: 3000 }, (_, index): RegistryFile => ({
      path: `model/shard-${index}.bin`,
      role: 'model',
      size: 1,
      sha256: 'f'.repeat(64),
    }));
    const card = renderModelCard(input({ driftReport: { ...report, columns: manyColumns }, files: manyFiles }));
    expect(card.length).toBeLessThanOrEqual(MODEL_CARD_CHARACTER_LIMIT);
    expect(card).toContain('drifted columns are shown');
    expect(card).toMatch(/more files not shown; `index\.json` lists every file/);
    expect(card).toContain('## Deployed vs new, on the same data');
  });
});

describe('the job summary of a model the promotion rule held back', () => {
  it('says it was not promoted and why, above the comparison', () => {
    const summary = renderNotPromoted({
      name: 'churn',
      ...sameHoldout({ roc_auc: 0.9 }, { roc_auc: 0.92 }),
      promotion: {
        promoted: false,
        reason:
          'roc_auc 0.92 → 0.9 (-0.02, higher is better) on the same holdout: not at least as good as the deployed 2026.05.01.1, so no pull request is opened',
      },
    });
    expect(summary).toMatch(
      /^# Model churn: not promoted\n\n🔴 \*\*Not promoted\*\*: roc\\_auc 0\.92 → 0\.9 .* so no pull request is opened\. Nothing was committed/,
    );
    expect(summary).toContain('| roc\\_auc | 0.92 | 0.9 | -0.02 | 🔴 **worse** |');
    expect(summary.indexOf('Not promoted')).toBeLessThan(summary.indexOf('| roc'));
  });
});

describe('the model card of a retrain triggered by the model itself', () => {
  /** The deployed model's prediction logs: it got worse from row 400 on, and only through the labels (no feature drift). */
  const modelReport = () => {
    const result = compareTables(
      tableOf(classifierLog(500, { seed: 1 })),
      tableOf(classifierLog(800, { seed: 2, changeAt: 400 })),
      defaultDriftOptions({ model: CLASSIFIER }),
    );
    return toJsonReport(result, new Date('2026-05-14T06:00:00Z'));
  };

  it('gives the performance verdict, the metric table, when it started and the chart as the reason', () => {
    const driftReport = modelReport();
    expect(driftReport.model!.performance!.status).toBe('degraded');
    expect(driftReport.columns.some((column) => column.drift_detected)).toBe(false);
    const card = renderModelCard(input({ driftReport }));
    const why = card.slice(card.indexOf('## Why this version'), card.indexOf('## Data'));
    expect(why).toMatch(/^### 🔴 Gate tripped: .*performance drift\./m);
    expect(why).toContain('#### Model (classification)');
    expect(why).toContain(escapeMarkdown(driftReport.model!.performance!.summary));
    expect(why).toContain('| **Accuracy** (verdict) |');
    expect(why).toContain(escapeMarkdown(driftReport.model!.change_point!.summary));
    expect(why).toContain('```mermaid\nxychart-beta\n    title "Error rate by time');
    expect(why).toContain('#### Features');
    expect(card).toContain('- Performance check: 500 labelled baseline rows against 800 labelled current rows');
  });

  it('still fits the pull request limit, keeping the model section', () => {
    const driftReport = modelReport();
    const manyFiles = Array.from({ length: 3000 }, (_, index): RegistryFile => ({
      path: `model/shard-${index}.bin`,
      role: 'model',
      size: 1,
      sha256: 'f'.repeat(64),
    }));
    const card = renderModelCard(input({ driftReport, files: manyFiles }));
    expect(card.length).toBeLessThanOrEqual(MODEL_CARD_CHARACTER_LIMIT);
    expect(card).toContain('#### Model (classification)');
  });
});

describe('describeChange', () => {
  it('shows the signed difference, or which side lacks the metric', () => {
    expect(describeChange({ name: 'a', deployed: 0.912, candidate: 0.934, change: 0.934 - 0.912 })).toBe('+0.022');
    expect(describeChange({ name: 'a', deployed: 0.83, candidate: 0.8, change: 0.8 - 0.83 })).toBe('-0.03');
    expect(describeChange({ name: 'a', deployed: 1, candidate: 1, change: 0 })).toBe('±0');
    expect(describeChange({ name: 'a', candidate: 1 })).toBe('new only');
    expect(describeChange({ name: 'a', deployed: 1 })).toBe('deployed only');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(100 * 1024 * 1024)).toBe('100.0 MiB');
  });
});
