/**
 * The golden corpus through the committed CLI bundle: `driftgate check --all-methods --format json`
 * reproduces every SciPy 1.10.1 reference value within the corpus's tolerances, and reports exactly the
 * methods the corpus says apply to each column.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { GOLDEN_DIR, expectGolden, goldenCaseNames, goldenExpectations } from '../helpers/golden.js';
import { runCli } from '../helpers/processes.js';
import type { TestResult } from '../../src/stattests/types.js';

/** Methods driftgate ships beyond the corpus, so not compared here. */
const NOT_IN_CORPUS = new Set(['linf']);

describe.each(goldenCaseNames)('golden case %s through the CLI', (caseName) => {
  it('reproduces every reference value', async () => {
    const expected = goldenExpectations(caseName);
    const typeArgs = Object.entries(expected.columns).flatMap(([name, column]) => [`--${column.type}`, name]);
    const run = await runCli([
      'check',
      '--baseline',
      join(GOLDEN_DIR, caseName, 'reference.csv'),
      '--current',
      join(GOLDEN_DIR, caseName, 'current.csv'),
      ...typeArgs,
      '--all-methods',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    const report = JSON.parse(run.stdout) as {
      baseline: { rows: number };
      current: { rows: number };
      columns: Array<{
        name: string;
        type: string;
        baseline: { missing: number };
        current: { missing: number };
        methods: Record<string, TestResult>;
      }>;
    };
    expect(report.baseline.rows).toBe(expected.reference_rows);
    expect(report.current.rows).toBe(expected.current_rows);

    for (const [name, want] of Object.entries(expected.columns)) {
      const column = report.columns.find((candidate) => candidate.name === name);
      expect({ name, found: column !== undefined }).toEqual({ name, found: true });
      expect({ name, type: column!.type, missing: [column!.baseline.missing, column!.current.missing] }).toEqual({
        name,
        type: want.type,
        missing: [want.reference_missing, want.current_missing],
      });
      const undefinedMethods = (want.undefined ?? []).filter((entry) => !entry.includes('.'));
      const applicable = Object.keys(want).filter((key) => !['type', 'reference_missing', 'current_missing', 'undefined'].includes(key));
      const reported = Object.keys(column!.methods).filter((method) => !NOT_IN_CORPUS.has(method));
      expect({ name, methods: reported.sort() }).toEqual({ name, methods: applicable.sort() });
      for (const method of [...applicable, ...undefinedMethods]) {
        expectGolden(method, column!.methods[method], want, `${caseName}/${name}/${method}`);
      }
    }
  });
});
