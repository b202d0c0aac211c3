/**
 * `driftgate profile --print-sql` used as its header tells a user to: run statement 1, set each `:shift_K`
 * from its row, run the rest, and build the profile from the rows by the recipe in the comments. Kept
 * apart from engine-profile.ts on purpose, so a test comparing the two checks the printed recipe, not the
 * engine's code twice.
 */
import { expect } from '@jest/globals';
import { parseCli } from '../../../src/cli/args.js';
import type { CliProfileCommand } from '../../../src/cli/profile-args.js';
import { PROFILE_VERSION, type ColumnProfile, type NumericColumnProfile, type Profile } from '../../../src/core/profile.js';
import { printStatements, sqlStatements, type PrintedStatement } from '../../../src/profile/sql/print-sql.js';
import { HOSTILE } from './same-rows.js';
import { momentsOfCounts } from '../../../src/stattests/math/moments.js';

export interface PrintedSqlRun {
  readonly dialect: string;
  /** `--table NAME` or `--query SQL`. */
  readonly source: readonly string[];
  readonly settings: { readonly maxDistinct: number };
  rows(statement: string): Promise<unknown[][]>;
  /** Statement 2 with its shifts (by column position); a text replacement unless the tool fills them. */
  rowsWithShifts?(statement: string, shifts: ReadonlyMap<number, string>): Promise<unknown[][]>;
}

/** The same columns as the engine tests load, declared as a user would. */
export function printSqlCommand(dialect: string, source: readonly string[], maxDistinct: number): CliProfileCommand {
  const argv = [
    'profile',
    '--print-sql',
    dialect,
    ...source,
    '--numerical',
    HOSTILE,
    '--numerical',
    'level',
    '--categorical',
    'city',
    '--max-distinct',
    String(maxDistinct),
  ];
  return parseCli(argv) as CliProfileCommand;
}

/** What a text editor or `sed` does: every `:shift_K` replaced by its number. */
export function replaceShifts(statement: string, shifts: ReadonlyMap<number, string>): string {
  return statement.replace(/:shift_(\d+)\b/g, (placeholder, position: string) => {
    const shift = shifts.get(Number(position));
    if (shift === undefined) throw new Error(`no shift for ${placeholder}`);
    return shift;
  });
}

const number = (cell: unknown): number => (cell === null ? NaN : Number(cell));

/**
 * The profile from the printed statements' rows, the printed text, and how many rows each statement it ran
 * gave (by the statement as printed, its shifts unfilled).
 */
