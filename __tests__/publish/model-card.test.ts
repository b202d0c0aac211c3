import { beforeAll, describe, expect, it } from '@jest/globals';
import { escapeMarkdown } from '../../src/report/escape.js';
import type { JsonReport } from '../../src/report/json.js';
import { compareMetrics } from '../../src/publish/metrics.js';
import { describeChange, formatBytes, MODEL_CARD_CHARACTER_LIMIT, renderModelCard, type ModelCardInput } from '../../src/publish/model-card.js';
import type { RegistryFile } from '../../src/publish/registry.js';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { CLASSIFIER, classifierLog } from '../helpers/prediction-logs.js';
import { tableOf } from '../helpers/tables.js';
import { describeProfile } from '../../src/profile/describe.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { DEFAULT_PROFILE_SETTINGS } from '../../src/profile/format.js';
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

const input = (overrides: Partial<ModelCardInput> = {}): ModelCardInput => ({
  name: 'churn',
  version: '2026.05.14.2',
  folder: 'models/churn/2026.05.14.2',
  publishedAt: new Date('2026-05-14T10:20:30Z'),
  runUrl: 'https://github.com/octo-org/churn-model/actions/runs/4242',
  files,
  deployedVersion: '2026.05.01.1',
  metricChanges: compareMetrics({ accuracy: 0.934, f1: 0.8 }, { accuracy: 0.912, f1: 0.83 }),
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
    // The summary's headings sit one level below the card's section.
    expect(card).toMatch(/^### [🔴🟢⚪]/mu);
    expect(card).not.toMatch(/^## [🔴🟢⚪]/mu);
  });

  it('compares metrics with the deployed version', () => {
    const card = renderModelCard(input());
    expect(card).toContain('Against the deployed version `2026.05.01.1`');
    expect(card).toContain('| accuracy | 0.912 | 0.934 | 0.912 → 0.934, +0.022 |');
    expect(card).toContain('| f1 | 0.83 | 0.8 | 0.83 → 0.8, -0.03 |');
  });

  it('shows a baseline profile with its size and what it keeps, its column names escaped', () => {
    const builder = new ProfileBuilder({ ...DEFAULT_PROFILE_SETTINGS, maxDistinct: 10 });
    builder.addTable(tableOf({ 'amount*': Array.from({ length: 500 }, (_, row) => row / 7), region: Array.from({ length: 500 }, (_, row) => (row % 2 ? 'north' : 'south')) }));
    const profileFiles = files.map((file) => (file.role === 'baseline' ? { ...file, path: 'baseline/baseline.profile.json.gz', size: 3_072 } : file));
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
    expect(card).toContain(`- Drift check: ${report.baseline.rows.toLocaleString('en-US')} baseline rows against ${report.current.rows.toLocaleString('en-US')} current rows`);
    for (const file of files) expect(card).toContain(`\`${file.sha256}\``);
    expect(card).toContain('[this workflow run](https://github.com/octo-org/churn-model/actions/runs/4242)');
    expect(card).toContain('2026-05-14 10:20 UTC');
  });

  it('reads well without a drift report, metrics or deployed version', () => {
    const card = renderModelCard(input({ driftReport: undefined, metricChanges: undefined, deployedVersion: undefined, runUrl: undefined }));
    expect(card).toContain('No drift report was given');
    expect(card).toContain('No metrics file was given.');
    expect(card).toContain('It is the first version of this model in the registry.');
    expect(card).not.toContain('workflow run');
    const first = renderModelCard(input({ deployedVersion: undefined, metricChanges: compareMetrics({ accuracy: 0.9 }, undefined) }));
    expect(first).toContain('| Metric | This version |\n|---|---|\n| accuracy | 0.9 |');
  });

  it('escapes names that come from the data and the file system', () => {
    const hostile: RegistryFile = { path: 'model/a|b<script>.pkl', role: 'model', size: 1, sha256: 'e'.repeat(64) };
    const card = renderModelCard(input({ files: [hostile], metricChanges: compareMetrics({ '*bold* | x': 1 }, { '*bold* | x': 0.5 }) }));
    expect(card).toContain('a\\|b&lt;script&gt;.pkl');
    expect(card).toContain('\\*bold\\* \\| x');
    expect(card).not.toContain('<script>');
  });

  it('fits GitHub’s pull request body limit however many columns drifted or files there are', () => {
    const manyColumns = Array.from({ length: 400 }, (_, index) => ({ ...report.columns.find((column) => column.drift_detected)!, name: `feature_${index}_${'x'.repeat(60)}` }));
    const manyFiles = Array.from({ length: 3000 }, (_, index): RegistryFile => ({ path: `model/shard-${index}.bin`, role: 'model', size: 1, sha256: 'f'.repeat(64) }));
    const card = renderModelCard(input({ driftReport: { ...report, columns: manyColumns }, files: manyFiles }));
    expect(card.length).toBeLessThanOrEqual(MODEL_CARD_CHARACTER_LIMIT);
    expect(card).toContain('drifted columns are shown');
    expect(card).toMatch(/more files not shown; `index\.json` lists every file/);
    expect(card).toContain('## Metrics');
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
    const why = card.slice(card.indexOf('## Why this version'), card.indexOf('## Metrics'));
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
    const manyFiles = Array.from({ length: 3000 }, (_, index): RegistryFile => ({ path: `model/shard-${index}.bin`, role: 'model', size: 1, sha256: 'f'.repeat(64) }));
    const card = renderModelCard(input({ driftReport, files: manyFiles }));
    expect(card.length).toBeLessThanOrEqual(MODEL_CARD_CHARACTER_LIMIT);
    expect(card).toContain('#### Model (classification)');
  });
});

describe('describeChange', () => {
  it('shows both values and the signed difference', () => {
    expect(describeChange({ name: 'a', deployed: 0.912, candidate: 0.934, change: 0.934 - 0.912 })).toBe('0.912 → 0.934, +0.022');
    expect(describeChange({ name: 'a', deployed: 1, candidate: 1, change: 0 })).toBe('1 → 1, ±0');
    expect(describeChange({ name: 'a', candidate: 1 })).toBe('new metric');
    expect(describeChange({ name: 'a', deployed: 1 })).toBe('no longer reported');
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
