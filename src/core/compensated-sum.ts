/**
 * Neumaier's compensated sum (the Kahan–Babuška variant that also holds when a term outweighs the running
 * sum): the rounding error of every addition is kept apart and added back at the end, so the result is
 * within about an ulp of the exact sum at any length, where a plain loop drifts with n.
 *
 * Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen", ZAMM 54
 * (1974).
 *
 * @example
 * const sum = new CompensatedSum();
 * for (const term of [1e16, 1, -1e16]) sum.add(term);
 * sum.total(); // => 1 (a plain loop gives 0)
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(term: number): void {
    const next = this.sum + term;
    this.compensation += Math.abs(this.sum) >= Math.abs(term) ? this.sum - next + term : term - next + this.sum;
    this.sum = next;
  }

  total(): number {
    return this.sum + this.compensation;
  }
}
