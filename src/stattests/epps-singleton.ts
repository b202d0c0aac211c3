/**
 * Epps–Singleton two-sample test on the empirical characteristic function
 * (`scipy.stats.epps_singleton_2samp` with t = (0.4, 0.8)).
 *
 * Definition: σ = IQR(pooled)/2, with NumPy's default (linear-interpolation) quartiles; t' = t/σ. Each value
 * x maps to g(x) = (cos t'₁x, cos t'₂x, sin t'₁x, sin t'₂x). With Δ = mean g(reference) − mean g(current)
 * and Σ = (N/n)·cov_r(g) + (N/m)·cov_c(g) (biased covariances, divided by the counts),
 *     W = N · Δᵀ pinv(Σ) Δ,
 * multiplied by the small-sample correction 1/(1 + N^−0.45 + 10.1·(n^−1.7 + m^−1.7)) when max(n, m) < 25.
 * p = P(χ²_r > W) with r = rank Σ (asymptotic; there is no exact version).
 *
 * Edge cases (undefined):
 * - n < 5 or m < 5 (SciPy raises);
 * - pooled IQR = 0: t' is infinite and every g is NaN (SciPy's SVD then fails);
 * - Σ rank-deficient (rank < 4). SciPy only warns and reports χ² with fewer degrees of freedom, but which
 *   directions it drops depends on rounding at its cut-off, so that value is not reproducible. Σ has rank at
 *   most L − 1 for L distinct pooled values (every g − mean lies in the span of the L − 1 differences
 *   g(z_j) − g(z_1)), so fewer than 5 distinct values are always rank-deficient; otherwise the rank is
 *   NumPy's: eigenvalues of the symmetric Σ with |λ| ≤ 1e-15·max|λ| are dropped, as `pinv` does.
 *
 * Work: the trigonometric features are evaluated once per distinct pooled value (shared by both sides and
 * weighted by each side's multiplicity), and the means and covariances are accumulated in one pass with
 * weighted Welford updates, so no per-value arrays are built.
 *
 * References: T. W. Epps, K. J. Singleton, "An omnibus test for the two-sample problem using the empirical
 * characteristic function", J. Statist. Comput. Simul. 26 (1986) 177–203; S. J. Goerg, J. Kaiser, Stata
 * Journal 9(3) (2009) 454–465; SciPy 1.10 `scipy.stats.epps_singleton_2samp`.
 */
import { chiSquareSurvival } from './math/distributions.js';
import { pseudoInverseQuadraticForm } from './math/symmetric-eigen.js';
import { pooledOrder, type PooledOrder } from './order.js';
import type { StatTest } from './types.js';

/** The frequencies t = (0.4, 0.8) of Epps & Singleton, before scaling by σ; only 0.4 is needed (see below). */
const T1 = 0.4;
const FEATURES = 4;

