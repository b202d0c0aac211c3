/**
 * A profile computed inside a SQL engine, in the same format and to the same guarantees as the file
 * profiler's (`builder.ts`): counts, missing cells, extremes and distinct counts exact; moments by the
 * two-pass corrected sums (statements.ts); a numerical column's distribution as every distinct value with
 * its count when it has at most `maxDistinct` of them, else a rank summary of exact order statistics from
 * the engine's own quantile function, which meets the rank error with no error of its own; text columns'
 * most frequent categories exact, the rest pooled as "other".
 *
 * The statements: one scan for every column's aggregates, one more for the spreads and order statistics,
 * and one GROUP BY per column whose values or categories are listed.
 */
import { InputError } from '../../core/errors.js';
import type {
  ColumnMoments,
  ColumnProfile,
  NumericColumnProfile,
  Profile,
  ProfileSettings,
  TextColumnProfile,
} from '../../core/profile.js';
import { momentsOfCounts } from '../../stattests/math/moments.js';
import { PROFILE_VERSION } from '../../core/profile.js';
import { NumericAccumulator } from '../numeric-accumulator.js';
import { summaryFault, summaryPositions } from '../../core/rank-summary.js';
import { doubleLiteral, type SqlDialect } from './dialect.js';
import {
  categoriesStatement,
  levelOf,
  SCAN_WIDTH,
  scanStatement,
  spreadStatement,
  valueCountsStatement,
  type SqlColumn,
  type SqlSource,
  type SpreadRequest,
} from './statements.js';

/** A live connection to an engine: its dialect, the source's columns, and statements' rows. */
export interface SqlConnection {
  readonly dialect: SqlDialect;
  /** The source's columns typed for a profile; an InputError for a type a profile cannot hold. */
  columns(source: SqlSource): Promise<SqlColumn[]>;
  /** The rows of a statement, each a list of cells (numbers, numeric text, lists, or null). */
  rows(statement: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** What the first scan tells of a numerical column. */
interface NumericFacts {
  readonly column: SqlColumn;
  readonly finite: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  readonly distinct: number;
  readonly integers: boolean;
}

export async function profileInEngine(
  connection: SqlConnection,
  source: SqlSource,
  settings: ProfileSettings,
  sourceName: string,
): Promise<Profile> {
  const { dialect } = connection;
  const columns = await connection.columns(source);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name))
      throw new InputError(
        `the ${describeSource(source)} has two columns named ${JSON.stringify(column.name)}; name them apart (AS) in --query`,
      );
    seen.add(column.name);
  }
  if (columns.length === 0) throw new InputError(`the ${describeSource(source)} has no columns`);
  const [scan] = await connection.rows(scanStatement(dialect, source, columns));
  const rows = numberOf(scan[0]);
  let offset = 1;
  const numeric: NumericFacts[] = [];
  const text: Array<{ column: SqlColumn; present: number; distinct: number }> = [];
  for (const column of columns) {
    const cells = scan.slice(offset, offset + SCAN_WIDTH[column.storage]);
    offset += SCAN_WIDTH[column.storage];
    if (column.storage === 'numeric') {
      const [finite, min, max, sum, distinct, integers] = cells.map(numberOf);
      numeric.push({ column, finite, min, max, sum, distinct, integers: cells[5] === null || integers === 1 });
    } else {
      text.push({ column, present: numberOf(cells[0]), distinct: numberOf(cells[1]) });
    }
  }

  const spread = numeric.filter((facts) => facts.finite > 0).map((facts) => ({ facts, request: spreadRequest(facts, settings) }));
  const spreadRow =
    spread.length > 0
      ? (
          await connection.rows(
            spreadStatement(
              dialect,
              source,
              spread.map(({ request }) => request),
            ),
          )
        )[0]
      : [];
  const profiles = new Map<string, ColumnProfile>();
  let cell = 0;
  for (const { facts, request } of spread) {
    const [deviations, squares] = [numberOf(spreadRow[cell]), numberOf(spreadRow[cell + 1])];
    cell += 2;
    const quantiles = request.levels ? (spreadRow[cell++] as unknown[]) : undefined;
    const distribution = quantiles ? summaryOf(facts, quantiles, settings) : await valueCounts(connection, source, facts.column);
    profiles.set(facts.column.name, numericProfile(facts, rows, deviations, squares, distribution, settings));
  }
  for (const facts of numeric) {
    if (facts.finite === 0)
      profiles.set(
        facts.column.name,
        numericProfile(facts, rows, 0, 0, { kind: 'lossless', values: new Float64Array(0), counts: new Float64Array(0) }, settings),
      );
  }
  for (const { column, present, distinct } of text)
    profiles.set(column.name, await textProfile(connection, source, column, rows, present, distinct, settings));
  return { version: PROFILE_VERSION, sources: [sourceName], rows, settings, columns: columns.map((column) => profiles.get(column.name)!) };
}

function describeSource(source: SqlSource): string {
  return 'table' in source ? `table ${JSON.stringify(source.table)}` : 'query';
}

/** The first scan's mean: the point the second scan's sums are taken about. */
function shiftOf(facts: NumericFacts): number {
  const mean = facts.sum / facts.finite;
  // A sum that overflowed still leaves a shift inside the values, which is all the corrected sums need.
  return Number.isFinite(mean) ? mean : facts.min / 2 + facts.max / 2;
}

