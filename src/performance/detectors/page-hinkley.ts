/**
 * The Page-Hinkley test (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954), one-sided,
 * for an increase in the mean of the error signal, in the fading form of scikit-multiflow and river.
 *
 * Method: with x̄_t the mean of the values since the last reset, the statistic is
 * `m_t = max(0, α·m_{t−1} + (x_t − x̄_t − δ))`: it grows while values exceed the running mean by more
 * than the allowed magnitude δ and is pulled back to zero otherwise (α < 1 slowly forgets old excess).
 * A drift is signalled when m_t > λ, once at least 30 values are in; the detector then starts afresh.
 * Defaults: δ = 0.005, λ = 50, α = 1 − 0.0001, 30 values — those of scikit-multiflow's
 * `PageHinkley` and river's `drift.PageHinkley`. λ and δ are in the signal's units: on a 0/1 error
 * signal, λ = 50 is fifty wrong rows more than the running rate predicts; for regression errors,
 * scale the signal (say, by the baseline MAE) before using these defaults.
 *
 * @example
 * const test = new PageHinkley();
 * // 0/1 errors at a 10 % rate stay 'stable'; at 30 % after that, m_t climbs by about 0.2 a row and
 * // crosses λ = 50 typically 200–350 rows later: 'drift'.
 */
import type { ChangeDetector, DetectorState } from './detector.js';

export interface PageHinkleyOptions {
  /** Magnitude of change tolerated, δ; default 0.005. */
  readonly delta?: number;
  /** Alarm threshold λ; default 50. */
  readonly threshold?: number;
  /** Fading factor α of the statistic; default 1 − 0.0001. */
  readonly alpha?: number;
  /** Values since the last reset before any alarm; default 30. */
  readonly minInstances?: number;
}

export const PAGE_HINKLEY_DEFAULTS: Required<PageHinkleyOptions> = {
  delta: 0.005,
  threshold: 50,
  alpha: 1 - 0.0001,
  minInstances: 30,
};

export class PageHinkley implements ChangeDetector {
  private readonly options: Required<PageHinkleyOptions>;
  private count = 0;
  private mean = 0;
  private statistic = 0;
  private drifted = false;

  constructor(options: PageHinkleyOptions = {}) {
    this.options = { ...PAGE_HINKLEY_DEFAULTS, ...options };
  }

  update(value: number): DetectorState {
    if (this.drifted) this.restart();
    this.count++;
    this.mean += (value - this.mean) / this.count;
    this.statistic = Math.max(0, this.options.alpha * this.statistic + (value - this.mean - this.options.delta));
    if (this.count < this.options.minInstances || this.statistic <= this.options.threshold) return 'stable';
    this.drifted = true;
    return 'drift';
  }

  private restart(): void {
    this.count = 0;
    this.mean = 0;
    this.statistic = 0;
    this.drifted = false;
  }
}
