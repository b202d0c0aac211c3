/**
 * What the reports draw: compact histograms of both sides, and which category moved most.
 *
 * Chart bins are for people, so they are few (at most `MAX_BINS`, fewer for small samples by Sturges'
 * rule) and equal-width over the pooled range; the binned tests use their own binning.
 */
import type { Direction, Histogram } from './result.js';
import type { CategoricalSample, NumericalSample, Sample } from '../stattests/types.js';

export const MAX_BINS = 20;
export const MAX_CATEGORIES = 20;

export function histogramOf(sample: Sample): Histogram | undefined {
  return sample.kind === 'numerical' ? numericalHistogram(sample) : categoricalHistogram(sample);
}

function numericalHistogram({ reference, current }: NumericalSample): Histogram | undefined {
  const total = reference.length + current.length;
  if (total === 0) return undefined;
  const lo = Math.min(reference[0] ?? Infinity, current[0] ?? Infinity);
  const hi = Math.max(reference[reference.length - 1] ?? -Infinity, current[current.length - 1] ?? -Infinity);
  const bins = lo === hi ? 1 : Math.min(MAX_BINS, Math.ceil(Math.log2(total)) + 1);
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  return { kind: 'bins', edges, reference: countSorted(reference, edges), current: countSorted(current, edges) };
}

/** Counts sorted values per bin in one pass; the last bin includes its upper edge. */
function countSorted(sorted: Float64Array, edges: number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  let bin = 0;
  for (const value of sorted) {
    while (bin < bins - 1 && value >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return counts;
}

/** The most frequent categories over both sides; the rest are summed as "other". */
function categoricalHistogram(sample: CategoricalSample): Histogram {
  const order = sample.categories
    .map((_, index) => index)
    .sort((a, b) => sample.reference[b] + sample.current[b] - (sample.reference[a] + sample.current[a]) || a - b);
  const shown = order.slice(0, MAX_CATEGORIES);
  const sumOf = (counts: Float64Array, indices: number[]) => indices.reduce((total, index) => total + counts[index], 0);
  const hidden = order.slice(MAX_CATEGORIES);
  return {
    kind: 'categories',
    categories: shown.map((index) => sample.categories[index]),
    reference: shown.map((index) => sample.reference[index]),
    current: shown.map((index) => sample.current[index]),
    other_reference: sumOf(sample.reference, hidden),
    other_current: sumOf(sample.current, hidden),
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
