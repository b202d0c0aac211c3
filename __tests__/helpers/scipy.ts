/**
 * What the per-method tests share besides the golden corpus: the checks of a result against SciPy's (or
 * NumPy's) literals with the corpus's tolerances, the check of a descriptor, and inputs that a Python
 * session can rebuild exactly.
 */
import { expect } from '@jest/globals';
import { withinTolerance } from './golden.js';
import { categoricalSample, numericalSample } from '../../src/stattests/sample.js';
import type { NumericalSample, Sample, StatTest, TestResult } from '../../src/stattests/types.js';

/** from, from + 1, …, to − 1: Python's `range(from, to)`. */
export const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

export const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

/** Per-category counts of one side, as `categoricalSample` takes them. */
export const counts = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

/** `test` on the numerical sample of two lists of unsorted values. */
export const onValues =
  (test: StatTest) =>
  (reference: ArrayLike<number>, current: ArrayLike<number>): TestResult | undefined =>
    test.compute(numericalSample(reference, current));

/** `test` on the categorical sample of each side's per-category counts. */
export const onCounts =
  (test: StatTest) =>
  (reference: Record<string, number>, current: Record<string, number>): TestResult | undefined =>
    test.compute(categoricalSample(counts(reference), counts(current)));

/** The distance `test` reports for two lists of unsorted values. */
export const distanceOnValues =
  (test: StatTest) =>
  (reference: ArrayLike<number>, current: ArrayLike<number>): number | undefined =>
    test.compute(numericalSample(reference, current))?.distance;

/**
 * The binned methods' NumPy example, `ref = 1.5*i (i < 40), cur = 10 + 1.3*i (i < 50)`: 40 distinct
 * reference values put it on the histogram path, with 8 Sturges bins over the 90 pooled values.
 */
export const rampsSample = (): NumericalSample =>
  numericalSample(
    range(0, 40).map((i) => i * 1.5),
    range(0, 50).map((i) => 10 + i * 1.3),
  );

/** Samples just inside and just outside the domain of the 2×2 tests (`z`, `fisher_exact`). */
export const twoByTwoDomain: ReadonlyArray<{ label: string; sample: Sample; inside: boolean }> = [
  { label: 'one category', sample: categoricalSample(counts({ x: 3 }), counts({ x: 4 })), inside: true },
  { label: 'one category a side', sample: categoricalSample(counts({ x: 3 }), counts({ y: 4 })), inside: true },
  { label: 'three categories', sample: categoricalSample(counts({ x: 3, y: 1 }), counts({ z: 4 })), inside: false },
  { label: 'numerical', sample: numericalSample([1, 2], [3]), inside: false },
];

/**
 * Deterministic normal-ish values reproducible in Python: MINSTD (48271·s mod 2^31−1, exact in doubles),
 * the sum of 12 uniforms minus 6, times `scale`, plus `shift`.
 */
export function lcgNormals(seed: number, count: number, shift: number, scale: number): number[] {
  let state = seed;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    let total = 0;
    for (let j = 0; j < 12; j++) {
      state = (48271 * state) % 2147483647;
      total += state / 2147483647;
    }
    out.push((total - 6) * scale + shift);
  }
  return out;
}

/**
 * Asserts a result against reference literals: the statistic and the p-value within the corpus's tolerances
 * for the method, or absent where the literal is `undefined` (the reference gave inf or nan); the degrees of
 * freedom exactly, when given.
 */
export type ResultCheck = (got: TestResult | undefined, statistic: number | undefined, pValue: number | undefined, dof?: number) => void;

/** The `ResultCheck` of `method`; with `fields`, the result must also hold exactly those fields. */
export function resultCheck(method: string, { fields }: { fields?: readonly string[] } = {}): ResultCheck {
  const agrees = (field: 'statistic' | 'p_value', got: number | undefined, want: number | undefined): boolean =>
    want === undefined ? got === undefined : withinTolerance(method, field, got!, want);
  return (got, statistic, pValue, dof) => {
    expect(got).toBeDefined();
    const ok: Record<string, unknown> = {
      statistic: agrees('statistic', got!.statistic, statistic),
      p_value: agrees('p_value', got!.p_value, pValue),
    };
    const want: Record<string, unknown> = { statistic: true, p_value: true };
    if (dof !== undefined) {
      ok.dof = got!.dof === dof;
      want.dof = true;
    }
    if (fields) {
      ok.fields = Object.keys(got!).sort();
      want.fields = [...fields].sort();
    }
    expect({ got, ok }).toEqual({ got, ok: want });
  };
}

/** Asserts a distance against a reference literal with the corpus's tolerance for `method`. */
export function distanceCheck(method: string): (got: number | undefined, want: number) => void {
  return (got, want) => {
    const ok = got !== undefined && withinTolerance(method, 'distance', got, want);
    expect({ got, ok }).toEqual({ got, ok: true });
  };
}

/** Asserts the descriptor fields `want` names (a field given as `undefined` must be absent). */
export function expectDescriptor(test: StatTest, want: Partial<Record<keyof StatTest, unknown>>): void {
  const got = Object.fromEntries(Object.keys(want).map((field) => [field, test[field as keyof StatTest]]));
  expect(got).toEqual(want);
}
