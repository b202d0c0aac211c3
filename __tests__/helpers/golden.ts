/**
 * The golden corpus (SciPy 1.10.1 reference values, copied from shared/golden into fixtures): loading a
 * case through the real readers and comparing results with the corpus's tolerances (see its README).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readTable } from '../../src/io/read.js';
import { sampleOf } from '../../src/engine/samples.js';
import type { ColumnKind, Table } from '../../src/core/table.js';
import type { Sample, StatTest, TestResult } from '../../src/stattests/types.js';

export const GOLDEN_DIR = new URL('../fixtures/golden/', import.meta.url).pathname;

export const goldenCaseNames: string[] = readdirSync(GOLDEN_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export interface GoldenExpected {
  type: ColumnKind;
  reference_missing: number;
  current_missing: number;
  undefined?: string[];
  [method: string]: unknown;
}

export interface GoldenColumn {
  name: string;
  type: ColumnKind;
  sample: Sample;
  expected: GoldenExpected;
}

export interface GoldenCase {
  name: string;
  referenceRows: number;
  currentRows: number;
  referencePath: string;
  currentPath: string;
  reference: Table;
  current: Table;
  columns: GoldenColumn[];
}

export function goldenExpectations(caseName: string): {
  reference_rows: number;
  current_rows: number;
  columns: Record<string, GoldenExpected>;
} {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, caseName, 'expected.json'), 'utf8'));
}

const loaded = new Map<string, Promise<GoldenCase>>();

/** Reads a case with the column types its expected.json declares. Memoized: cases are shared across tests. */
export function loadGoldenCase(caseName: string): Promise<GoldenCase> {
  let promise = loaded.get(caseName);
  if (!promise) {
    promise = load(caseName);
    loaded.set(caseName, promise);
  }
  return promise;
}

async function load(caseName: string): Promise<GoldenCase> {
  const expected = goldenExpectations(caseName);
  const declared = new Map(Object.entries(expected.columns).map(([name, column]) => [name, column.type] as const));
  const referencePath = join(GOLDEN_DIR, caseName, 'reference.csv');
  const currentPath = join(GOLDEN_DIR, caseName, 'current.csv');
  const [reference, current] = await Promise.all([readTable([referencePath], { declared }), readTable([currentPath], { declared })]);
  const columnOf = (table: Table, name: string) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (!column) throw new Error(`${caseName}: column ${name} not read`);
    return column;
  };
  const columns = Object.entries(expected.columns).map(([name, column]) => ({
    name,
    type: column.type,
    sample: sampleOf(column.type, columnOf(reference, name), columnOf(current, name)),
    expected: column,
  }));
  return {
    name: caseName,
    referenceRows: expected.reference_rows,
    currentRows: expected.current_rows,
    referencePath,
    currentPath,
    reference,
    current,
    columns,
  };
}

/** Every (case, column) pair whose expected.json lists `method`, or lists it as undefined. */
export async function goldenColumnsFor(method: string): Promise<Array<{ caseName: string; column: GoldenColumn }>> {
  const out: Array<{ caseName: string; column: GoldenColumn }> = [];
  for (const caseName of goldenCaseNames) {
    const golden = await loadGoldenCase(caseName);
    for (const column of golden.columns) {
      if (lists(column.expected, method)) out.push({ caseName, column });
    }
  }
  return out;
}

function lists(expected: GoldenExpected, method: string): boolean {
  return method in expected || isUndefined(expected, method);
}

function isUndefined(expected: GoldenExpected, method: string): boolean {
  return (expected.undefined ?? []).includes(method);
}

/** The corpus's comparison rule for one field. */
export function withinTolerance(method: string, field: keyof TestResult, got: number, want: number): boolean {
  if (field === 'dof') return got === want;
  if (field === 'p_value') return Math.abs(got - want) <= Math.max(1e-6 * Math.abs(want), 1e-12);
  const standard = Math.abs(got - want) <= Math.max(1e-9 * Math.abs(want), 1e-12);
  // sqrt(1 - s) magnifies rounding in s when H is tiny, so the corpus also accepts agreement of H².
  if (method === 'hellinger') return standard || Math.abs(got * got - want * want) <= 1e-13;
  return standard;
}