function spreadRequest(facts: NumericFacts, settings: ProfileSettings): SpreadRequest {
  const shift = doubleLiteral(shiftOf(facts));
  if (facts.distinct <= settings.maxDistinct) return { column: facts.column, shift };
  const levels = summaryPositions(facts.finite, settings.rankError).map((position) => doubleLiteral(levelOf(position, facts.finite)));
  return { column: facts.column, shift, levels };
}

function summaryOf(facts: NumericFacts, quantiles: unknown[], settings: ProfileSettings): NumericColumnProfile['distribution'] {
  const positions = Float64Array.from(summaryPositions(facts.finite, settings.rankError));
  const summary = { count: facts.finite, values: Float64Array.from(quantiles, numberOf), rmin: positions, rmax: positions.slice() };
  const fault = summaryFault(summary);
  // The engine's quantiles are its sorted values at these positions: a fault is a bug, not the user's.
  if (fault)
    throw new Error(`the engine's exact quantiles of column ${JSON.stringify(facts.column.name)} do not form a rank summary: ${fault}`);
  return { kind: 'summary', summary, rankError: settings.rankError, distinctAtLeast: facts.distinct };
}

async function valueCounts(connection: SqlConnection, source: SqlSource, column: SqlColumn): Promise<NumericColumnProfile['distribution']> {
  const values: number[] = [];
  const counts: number[] = [];
  for (const [cell, count] of await connection.rows(valueCountsStatement(connection.dialect, source, column))) {
    // −0 and 0 are one value in a profile; an engine may group them apart.
    const value = numberOf(cell) === 0 ? 0 : numberOf(cell);
    if (values.length > 0 && values[values.length - 1] === value) counts[counts.length - 1] += numberOf(count);
    else {
      values.push(value);
      counts.push(numberOf(count));
    }
  }
  return { kind: 'lossless', values: Float64Array.from(values), counts: Float64Array.from(counts) };
}

/**
 * The column as the file profiler would finish it: through the same accumulator, so the lossless budget
 * (`maxLosslessBytes`) turns it into a summary by the same rule.
 */
function numericProfile(
  facts: NumericFacts,
  rows: number,
  deviations: number,
  squares: number,
  distribution: NumericColumnProfile['distribution'],
  settings: ProfileSettings,
): NumericColumnProfile {
  const { finite, min, max } = facts;
  const base = {
    storage: 'numeric' as const,
    name: facts.column.name,
    rows,
    missing: rows - finite,
    integers: facts.integers,
    distribution,
  };
  const accumulator = new NumericAccumulator(facts.column.name, settings);
  if (finite === 0) {
    accumulator.addProfile(base);
    return accumulator.finish();
  }
  accumulator.addProfile({ ...base, min, max, moments: engineMoments(facts, deviations, squares, distribution) });
  return accumulator.finish();
}

/**
 * The moments: from the value list when the column has one (its sums would repeat each value's rounding as
 * often as the value occurs), else from the sums about the shift. A constant column has its exact mean and
 * no spread, as the file profiler gives it.
 */
function engineMoments(
  facts: NumericFacts,
  deviations: number,
  squares: number,
  distribution: NumericColumnProfile['distribution'],
): ColumnMoments {
  const { finite, min, max } = facts;
  if (min === max) return { mean: min, m2: 0 };
  if (distribution.kind === 'lossless') {
    const { mean, squaredDeviations } = momentsOfCounts(distribution.values, distribution.counts);
    return { mean, m2: squaredDeviations };
  }
  const mean = Math.min(max, Math.max(min, shiftOf(facts) + deviations / finite));
  return { mean, m2: Math.max(0, squares - (deviations * deviations) / finite) };
}

async function textProfile(
  connection: SqlConnection,
  source: SqlSource,
  column: SqlColumn,
  rows: number,
  present: number,
  distinct: number,
  settings: ProfileSettings,
): Promise<TextColumnProfile> {
  const categories: Array<[string, number]> = [];
  if (present > 0) {
    for (const [category, count] of await connection.rows(
      categoriesStatement(connection.dialect, source, column, settings.maxCategories),
    )) {
      categories.push([String(category), numberOf(count)]);
    }
  }
  const kept = categories.reduce((sum, [, count]) => sum + count, 0);
  return {
    storage: 'text',
    name: column.name,
    rows,
    missing: rows - present,
    categories,
    other: present - kept,
    distinct,
    distinctExact: true,
  };
}

/** A cell the engine returned as a number, numeric text or a big integer; NaN for NULL. */
function numberOf(cell: unknown): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string' || typeof cell === 'bigint') return Number(cell);
  return NaN;
}

/** What `work` gives; its failure as `engineError` words it. */
export async function inEngine<T>(engine: string, secrets: readonly string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw engineError(engine, error, secrets);
  }
}

/**
 * An engine's error as an InputError for the user, with every secret of the connection (its password, the
 * whole URL) blanked, also where the engine echoes them.
 */
function engineError(engine: string, error: unknown, secrets: readonly string[]): InputError {
  if (error instanceof InputError) return error;
  // By its shape, not `instanceof`: a driver's errors may come from another realm (a VM context, a worker).
  const described = (error as { message?: unknown } | null)?.message;
  let message = typeof described === 'string' ? described : String(error);
  for (const secret of secrets) if (secret.length > 0) message = message.split(secret).join('***');
  return new InputError(`${engine}: ${message.trim()}`);
}
