/**
 * Jest starts the longest test files first when it knows their times from an earlier run, so that neither
 * worker is left finishing a long file alone. A fresh clone, which every CI run is, knows none and orders by
 * file size, which puts short files that start database servers or load a million rows near the end. Until
 * jest has a file's time, the files below, the slowest of the suite, go first.
 */
import Sequencer from '@jest/test-sequencer';

const SLOWEST = [
  '__tests__/profile/sql/postgres-profile.test.ts',
  '__tests__/profile/sql/clickhouse-profile.test.ts',
  '__tests__/typecheck.test.ts',
  '__tests__/profile/sql/duckdb-profile.test.ts',
  '__tests__/robustness/faults.test.ts',
  '__tests__/robustness/bad-input.test.ts',
  '__tests__/e2e/check-action.test.ts',
  '__tests__/e2e/pipeline.test.ts',
  '__tests__/profile/summarised-check.test.ts',
  '__tests__/publish/publish.test.ts',
];

export default class SlowestFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (test) => (test.duration == null ? SLOWEST.findIndex((path) => test.path.endsWith(path)) : -1);
    const first = sorted.filter((test) => rank(test) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...first, ...sorted.filter((test) => rank(test) < 0)];
  }
}
