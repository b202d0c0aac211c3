import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/engine/errors.js';
import { compareMetrics, parseMetrics } from '../../src/publish/metrics.js';

describe('parseMetrics', () => {
  it('reads named numbers, nested objects joined with dots, and ignores the rest', () => {
    const text = JSON.stringify({ accuracy: 0.934, f1: 0.88, per_class: { churned: { recall: 0.7 } }, confusion: [[1, 2]], model: 'xgb', calibrated: true, nothing: null });
    expect(parseMetrics(text, 'metrics.json')).toEqual({ accuracy: 0.934, f1: 0.88, 'per_class.churned.recall': 0.7 });
  });

  it('refuses what is not a JSON object, naming the file', () => {
    expect(() => parseMetrics('accuracy=0.9', 'out/metrics.json')).toThrow(InputError);
    expect(() => parseMetrics('[0.9]', 'out/metrics.json')).toThrow(/JSON object of named numbers/);
    try {
      parseMetrics('{', 'out/metrics.json');
    } catch (error) {
      expect((error as InputError).location.file).toBe('out/metrics.json');
    }
  });
});

describe('compareMetrics', () => {
  it('pairs each metric with the deployed value and the difference', () => {
    const changes = compareMetrics({ accuracy: 0.934, auc: 0.95, latency_ms: 12 }, { accuracy: 0.912, auc: 0.95, logloss: 0.3 });
    expect(changes).toEqual([
      { name: 'accuracy', deployed: 0.912, candidate: 0.934, change: 0.934 - 0.912 },
      { name: 'auc', deployed: 0.95, candidate: 0.95, change: 0 },
      { name: 'latency_ms', candidate: 12 },
      { name: 'logloss', deployed: 0.3 },
    ]);
  });

  it('lists only the candidate when nothing is deployed', () => {
    expect(compareMetrics({ accuracy: 0.9 }, undefined)).toEqual([{ name: 'accuracy', candidate: 0.9 }]);
  });
});
