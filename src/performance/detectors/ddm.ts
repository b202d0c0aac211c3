/**
 * DDM, the Drift Detection Method of J. Gama, P. Medas, G. Castillo and P. Rodrigues, "Learning with
 * drift detection", SBIA 2004 (LNCS 3171), over a 0/1 error signal (1 = the model got the row wrong).
 *
 * Method: after n rows with error rate p_n, the binomial standard deviation is s_n = √(p_n(1 − p_n)/n).
 * The detector remembers the smallest p + s seen (p_min, s_min, once at least 30 rows are in) and
 * signals a warning while p_n + s_n > p_min + 2·s_min and a drift once p_n + s_n > p_min + 3·s_min,
 * then starts afresh. Defaults are the paper's — warning at 2σ, drift at 3σ, 30 rows before any test —
 * which MOA, scikit-multiflow and river also use. DDM only notices increases of the error rate.
 *
 * Limitation, inherited from the method: when the first 30 rows hold no error at all, p_min = s_min = 0
 * and the next error raises a drift. For models with error rates well under 10 % (zero errors in 30
 * rows is then likely) prefer ADWIN's verdict.
 *
 * @example
 * const ddm = new Ddm();
 * for (let row = 0; row < 1000; row++) ddm.update(row % 10 === 0 ? 1 : 0); // 10 % errors: 'stable'
 * // a run of errors then drives it to 'warning' and 'drift'.
 */
import type { ChangeDetector, DetectorState } from './detector.js';

export interface DdmOptions {
  /** Standard deviations above the minimum for a warning; default 2. */
  readonly warningLevel?: number;
  /** Standard deviations above the minimum for a drift; default 3. */
  readonly driftLevel?: number;
  /** Rows since the last reset before any test; default 30. */
  readonly minInstances?: number;
}

export const DDM_DEFAULTS: Required<DdmOptions> = { warningLevel: 2, driftLevel: 3, minInstances: 30 };

export class Ddm implements ChangeDetector {
  private readonly options: Required<DdmOptions>;
  private rows = 0;
  private errors = 0;
  private minimumRate = Number.POSITIVE_INFINITY;
  private minimumDeviation = Number.POSITIVE_INFINITY;
  private drifted = false;

  constructor(options: DdmOptions = {}) {
    this.options = { ...DDM_DEFAULTS, ...options };
  }

  /** `error` is 1 for a wrong prediction and 0 for a right one. */
  update(error: number): DetectorState {
    if (this.drifted) this.restart();
    this.rows++;
    this.errors += error;
    const rate = this.errors / this.rows;
    const deviation = Math.sqrt((rate * (1 - rate)) / this.rows);
    if (this.rows < this.options.minInstances) return 'stable';
    if (rate + deviation <= this.minimumRate + this.minimumDeviation) {
      this.minimumRate = rate;
      this.minimumDeviation = deviation;
    }
    if (rate + deviation > this.minimumRate + this.options.driftLevel * this.minimumDeviation) {
      this.drifted = true;
      return 'drift';
    }
    return rate + deviation > this.minimumRate + this.options.warningLevel * this.minimumDeviation ? 'warning' : 'stable';
  }

  private restart(): void {
    this.rows = 0;
    this.errors = 0;
    this.minimumRate = Number.POSITIVE_INFINITY;
    this.minimumDeviation = Number.POSITIVE_INFINITY;
    this.drifted = false;
  }
}
