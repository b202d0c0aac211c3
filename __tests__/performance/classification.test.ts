import { describe, expect, it } from '@jest/globals';
import { accuracy } from '../../src/performance/accuracy.js';
import { balancedAccuracy } from '../../src/performance/balanced-accuracy.js';
import { classificationMetrics } from '../../src/performance/classification.js';
import { confusionMatrix } from '../../src/performance/confusion-matrix.js';
import { compareLabels, sortedLabels } from '../../src/performance/label-order.js';
import { logLoss } from '../../src/performance/log-loss.js';
import { compensatedMean } from '../../src/performance/mean.js';
import { precisionRecallF1 } from '../../src/performance/precision-recall-f1.js';
import { binaryRocAuc, rocAuc } from '../../src/performance/roc-auc.js';
import type { ClassificationRows } from '../../src/performance/rows.js';
import { expectClose, loadFixture, type ClassificationCase } from './sklearn-fixtures.js';

const fixture = loadFixture<ClassificationCase>('classification.json');

function rowsOf(fixtureCase: ClassificationCase): ClassificationRows {
  const { y_true: yTrue, y_pred: yPred, probabilities } = fixtureCase;
  if (!probabilities) return { task: 'classification', yTrue, yPred };
  return { task: 'classification', yTrue, yPred, probabilities: new Map(Object.entries(probabilities)) };
}

describe('classification metrics against scikit-learn', () => {
  it('uses fixtures from scikit-learn 1.2.1', () => {
    expect(fixture.sklearn).toBe('1.2.1');
    expect(fixture.cases.length).toBeGreaterThanOrEqual(14);
  });

  describe.each(fixture.cases.map((fixtureCase) => [fixtureCase.name, fixtureCase] as const))('%s', (name, fixtureCase) => {
    const expected = fixtureCase.expected;
    const metrics = classificationMetrics(rowsOf(fixtureCase), fixtureCase.labels);

    it('orders labels and counts the confusion matrix as scikit-learn', () => {
      expect(metrics?.labels).toEqual(expected.labels);
      expect(metrics?.confusionMatrix).toEqual(expected.confusion_matrix);
    });

    it('matches accuracy and balanced accuracy', () => {
      expectClose(metrics?.accuracy, expected.accuracy, `${name} accuracy`);
      expectClose(metrics?.balancedAccuracy, expected.balanced_accuracy, `${name} balanced accuracy`);
    });

    it('matches precision, recall and F1 per class and macro', () => {
      metrics!.perClass.forEach((scores, index) => {
        expect(scores.label).toBe(expected.labels[index]);
        expect(scores.support).toBe(expected.support[index]);
        expectClose(scores.precision, expected.precision[index], `${name} precision[${scores.label}]`);
        expectClose(scores.recall, expected.recall[index], `${name} recall[${scores.label}]`);
        expectClose(scores.f1, expected.f1[index], `${name} f1[${scores.label}]`);
      });
      expectClose(metrics?.precisionMacro, expected.precision_macro, `${name} precision_macro`);
      expectClose(metrics?.recallMacro, expected.recall_macro, `${name} recall_macro`);
      expectClose(metrics?.f1Macro, expected.f1_macro, `${name} f1_macro`);
    });

    if (fixtureCase.probabilities) {
      it('matches ROC AUC and log loss', () => {
        expectClose(metrics?.rocAuc, expected.roc_auc!, `${name} roc_auc`);
        expectClose(metrics?.logLoss, expected.log_loss!, `${name} log_loss`);
      });
    }
  });
});

describe('label order', () => {
  it('gives the documented example', () => {
    expect(sortedLabels(['b', '😀', 'Ａ', 'a'])).toEqual(['a', 'b', 'Ａ', '😀']);
    expect(sortedLabels(['9', '10'], ['Zebra', 'apple'])).toEqual(['10', '9', 'Zebra', 'apple']);
    expect(compareLabels('😀', 'Ａ')).toBeGreaterThan(0);
    expect(compareLabels('ab', 'a')).toBeGreaterThan(0);
    expect(compareLabels('a😀', 'a😀')).toBe(0);
  });

  it('sorts by code point, as NumPy, not by UTF-16 unit', () => {
    const got = classificationMetrics({ task: 'classification', yTrue: ['😀', 'Ａ', 'b'], yPred: ['a', 'b', 'b'] });
    expect(got?.labels).toEqual(['a', 'b', 'Ａ', '😀']);
  });
});

