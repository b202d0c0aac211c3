/**
 * The two members of Cressie and Read's power-divergence family the categorical tests use, summed over
 * cells of observed counts O and positive expected counts E:
 *
 * - λ = 1, Pearson's X² = Σ (O − E)² / E;
 * - λ = 0, the log-likelihood ratio G = 2 Σ O·ln(O/E), where a cell with O = 0 contributes 0 (the limit of
 *   O·ln O), which is what SciPy's `xlogy` gives. The ratio O/E is formed before the logarithm, as SciPy does.
 *
 * Both are asymptotically χ² under the null hypothesis; the tests in `contingency.ts` choose the degrees of
 * freedom.
 *
 * Reference: N. Cressie and T. R. C. Read, "Multinomial goodness-of-fit tests", JRSS B 46 (1984);
 * `scipy.stats.power_divergence` with `lambda_=1` ("pearson") and `lambda_=0` ("log-likelihood").
 */

/** A power-divergence statistic over aligned cells of observed and expected counts. */
export type DivergenceSum = (observed: ArrayLike<number>, expected: ArrayLike<number>) => number;

/** Pearson's Σ (O − E)² / E over aligned cells. */
export function pearsonSum(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    const gap = observed[i] - expected[i];
    sum += (gap * gap) / expected[i];
  }
  return sum;
}

/** The likelihood-ratio statistic 2 Σ O·ln(O/E) over aligned cells, with 0·ln 0 = 0. */
export function likelihoodRatioSum(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    if (observed[i] > 0) sum += observed[i] * Math.log(observed[i] / expected[i]);
  }
  return 2 * sum;
}
