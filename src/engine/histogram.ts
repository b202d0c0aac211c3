/**
 * What the reports draw: compact histograms of both sides on the binning the binned distances use (so a
 * chart shows what psi or Jensen–Shannon measured), and which category moved most.
 */
import { compactHistogram } from '../stattests/binning.js';
import type { Direction, Histogram } from './result.js';
import type { CategoricalSample, Sample } from '../stattests/types.js';

/**
 * The report's histogram of a column: numerical bins, or one bucket per category — and per value for a
 * numerical column with few distinct values, labelled with the value.
 */
export function histogramOf(sample: Sample): Histogram | undefined {
  const histogram = compactHistogram(sample);
  if (!histogram) return undefined;
  const reference = Array.from(histogram.reference);
  const current = Array.from(histogram.current);
  if (histogram.kind === 'bins') return { kind: 'bins', edges: Array.from(histogram.edges), reference, current };
  if (histogram.kind === 'values') {
    return { kind: 'categories', categories: Array.from(histogram.values, String), reference, current, other_reference: 0, other_current: 0 };
  }
  return {
    kind: 'categories',
    categories: [...histogram.categories],
    reference,
    current,
    other_reference: histogram.otherReference,
    other_current: histogram.otherCurrent,
  };
}

/** The category whose share moved most between the sides. */
export function largestShareChange(sample: CategoricalSample): Direction | undefined {
  if (sample.referenceTotal === 0 || sample.currentTotal === 0) return undefined;
  let best: Direction | undefined;
  sample.categories.forEach((category, index) => {
    const referenceShare = sample.reference[index] / sample.referenceTotal;
    const currentShare = sample.current[index] / sample.currentTotal;
    const change = currentShare - referenceShare;
    if (!best || Math.abs(change) > Math.abs(best.change)) {
      best = { kind: 'share', category, reference_share: referenceShare, current_share: currentShare, change };
    }
  });
  return best;
}
