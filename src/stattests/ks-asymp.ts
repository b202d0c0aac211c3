/**
 * Two-sample Kolmogorov–Smirnov test, asymptotic p-value (`scipy.stats.ks_2samp(r, c, method='asymp')`).
 *
 * Definition: the statistic is D = max_x |F_r(x) − F_c(x)|, reported unrounded. The p-value treats D as a
 * one-sample two-sided KS statistic with the effective sample size n_e = round(n·m/(n+m)) (ties to even,
 * as NumPy rounds): p = P(D_{n_e} ≥ D) = `kstwo.sf(D, n_e)`, the exact finite-n distribution of the
 * one-sample statistic (see `math/kolmogorov.ts`), clipped to [0, 1]. This is SciPy's choice; it is not the
 * Kolmogorov limit law and not the exact two-sample distribution (`ks_exact`), so for small samples it
 * differs from both. D = 0 gives p = 1, and complete separation (D = 1) gives p = 0, as in SciPy.
 *
 * Edge cases: n = m = 1 gives n·m/(n+m) = 0.5, which rounds to 0, a sample size `kstwo` rejects; SciPy
 * reports p = NaN, so only the statistic is returned. Always defined otherwise; cost O(N) for D plus at most
 * O(n_e) for the tail.
 *
 * References: Kolmogorov (1933), Smirnov (1948); Simard & L'Ecuyer (2011), J. Stat. Softw. 39(11);
 * SciPy 1.10.1 `scipy.stats.ks_2samp` and `scipy.stats.kstwo`.
 */
import { ksTwoSampleAsymptoticPValue, ksTwoSampleStatistic } from './math/ks-two-sample.js';
import type { NumericalSample, ResultBounds, StatTest, SummarisedSides, TestResult } from './types.js';

export const ksAsymp: StatTest = {
  name: 'ks_asymp',
  title: 'Kolmogorov–Smirnov (asymptotic)',
  description: 'largest gap between the two empirical CDFs, with the asymptotic p-value',
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample): TestResult | undefined {
    if (sample.kind !== 'numerical') return undefined;
    const statistic = ksTwoSampleStatistic(sample);
    const p = ksTwoSampleAsymptoticPValue(statistic, sample.reference.length, sample.current.length);
    return Number.isFinite(p) ? { statistic, p_value: p } : { statistic };
  },
  boundsFromSummary: ksBoundsFromSummary,
};

/**
 * D is within the summaries' CDF error of the exact one, and the p-value falls as D grows: the exact
 * p-value lies between the asymptotic p-values at the ends of D's interval.
 */
export function ksBoundsFromSummary(sample: NumericalSample & { summarised: SummarisedSides }, result: TestResult): ResultBounds {
  const error = sample.summarised.cdfError;
  if (result.statistic === undefined) return { statistic: error };
  const at = (d: number) => ksTwoSampleAsymptoticPValue(Math.min(Math.max(d, 0), 1), sample.reference.length, sample.current.length);
  return { statistic: error, p_value: [at(result.statistic + error), at(result.statistic - error)] };
}
