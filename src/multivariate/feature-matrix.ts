/**
 * The feature columns of both sides as one numeric matrix each, prepared as NannyML prepares them for its
 * data reconstruction (and used by every multivariate method here), with everything learnt from the
 * baseline alone:
 *
 * 1. impute: a missing number becomes the baseline mean of the column, a missing category the baseline's
 *    most frequent one (ties: the first in text order, as scikit-learn's `SimpleImputer` takes the smallest);
 * 2. encode: a category becomes its share of the baseline rows (normalized count encoding); a category
 *    the baseline never had gets 0, its count there;
 * 3. standardize: subtract the baseline mean, divide by the baseline's population standard deviation
 *    (scikit-learn's `StandardScaler`; a constant column is divided by 1).
 *
 * A column with no value at all in the baseline carries nothing to learn from and is left out.
 *
 * Reference: NannyML, "Data Reconstruction with PCA",
 * https://nannyml.readthedocs.io/en/stable/how_it_works/multivariate_drift.html
 */
import { MISSING_CODE, type Column, type ColumnKind, type Table } from '../core/table.js';
import type { DataMatrix } from './linear-algebra.js';

export interface FeatureSpec {
  readonly name: string;
  readonly kind: ColumnKind;
}

export interface FeatureMatrices {
  /** The columns kept, in matrix column order. */
  readonly features: readonly FeatureSpec[];
  readonly baseline: DataMatrix;
  readonly current: DataMatrix;
}

export function featureMatrices(baseline: Table, current: Table, specs: readonly FeatureSpec[]): FeatureMatrices {
  const encoded: Array<{ spec: FeatureSpec; baseline: Float64Array; current: Float64Array }> = [];
  for (const spec of specs) {
    const reference = columnNamed(baseline, spec.name);
    const counterpart = columnNamed(current, spec.name);
    const pair = spec.kind === 'numerical' ? imputedNumbers(reference, counterpart) : encodedCategories(reference, counterpart);
    if (pair) encoded.push({ spec, ...pair });
  }
  for (const pair of encoded) standardize(pair.baseline, pair.current);
  return {
    features: encoded.map((pair) => pair.spec),
    baseline: interleave(
      encoded.map((pair) => pair.baseline),
      baseline.rowCount,
    ),
    current: interleave(
      encoded.map((pair) => pair.current),
      current.rowCount,
    ),
  };
}

function columnNamed(table: Table, name: string): Column {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw new Error(`column ${JSON.stringify(name)} is not in ${table.sources.join(', ')}`);
  return column;
}

function imputedNumbers(reference: Column, current: Column): { baseline: Float64Array; current: Float64Array } | undefined {
  if (reference.storage !== 'numeric' || current.storage !== 'numeric')
    throw new Error(`column ${JSON.stringify(reference.name)} holds text`);
  let sum = 0;
  let present = 0;
  for (const value of reference.values) {
    if (Number.isFinite(value)) {
      sum += value;
      present++;
    }
  }
  if (present === 0) return undefined;
  const fill = sum / present;
  const impute = (values: Float64Array) => values.map((value) => (Number.isFinite(value) ? value : fill));
  return { baseline: impute(reference.values), current: impute(current.values) };
}

/** Each row's category as text, or undefined where missing; numbers become text as the per-column tests key them. */
function categoriesOf(column: Column): Array<string | undefined> {
  if (column.storage === 'text') return Array.from(column.codes, (code) => (code === MISSING_CODE ? undefined : column.dictionary[code]));
  return Array.from(column.values, (value) => (Number.isFinite(value) ? String(value === 0 ? 0 : value) : undefined));
}

function encodedCategories(reference: Column, current: Column): { baseline: Float64Array; current: Float64Array } | undefined {
  const baselineCategories = categoriesOf(reference);
  const counts = new Map<string, number>();
  for (const category of baselineCategories) if (category !== undefined) counts.set(category, (counts.get(category) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  let mostFrequent = '';
  let most = 0;
  for (const [category, count] of counts) {
    if (count > most || (count === most && category < mostFrequent)) [mostFrequent, most] = [category, count];
  }
  const missing = baselineCategories.length - [...counts.values()].reduce((sum, count) => sum + count, 0);
  counts.set(mostFrequent, most + missing);
  const rows = baselineCategories.length;
  const share = (category: string | undefined) => (counts.get(category ?? mostFrequent) ?? 0) / rows;
  return { baseline: Float64Array.from(baselineCategories, share), current: Float64Array.from(categoriesOf(current), share) };
}

function standardize(baseline: Float64Array, current: Float64Array): void {
  let mean = 0;
  for (const value of baseline) mean += value;
  mean /= baseline.length;
  let squares = 0;
  for (const value of baseline) squares += (value - mean) ** 2;
  const deviation = Math.sqrt(squares / baseline.length);
  const scale = deviation > 0 ? deviation : 1;
  for (const values of [baseline, current]) {
    for (let row = 0; row < values.length; row++) values[row] = (values[row] - mean) / scale;
  }
}

function interleave(columns: readonly Float64Array[], rows: number): DataMatrix {
  const width = columns.length;
  const values = new Float64Array(rows * width);
  columns.forEach((column, index) => {
    for (let row = 0; row < rows; row++) values[row * width + index] = column[row];
  });
  return { rows, columns: width, values };
}
