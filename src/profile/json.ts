/**
 * A profile to and from its JSON form (docs/profile-schema.md). Reading trusts nothing: every count, moment
 * and summary is checked against the others, and the first contradiction is an InputError naming the file.
 */
import { InputError } from '../core/errors.js';
import { decodeDistribution, encodeDistribution, type EncodedDistribution } from './distribution-codec.js';
import {
  PROFILE_VERSION,
  type ColumnProfile,
  type NumericColumnProfile,
  type Profile,
  type ProfileSettings,
  type TextColumnProfile,
} from '../core/profile.js';
import { rankErrorOf, summaryFault } from '../core/rank-summary.js';

/** The key a profile's JSON starts with; its value is the format version. */
export const PROFILE_MARKER = 'driftgate_profile';

export function profileToJson(profile: Profile): object {
  return {
    [PROFILE_MARKER]: profile.version,
    rows: profile.rows,
    sources: profile.sources,
    settings: {
      max_distinct: profile.settings.maxDistinct,
      max_lossless_bytes: profile.settings.maxLosslessBytes,
      rank_error: profile.settings.rankError,
      max_categories: profile.settings.maxCategories,
    },
    columns: profile.columns.map(columnToJson),
  };
}

function columnToJson(column: ColumnProfile): object {
  const common = { name: column.name, storage: column.storage, rows: column.rows, missing: column.missing };
  if (column.storage === 'text') {
    return {
      ...common,
      distinct: column.distinct,
      distinct_exact: column.distinctExact,
      other: column.other,
      categories: column.categories,
    };
  }
  const { distribution } = column;
  const numbers = {
    ...common,
    integers: column.integers,
    ...(column.time ? { time: true } : {}),
    ...(column.min === undefined ? {} : { min: column.min, max: column.max, mean: column.moments!.mean, m2: column.moments!.m2 }),
  };
  if (distribution.kind === 'lossless')
    return { ...numbers, distribution: { kind: 'lossless', ...encodeDistribution(distribution.values, distribution.counts) } };
  const { summary } = distribution;
  return {
    ...numbers,
    distribution: {
      kind: 'summary',
      rank_error: distribution.rankError,
      distinct_at_least: distribution.distinctAtLeast,
      values: Array.from(summary.values),
      rmin: Array.from(summary.rmin),
      rmax: Array.from(summary.rmax),
    },
  };
}

/** The profile in `json`, or an InputError naming `file` and what is wrong with it. */
export function profileFromJson(json: unknown, file: string): Profile {
  const fail = (message: string, column?: string): never => {
    throw new InputError(`not a usable driftgate profile: ${message}`, column === undefined ? { file } : { file, column });
  };
  const root = asRecord(json) ?? fail('the file does not hold a JSON object');
  const version = root[PROFILE_MARKER];
  if (version === undefined) fail(`it has no "${PROFILE_MARKER}" field`);
  if (version !== PROFILE_VERSION) {
    fail(
      `it is format version ${JSON.stringify(version)}, and this driftgate reads version ${PROFILE_VERSION}; make it again with this version`,
    );
  }
  const rows = count(root.rows) ?? fail('"rows" is not a whole number ≥ 0');
  const sources =
    Array.isArray(root.sources) && root.sources.every((source) => typeof source === 'string')
      ? (root.sources as string[])
      : fail('"sources" is not a list of names');
  const settings = readSettings(asRecord(root.settings)) ?? fail('"settings" is missing or holds an invalid value');
  if (!Array.isArray(root.columns)) fail('"columns" is not a list');
  const names = new Set<string>();
  const columns = (root.columns as unknown[]).map((entry, index) => {
    const record = asRecord(entry) ?? fail(`column ${index + 1} is not an object`);
    const name = typeof record.name === 'string' && record.name !== '' ? record.name : fail(`column ${index + 1} has no name`);
    if (names.has(name)) fail('it names this column twice', name);
    names.add(name);
    const problem = (message: string): never => fail(message, name);
    const column =
      record.storage === 'text'
        ? readText(record, name, problem)
        : record.storage === 'numeric'
          ? readNumeric(record, name, problem)
          : problem('its "storage" is neither "numeric" nor "text"');
    if (column.rows !== rows) problem(`it has ${column.rows} rows, the profile ${rows}`);
    return column;
  });
  return { version: PROFILE_VERSION, sources, rows, settings, columns };
}

function readSettings(record: Record<string, unknown> | undefined): ProfileSettings | undefined {
  if (!record) return undefined;
  const maxDistinct = count(record.max_distinct);
  const maxLosslessBytes = count(record.max_lossless_bytes);
  const maxCategories = count(record.max_categories);
  const rankError = record.rank_error;
  if (maxDistinct === undefined || maxLosslessBytes === undefined || maxCategories === undefined) return undefined;
  if (typeof rankError !== 'number' || !(rankError > 0 && rankError < 1)) return undefined;
  return { maxDistinct, maxLosslessBytes, rankError, maxCategories };
}

type Problem = (message: string) => never;

