/**
 * Two-sample Cramér–von Mises test (`scipy.stats.cramervonmises_2samp`, method='auto').
 *
 * Statistic (Anderson 1962, eqs. 9–10): with ρ_i the pooled midrank of the i-th smallest reference value and
 * s_j that of the j-th smallest current value,
 *     U = n·Σ(ρ_i − i)² + m·Σ(s_j − j)²,   T = U/(nmN) − (4nm − 1)/(6N).
 * p-value:
 * - exact when max(n, m) ≤ 20: the permutation distribution of U, enumerated over lattice paths;
 * - otherwise asymptotic: T is normalised with its exact null mean and variance (Anderson 1962, eqs. 11, 14,
 *   15) to tn = 1/6 + (T − ET)/√(45·VT), and p = 1 − C(tn) with C the limiting one-sample Cramér–von Mises
 *   CDF. As in SciPy, p = 1 when tn < 0.003 (C < 1.3e-18 there), and 1 − C is clipped at 0. SciPy computes
 *   1 − C rather than a survival function, from a series it stops at the first term below 1e-7, and so do we,
 *   to agree with it: below p ≈ 1e-7 the value is then mostly the series' truncation error, not a tail
 *   probability (it even grows again with tn beyond tn ≈ 5: complete separation of 100 vs 100 values gives
 *   6e-10, of 1000 vs 1000 values 4e-8). Decisions at usual thresholds are unaffected.
 *
 * Ties: midranks, as SciPy does. The exact distribution is still the tie-free permutation distribution (SciPy
 * maps U onto it with a floor). With all values tied every midrank is (N+1)/2, so T depends on n and m alone
 * and is in general not 0 (see the golden `constant_column` case).
 *
 * Undefined when either side has fewer than 2 values (SciPy raises).
 *
 * Work is O(L) over the distinct pooled values: each tie group's contribution to Σ(ρ_i − i)² has a closed
 * form (below), all of whose parts are non-negative, so the sum stays accurate at 500k rows even though T is
 * the small difference of two large numbers.
 *
 * References: T. W. Anderson, "On the distribution of the two-sample Cramér–von Mises criterion", Ann. Math.
 * Statist. 33 (1962); Y. Xiao, A. Gordon, A. Yakovlev, "A C++ program for the Cramér–von Mises two-sample
 * test", J. Stat. Softw. 17(8) (2006); S. Csörgő, J. Faraway (1996), JRSS B 58; SciPy 1.10
 * `scipy.stats.cramervonmises_2samp`.
 */
import { CompensatedSum } from '../core/compensated-sum.js';
import { cramerVonMisesExactPValue, cramerVonMisesLimitCdf } from './math/cramer-von-mises-distribution.js';
import { pooledOrder } from './order.js';
import type { StatTest } from './types.js';

export const cramerVonMises: StatTest = {
  name: 'cramer_von_mises',
  title: 'Cramér–von Mises',
  description: 'Cramér–von Mises two-sample test',
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const n = sample.reference.length;
    const m = sample.current.length;
    if (n < 2 || m < 2) return undefined;
    const { referenceCounts, currentCounts } = pooledOrder(sample);

    // For a tie group with r reference and c current values, R and C values below it, the reference values
    // in it sit at indices R+1..R+r and share the midrank R + C + (r + c + 1)/2, so
    //   Σ (ρ − i)² = r·(C + c/2)² + (r³ − r)/12
    // (the squared mean offset plus the spread of r consecutive indices), and symmetrically for current.
    let referenceBelow = 0;
    let currentBelow = 0;
    const referenceSum = new CompensatedSum();
    const currentSum = new CompensatedSum();
    for (let j = 0; j < referenceCounts.length; j++) {
      const r = referenceCounts[j];
      const c = currentCounts[j];
      if (r > 0) {
        const offset = currentBelow + c / 2;
        referenceSum.add(r * offset * offset + (r * r * r - r) / 12);
      }
      if (c > 0) {
        const offset = referenceBelow + r / 2;
        currentSum.add(c * offset * offset + (c * c * c - c) / 12);
      }
      referenceBelow += r;
      currentBelow += c;
    }
    const u = n * referenceSum.total() + m * currentSum.total();
    const nm = n * m;
    const total = n + m;
    const statistic = u / (nm * total) - (4 * nm - 1) / (6 * total);

    let pValue: number;
    if (Math.max(n, m) <= 20) {
      pValue = cramerVonMisesExactPValue(u, n, m);
    } else {
      const expected = (1 + 1 / total) / 6;
      const variance = ((total + 1) * (4 * nm * total - 3 * (n * n + m * m) - 2 * nm)) / (45 * total * total * 4 * nm);
      const normalised = 1 / 6 + (statistic - expected) / Math.sqrt(45 * variance);
      pValue = normalised < 0.003 ? 1 : Math.max(0, 1 - cramerVonMisesLimitCdf(normalised));
    }
    if (!Number.isFinite(statistic) || !Number.isFinite(pValue)) return undefined;
    return { statistic, p_value: pValue };
  },
};
