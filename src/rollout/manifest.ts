/**
 * Points a Kubernetes manifest at a new model version: the version label and environment variable, the
 * container image tag, the model URI variable. Everything else in the file stays byte for byte as the user
 * wrote it — comments, quoting, flow maps, indentation — because the manifest lives in their repository and
 * a rollout should show up in review as the few lines it really changes. So the YAML is parsed only to find
 * where each value sits, and the new text is spliced into the original source.
 */
import { isMap, isPair, isScalar, isSeq, parse, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { InputError } from '../core/errors.js';

export interface ManifestUpdate {
  /** The model version to roll out, e.g. `2026.11.30.1`. */
  version: string;
  /** The model's name in the registry, for templates. */
  model: string;
  /** The model's version folder in the repository (`models/churn/2026.11.30.1`), for templates. */
  versionPath: string;
  /** Only the workloads with this `metadata.name` (default: every workload in the file). */
  workload?: string;
  /** The container to update (default: the only container of the pod). */
  container?: string;
  /** Label key set to the version on the workload and its pod template. */
  versionLabel?: string;
  /** Environment variable set to the version in the container. */
  versionEnv?: string;
  /** Template for the container image's new tag, e.g. `{version}`; the image's repository is kept. */
  imageTag?: string;
  /** Environment variable set to `modelUri` in the container. */
  modelUriEnv?: string;
  /** Template for the model's location, e.g. `s3://models/{model}/{version}/model` or `{path}/model`. */
  modelUri?: string;
}

export interface Workload {
  kind: string;
  name: string;
  namespace?: string;
}

export interface ManifestResult {
  text: string;
  /** One line per value that changed, for the log and the job summary. */
  changes: string[];
  /** Every workload the update applied to, changed or already up to date. */
  workloads: Workload[];
}

/** Where each kind of workload keeps its pod template. */
const POD_TEMPLATE_PATHS: Record<string, readonly string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};

/** `kubectl rollout status` works for these kinds only. */
export const ROLLOUT_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

const TEMPLATE_FIELD = /\{([^{}]*)\}/g;

