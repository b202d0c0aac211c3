/**
 * Every statistical test driftgate ships, registered once, and the rule that picks one per column when the
 * user does not. Adding a test is one file (its descriptor) and one line here, besides its own test file:
 * `--help` and the README's method table (`node scripts/action-docs.js`) are written from the descriptors.
 */
import type { ColumnKind } from '../core/table.js';
import type { StatTest } from './types.js';
import { anderson } from './anderson.js';
import { chi2 } from './chi2.js';
import { chi2Gof } from './chi2-gof.js';
import { cramerVonMises } from './cramer-von-mises.js';
import { energy } from './energy.js';
import { eppsSingleton } from './epps-singleton.js';
import { fisherExact } from './fisher-exact.js';
import { gTest } from './g-test.js';
import { gTestGof } from './g-test-gof.js';
import { hellinger } from './hellinger.js';
import { jensenShannon } from './jensenshannon.js';
import { klDiv } from './kl-div.js';
import { ks } from './ks.js';
import { ksAsymp } from './ks-asymp.js';
import { ksExact } from './ks-exact.js';
import { linf } from './linf.js';
import { mannWhitney } from './mann-whitney.js';
import { psi } from './psi.js';
import { tTest } from './t-test.js';
import { tvd } from './tvd.js';
import { wasserstein } from './wasserstein.js';
import { wassersteinNormed } from './wasserstein-normed.js';
import { zTest } from './z.js';

export const statTests: readonly StatTest[] = [
  ks,
  ksExact,
  ksAsymp,
  wasserstein,
  wassersteinNormed,
  energy,
  anderson,
  cramerVonMises,
  mannWhitney,
  tTest,
  eppsSingleton,
  chi2,
  chi2Gof,
  gTest,
  gTestGof,
  zTest,
  fisherExact,
  psi,
  jensenShannon,
  klDiv,
  hellinger,
  tvd,
  linf,
];

const byName = new Map(statTests.map((test) => [test.name, test]));

export function findStatTest(name: string): StatTest | undefined {
  return byName.get(name);
}

export const methodNames: readonly string[] = statTests.map((test) => test.name);

/** The README's method table (Markdown), one row per registered test. */
export function methodTableMarkdown(): string {
  const rows = statTests.map(
    (test) =>
      `| \`${test.name}\` | ${test.kinds.join(', ')} | ${test.output === 'p_value' ? 'p < threshold' : 'distance ≥ threshold'} | ${test.defaultThreshold} | ${test.description} |`,
  );
  return ['| method | column types | drift when | default threshold | what it measures |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** What the auto-selection rule needs to know about a column. */
export interface ColumnProfile {
  kind: ColumnKind;
  /** Rows in the baseline, missing cells included (the rule is about how much data there is). */
  referenceRows: number;
  /** Distinct non-missing values over both sides. */
  distinctValues: number;
}

/** A method to run and the kind of sample it reads (few-valued numbers are compared as categories). */
export interface MethodChoice {
  test: StatTest;
  sampleKind: ColumnKind;
}

/**
 * The widely used convention (Evidently's auto-selection): on up to 1000 baseline rows, hypothesis tests —
 * `ks` for numbers, but `chi2` for 3–5 distinct values and `z` for 2, and `chi2` (`z` when binary) for
 * categories. Above 1000 rows, distances, because p-value tests flag negligible shifts on large samples:
 * `wasserstein_normed` for numbers (`jensenshannon` with 5 or fewer distinct values) and `jensenshannon` for
 * categories.
 */
export function autoSelect(profile: ColumnProfile): MethodChoice {
  const fewValues = profile.distinctValues <= 5;
  if (profile.referenceRows <= 1000) {
    if (profile.kind === 'categorical') return { test: profile.distinctValues <= 2 ? zTest : chi2, sampleKind: 'categorical' };
    if (!fewValues) return { test: ks, sampleKind: 'numerical' };
    return { test: profile.distinctValues <= 2 ? zTest : chi2, sampleKind: 'categorical' };
  }
  if (profile.kind === 'categorical') return { test: jensenShannon, sampleKind: 'categorical' };
  return fewValues ? { test: jensenShannon, sampleKind: 'numerical' } : { test: wassersteinNormed, sampleKind: 'numerical' };
}
