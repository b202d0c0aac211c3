/** What the CLI's commands share in reading their arguments. */
import { InputError } from '../core/errors.js';
import type { ColumnKind } from '../core/table.js';

type Token = { kind: 'option'; name: string; value?: string } | { kind: 'positional'; value: string } | { kind: 'option-terminator' };

/**
 * The values of options that take several in a row (`--baseline data/*.csv`, as a shell glob expands),
 * and the positionals that follow no such option.
 */
export function collectVariadic(tokens: readonly Token[], names: readonly string[]): { variadic: Record<string, string[]>; positionals: string[] } {
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

/** `--numerical` and `--categorical` as one map; a column may not be both. */
export function declaredKindsOf(numerical: readonly string[], categorical: readonly string[]): Map<string, ColumnKind> {
  const declared = new Map<string, ColumnKind>();
  for (const [kind, names] of [['numerical', numerical], ['categorical', categorical]] as const) {
    for (const name of names) {
      const other = declared.get(name);
      if (other && other !== kind) throw new InputError(`column ${JSON.stringify(name)} is declared both numerical and categorical`);
      declared.set(name, kind);
    }
  }
  return declared;
}
