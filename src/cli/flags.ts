/**
 * The CLI's flags, parsed by `node:util` from the option table of a command (src/options/table.ts) and
 * read through the `OptionReader` the commands share with the action.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';
import type { OptionReader } from '../options/check-options.js';
import { parseArgsOptions, type OptionSpec } from '../options/table.js';

type Token = { kind: 'option'; name: string; value?: string } | { kind: 'positional'; value: string } | { kind: 'option-terminator' };

export interface ParsedFlags {
  read: OptionReader;
  positionals: string[];
  /** Every option as given, in order (print-sql takes its columns in the order written). */
  tokens: readonly Token[];
  /** Whether the user gave the option at all. */
  given(option: OptionSpec): boolean;
}

export function parseFlags(argv: readonly string[], options: Record<string, OptionSpec>): ParsedFlags {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: parseArgsOptions(options), allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // One line, but all of it: the last line of Node's message is the fix (`--threshold=-0.1` for a negative value).
    throw new InputError(`${(error as Error).message.split('\n').join(' ')} (see driftgate --help)`);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const variadicFlags = Object.values(options).flatMap((option) => (option.variadic && option.flag ? [option.flag] : []));
  const { variadic, positionals } = collectVariadic(parsed.tokens, variadicFlags);
  const valueOf = (option: OptionSpec) => (option.flag === undefined ? undefined : values[option.flag]);
  const read: OptionReader = {
    text: (option) => (valueOf(option) as string | undefined) ?? '',
    list: (option) => (option.variadic ? variadic[option.flag!] : ((valueOf(option) as string[] | undefined) ?? [])),
    switch: (option) => (option.negated ? valueOf(option) !== true : valueOf(option) === true),
    nameOf: (option) => `--${option.flag}`,
  };
  return { read, positionals, tokens: parsed.tokens, given: (option) => valueOf(option) !== undefined };
}

/**
 * The values of options that take several in a row (`--baseline data/*.csv`, as a shell glob expands),
 * and the positionals that follow no such option.
 */
function collectVariadic(
  tokens: readonly Token[],
  names: readonly string[],
): { variadic: Record<string, string[]>; positionals: string[] } {
  const variadic: Record<string, string[]> = Object.fromEntries(names.map((name) => [name, []]));
  const positionals: string[] = [];
  let open: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'option') {
      open = names.includes(token.name) ? token.name : undefined;
      if (open && token.value !== undefined) variadic[open].push(token.value);
    } else if (token.kind === 'positional') {
      if (open) variadic[open].push(token.value);
      else positionals.push(token.value);
    } else {
      open = undefined;
    }
  }
  return { variadic, positionals };
}
