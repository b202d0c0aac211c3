/**
 * The one shape every statistical test has.
 *
 * The engine hands a test the non-missing values of one column, already prepared for it: numerical values
 * sorted once per column (every order-based test shares that sort), categorical values as counts over the
 * union of both sides' categories. A test never sees missing values, never sees an empty side, and never
 * reads files.
 */
import type { ColumnKind } from '../core/table.js';

export interface NumericalSample {
  readonly kind: 'numerical';
  /** Reference (baseline) values, sorted ascending, no NaN. Never empty. */
  readonly reference: Float64Array;
  /** Current values, sorted ascending, no NaN. Never empty. */
  readonly current: Float64Array;
  /**
   * Set when a side comes from a profile's rank summary: its values are then representative points whose
   * empirical CDF is within a stated distance of the data's, and its exact moments are known.
   */
  readonly summarised?: SummarisedSides;
}

/** What is known exactly, and how far the rest may be off, for the sides that are summaries. */
export interface SummarisedSides {
  /** sup_x |F̂ − F| added over the summarised sides: how far any ECDF gap can be off. */
  readonly cdfError: number;
  /** ∫ |F̂ − F| dx added over the summarised sides, in the column's units: how far an ECDF area can be off. */
  readonly areaError: number;
  /** The summarised sides' exact counts and moments (a summary's points have other moments). */
  readonly referenceMoments?: ExactMoments;
  readonly currentMoments?: ExactMoments;
}

export interface ExactMoments {
  readonly count: number;
  readonly mean: number;
  /** Σ (x − mean)². */
  readonly squaredDeviations: number;
}

/** How far each field of a result computed on a summarised sample can be from the exact value. */
export interface ResultBounds {
  statistic?: number;
  distance?: number;
  /** The interval the exact p-value lies in. */
  p_value?: readonly [number, number];
}

export interface CategoricalSample {
  readonly kind: 'categorical';
  /** The union of both sides' categories, sorted by Unicode code point. */
  readonly categories: readonly string[];
  /** Reference count of each category, aligned with `categories`. */
  readonly reference: Float64Array;
  /** Current count of each category, aligned with `categories`. */
  readonly current: Float64Array;
  /** Sum of `reference` (n). */
  readonly referenceTotal: number;
  /** Sum of `current` (m). */
  readonly currentTotal: number;
}

export type Sample = NumericalSample | CategoricalSample;

/**
 * The domain of the 2×2 tests (`z`, `fisher_exact`): a categorical sample with at most two categories in
 * total. Their `applies` and `compute` both ask this, so the two cannot disagree.
 */
export function isBinaryCategorical(sample: Sample): sample is CategoricalSample {
  return sample.kind === 'categorical' && sample.categories.length <= 2;
}

/**
 * What a test computed. Fields are those of the golden corpus: a hypothesis test gives `statistic` and
 * `p_value` (and `dof` where it has degrees of freedom); a distance gives `distance`. A field that has no
 * finite value is left out.
 */
export interface TestResult {
  statistic?: number;
  p_value?: number;
  dof?: number;
  distance?: number;
}

export interface StatTest {
  /** The method's name as users type it (`ks`, `chi2`, ...). */
  readonly name: string;
  /** A few words for tables: "Kolmogorov–Smirnov". */
  readonly title: string;
  /** What it measures, a phrase in Markdown for the README's method table (`node scripts/action-docs.js` writes it). */
  readonly description: string;
  readonly kinds: readonly ColumnKind[];
  /** `p_value`: drift when p < threshold. `distance`: drift when distance >= threshold. */
  readonly output: 'p_value' | 'distance';
  readonly defaultThreshold: number;
  /**
   * Whether the method is defined for this sample at all (e.g. `z` needs at most two categories,
   * `ks_exact` at most 10000 values a side). Absent means always.
   */
  applies?(sample: Sample): boolean;
  /**
   * Computes the test. Returns `undefined` when the method has no finite value for this sample (SciPy
   * raises, or returns NaN or ±inf), and omits fields that have none.
   */
  compute(sample: Sample): TestResult | undefined;
  /**
   * For a sample with summarised sides: the bounds on what `compute` gave. Absent: the method cannot be
   * computed honestly from a rank summary, and the engine refuses it for such columns.
   */
  boundsFromSummary?(sample: NumericalSample & { summarised: SummarisedSides }, result: TestResult): ResultBounds;
}