export const eppsSingleton: StatTest = {
  name: 'epps_singleton',
  title: 'Epps–Singleton',
  description: 'Epps–Singleton test on the empirical characteristic functions',
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const n = sample.reference.length;
    const m = sample.current.length;
    if (n < 5 || m < 5) return undefined;
    const order = pooledOrder(sample);
    const { values, referenceCounts, currentCounts } = order;
    if (values.length < FEATURES + 1) return undefined;
    const total = n + m;
    const sigma = interquartileRange(order, total) / 2;
    if (!(sigma > 0) || !Number.isFinite(sigma)) return undefined;
    const t1 = T1 / sigma;

    const reference = new Moments();
    const current = new Moments();
    const g = new Float64Array(FEATURES);
    for (let j = 0; j < values.length; j++) {
      // t'₂ = 2·t'₁ exactly (0.8 = 2·0.4 in binary), so the second frequency follows from the first by the
      // double-angle formulas, halving the trigonometric calls (the bulk of the work). The results differ from
      // a direct cos/sin(t'₂x) by a few 1e-16 at most ((c − s)(c + s) avoids the cancellation of 1 − 2s²).
      const cos1 = Math.cos(t1 * values[j]);
      const sin1 = Math.sin(t1 * values[j]);
      g[0] = cos1;
      g[1] = (cos1 - sin1) * (cos1 + sin1);
      g[2] = sin1;
      g[3] = 2 * sin1 * cos1;
      if (referenceCounts[j] > 0) reference.add(g, referenceCounts[j]);
      if (currentCounts[j] > 0) current.add(g, currentCounts[j]);
    }

    // (N/n)·(C_r/n) + (N/m)·(C_c/m), C being the co-moment sums.
    const covariance = new Float64Array(FEATURES * FEATURES);
    for (let i = 0; i < covariance.length; i++) {
      covariance[i] = (total / n) * (reference.comoments[i] / n) + (total / m) * (current.comoments[i] / m);
    }
    const difference = new Float64Array(FEATURES);
    for (let i = 0; i < FEATURES; i++) difference[i] = reference.mean[i] - current.mean[i];
    const { value, rank } = pseudoInverseQuadraticForm(covariance, FEATURES, difference);
    if (rank < FEATURES) return undefined;

    let statistic = total * value;
    if (Math.max(n, m) < 25) {
      statistic *= 1 / (1 + total ** -0.45 + 10.1 * (n ** -1.7 + m ** -1.7));
    }
    const pValue = chiSquareSurvival(statistic, rank);
    if (!Number.isFinite(statistic) || !Number.isFinite(pValue)) return undefined;
    return { statistic, p_value: pValue };
  },
};

/** Weighted running mean and co-moment sums Σ w·(g − mean)(g − mean)ᵀ of the feature vectors (West, 1979). */
class Moments {
  weight = 0;
  readonly mean = new Float64Array(FEATURES);
  /** Row-major FEATURES × FEATURES. */
  readonly comoments = new Float64Array(FEATURES * FEATURES);
  private readonly before = new Float64Array(FEATURES);

  add(g: Float64Array, weight: number): void {
    this.weight += weight;
    const share = weight / this.weight;
    for (let i = 0; i < FEATURES; i++) {
      this.before[i] = g[i] - this.mean[i];
      this.mean[i] += share * this.before[i];
    }
    for (let i = 0; i < FEATURES; i++) {
      const scaled = weight * this.before[i];
      for (let k = i; k < FEATURES; k++) {
        const update = scaled * (g[k] - this.mean[k]);
        this.comoments[i * FEATURES + k] += update;
        if (k !== i) this.comoments[k * FEATURES + i] += update;
      }
    }
  }
}

/**
 * The pooled sample's 75th minus 25th percentile with NumPy's default 'linear' method: the quantile q sits at
 * virtual index q·(N − 1) of the sorted pooled values, and NumPy interpolates from whichever neighbour is
 * nearer (a + (b − a)·γ for γ < 0.5, b − (b − a)·(1 − γ) otherwise), which we copy to agree to the last bit.
 */
function interquartileRange(order: PooledOrder, total: number): number {
  return quantile(order, total, 0.75) - quantile(order, total, 0.25);
}

function quantile(order: PooledOrder, total: number, q: number): number {
  const position = q * (total - 1);
  const below = Math.floor(position);
  const gamma = position - below;
  const a = orderStatistic(order, below);
  const b = orderStatistic(order, Math.min(below + 1, total - 1));
  const span = b - a;
  return gamma >= 0.5 ? b - span * (1 - gamma) : a + span * gamma;
}

/** The value at 0-based position `index` of the sorted pooled sample. */
function orderStatistic(order: PooledOrder, index: number): number {
  const { values, referenceCounts, currentCounts } = order;
  let seen = 0;
  for (let j = 0; j < values.length; j++) {
    seen += referenceCounts[j] + currentCounts[j];
    if (index < seen) return values[j];
  }
  return values[values.length - 1];
}
