/**
 * A profile: what the check needs to know of one side's data, without its rows. docs/profile-schema.md
 * describes the JSON field by field; these are the in-memory shapes the builder, the merge and the engine
 * share.
 *
 * Exact where it can be: rows, missing cells, moments, minimum and maximum always; category counts up to
 * `maxCategories`; a numerical column's distribution as every distinct value with its count up to
 * `maxDistinct` values (and `maxLosslessBytes` of encoding). Past those, a rank summary with a stated
 * worst-case error (`rank-summary.ts`) and a pooled "other" category; the column is then `approximate`.
 */
import type { RankSummary } from './rank-summary.js';

/** Bumped when a reader of the previous version could misread a new profile. */
export const PROFILE_VERSION = 1;

export interface ProfileSettings {
  /** A numerical column with more distinct values than this is summarised. */
  readonly maxDistinct: number;
  /** ... and so is one whose lossless encoding would take more bytes than this. */
  readonly maxLosslessBytes: number;
  /** The rank error a summary is kept within, as a share of the column's values. */
  readonly rankError: number;
  /** A text column keeps this many categories, the most frequent; the rest are pooled. */
  readonly maxCategories: number;
}

/** Large enough that every golden corpus column (37,376 distinct values at most) is kept exactly. */
export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = {
  maxDistinct: 65_536,
  maxLosslessBytes: 64 * 1024,
  rankError: 0.001,
  maxCategories: 10_000,
};

/** Mean and the sum of squared deviations of the finite values, merged with Chan et al.'s update. */
export interface ColumnMoments {
  readonly mean: number;
  readonly m2: number;
}

export type NumericDistribution =
  | { readonly kind: 'lossless'; readonly values: Float64Array; readonly counts: Float64Array }
  | { readonly kind: 'summary'; readonly summary: RankSummary; readonly rankError: number; readonly distinctAtLeast: number };

export interface NumericColumnProfile {
  readonly storage: 'numeric';
  readonly name: string;
  readonly rows: number;
  /** Empty, NaN and infinite cells: the engine counts infinities as missing. */
  readonly missing: number;
  /** Whether every finite value is a whole number (typing asks this). */
  readonly integers: boolean;
  /** Set when the values are instants in Unix milliseconds (read from a date or timestamp column). */
  readonly time?: true;
  readonly min?: number;
  readonly max?: number;
  readonly moments?: ColumnMoments;
  readonly distribution: NumericDistribution;
}

export interface TextColumnProfile {
  readonly storage: 'text';
  readonly name: string;
  readonly rows: number;
  readonly missing: number;
  /** Kept categories and their counts, most frequent first (ties by code point). */
  readonly categories: ReadonlyArray<readonly [string, number]>;
  /** Cells in categories that were not kept. */
  readonly other: number;
  /** Distinct categories: exact, or a lower bound when `distinctExact` is false. */
  readonly distinct: number;
  readonly distinctExact: boolean;
}

export type ColumnProfile = NumericColumnProfile | TextColumnProfile;

export interface Profile {
  readonly version: number;
  /** Where the rows came from (file names, a table), for reports. */
  readonly sources: readonly string[];
  readonly rows: number;
  readonly settings: ProfileSettings;
  readonly columns: readonly ColumnProfile[];
}

/** Whether the column's distribution is known only approximately, and why. */
export function approximation(column: ColumnProfile): string | undefined {
  if (column.storage === 'text') {
    return column.other > 0
      ? `${column.categories.length} most frequent categories kept, the other ${column.other} cells pooled`
      : undefined;
  }
  if (column.distribution.kind === 'lossless') return undefined;
  return `summarised with rank error ≤ ${column.distribution.rankError}`;
}