function readText(record: Record<string, unknown>, name: string, problem: Problem): TextColumnProfile {
  const { rows, missing } = readCounts(record, problem);
  const other = count(record.other) ?? problem('"other" is not a whole number ≥ 0');
  const distinct = count(record.distinct) ?? problem('"distinct" is not a whole number ≥ 0');
  if (typeof record.distinct_exact !== 'boolean') problem('"distinct_exact" is not true or false');
  if (!Array.isArray(record.categories)) problem('"categories" is not a list');
  const seen = new Set<string>();
  let total = other;
  const categories = (record.categories as unknown[]).map((entry): [string, number] => {
    const pair = Array.isArray(entry) && entry.length === 2 ? entry : problem('a category is not a [name, count] pair');
    const [category, n] = [pair[0], count(pair[1])];
    if (typeof category !== 'string' || n === undefined || n === 0) problem('a category is not a name with a count ≥ 1');
    if (seen.has(category as string)) problem(`it lists category ${JSON.stringify(category)} twice`);
    seen.add(category as string);
    total += n!;
    return [category as string, n!];
  });
  if (total !== rows - missing) problem(`its category counts add up to ${total}, not the ${rows - missing} non-missing cells`);
  if (distinct < categories.length + (other > 0 ? 1 : 0)) problem(`"distinct" (${distinct}) is less than the categories it lists`);
  if (other === 0 && record.distinct_exact && distinct !== categories.length)
    problem(`"distinct" (${distinct}) differs from the ${categories.length} categories listed`);
  return { storage: 'text', name, rows, missing, categories, other, distinct, distinctExact: record.distinct_exact as boolean };
}

function readNumeric(record: Record<string, unknown>, name: string, problem: Problem): NumericColumnProfile {
  const { rows, missing } = readCounts(record, problem);
  const present = rows - missing;
  if (typeof record.integers !== 'boolean') problem('"integers" is not true or false');
  if (record.time !== undefined && record.time !== true) problem('"time" is given and not true');
  const base = {
    storage: 'numeric' as const,
    name,
    rows,
    missing,
    integers: record.integers as boolean,
    ...(record.time === true ? { time: true as const } : {}),
  };
  const source = asRecord(record.distribution) ?? problem('"distribution" is not an object');
  let distribution: NumericColumnProfile['distribution'];
  let min: number | undefined;
  let max: number | undefined;
  if (source.kind === 'lossless') {
    const encoded = readEncoded(source) ?? problem('its lossless distribution is not a valid encoding');
    const decoded = decodeDistribution(encoded) ?? problem('its lossless distribution does not decode (corrupt or truncated)');
    const { values, counts } = decoded;
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]) || (i > 0 && !(values[i] > values[i - 1])))
        problem('its distinct values are not finite and ascending');
      if (!(counts[i] >= 1)) problem('a distinct value has a count below 1');
    }
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (total !== present) problem(`its value counts add up to ${total}, not the ${present} non-missing cells`);
    distribution = { kind: 'lossless', values, counts };
    [min, max] = [values[0], values[values.length - 1]];
  } else if (source.kind === 'summary') {
    const arrays = [source.values, source.rmin, source.rmax].map(numberArray);
    if (arrays.some((array) => array === undefined)) problem('its summary values and rank bounds are not lists of numbers');
    const [values, rmin, rmax] = arrays as Float64Array[];
    const summary = { count: present, values, rmin, rmax };
    const fault = summaryFault(summary);
    if (fault) problem(`its rank summary is inconsistent: ${fault}`);
    const rankError = source.rank_error;
    if (typeof rankError !== 'number' || !(rankError > 0 && rankError < 1)) problem('"rank_error" is not a share between 0 and 1');
    if (rankErrorOf(summary) > (rankError as number) + 1e-12) {
      problem(`its rank summary's gaps give a rank error of ${rankErrorOf(summary)}, more than the ${rankError} it states`);
    }
    const distinctAtLeast = count(source.distinct_at_least) ?? problem('"distinct_at_least" is not a whole number ≥ 0');
    distribution = { kind: 'summary', summary, rankError: rankError as number, distinctAtLeast };
    [min, max] = [values[0], values[values.length - 1]];
  } else {
    return problem('its distribution kind is neither "lossless" nor "summary"');
  }
  if (present === 0) return { ...base, distribution };
  const moments = { mean: record.mean, m2: record.m2 };
  if (record.min !== min || record.max !== max) problem('its "min" and "max" differ from its distribution');
  if (
    typeof moments.mean !== 'number' ||
    typeof moments.m2 !== 'number' ||
    !Number.isFinite(moments.mean) ||
    !(moments.m2 >= 0) ||
    !Number.isFinite(moments.m2)
  ) {
    problem('its "mean" and "m2" are not finite numbers (m2 ≥ 0)');
  }
  if ((moments.mean as number) < min! || (moments.mean as number) > max!) problem('its mean lies outside its minimum and maximum');
  return { ...base, min, max, moments: { mean: moments.mean as number, m2: moments.m2 as number }, distribution };
}

function readCounts(record: Record<string, unknown>, problem: Problem): { rows: number; missing: number } {
  const rows = count(record.rows) ?? problem('"rows" is not a whole number ≥ 0');
  const missing = count(record.missing) ?? problem('"missing" is not a whole number ≥ 0');
  if (missing > rows) problem(`it has more missing cells (${missing}) than rows (${rows})`);
  return { rows, missing };
}

function readEncoded(record: Record<string, unknown>): EncodedDistribution | undefined {
  const distinct = count(record.distinct);
  if (distinct === undefined || typeof record.data !== 'string') return undefined;
  if (record.encoding === 'float64') return { encoding: 'float64', distinct, data: record.data };
  if (record.encoding === 'decimal' && count(record.scale) !== undefined)
    return { encoding: 'decimal', scale: record.scale as number, distinct, data: record.data };
  return undefined;
}

function numberArray(value: unknown): Float64Array | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'number') ? Float64Array.from(value as number[]) : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
