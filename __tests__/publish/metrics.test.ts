import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import { compareMetrics, compareWithDeployed, metricDirection, parseMetrics } from '../../src/publish/metrics.js';

describe('parseMetrics', () => {
  it('reads named numbers, nested objects joined with dots, and ignores the rest', () => {
    const text = JSON.stringify({
      accuracy: 0.934,
      f1: 0.88,
      per_class: { churned: { recall: 0.7 } },
      confusion: [[1, 2]],
      model: 'xgb',
      calibrated: true,
      nothing: null,
    });
    expect(parseMetrics(text, 'metrics.json')).toEqual({ values: { accuracy: 0.934, f1: 0.88, 'per_class.churned.recall': 0.7 } });
  });

  it('reads the deployed model’s same-holdout numbers apart from the new model’s', () => {
    const text = JSON.stringify({
      accuracy: 0.934,
      test_rows: 375,
      deployed: { version: '2026.05.01.1', accuracy: 0.88, per_class: { churned: { recall: 0.6 } } },
    });
    expect(parseMetrics(text, 'metrics.json')).toEqual({
      values: { accuracy: 0.934, test_rows: 375 },
      deployed: { version: '2026.05.01.1', values: { accuracy: 0.88, 'per_class.churned.recall': 0.6 } },
    });
    // The version is optional; a block without numbers (the deployed model could not be scored) compares nothing.
    expect(parseMetrics(JSON.stringify({ accuracy: 0.9, deployed: { accuracy: 0.8 } }), 'm.json').deployed).toEqual({
      version: undefined,
      values: { accuracy: 0.8 },
    });
    expect(parseMetrics(JSON.stringify({ accuracy: 0.9, deployed: { version: 'v1' } }), 'm.json')).toEqual({ values: { accuracy: 0.9 } });
  });

  it('keeps an old file’s number called "deployed" as a metric of its own', () => {
    expect(parseMetrics(JSON.stringify({ accuracy: 0.9, deployed: 1 }), 'm.json')).toEqual({ values: { accuracy: 0.9, deployed: 1 } });
  });

  it('refuses what is not a JSON object, or a deployed version that is not text, naming the file', () => {
    expect(() => parseMetrics('accuracy=0.9', 'out/metrics.json')).toThrow(InputError);
    expect(() => parseMetrics('[0.9]', 'out/metrics.json')).toThrow(/JSON object of named numbers/);
    expect(() => parseMetrics(JSON.stringify({ deployed: { version: 3, accuracy: 0.9 } }), 'out/metrics.json')).toThrow(
      /"deployed\.version" .* not 3/,
    );
    try {
      parseMetrics('{', 'out/metrics.json');
    } catch (error) {
      expect((error as InputError).location.file).toBe('out/metrics.json');
    }
  });
});

describe('compareMetrics', () => {
  it('pairs each metric with the deployed value, the difference and, where the direction is known, better or worse', () => {
    const changes = compareMetrics(
      { accuracy: 0.934, auc: 0.95, latency_ms: 12, log_loss: 0.4 },
      { accuracy: 0.912, auc: 0.95, log_loss: 0.3, logloss: 0.3, latency_ms: 10 },
    );
    expect(changes).toEqual([
      { name: 'accuracy', deployed: 0.912, candidate: 0.934, change: 0.934 - 0.912, verdict: 'better' },
      { name: 'auc', deployed: 0.95, candidate: 0.95, change: 0, verdict: 'same' },
      { name: 'latency_ms', deployed: 10, candidate: 12, change: 2 },
      { name: 'log_loss', deployed: 0.3, candidate: 0.4, change: 0.4 - 0.3, verdict: 'worse' },
      { name: 'logloss', deployed: 0.3 },
    ]);
  });

  it('lists only the candidate when nothing is deployed', () => {
    expect(compareMetrics({ accuracy: 0.9 }, undefined)).toEqual([{ name: 'accuracy', candidate: 0.9 }]);
  });
});

describe('compareWithDeployed', () => {
  const stored = { accuracy: 0.95 };

  it('uses the same-holdout numbers when the training scored the deployed version (or named none)', () => {
    const named = compareWithDeployed({ values: { accuracy: 0.9 }, deployed: { version: 'v1', values: { accuracy: 0.85 } } }, 'v1', stored);
    expect(named).toEqual({
      deployedVersion: 'v1',
      basis: 'same-holdout',
      changes: [{ name: 'accuracy', deployed: 0.85, candidate: 0.9, change: 0.9 - 0.85, verdict: 'better' }],
    });
    expect(compareWithDeployed({ values: { accuracy: 0.9 }, deployed: { values: { accuracy: 0.85 } } }, 'v1', stored).basis).toBe(
      'same-holdout',
    );
  });

  it('falls back to the stored metrics, from other data, without same-holdout numbers of the deployed version', () => {
    expect(compareWithDeployed({ values: { accuracy: 0.9 } }, 'v1', stored)).toMatchObject({
      basis: 'other-data',
      changes: [{ deployed: 0.95, verdict: 'worse' }],
    });
    const stale = compareWithDeployed({ values: { accuracy: 0.9 }, deployed: { version: 'v0', values: { accuracy: 0.85 } } }, 'v1', stored);
    expect(stale).toMatchObject({ basis: 'other-data', scoredVersion: 'v0', changes: [{ deployed: 0.95 }] });
    expect(compareWithDeployed({ values: { accuracy: 0.9 } }, 'v1', undefined)).toEqual({
      deployedVersion: 'v1',
      basis: 'none',
      changes: [{ name: 'accuracy', candidate: 0.9 }],
    });
  });
});

describe('metricDirection', () => {
  it('knows the registry’s metrics and the usual other names, nested, in any case and with averaging suffixes', () => {
    for (const name of [
      'accuracy',
      'F1',
      'f1_weighted',
      'precision',
      'recall_macro',
      'roc_auc',
      'ROC_AUC_OVR',
      'r2',
      'per_class.churned.recall',
    ])
      expect([name, metricDirection(name)]).toEqual([name, 'higher']);
    for (const name of ['log_loss', 'mae', 'rmse', 'mape', 'mse', 'brier_score_loss'])
      expect([name, metricDirection(name)]).toEqual([name, 'lower']);
    for (const name of ['test_rows', 'latency_ms', 'deployed']) expect(metricDirection(name)).toBeUndefined();
  });
});
