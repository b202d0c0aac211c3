/**
 * `driftgate --help`: the commands, then every option as the option table (src/options/table.ts) gives it,
 * then the formats and the methods as their registries know them.
 */
import { statTests } from '../stattests/registry.js';
import { CHECK_OPTIONS, PROFILE_OPTIONS, SECTIONS, type OptionSpec, type Section } from '../options/table.js';

/** Where an option's words start, and the width they wrap to. */
const HELP_COLUMN = 32;
const WIDTH = 104;

const checkOptions = Object.values(CHECK_OPTIONS as Record<string, OptionSpec>);

const USAGE = `driftgate: compare fresh data with the baseline a model was trained on, column by column.

Usage:
  driftgate check --baseline PATH... --current PATH... [options]
  driftgate profile --data PATH... [-o FILE] [profile options]
  driftgate profile --merge PROFILE... [-o FILE]
  driftgate profile --engine postgres|clickhouse|duckdb [--connection URL] (--table T | --query SQL) [-o FILE]
  driftgate profile --print-sql DIALECT (--table T | --query SQL) (--numerical COL | --categorical COL)...

${checkSections()}

Exit status: 0 the gate passed, 1 it tripped (with the default --gate-on any and no model columns:
dataset drift; with --insufficient-data fail, also a gated verdict without enough data), 2 bad input
or usage.

${profileSection()}

--print-sql DIALECT: postgres, clickhouse, duckdb (tested) or bigquery, snowflake, spark (generated, not run
by driftgate's tests). Run statement 1, set each :shift_K from its row (psql -v shift_K=...; elsewhere replace
the text), run the rest (docs/sql-engines.md).

Automatic choice per column: up to 1000 baseline rows, ks for numbers (chi2 with 3-5 distinct
values, z with 2) and chi2 for categories (z when binary); above 1000 rows, wasserstein_normed for
numbers (jensenshannon with 5 or fewer distinct values) and jensenshannon for categories.

Choosing: p-value tests answer "could this be chance?" and, on large samples, say yes to shifts too
small to matter; fixed distances answer "is the change large?" but on small samples (a few hundred
rows) random noise alone crosses them. On small samples use a p-value test, or a distance with
--distance-threshold auto: the distance is compared with those of random relabellings of the pooled
rows, and the column drifts when its permutation p-value, (k+1)/(n+1) with k of n relabellings at
least as far apart, is below --p-value-threshold. On large samples use a distance and a fixed
threshold that states how large a change matters to you.
`;

/** `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/** `--flag VALUE`, and with `short`, `, -f VALUE`. */
function synopsisOf(option: OptionSpec, short = true): string {
  const value = option.value ? ` ${option.value}` : '';
  return `--${option.flag}${value}${short && option.short ? `, -${option.short}${value}` : ''}`;
}

/** `  --flag VALUE` and its words from the help column on; on a line of their own when the flag is long. */
function optionLines(option: OptionSpec): string[] {
  const indent = ' '.repeat(HELP_COLUMN);
  const [first, ...rest] = wrap(option.help ?? '', WIDTH - HELP_COLUMN);
  const head = `  ${synopsisOf(option)}`;
  const lines = head.length <= HELP_COLUMN - 2 ? [`${head.padEnd(HELP_COLUMN)}${first}`] : [head, `${indent}${first}`];
  return [...lines, ...rest.map((line) => `${indent}${line}`)];
}

/** The check's options under their headings, in the table's order. */
function checkSections(): string {
  const withFlags = checkOptions.filter((option) => option.flag !== undefined && option.help);
  const sections = [...new Set(withFlags.map((option) => option.section))];
  const sectionOf = (section: Section) => [
    ...wrap(SECTIONS[section], WIDTH),
    ...withFlags.filter((option) => option.section === section).flatMap(optionLines),
  ];
  return sections.map((section) => sectionOf(section).join('\n')).join('\n\n');
}

/** The profile's heading and own options; the ones it shares with the check, on one line. */
function profileSection(): string {
  const options = Object.values(PROFILE_OPTIONS as Record<string, OptionSpec>);
  const shared = options.filter((option) => checkOptions.includes(option));
  const own = options.filter((option) => !shared.includes(option));
  const sharedLine = `  ${shared.map((option) => synopsisOf(option, false)).join(', ')}   as for check`;
  return [...wrap(SECTIONS.profile, WIDTH), ...own.flatMap(optionLines), sharedLine].join('\n');
}

function methodTable(): string {
  const nameWidth = Math.max(...statTests.map((test) => test.name.length)) + 2;
  const rows = statTests.map(
    (test) =>
      `  ${test.name.padEnd(nameWidth)}${test.kinds.join(', ').padEnd(24)}${(test.output === 'p_value' ? `p < ${test.defaultThreshold}` : `distance >= ${test.defaultThreshold}`).padEnd(18)}${test.title}`,
  );
  return `Methods (name, column types, drift when, what):\n${rows.join('\n')}\n`;
}

export const HELP = `${USAGE}\n${methodTable()}`;

/** The usage without the method table, for the README (whose method table says more). */
export const USAGE_TEXT = USAGE;