describe('documented examples', () => {
  it('computes the doc-comment examples', () => {
    expect(compensatedMean([0.1, 0.2, 0.3])).toBe(0.19999999999999998);
    expect(compensatedMean([])).toBeUndefined();
    expect(accuracy(['a', 'b', 'b', 'c'], ['a', 'b', 'c', 'c'])).toBe(0.75);
    expect(balancedAccuracy(['a', 'b', 'b'], ['a', 'c', 'b'])).toBe(0.75);
    expect(confusionMatrix(['a', 'b', 'b'], ['a', 'a', 'b'])).toEqual({
      labels: ['a', 'b'],
      counts: [
        [1, 0],
        [1, 1],
      ],
    });
    const scores = precisionRecallF1(['a', 'a', 'b'], ['a', 'b', 'b']);
    expect(scores?.perClass[0]).toEqual({ label: 'a', precision: 1, recall: 0.5, f1: 0.6666666666666666, support: 2 });
    expect(scores?.f1Macro).toBe(0.6666666666666666);
    const scored = new Map([
      ['n', [0.9, 0.6, 0.55, 0.2]],
      ['p', [0.1, 0.4, 0.45, 0.8]],
    ]);
    expect(rocAuc(['n', 'p', 'n', 'p'], scored)).toBe(0.75);
    const probabilities = new Map([
      ['n', [0.8, 0.3]],
      ['p', [0.2, 0.7]],
    ]);
    expect(logLoss(['n', 'p'], probabilities)).toBe(0.2899092476264711);
    const metrics = classificationMetrics({ task: 'classification', yTrue: ['a', 'b'], yPred: ['a', 'a'] });
    expect(metrics?.accuracy).toBe(0.5);
    expect(metrics?.confusionMatrix).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe('edge cases', () => {
  it('gives nothing for no rows', () => {
    expect(classificationMetrics({ task: 'classification', yTrue: [], yPred: [] })).toBeUndefined();
    expect(accuracy([], [])).toBeUndefined();
    expect(balancedAccuracy([], [])).toBeUndefined();
    expect(
      logLoss(
        [],
        new Map([
          ['a', []],
          ['b', []],
        ]),
      ),
    ).toBeUndefined();
  });

  it('counts a positive–negative tie as one half', () => {
    expect(binaryRocAuc([true, false], [0.5, 0.5])).toBe(0.5);
    expect(binaryRocAuc([true, false, true, false], [0.9, 0.9, 0.1, 0.1])).toBe(0.5);
    expect(binaryRocAuc([true, false, true], [0.9, 0.9, 0.95])).toBe(0.75);
  });

  it('has no ROC AUC without both classes or with a non-finite score', () => {
    expect(binaryRocAuc([true, true], [0.1, 0.2])).toBeUndefined();
    expect(binaryRocAuc([true, false], [Number.NaN, 0.2])).toBeUndefined();
    const three = new Map([
      ['a', [0.5, 0.2]],
      ['b', [0.3, 0.3]],
      ['c', [0.2, 0.5]],
    ]);
    expect(rocAuc(['a', 'a'], three)).toBeUndefined();
    expect(rocAuc(['a', 'c'], three)).toBe(1);
  });

  it('refuses probability metrics for a true label the model has no column for', () => {
    const two = new Map([
      ['a', [0.5, 0.2, 0.1]],
      ['b', [0.5, 0.8, 0.9]],
    ]);
    expect(rocAuc(['a', 'b', 'z'], two)).toBeUndefined();
    expect(logLoss(['a', 'b', 'z'], two)).toBeUndefined();
    const rows: ClassificationRows = { task: 'classification', yTrue: ['a', 'b', 'z'], yPred: ['a', 'b', 'b'], probabilities: two };
    const metrics = classificationMetrics(rows);
    expect(metrics?.accuracy).toBeCloseTo(2 / 3, 15);
    expect(metrics && 'rocAuc' in metrics).toBe(false);
    expect(metrics && 'logLoss' in metrics).toBe(false);
  });

  it('throws on misaligned columns, a caller bug', () => {
    expect(() => accuracy(['a'], ['a', 'b'])).toThrow(RangeError);
    expect(() =>
      rocAuc(
        ['a', 'b'],
        new Map([
          ['a', [1]],
          ['b', [0]],
        ]),
      ),
    ).toThrow(RangeError);
  });
});
