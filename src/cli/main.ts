#!/usr/bin/env node
/**
 * `driftgate`: the drift engine on a laptop. Exit status 0 the gate passed, 1 it tripped (`--gate-on`), 2 bad input
 * or usage (one line on stderr, never a stack trace).
 */
import { runCheck } from '../check.js';
import { InputError } from '../core/errors.js';
import { escapeTerminal, escapeTerminalLines } from '../report/escape.js';
import { renderText } from '../report/text.js';
import { serveReadWorker } from '../read-worker.js';
import { writeFileAtomic } from '../io/write.js';
import { VERSION } from '../core/version.js';
import { parseCli, type CliCheckCommand } from './args.js';
import type { CliProfileCommand } from './profile-args.js';
import { profileFromEngine } from '../profile/sql/connect.js';
import { printStatements } from '../profile/sql/print-sql.js';
import { describeProfile } from '../profile/describe.js';
import type { Profile } from '../core/profile.js';
import { profileToJson } from '../profile/json.js';
import { writeProfileFile } from '../io/profile-file.js';
import { mergeProfiles, profileData } from '../io/profile-side.js';
import { HELP } from './help.js';
import { renderReport } from './report-format.js';
import { ProgressLine } from './progress.js';
import type { DriftResult } from '../engine/result.js';
import { formatCount } from '../core/format.js';

const EXIT_NO_DRIFT = 0;
const EXIT_DRIFT = 1;
const EXIT_BAD_INPUT = 2;

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCli(argv);
  if (command.command === 'help') {
    process.stdout.write(HELP);
    return EXIT_NO_DRIFT;
  }
  if (command.command === 'version') {
    process.stdout.write(`driftgate ${VERSION}\n`);
    return EXIT_NO_DRIFT;
  }
  if (command.command === 'profile') return profile(command);
  return check(command);
}

async function profile(command: CliProfileCommand): Promise<number> {
  if (command.printSql) {
    const { dialect, source, columns } = command.printSql;
    process.stdout.write(printStatements(dialect, source, columns, command.settings));
    return EXIT_NO_DRIFT;
  }
  let result: Profile;
  if (command.engine) {
    const { engine, connection, source } = command.engine;
    result = await profileFromEngine(engine, connection, source, command.settings);
  } else if (command.mode === 'data') {
    result = await profileData(command.inputs, { declared: command.declaredKinds, naValues: command.naValues, settings: command.settings });
  } else {
    result = await mergeProfiles(command.inputs, command.settings);
  }
  if (!command.output) {
    process.stdout.write(`${JSON.stringify(profileToJson(result))}\n`);
    return EXIT_NO_DRIFT;
  }
  let bytes: number;
  try {
    bytes = await writeProfileFile(command.output, result);
  } catch (error) {
    throw new InputError(`cannot write the profile: ${(error as Error).message}; check --output`, { file: command.output });
  }
  process.stdout.write(escapeTerminalLines(`Wrote ${command.output} (${formatCount(bytes)} bytes): ${describeProfile(result)}`));
  return EXIT_NO_DRIFT;
}

async function check(command: CliCheckCommand): Promise<number> {
  const progress = ProgressLine.forTerminal(process.stderr);
  let result: DriftResult;
  try {
    // This bundle also serves the worker thread that reads the current data.
    result = await runCheck(command.settings, { readWorker: new URL(import.meta.url), observer: progress });
  } finally {
    progress?.clear();
  }
  const report = renderReport(result, command.format, new Date());
  if (command.output) {
    try {
      await writeFileAtomic(command.output, report);
    } catch (error) {
      throw new InputError(`cannot write the report: ${(error as Error).message}; check --output`, { file: command.output });
    }
    process.stdout.write(renderText(result, process.stdout.isTTY ? { width: process.stdout.columns } : {}));
  } else {
    process.stdout.write(report);
  }
  if (command.exitZero) return EXIT_NO_DRIFT;
  return result.gate.tripped ? EXIT_DRIFT : EXIT_NO_DRIFT;
}

if (!serveReadWorker()) startCli();

function startCli(): void {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      if (error instanceof InputError) {
        process.stderr.write(`driftgate: ${escapeTerminal(error.describe())}\n`);
      } else {
        const detail = process.env.DRIFTGATE_DEBUG ? (error as Error).stack : (error as Error).message;
        process.stderr.write(
          `driftgate: unexpected error: ${escapeTerminalLines(detail ?? String(error))}\nThis is a bug in driftgate; please report it with the command you ran.\n`,
        );
      }
      process.exitCode = EXIT_BAD_INPUT;
    },
  );
}
