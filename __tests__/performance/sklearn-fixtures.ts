/**
 * scikit-learn reference values written by scripts/make-performance-fixtures.py, and the tolerance the
 * metrics must meet against them.
 *
 * Tolerance: |got − expected| ≤ 1e-12 · max(1, |expected|), i.e. absolute 1e-12 for values of magnitude
 * up to 1 (every classification score, R², and most errors) and relative 1e-12 beyond (log loss of
 * confident mistakes, MAPE with zero targets near 1e14). An undefined result must be expected as null.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';

const FIXTURE_DIR = new URL('../fixtures/performance/', import.meta.url).pathname;

export const TOLERANCE = 1e-12;

export interface FixtureFile<Case> {
  readonly sklearn: string;
  readonly cases: readonly Case[];
}

export interface ClassificationCase {
  readonly name: string;
  readonly y_true: string[];
  readonly y_pred: string[];
  readonly labels?: string[];
  readonly probabilities?: Record<string, number[]>;
  readonly expected: {
    readonly labels: string[];
    readonly confusion_matrix: number[][];
    readonly accuracy: number;
    readonly balanced_accuracy: number;
    readonly precision: number[];
    readonly recall: number[];
    readonly f1: number[];
    readonly support: number[];
    readonly precision_macro: number;
    readonly recall_macro: number;
    readonly f1_macro: number;
    readonly roc_auc?: number | null;
    readonly log_loss?: number | null;
  };
}

export interface RegressionCase {
  readonly name: string;
  readonly y_true: number[];
  readonly y_pred: number[];
  readonly expected: { readonly mae: number; readonly rmse: number; readonly mape: number; readonly r2: number | null };
}

export function loadFixture<Case>(fileName: string): FixtureFile<Case> {
  return JSON.parse(readFileSync(FIXTURE_DIR + fileName, 'utf8'));
}

export function isClose(got: number | undefined, expected: number | null): boolean {
  if (expected === null) return got === undefined;
  return got !== undefined && Math.abs(got - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
}

/** Fails with the case, the quantity and both values, so a mismatch is readable in the jest output. */
export function expectClose(got: number | undefined, expected: number | null, where: string): void {
  if (!isClose(got, expected)) expect({ where, got }).toEqual({ where, got: expected ?? undefined });
}
