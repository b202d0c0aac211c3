/**
 * Two-sample Kolmogorov–Smirnov test (`scipy.stats.ks_2samp(r, c)`, `method='auto'`).
 *
 * Definition: D = max_x |F_r(x) − F_c(x)|, the largest vertical gap between the two empirical CDFs; it
 * reacts to any difference in distribution (location, spread, shape) and ignores the scale of the values.
 * SciPy's automatic choice: the exact permutation p-value when max(n, m) ≤ 10000 (`ks_exact`, which
 * reports D rounded to the lattice h/lcm(n, m)), otherwise the asymptotic one (`ks_asymp`,
 * p = kstwo.sf(D, round(nm/(n+m)))). This file only dispatches; the definitions, edge cases and
 * references are in those two.
 *
 * Edge cases: as `ks_exact` / `ks_asymp`; identical samples give D = 0 and p = 1.
 */
import { ksAsymp, ksBoundsFromSummary } from './ks-asymp.js';
import { ksExact } from './ks-exact.js';
import type { StatTest } from './types.js';

export const ks: StatTest = {
  name: 'ks',
  title: 'Kolmogorov–Smirnov',
  description:
    "largest gap between the two empirical CDFs; exact p-value up to 10,000 values a side, else asymptotic (as SciPy's `ks_2samp`)",
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    return ksExact.applies?.(sample) ? ksExact.compute(sample) : ksAsymp.compute(sample);
  },
  boundsFromSummary: ksBoundsFromSummary,
};
