#!/usr/bin/env node
/**
 * `driftgate-rollout`: the registry and manifest steps of the workflows, as one small program.
 *
 *     current          --model-name NAME [--registry-dir DIR]
 *     update-manifest  --manifest FILE --model-name NAME [--registry-dir DIR] [--version V] [--workload NAME]
 *                      [--container NAME] [--version-label KEY] [--version-env NAME] [--image-tag TEMPLATE]
 *                      [--model-uri-env NAME] [--model-uri TEMPLATE]
 *
 * `--model` is the old name of `--model-name` (and the rollout action's `model` input of `model-name`).
 * An empty option value counts as not given, so a workflow can pass each of its inputs as is. Results go
 * to stdout for people and, in a workflow, to the step outputs and the job summary. Exit 0, or 2 with one
 * line on stderr for bad input.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';
import { escapeTerminal } from '../report/escape.js';
import { writeFileAtomic } from '../io/write.js';
import { checkPathComponent, checkRegistryDir, versionFolder } from '../registry/registry.js';
import { readCurrentVersion } from './current.js';
import { ROLLOUT_KINDS, updateManifest } from './manifest.js';
import { renamedInputName } from '../github/renamed-input.js';

const EXIT_BAD_INPUT = 2;

const OPTIONS = {
  'model-name': { type: 'string' },
  model: { type: 'string' },
  'registry-dir': { type: 'string' },
  manifest: { type: 'string' },
  version: { type: 'string' },
  workload: { type: 'string' },
  container: { type: 'string' },
  'version-label': { type: 'string' },
  'version-env': { type: 'string' },
  'image-tag': { type: 'string' },
  'model-uri-env': { type: 'string' },
  'model-uri': { type: 'string' },
} as const;

type Options = Partial<Record<keyof typeof OPTIONS, string>>;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  let parsed: Options;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const options = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined && value.trim() !== '')) as Options;
  const root = process.env.GITHUB_WORKSPACE || process.cwd();
  if (command === 'current') return current(root, options);
  if (command === 'update-manifest') return manifest(root, options);
  throw new InputError(`unknown command ${JSON.stringify(command ?? '')}: use "current" or "update-manifest"`);
}

async function current(root: string, options: Options): Promise<void> {
  const model = modelName(options);
  const registryDir = options['registry-dir'] ?? 'models';
  const found = await readCurrentVersion(root, registryDir, model);
  if (!found) {
    process.stdout.write(`${escapeTerminal(`${model}: nothing published in ${registryDir} yet`)}\n`);
    setOutputs({ version: '', folder: '', model: '', baseline: '' });
    return;
  }
  process.stdout.write(`${escapeTerminal(`${model}: current version ${found.version} (${found.folder})`)}\n`);
  setOutputs({ version: found.version, folder: found.folder, model: found.model.join('\n'), baseline: found.baseline.join('\n') });
}

async function manifest(root: string, options: Options): Promise<void> {
  const file = required(options, 'manifest');
  const model = checkPathComponent('model-name', modelName(options));
  const registryDir = checkRegistryDir(options['registry-dir'] ?? 'models');
  let version = options.version;
  if (version === undefined) {
    const found = await readCurrentVersion(root, registryDir, model);
    if (!found) throw new InputError(`no current version of ${model} in ${registryDir}: nothing to roll out`);
    version = found.version;
  }
  const path = resolve(root, file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the manifest (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file });
  }
  const result = updateManifest(
    source,
    {
      version,
      model,
      versionPath: versionFolder(registryDir, model, checkPathComponent('version', version)),
      workload: options.workload,
      container: options.container,
      versionLabel: options['version-label'],
      versionEnv: options['version-env'],
      imageTag: options['image-tag'],
      modelUriEnv: options['model-uri-env'],
      modelUri: options['model-uri'],
    },
    file,
  );
  if (result.text !== source) await writeFileAtomic(path, result.text);
  const lines = result.changes.length > 0 ? result.changes : [`${file} already points at ${model} ${version}`];
  process.stdout.write(`${lines.map(escapeTerminal).join('\n')}\n`);
  const targets = result.workloads.filter((workload) => ROLLOUT_KINDS.has(workload.kind));
  setOutputs({
    version,
    changed: String(result.changes.length > 0),
    'rollout-targets': targets
      .map((workload) => [`${workload.kind.toLowerCase()}/${workload.name}`, workload.namespace ?? ''].join(' ').trim())
      .join('\n'),
  });
  appendSummary(`### Rollout of ${model} ${version}\n\n${lines.map((line) => `- ${line}`).join('\n')}\n`);
}

function modelName(options: Options): string {
  return required(
    options,
    renamedInputName({ name: 'model-name', old: 'model' }, (name) => options[name as keyof Options] !== undefined) as keyof Options,
  );
}

function required(options: Options, name: keyof Options): string {
  const value = options[name];
  if (value === undefined) throw new InputError(`--${name} is required`);
  return value;
}

/** Step outputs in the runner's file format; a random delimiter, so no value can end its own entry early. */
function setOutputs(outputs: Record<string, string>): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const entries = Object.entries(outputs).map(([name, value]) => {
    const delimiter = `driftgate_${randomUUID()}`;
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  });
  appendFileSync(file, entries.join(''));
}

function appendSummary(markdown: string): void {
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof InputError) {
    process.stderr.write(`driftgate-rollout: ${escapeTerminal(error.describe())}\n`);
  } else {
    process.stderr.write(
      `driftgate-rollout: unexpected error: ${escapeTerminal(error instanceof Error ? error.message : String(error))}\n`,
    );
  }
  process.exitCode = EXIT_BAD_INPUT;
});
