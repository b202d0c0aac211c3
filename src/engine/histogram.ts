/**
 * What the reports draw: compact histograms of both sides on the binning the binned distances use (so a
 * chart shows what psi or Jensen–Shannon measured), and which category moved most.
 */
import { compactHistogram } from '../stattests/binning.js';
import type { Direction, Histogram } from './result.js';
import { epochMilliseconds, formatUtc, precisionOfInstants } from './time.js';
import type { CategoricalSample, Sample } from '../stattests/types.js';

/**
 * The report's histogram of a column: numerical bins, or one bucket per category — and per value for a
 * numerical column with few distinct values, labelled with the value (an instant as its UTC date).
 */
export function histogramOf(sample: Sample, time?: 'epoch-ms' | 'epoch-s'): Histogram | undefined {
  const histogram = compactHistogram(sample);
  if (!histogram) return undefined;
  const baseline = Array.from(histogram.reference);
  const current = Array.from(histogram.current);
  if (histogram.kind === 'bins')
    return { kind: 'bins', edges: Array.from(histogram.edges), baseline, current, ...(time ? { edges_time: time } : {}) };
  if (histogram.kind === 'values') {
    return { kind: 'categories', categories: valueLabels(histogram.values, time), baseline, current, other_baseline: 0, other_current: 0 };
  }
  return {
    kind: 'categories',
    categories: [...histogram.categories],
    baseline,
    current,
    other_baseline: histogram.otherReference,
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
      best = { kind: 'share', category, baseline_share: referenceShare, current_share: currentShare, change };
    }
  });
  return best;
}

function valueLabels(values: ArrayLike<number>, time: 'epoch-ms' | 'epoch-s' | undefined): string[] {
  if (time === undefined) return Array.from(values, String);
  const instants = Array.from(values, (value) => epochMilliseconds(value, time));
  const precision = precisionOfInstants(instants);
  return instants.map((instant) => formatUtc(instant, precision));
}
