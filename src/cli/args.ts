/**
 * The CLI's arguments, parsed into the same settings the action builds from its inputs. Usage mistakes are
 * InputErrors, shown as one line with exit status 2.
 */
import { InputError } from '../core/errors.js';
import { checkOptionsOf } from '../options/check-options.js';
import { CHECK_OPTIONS } from '../options/table.js';
import type { CheckSettings } from '../check.js';
import { parseFlags } from './flags.js';
import { parseProfileCli, type CliProfileCommand } from './profile-args.js';
import { reportFormatOf, type ReportFormat } from './report-format.js';

export interface CliCheckCommand {
  command: 'check';
  settings: CheckSettings;
  format: ReportFormat;
  /** Write the report here instead of standard output. */
  output?: string;
  /** Exit 0 when the gate trips too (for demos and non-gating runs); bad input still exits 2. */
  exitZero: boolean;
}

export type CliCommand = CliCheckCommand | CliProfileCommand | { command: 'help' } | { command: 'version' };

export function parseCli(argv: readonly string[]): CliCommand {
  if (argv[0] === 'profile') return parseProfileCli(argv.slice(1));
  const { read, positionals } = parseFlags(argv, CHECK_OPTIONS);
  if (read.switch(CHECK_OPTIONS.version)) return { command: 'version' };
  if (read.switch(CHECK_OPTIONS.help) || positionals.length === 0 || positionals[0] === 'help') return { command: 'help' };
  if (positionals[0] !== 'check')
    throw new InputError(
      `unknown command ${JSON.stringify(positionals[0])}; the commands are: driftgate check, driftgate profile (see driftgate --help)`,
    );
  if (positionals.length > 1) throw new InputError(`unexpected argument ${JSON.stringify(positionals[1])} (see driftgate --help)`);
  const [baseline, current] = [read.list(CHECK_OPTIONS.baseline), read.list(CHECK_OPTIONS.current)];
  for (const [side, paths] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    if (paths.length === 0) throw new InputError(`--${side} is required: the path (or glob) of the ${side} data`);
  }
  const { drift, ...budget } = checkOptionsOf(read);
  const output = read.text(CHECK_OPTIONS.output) || undefined;
  return {
    command: 'check',
    settings: { baseline, current, drift, ...budget },
    format: reportFormatOf(read.text(CHECK_OPTIONS.format) || undefined, output),
    output,
    exitZero: read.switch(CHECK_OPTIONS.exitZero),
  };
}