/** Kubernetes label values: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
const LABEL_VALUE = /^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$/;

export function updateManifest(source: string, update: ManifestUpdate, file: string): ManifestResult {
  if (!update.versionLabel && !update.versionEnv && !update.imageTag && !update.modelUriEnv) {
    throw new InputError('nothing to update: set at least one of the version label, the version variable, the image tag or the model URI variable');
  }
  if (Boolean(update.modelUriEnv) !== Boolean(update.modelUri)) {
    throw new InputError('the model URI needs both the variable name and its template');
  }
  if (update.versionLabel && !LABEL_VALUE.test(update.version)) {
    throw new InputError(`version ${JSON.stringify(update.version)} cannot be a Kubernetes label value (at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit)`);
  }
  const values = {
    tag: update.imageTag === undefined ? undefined : fillTemplate('image tag', update.imageTag, update),
    modelUri: update.modelUri === undefined ? undefined : fillTemplate('model URI', update.modelUri, update),
  };

  const documents = parseAllDocuments(source);
  if (!Array.isArray(documents)) return noWorkload(file, update);
  const editor = new SourceEditor(source);
  const workloads: Workload[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) throw new InputError(`not valid YAML: ${error.message.split('\n')[0]}`, { file, line: error.linePos?.[0].line });
    const root = document.contents;
    if (!isMap(root)) continue;
    const kind = scalarText(root.get('kind', true));
    if (kind === undefined || !(kind in POD_TEMPLATE_PATHS)) continue;
    const metadata = root.get('metadata', true);
    const name = isMap(metadata) ? scalarText(metadata.get('name', true)) : undefined;
    if (name === undefined) throw new InputError(`a ${kind} without metadata.name`, { file, line: lineOf(source, root.range?.[0] ?? 0) });
    if (update.workload !== undefined && name !== update.workload) continue;
    const namespace = isMap(metadata) ? scalarText(metadata.get('namespace', true)) : undefined;
    const workload: Workload = namespace === undefined ? { kind, name } : { kind, name, namespace };
    workloads.push(workload);
    updateWorkload(editor, document, root, workload, update, values, file);
  }
  if (workloads.length === 0) return noWorkload(file, update);
  return { text: editor.apply(), changes: editor.changes, workloads };
}

function noWorkload(file: string, update: ManifestUpdate): never {
  const which = update.workload === undefined ? 'no workload' : `no workload named ${JSON.stringify(update.workload)}`;
  throw new InputError(`${which} (${Object.keys(POD_TEMPLATE_PATHS).join(', ')}) in the manifest`, { file });
}

function updateWorkload(
  editor: SourceEditor,
  document: Document,
  root: YAMLMap,
  workload: Workload,
  update: ManifestUpdate,
  values: { tag?: string; modelUri?: string },
  file: string,
): void {
  const where = `${workload.kind}/${workload.name}`;
  const templatePath = POD_TEMPLATE_PATHS[workload.kind];
  const template = templatePath.length === 0 ? root : document.getIn(templatePath, true);
  if (!isMap(template)) throw new InputError(`${where} has no pod template at ${templatePath.join('.')}`, { file });

  if (update.versionLabel) {
    const selector = root.getIn(['spec', 'selector', 'matchLabels'], true);
    if (isMap(selector) && selector.has(update.versionLabel)) {
      throw new InputError(`${where} selects its pods by the label ${JSON.stringify(update.versionLabel)}; a selector cannot change, so use another label for the model version`, { file });
    }
    editor.setPath(root, ['metadata', 'labels', update.versionLabel], update.version, `${where}: label ${update.versionLabel}`);
    if (template !== root) editor.setPath(template, ['metadata', 'labels', update.versionLabel], update.version, `${where}: pod label ${update.versionLabel}`);
  }
  if (!update.versionEnv && !update.imageTag && !update.modelUriEnv) return;

  const container = pickContainer(template, update.container, where, file);
  const containerName = scalarText(container.get('name', true)) ?? '?';
  const inContainer = `${where}: container ${containerName}:`;
  const variables: Array<{ name: string; value: string }> = [];
  if (update.versionEnv) variables.push({ name: update.versionEnv, value: update.version });
  if (update.modelUriEnv && values.modelUri !== undefined) variables.push({ name: update.modelUriEnv, value: values.modelUri });
  if (variables.length > 0) editor.setEnv(container, variables, inContainer, file);
  if (values.tag !== undefined) {
    const image = container.get('image', true);
    const current = scalarText(image);
    if (!isScalar(image) || current === undefined) throw new InputError(`${inContainer} has no image to retag`, { file });
    editor.setScalar(image, withTag(current, values.tag), `${inContainer} image`);
  }
}

function pickContainer(template: YAMLMap, wanted: string | undefined, where: string, file: string): YAMLMap {
  const containers = template.getIn(['spec', 'containers'], true);
  const items = isSeq(containers) ? containers.items.filter(isMap) : [];
  const names = items.map((item) => scalarText(item.get('name', true)) ?? '?');
  if (wanted !== undefined) {
    const index = names.indexOf(wanted);
    if (index < 0) throw new InputError(`${where} has no container named ${JSON.stringify(wanted)} (it has ${names.map((name) => JSON.stringify(name)).join(', ') || 'none'})`, { file });
    return items[index];
  }
  if (items.length !== 1) {
    throw new InputError(`${where} has ${items.length} containers (${names.join(', ')}): name the one that serves the model`, { file });
  }
  return items[0];
}

/** `ghcr.io:443/acme/scorer:old@sha256:...` with tag `new` is `ghcr.io:443/acme/scorer:new`: a digest would pin the old image. */
export function withTag(image: string, tag: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
    throw new InputError(`${JSON.stringify(tag)} is not a valid image tag (up to 128 letters, digits, "_", "." or "-", not starting with "." or "-")`);
  }
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
  return `${repository}:${tag}`;
}

export function fillTemplate(what: string, template: string, update: Pick<ManifestUpdate, 'model' | 'version' | 'versionPath'>): string {
  const fields: Record<string, string> = { model: update.model, version: update.version, path: update.versionPath };
  return template.replace(TEMPLATE_FIELD, (whole, field: string) => {
    if (!(field in fields)) throw new InputError(`the ${what} template ${JSON.stringify(template)} has an unknown field ${whole}; use {model}, {version} or {path}`);
    return fields[field];
  });
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = source.indexOf('\n'); index >= 0 && index < offset; index = source.indexOf('\n', index + 1)) line++;
  return line;
}

/**
 * Collects replacements and insertions as offsets into the original text and applies them at the end, so
 * every position found by the parser stays valid while edits pile up.
 */
class SourceEditor {
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
      throw new InputError(`${label}: ${key} is ${isEmpty(node) ? 'empty (give it a value or remove it)' : rest.length === 0 ? 'not a plain value' : 'not a map'}`);
    }
  }

  /** Sets environment variables of a container, appending those it does not have in one edit. */
  setEnv(container: YAMLMap, variables: ReadonlyArray<{ name: string; value: string }>, label: string, file: string): void {
    const env = container.get('env', true);
    if (env !== undefined && !isSeq(env)) throw new InputError(`${label} env is ${isEmpty(env) ? 'empty (give it a value or remove it)' : 'not a list'}`, { file });
    const entries = env === undefined ? [] : env.items.filter(isMap);
    const missing: Array<Record<string, string>> = [];
    for (const { name, value } of variables) {
      const entry = entries.find((item) => scalarText(item.get('name', true)) === name);
      if (entry?.has('valueFrom')) throw new InputError(`${label} ${name} comes from valueFrom; remove that or choose another variable for driftgate to set`, { file });
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
    .flatMap((item) => Object.entries(item).map(([field, text], index) => `${pad}${index === 0 ? '- ' : '  '}${formatKey(field)}: ${formatScalar(text)}`))
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