export async function profileFromPrintedSql(run: PrintedSqlRun): Promise<{
  profile: Profile;
  printed: string;
  statements: PrintedStatement[];
  shifts: ReadonlyMap<number, string>;
  rowCounts: ReadonlyMap<string, number>;
}> {
  const rowCounts = new Map<string, number>();
  const counted = async (statement: string, rows: Promise<unknown[][]>) => {
    const answer = await rows;
    rowCounts.set(statement, answer.length);
    return answer;
  };
  const rowsOf = (statement: string) => counted(statement, run.rows(statement));
  const { printSql, settings } = printSqlCommand(run.dialect, run.source, run.settings.maxDistinct);
  const { dialect, source, columns } = printSql!;
  const printed = printStatements(dialect, source, columns, settings);
  const statements = sqlStatements(dialect, source, columns, settings);
  for (const { sql } of statements) expect(printed).toContain(`\n${sql};\n`);
  const find = (step: PrintedStatement['step'], column?: number) =>
    statements.find((statement) => statement.step === step && statement.column === column)!.sql;

  const [scan] = await rowsOf(find('scan'));
  const rows = number(scan[0]);
  let cell = 1;
  const facts = columns.map((column) => {
    const cells = scan.slice(cell, cell + (column.storage === 'numeric' ? 6 : 2));
    cell += cells.length;
    return cells;
  });
  const shifts = new Map<number, string>();
  columns.forEach((column, index) => {
    if (column.storage === 'numeric')
      shifts.set(index + 1, String(number(facts[index][0]) > 0 ? number(facts[index][3]) / number(facts[index][0]) : 0));
  });
  const spreadStatement = find('spread');
  const [spread] = await counted(
    spreadStatement,
    run.rowsWithShifts ? run.rowsWithShifts(spreadStatement, shifts) : run.rows(replaceShifts(spreadStatement, shifts)),
  );

  const profiles: ColumnProfile[] = [];
  let spreadCell = 0;
  for (const [index, column] of columns.entries()) {
    const position = index + 1;
    if (column.storage === 'text') {
      const [present, distinct] = facts[index].map(number);
      const categories = (await rowsOf(find('categories', position))).map(
        ([category, count]) => [String(category), number(count)] as const,
      );
      const kept = categories.reduce((sum, [, count]) => sum + count, 0);
      profiles.push({
        storage: 'text',
        name: column.name,
        rows,
        missing: rows - present,
        categories,
        other: present - kept,
        distinct,
        distinctExact: true,
      });
      continue;
    }
    const [finite, min, max, , distinct, whole] = facts[index].map(number);
    const [deviations, squares] = [number(spread[spreadCell]), number(spread[spreadCell + 1])];
    spreadCell += 2;
    const shift = Number(shifts.get(position));
    let distribution: NumericColumnProfile['distribution'];
    if (distinct <= run.settings.maxDistinct) {
      const valueCounts = await rowsOf(find('value counts', position));
      distribution = {
        kind: 'lossless',
        values: Float64Array.from(valueCounts, ([value]) => number(value)),
        counts: Float64Array.from(valueCounts, ([, count]) => number(count)),
      };
    } else {
      const values = Float64Array.from(await rowsOf(find('order statistics', position)), ([value]) => number(value));
      const step = Math.floor(2 * settings.rankError * finite) + 1;
      const positions: number[] = [];
      for (let kept = 1; kept < finite; kept += step) positions.push(kept);
      positions.push(finite);
      const ranks = Float64Array.from(positions);
      distribution = {
        kind: 'summary',
        summary: { count: finite, values, rmin: ranks, rmax: ranks.slice() },
        rankError: settings.rankError,
        distinctAtLeast: distinct,
      };
    }
    profiles.push({
      storage: 'numeric',
      name: column.name,
      rows,
      missing: rows - finite,
      integers: whole !== 0,
      min,
      max,
      moments:
        distribution.kind === 'lossless'
          ? momentsFromCounts(distribution)
          : { mean: shift + deviations / finite, m2: squares - (deviations * deviations) / finite },
      distribution,
    });
  }
  return {
    profile: { version: PROFILE_VERSION, sources: [`${run.dialect} --print-sql`], rows, settings, columns: profiles },
    printed,
    statements,
    shifts,
    rowCounts,
  };
}

/** The --engine profile's numbers: everything equal, moments within 1e-12 relative (engines may sum in any order). */
export function expectSameNumbers(fromPrinted: Profile, fromEngine: Profile): void {
  expect(fromPrinted.rows).toBe(fromEngine.rows);
  expect(fromPrinted.columns.length).toBe(fromEngine.columns.length);
  for (const [index, column] of fromPrinted.columns.entries()) {
    const engine = fromEngine.columns[index];
    if (column.storage === 'numeric' && engine.storage === 'numeric') {
      const { moments, ...rest } = column;
      const { moments: engineMoments, ...engineRest } = engine;
      expect(rest).toEqual(engineRest);
      expect(Math.abs(moments!.mean - engineMoments!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(engineMoments!.mean));
      expect(Math.abs(moments!.m2 - engineMoments!.m2)).toBeLessThanOrEqual(1e-12 * engineMoments!.m2);
    } else expect(column).toEqual(engine);
  }
}

/** As the docs say for a column whose value counts were fetched: the moments from the counts. */
function momentsFromCounts({ values, counts }: { values: Float64Array; counts: Float64Array }): { mean: number; m2: number } {
  const { mean, squaredDeviations } = momentsOfCounts(values, counts);
  return { mean, m2: squaredDeviations };
}
