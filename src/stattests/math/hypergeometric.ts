/**
 * The hypergeometric distribution, for exact tests on 2×2 tables: X is the number of marked items among
 * `draws` items taken without replacement from `population` items of which `marked` are marked.
 *
 * P(X = t) = C(marked, t)·C(population − marked, draws − t) / C(population, draws) on
 * max(0, draws − (population − marked)) ≤ t ≤ min(marked, draws).
 *
 * Accuracy and speed for counts in the millions:
 * - probabilities are handled as logarithms, so tail probabilities far below 1e-300 are still ordered and
 *   compared correctly, and a sum of them underflows only at the very end;
 * - the logarithm is not a difference of ln-factorials (those are ~1e7 at a million, so their rounding,
 *   ~1e-9, would be the error of every p-value) but, as R's `dhyper` does, a ratio of three binomial
 *   probabilities with the same p, b(t; marked, p)·b(draws − t; unmarked, p) / b(draws; population, p), each
 *   in Loader's saddle-point form (`binomial-saddle-point.ts`): the pmf does not depend on p, and with
 *   p = draws/population every term stays small;
 * - a tail sum starts at its term nearest the mode and walks outward with the ratio of consecutive terms,
 *   stopping once the terms no longer change the sum: O(standard deviation) steps, not O(support);
 * - comparing two probabilities uses the logarithms when they differ by more than their rounding, and
 *   decides exact ties exactly (`factorial-products.ts`): a relative tolerance like 1e-14 is meant to catch
 *   tables that are exactly as probable, and no floating-point logarithm can promise that on its own.
 *
 * References: N. L. Johnson, A. W. Kemp and S. Kotz, "Univariate Discrete Distributions", ch. 6 (Wiley,
 * 2005); C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 */
import { logBinomialPmf, type LogValue } from './binomial-saddle-point.js';
import { equalFactorialProducts } from './factorial-products.js';

/**
 * Bound on the rounding of a difference of two such logarithms, relative to the magnitudes that went into
 * them (each term is within a few ulp; 32 leaves a wide margin), plus an absolute floor.
 */
const LOG_RATIO_ROUNDING = 32 * Number.EPSILON;
const LOG_RATIO_FLOOR = 1e-13;

/** Relative size below which a new tail term no longer changes a double sum. */
const NEGLIGIBLE_TERM = 2 ** -60;

export class Hypergeometric {
  /** Smallest value of X with positive probability. */
  readonly lowest: number;
  /** Largest value of X with positive probability. */
  readonly highest: number;
  /** ⌊(draws + 1)(marked + 1)/(population + 2)⌋, a value of X with the largest probability. */
  readonly mode: number;
  private readonly unmarked: number;
  /** The binomial p and q = 1 − p of the saddle-point form: draws/population and its complement. */
  private readonly p: number;
  private readonly q: number;
  /** ln b(draws; population, p), the part of ln P(X = t) that does not depend on t. */
  private readonly logTotal: number;

  constructor(
    readonly population: number,
    readonly marked: number,
    readonly draws: number,
  ) {
    this.unmarked = population - marked;
    this.lowest = Math.max(0, draws - this.unmarked);
    this.highest = Math.min(marked, draws);
    this.mode = Math.floor(((draws + 1) * (marked + 1)) / (population + 2));
    this.p = draws / population;
    this.q = (population - draws) / population;
    this.logTotal = logBinomialPmf(draws, population, this.p, this.q).value;
  }

  inSupport(t: number): boolean {
    return t >= this.lowest && t <= this.highest;
  }

  /** ln P(X = t); −∞ outside the support. */
  logPmf(t: number): number {
    if (!this.inSupport(t)) return -Infinity;
    return this.logJoint(t).value - this.logTotal;
  }

  /**
   * Whether P(X = t) ≤ factor · P(X = u). Exact when the two probabilities are equal or differ by more than
   * the rounding of their logarithms; within that rounding but unequal (a near-coincidence of products of
   * huge factorials), the rounded logarithms decide.
   */
  pmfAtMost(t: number, u: number, factor: number): boolean {
    if (!this.inSupport(t)) return true;
    if (!this.inSupport(u)) return false;
    if (t === u) return factor >= 1;
    const jointT = this.logJoint(t);
    const jointU = this.logJoint(u);
    const logRatio = jointT.value - jointU.value;
    const logFactor = Math.log(factor);
    const rounding = LOG_RATIO_FLOOR + LOG_RATIO_ROUNDING * (jointT.scale + jointU.scale);
    if (logRatio < logFactor - rounding) return true;
    if (logRatio > logFactor + rounding) return false;
    if (Math.abs(logRatio) <= rounding && equalFactorialProducts(this.factorialArguments(t), this.factorialArguments(u))) {
      return factor >= 1;
    }
    return logRatio <= logFactor;
  }

  /**
   * ln P(X ≤ from) for `direction` −1, ln P(X ≥ from) for +1; −∞ when the tail is empty. Fast when the
   * tail leads away from the mode (the terms then only shrink), correct either way.
   */
  logTail(from: number, direction: 1 | -1): number {
    let t = direction < 0 ? Math.min(from, this.highest) : Math.max(from, this.lowest);
    if (!this.inSupport(t)) return -Infinity;
    const start = t;
    const { marked, draws, unmarked } = this;
    let term = 1;
    let sum = 1;
    if (direction > 0) {
      while (t < this.highest) {
        term *= ((marked - t) / (t + 1)) * ((draws - t) / (unmarked - draws + t + 1));
        t++;
        sum += term;
        if (term < sum * NEGLIGIBLE_TERM) break;
      }
    } else {
      while (t > this.lowest) {
        term *= (t / (marked - t + 1)) * ((unmarked - draws + t) / (draws - t + 1));
        t--;
        sum += term;
        if (term < sum * NEGLIGIBLE_TERM) break;
      }
    }
    return this.logPmf(start) + Math.log(sum);
  }

  /** The four numbers whose factorials divide the pmf at t. */
  private factorialArguments(t: number): number[] {
    return [t, this.marked - t, this.draws - t, this.unmarked - this.draws + t];
  }

  /** ln of b(t; marked, p)·b(draws − t; unmarked, p), which is P(X = t)·b(draws; population, p). */
  private logJoint(t: number): LogValue {
    const first = logBinomialPmf(t, this.marked, this.p, this.q);
    const second = logBinomialPmf(this.draws - t, this.unmarked, this.p, this.q);
    return { value: first.value + second.value, scale: first.scale + second.scale };
  }
}
