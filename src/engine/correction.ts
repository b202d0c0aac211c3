/**
 * Multiple-testing corrections across the columns tested with a p-value. With many columns, some will
 * cross p < 0.05 by chance alone; these adjust the p-values so the threshold bounds the family-wise error
 * (Bonferroni) or the false discovery rate (Benjamini–Hochberg).
 */
import type { Correction } from './options.js';

/** Adjusted p-values, aligned with `pValues`. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  if (correction === 'bonferroni') return pValues.map((p) => Math.min(1, p * pValues.length));
  if (correction === 'fdr') return benjaminiHochberg(pValues);
  return [...pValues];
}

/**
 * Benjamini & Hochberg (1995) step-up: sorted ascending, p_(i)·m/i, then a running minimum from the largest
 * down so the adjusted values keep the order of the raw ones (as R's `p.adjust(method = "BH")`).
 */
function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, index) => index).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    runningMin = Math.min(runningMin, (pValues[index] * m) / rank);
    adjusted[index] = runningMin;
  }
  return adjusted;
}