/**
 * Asserts that `got` matches the golden entry of `method` for a column: every expected field within
 * tolerance, fields listed as undefined absent, and the whole result absent when the method is undefined.
 */
export function expectGolden(method: string, got: TestResult | undefined, expected: GoldenExpected, label: string): void {
  if (isUndefined(expected, method)) {
    expect({ label, got }).toEqual({ label, got: undefined });
    return;
  }
  const want = expected[method] as Record<string, number>;
  expect({ label, present: got !== undefined }).toEqual({ label, present: true });
  for (const [field, value] of Object.entries(want)) {
    const actual = got?.[field as keyof TestResult];
    const ok = actual !== undefined && withinTolerance(method, field as keyof TestResult, actual, value);
    expect({ label, field, got: actual, ok }).toEqual({ label, field, got: actual, ok: true, ...(ok ? {} : { want: value }) });
  }
  for (const entry of expected.undefined ?? []) {
    const [undefinedMethod, field] = entry.split('.');
    if (undefinedMethod === method && field) {
      expect({ label, field, got: got?.[field as keyof TestResult] }).toEqual({ label, field, got: undefined });
    }
  }
}

/** What a method's golden tests check beyond the values themselves. */
export interface GoldenCoverage {
  /** How many golden columns list the method: exactly, or more than a bound. */
  columns: number | { moreThan: number };
  /**
   * For a method with `applies`: that it applies exactly to the golden columns of its kinds that list it,
   * and that the corpus does leave some of them out.
   */
  appliesWhereListed?: boolean;
}

/**
 * Registers `<method> golden corpus`: one test per golden column that lists the method (its result within
 * the corpus's tolerances, see `expectGolden`, and the method applying there, as the engine only runs it
 * where it applies), one for the number of such columns, and `more` for the method's own corpus checks.
 * Columns are listed from expected.json alone, so the tests can be registered before any CSV is read.
 */
export function describeGolden(test: StatTest, coverage: GoldenCoverage, more?: () => void): void {
  const listed = goldenCaseNames.flatMap((caseName) =>
    Object.entries(goldenExpectations(caseName).columns)
      .filter(([, expected]) => lists(expected, test.name))
      .map(([column]) => ({ caseName, column })),
  );
  describe(`${test.name} golden corpus`, () => {
    const { columns } = coverage;
    it(typeof columns === 'number' ? `lists ${columns} columns` : `lists more than ${columns.moreThan} columns`, () => {
      if (typeof columns === 'number') expect(listed.length).toBe(columns);
      else expect(listed.length).toBeGreaterThan(columns.moreThan);
    });
    it.each(listed)('matches $caseName/$column', async ({ caseName, column }) => {
      const { sample, expected } = await goldenColumn(caseName, column);
      const label = `${caseName}/${column}`;
      expect({ label, applies: test.applies?.(sample) ?? true }).toEqual({ label, applies: true });
      expectGolden(test.name, test.compute(sample), expected, label);
    });
    if (coverage.appliesWhereListed) {
      it('applies exactly to the golden columns of its kinds that list it', async () => {
        let left = 0;
        for (const caseName of goldenCaseNames) {
          const golden = await loadGoldenCase(caseName);
          for (const column of golden.columns.filter((candidate) => test.kinds.includes(candidate.type))) {
            const label = `${caseName}/${column.name}`;
            const listedHere = lists(column.expected, test.name);
            if (!listedHere) left++;
            expect({ label, applies: test.applies?.(column.sample) }).toEqual({ label, applies: listedHere });
          }
        }
        expect(left).toBeGreaterThan(0);
      });
    }
    more?.();
  });
}

async function goldenColumn(caseName: string, name: string): Promise<GoldenColumn> {
  const column = (await loadGoldenCase(caseName)).columns.find((candidate) => candidate.name === name);
  if (!column) throw new Error(`${caseName}: no golden column ${name}`);
  return column;
}
