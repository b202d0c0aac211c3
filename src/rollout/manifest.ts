/**
 * Points a Kubernetes manifest at a new model version: the version label and environment variable, the
 * container image tag, the model URI variable. Everything else in the file stays byte for byte as the user
 * wrote it — comments, quoting, flow maps, indentation — because the manifest lives in their repository and
 * a rollout should show up in review as the few lines it really changes. So the YAML is parsed only to find
 * where each value sits, and the new text is spliced into the original source (`yaml-source-editor.ts`).
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import { InputError } from '../core/errors.js';
import { scalarText, SourceEditor } from './yaml-source-editor.js';
import { fillTemplate } from '../registry/template.js';

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

/** Kubernetes label values: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
const LABEL_VALUE = /^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$/;

export function updateManifest(source: string, update: ManifestUpdate, file: string): ManifestResult {
  if (!update.versionLabel && !update.versionEnv && !update.imageTag && !update.modelUriEnv) {
    throw new InputError(
      'nothing to update: set at least one of the version label, the version variable, the image tag or the model URI variable',
    );
  }
  if (Boolean(update.modelUriEnv) !== Boolean(update.modelUri)) {
    throw new InputError('the model URI needs both the variable name and its template');
  }
  if (update.versionLabel && !LABEL_VALUE.test(update.version)) {
    throw new InputError(
      `version ${JSON.stringify(update.version)} cannot be a Kubernetes label value (at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit)`,
    );
  }
  const fields = { model: update.model, version: update.version, path: update.versionPath };
  const values = {
    tag: update.imageTag === undefined ? undefined : fillTemplate('image-tag', update.imageTag, fields),
    modelUri: update.modelUri === undefined ? undefined : fillTemplate('model-uri', update.modelUri, fields),
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
      throw new InputError(
        `${where} selects its pods by the label ${JSON.stringify(update.versionLabel)}; a selector cannot change, so use another label for the model version`,
        { file },
      );
    }
    editor.setPath(root, ['metadata', 'labels', update.versionLabel], update.version, `${where}: label ${update.versionLabel}`);
    if (template !== root)
      editor.setPath(template, ['metadata', 'labels', update.versionLabel], update.version, `${where}: pod label ${update.versionLabel}`);
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
    if (index < 0)
      throw new InputError(
        `${where} has no container named ${JSON.stringify(wanted)} (it has ${names.map((name) => JSON.stringify(name)).join(', ') || 'none'})`,
        { file },
      );
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
    throw new InputError(
      `${JSON.stringify(tag)} is not a valid image tag (up to 128 letters, digits, "_", "." or "-", not starting with "." or "-")`,
    );
  }
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
  return `${repository}:${tag}`;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = source.indexOf('\n'); index >= 0 && index < offset; index = source.indexOf('\n', index + 1)) line++;
  return line;
}
