/**
 * Mean and sum of squared deviations of one side of a sample, for the statistics built on them (Welch's t,
 * the reference standard deviation that normalises Wasserstein), accurate to a few ulps at any size.
 *
 * Two passes, as NumPy's `var` does: first the mean (simple-statistics' Kahan–Babuška sum, within an ulp
 * or so of the exact mean where NumPy's pairwise sum can be several ulps off), then the squared deviations
 * from it, summed with compensation so the result does not degrade with the 500k-row columns the engine
 * sees.
 *
 * A constant array gets its exact mean and zero spread. Summing n copies of 0.1 and dividing by n can land
 * on a neighbouring double (NumPy's mean of three 0.1s is 0.10000000000000002, and so is a compensated
 * one), which leaves a variance of ~1e-34; on two constant samples of 0.1 that makes SciPy's Welch test
 * "significant" (p ≈ 0.05). We prefer the exact answer there.
 */
import { mean as meanOf } from 'simple-statistics';
import type { NumericalSample } from '../types.js';
import { CompensatedSum } from '../../core/compensated-sum.js';

export interface Moments {
  /** The arithmetic mean. */
  readonly mean: number;
  /** Σ (x − mean)². Divide by n for the population variance, by n − 1 for the unbiased one. */
  readonly squaredDeviations: number;
}

/**
 * The moments of one side of a sample: exact ones from its profile when the side is a rank summary (whose
 * representative points have other moments), else computed from its values.
 */
export function sideMoments(sample: NumericalSample, side: 'reference' | 'current'): Moments {
  const exact = side === 'reference' ? sample.summarised?.referenceMoments : sample.summarised?.currentMoments;
  return exact ?? momentsOf(sample[side]);
}

/** Mean and Σ(x − mean)² of a non-empty array. */
export function momentsOf(values: Float64Array): Moments {
  // Stops at the second element for any column that varies, so this costs nothing in practice.
  if (values.every((value) => value === values[0])) return { mean: values[0], squaredDeviations: 0 };
  // simple-statistics only reads `length` and indexes, so a typed array works without copying it into a number[].
  const mean = meanOf(values as unknown as readonly number[]);
  const squares = new CompensatedSum();
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i] - mean;
    squares.add(deviation * deviation);
  }
  return { mean, squaredDeviations: squares.total() };
}

/**
 * Mean and Σ(x − mean)² of distinct values with their counts (a lossless profile's list). Each value's
 * contribution is taken once, times its count: summing a rounded (x − mean)² once per copy would repeat its
 * rounding error as often, a bias that no longer averages out (about 1e-12 relative over a million rows of
 * seven values).
 */
export function momentsOfCounts(values: Float64Array, counts: Float64Array): Moments {
  if (values.length === 1) return { mean: values[0], squaredDeviations: 0 };
  const weight = new CompensatedSum();
  const weighted = new CompensatedSum();
  for (let i = 0; i < values.length; i++) {
    weight.add(counts[i]);
    weighted.add(counts[i] * values[i]);
  }
  const mean = weighted.total() / weight.total();
  const squares = new CompensatedSum();
  for (let i = 0; i < values.length; i++) {
    const deviation = values[i] - mean;
    squares.add(counts[i] * deviation * deviation);
  }
  return { mean, squaredDeviations: squares.total() };
}
