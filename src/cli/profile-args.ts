/**
 * `driftgate profile`: its arguments, parsed into what the profile command does. Usage mistakes are
 * InputErrors, as for `check`.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../engine/errors.js';
import type { ColumnKind } from '../engine/table.js';
import { DEFAULT_PROFILE_SETTINGS, type ProfileSettings } from '../profile/format.js';
import { optionalNumber, positiveInteger, type NumberRule } from '../option-values.js';
import { missingValueTokens } from '../io/missing-values.js';
import { collectVariadic, declaredKindsOf } from './variadic.js';

export interface CliProfileCommand {
  command: 'profile';
  /** Data files to profile, or profiles to merge. */
  inputs: readonly string[];
  mode: 'data' | 'merge';
  output?: string;
  settings: ProfileSettings;
  declaredKinds: ReadonlyMap<string, ColumnKind>;
  naValues: readonly string[];
}

const OPTIONS = {
  data: { type: 'string', multiple: true },
  merge: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  numerical: { type: 'string', multiple: true },
  categorical: { type: 'string', multiple: true },
  'na-values': { type: 'string', multiple: true },
  'no-default-na-values': { type: 'boolean' },
  'max-distinct': { type: 'string' },
  'max-lossless-bytes': { type: 'string' },
  'max-categories': { type: 'string' },
  'rank-error': { type: 'string' },
} as const;

const rankShare: NumberRule = { test: (value) => value > 0 && value < 0.5, expected: 'a share above 0 and below 0.5 (0.001 is 0.1%)' };

export function parseProfileCli(argv: readonly string[]): CliProfileCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new InputError(`${(error as Error).message.split('\n').join(' ')} (see driftgate --help)`);
  }
  const { values } = parsed;
  const { variadic, positionals } = collectVariadic(parsed.tokens, ['data', 'merge']);
  if (positionals.length > 0) throw new InputError(`unexpected argument ${JSON.stringify(positionals[0])} (see driftgate --help)`);
  const [data, merge] = [variadic.data, variadic.merge];
  if ((data.length > 0) === (merge.length > 0)) {
    throw new InputError('driftgate profile takes either --data PATH... (data files to profile) or --merge PROFILE... (profiles to merge)');
  }
  const settings: ProfileSettings = {
    maxDistinct: optionalNumber('--max-distinct', values['max-distinct'], positiveInteger) ?? DEFAULT_PROFILE_SETTINGS.maxDistinct,
    maxLosslessBytes: optionalNumber('--max-lossless-bytes', values['max-lossless-bytes'], positiveInteger) ?? DEFAULT_PROFILE_SETTINGS.maxLosslessBytes,
    maxCategories: optionalNumber('--max-categories', values['max-categories'], positiveInteger) ?? DEFAULT_PROFILE_SETTINGS.maxCategories,
    rankError: optionalNumber('--rank-error', values['rank-error'], rankShare) ?? DEFAULT_PROFILE_SETTINGS.rankError,
  };
  return {
    command: 'profile',
    inputs: data.length > 0 ? data : merge,
    mode: data.length > 0 ? 'data' : 'merge',
    output: values.output,
    settings,
    declaredKinds: declaredKindsOf(values.numerical ?? [], values.categorical ?? []),
    naValues: missingValueTokens(values['na-values'] ?? [], !values['no-default-na-values']),
  };
}
