/**
 * Edits YAML in its own text: the parser finds where each value sits, and new text is spliced into the
 * original source, so comments, quoting, flow maps and indentation stay byte for byte as the user wrote
 * them and a diff shows only the lines that really change.
 */
import { isMap, isPair, isScalar, isSeq, parse, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { InputError } from '../core/errors.js';

/** A scalar's value as text; undefined for anything else, or for an empty value. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/**
 * Collects replacements and insertions as offsets into the original text and applies them at the end, so
 * every position found by the parser stays valid while edits pile up.
 */
export class SourceEditor {
  readonly changes: string[] = [];
  private readonly edits: Array<{ at: number; end: number; text: string; order: number }> = [];

  /** Inserted lines end the way the file's lines do, so a CRLF file stays CRLF. */
  private readonly eol: string;

  constructor(private readonly source: string) {
    this.eol = source.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Applied from the end backwards; two insertions at one point keep the order they were made in. */
  apply(): string {
    let text = this.source;
    const edits = [...this.edits].sort((a, b) => b.at - a.at || b.order - a.order);
    for (const edit of edits) text = text.slice(0, edit.at) + edit.text + text.slice(edit.end);
    return text;
  }

  setScalar(node: Scalar, value: string, label: string): void {
    const before = scalarText(node);
    if (before === value) return;
    const [start, end] = node.range!;
    this.edit(start, end, formatScalar(value, node.type));
    this.changes.push(`${label}: ${before ?? '(empty)'} → ${value}`);
  }

  /** Sets map[path...] to a string, creating the maps on the way that do not exist yet. */
  setPath(map: YAMLMap, path: readonly string[], value: string, label: string): void {
    const [key, ...rest] = path;
    const node = map.get(key, true);
    if (node === undefined) {
      this.insertEntry(map, key, nested(rest, value));
      this.changes.push(`${label}: (none) → ${value}`);
    } else if (rest.length === 0 && isScalar(node) && !isEmpty(node)) {
      this.setScalar(node, value, label);
    } else if (rest.length > 0 && isMap(node)) {
      this.setPath(node, rest, value, label);
    } else {
      throw new InputError(
        `${label}: ${key} is ${isEmpty(node) ? 'empty (give it a value or remove it)' : rest.length === 0 ? 'not a plain value' : 'not a map'}`,
      );
    }
  }

  /** Sets environment variables of a container, appending those it does not have in one edit. */
  setEnv(container: YAMLMap, variables: ReadonlyArray<{ name: string; value: string }>, label: string, file: string): void {
    const env = container.get('env', true);
    if (env !== undefined && !isSeq(env))
      throw new InputError(`${label} env is ${isEmpty(env) ? 'empty (give it a value or remove it)' : 'not a list'}`, { file });
    const entries = env === undefined ? [] : env.items.filter(isMap);
    const missing: Array<Record<string, string>> = [];
    for (const { name, value } of variables) {
      const entry = entries.find((item) => scalarText(item.get('name', true)) === name);
      if (entry?.has('valueFrom'))
        throw new InputError(`${label} ${name} comes from valueFrom; remove that or choose another variable for driftgate to set`, {
          file,
        });
      if (entry) {
        this.setPath(entry, ['value'], value, `${label} ${name}`);
      } else {
        missing.push({ name, value });
        this.changes.push(`${label} ${name}: (none) → ${value}`);
      }
    }
    if (missing.length === 0) return;
    if (env === undefined) this.insertEntry(container, 'env', missing);
    else this.appendItems(env, missing);
  }

  /** A new `key: value` pair after the map's last pair, in the map's own style. */
  private insertEntry(map: YAMLMap, key: string, value: NewValue): void {
    if (map.flow) {
      const close = this.closingBracket(map);
      const separator = map.items.length === 0 ? '' : ', ';
      this.edit(close, close, `${separator}${formatKey(key)}: ${flowText(value)}`);
      return;
    }
    const column = this.columnOf(keyStart(map.items[0]));
    const at = this.endOfLine(lastEnd(map));
    this.edit(at, at, `\n${blockEntry(key, value, column, this.indentStep())}`);
  }

  private appendItems(seq: YAMLSeq, items: ReadonlyArray<Record<string, string>>): void {
    if (seq.flow) {
      const close = this.closingBracket(seq);
      this.edit(close, close, `${seq.items.length === 0 ? '' : ', '}${items.map(flowText).join(', ')}`);
      return;
    }
    const first = seq.items[0] as Node;
    const column = this.columnOf(this.source.lastIndexOf('-', first.range![0]));
    const at = this.endOfLine(lastEnd(seq));
    this.edit(at, at, `\n${blockItems(items, column)}`);
  }

  private edit(at: number, end: number, text: string): void {
    this.edits.push({ at, end, text: text.split('\n').join(this.eol), order: this.edits.length });
  }

  private closingBracket(node: YAMLMap | YAMLSeq): number {
    const [start, end] = node.range!;
    const close = this.source.lastIndexOf(isMap(node) ? '}' : ']', end - 1);
    if (close < start) throw new InputError('a flow collection without its closing bracket');
    return close;
  }

  private columnOf(offset: number): number {
    return offset - (this.source.lastIndexOf('\n', offset - 1) + 1);
  }

  /** The end of the line holding the last character before `offset` that is not white space. */
  private endOfLine(offset: number): number {
    let last = offset;
    while (last > 0 && /\s/.test(this.source[last - 1])) last--;
    const newline = this.source.indexOf('\n', last);
    if (newline < 0) return this.source.length;
    return this.source[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** The file's own indentation step: the smallest indentation of any line, two spaces if none. */
  private indentStep(): number {
    let step = Infinity;
    for (const line of this.source.split('\n')) {
      const indent = /^( +)\S/.exec(line)?.[1].length;
      if (indent !== undefined && !line.trimStart().startsWith('#')) step = Math.min(step, indent);
    }
    return Number.isFinite(step) ? step : 2;
  }
}

type NewValue = string | Record<string, string>[] | { [key: string]: NewValue };

function nested(path: readonly string[], value: string): NewValue {
  return path.reduceRight<NewValue>((inner, key) => ({ [key]: inner }), value);
}

function isEmpty(node: unknown): boolean {
  return isScalar(node) && (node.value === null || node.value === undefined);
}

function keyStart(pair: Pair | undefined): number {
  const key = pair?.key as Node | undefined;
  if (!key?.range) throw new InputError('a map without keys cannot take a new entry in block style');
  return key.range[0];
}

function lastEnd(collection: YAMLMap | YAMLSeq): number {
  const last = collection.items[collection.items.length - 1] as Pair | Node;
  const node = isPair(last) ? ((last.value as Node | null) ?? (last.key as Node)) : last;
  return node.range![1];
}

function blockItems(items: ReadonlyArray<Record<string, string>>, column: number): string {
  const pad = ' '.repeat(column);
  return items
    .flatMap((item) =>
      Object.entries(item).map(([field, text], index) => `${pad}${index === 0 ? '- ' : '  '}${formatKey(field)}: ${formatScalar(text)}`),
    )
    .join('\n');
}

function blockEntry(key: string, value: NewValue, column: number, step: number): string {
  const pad = ' '.repeat(column);
  if (typeof value === 'string') return `${pad}${formatKey(key)}: ${formatScalar(value)}`;
  if (Array.isArray(value)) return `${pad}${formatKey(key)}:\n${blockItems(value, column)}`;
  const children = Object.entries(value).map(([child, inner]) => blockEntry(child, inner, column + step, step));
  return `${pad}${formatKey(key)}:\n${children.join('\n')}`;
}

function flowText(value: NewValue): string {
  if (typeof value === 'string') return formatScalar(value);
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, inner]) => `${formatKey(key)}: ${flowText(inner)}`)
    .join(', ')}}`;
}

function formatKey(key: string): string {
  return isPlainSafe(key) ? key : JSON.stringify(key);
}

/**
 * The value in the scalar style it replaces, where that style can hold it. A plain scalar that a YAML 1.1
 * reader (as Kubernetes tooling is) could take for a number, a boolean or null is double-quoted: a version
 * label of `1.10` must not become the float 1.1.
 */
function formatScalar(value: string, style?: Scalar.Type): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if ((style === undefined || style === 'PLAIN') && isPlainSafe(value)) return value;
  return JSON.stringify(value);
}

const YAML11_WORDS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

function isPlainSafe(value: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_./:@-]*$/.test(value) && !YAML11_WORDS.test(value) && parse(value) === value;
}
