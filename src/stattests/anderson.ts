/**
 * k-sample Anderson–Darling test for k = 2, midrank version (`scipy.stats.anderson_ksamp`, midrank=True).
 *
 * Statistic: Scholz & Stephens (1987), eq. 7, which handles ties. Over the distinct pooled values z*_j with
 * multiplicity l_j, B_j = #{pooled < z*_j} + l_j/2 and M_ij = #{sample i < z*_j} + f_ij/2:
 *     A2akN = (N−1)/N · Σ_i (1/n_i) Σ_j (l_j/N)·(N·M_ij − n_i·B_j)² / (B_j(N − B_j) − N·l_j/4),
 * standardised with its exact null variance σ_N² (Scholz & Stephens, eq. 4, in terms of the harmonic sums
 * h and g) to A2 = (A2akN − (k−1))/σ_N. The reported statistic is A2.
 *
 * p-value: not a distribution function but SciPy's interpolation of Scholz & Stephens' Table 2. For k = 2
 * the critical values are crit_j = b0_j + b1_j + b2_j at the levels 0.25 … 0.001; ln(level) is fitted by
 * least squares as a quadratic in crit and evaluated at A2. Outside the table SciPy caps: p = 0.25 when
 * A2 < min crit and p = 0.001 when A2 > max crit (so both values are exact and mean "at least" / "at most").
 *
 * Edge cases (undefined): fewer than 2 distinct pooled values (the denominators are then 0; SciPy raises),
 * and N ≤ 3, where the denominator (N−1)(N−2)(N−3) of σ_N² is 0 (SciPy returns NaN for N = 3, raises for 2).
 *
 * Work: one O(L) pass over the distinct pooled values for the statistic, and O(N) scalar harmonic sums for
 * σ_N (no per-value objects).
 *
 * Accuracy notes. For k = 2 the two samples' numerators are equal up to sign (N·M_1j − n·B_j = m·M_1j − n·M_2j,
 * exact in doubles), and the denominator equals below_j·above_j + (below_j + above_j)·l_j/4, which has no
 * cancellation even for one huge tie group; SciPy evaluates the cancelling form, so the two agree to
 * rounding (far inside 1e-9), not bit for bit.
 *
 * References: F. W. Scholz, M. A. Stephens, "K-Sample Anderson–Darling Tests", JASA 82 (1987) 918–924;
 * SciPy 1.10 `scipy.stats.anderson_ksamp`.
 */
import { CompensatedSum } from '../core/compensated-sum.js';
import { pooledOrder } from './order.js';
import type { StatTest } from './types.js';

/** Scholz & Stephens' Table 2 interpolation coefficients and the levels they belong to. */
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const LEVELS = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

/** k = 2, so b1/√(k−1) and b2/(k−1) are b1 and b2 themselves. */
const CRITICAL = B0.map((b0, j) => b0 + B1[j] + B2[j]);
const CRITICAL_MIN = Math.min(...CRITICAL);
const CRITICAL_MAX = Math.max(...CRITICAL);
const LOG_LEVEL_FIT = quadraticLeastSquares(CRITICAL, LEVELS.map(Math.log));

export const anderson: StatTest = {
  name: 'anderson',
  title: 'Anderson–Darling',
  description: 'k-sample Anderson–Darling (p-value capped to [0.001, 0.25] as SciPy does)',
  kinds: ['numerical'],
  output: 'p_value',
  defaultThreshold: 0.05,
  compute(sample) {
    if (sample.kind !== 'numerical') return undefined;
    const { referenceCounts, currentCounts } = pooledOrder(sample);
    const n = sample.reference.length;
    const m = sample.current.length;
    const total = n + m;
    if (referenceCounts.length < 2 || total <= 3) return undefined;

    let referenceBelow = 0;
    let currentBelow = 0;
    const sum = new CompensatedSum();
    for (let j = 0; j < referenceCounts.length; j++) {
      const r = referenceCounts[j];
      const c = currentCounts[j];
      const tied = r + c;
      const below = referenceBelow + currentBelow;
      const above = total - below - tied;
      const gap = m * (referenceBelow + r / 2) - n * (currentBelow + c / 2);
      sum.add(((tied / total) * gap * gap) / (below * above + ((below + above) * tied) / 4));
      referenceBelow += r;
      currentBelow += c;
    }
    const inverseSizes = 1 / n + 1 / m;
    const a2kn = ((total - 1) / total) * inverseSizes * sum.total();

    const statistic = (a2kn - 1) / Math.sqrt(nullVariance(total, inverseSizes));
    if (!Number.isFinite(statistic)) return undefined;
    let pValue: number;
    if (statistic < CRITICAL_MIN) pValue = LEVELS[0];
    else if (statistic > CRITICAL_MAX) pValue = LEVELS[LEVELS.length - 1];
    else pValue = Math.exp(LOG_LEVEL_FIT(statistic));
    return { statistic, p_value: pValue };
  },
};

/**
 * σ_N² of A2akN under H0 for k = 2 (Scholz & Stephens, eq. 4), with H = Σ 1/n_i,
 * h = Σ_{t=1}^{N−1} 1/t and g = Σ_{L=2}^{N−1} (1/L)·Σ_{t=N+1−L}^{N−1} 1/t.
 */
function nullVariance(total: number, inverseSizes: number): number {
  const k = 2;
  // Accumulate the inner sums from 1/(N−1) down to 1/2 (that is how g's inner sums nest), then h adds 1/1.
  let inner = 0;
  let g = 0;
  for (let size = 2; size <= total - 1; size++) {
    inner += 1 / (total + 1 - size);
    g += inner / size;
  }
  const h = inner + 1;
  const H = inverseSizes;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k * k - 4 * h * k;
  const N = total;
  return (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
}

/**
 * The least-squares quadratic through the points (x_i, y_i), as a function. Solved in the centred variable
 * x − x̄ (3×3 normal equations by elimination), which is well conditioned for these seven points.
 */
function quadraticLeastSquares(xs: readonly number[], ys: readonly number[]): (x: number) => number {
  const centre = xs.reduce((acc, x) => acc + x, 0) / xs.length;
  // Moments Σ z^p for p = 0..4 and Σ y·z^p for p = 0..2.
  const moment = [0, 0, 0, 0, 0];
  const target = [0, 0, 0];
  xs.forEach((x, i) => {
    const z = x - centre;
    for (let p = 0; p <= 4; p++) moment[p] += z ** p;
    for (let p = 0; p <= 2; p++) target[p] += ys[i] * z ** p;
  });
  const system = [0, 1, 2].map((row) => [moment[row], moment[row + 1], moment[row + 2], target[row]]);
  for (let pivot = 0; pivot < 3; pivot++) {
    for (let row = pivot + 1; row < 3; row++) {
      const factor = system[row][pivot] / system[pivot][pivot];
      for (let col = pivot; col < 4; col++) system[row][col] -= factor * system[pivot][col];
    }
  }
  const coef = [0, 0, 0];
  for (let row = 2; row >= 0; row--) {
    let rest = system[row][3];
    for (let col = row + 1; col < 3; col++) rest -= system[row][col] * coef[col];
    coef[row] = rest / system[row][row];
  }
  return (x: number) => {
    const z = x - centre;
    return coef[0] + z * (coef[1] + z * coef[2]);
  };
}
