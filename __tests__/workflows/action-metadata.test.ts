/**
 * The `action.yml` files agree with what reads and writes them:
 *
 * - the JavaScript actions' code reads only declared inputs, every declared input is used, and it sets
 *   exactly the declared outputs (found in the TypeScript sources reachable from the action's entry);
 * - the composite actions use every input they declare;
 * - every `uses:` of an action of this repository passes only inputs it declares and all that it requires,
 *   and reads only outputs it declares;
 * - every call of a reusable workflow of this repository (examples, self-test) passes only declared inputs and
 *   secrets and all required ones, and each reusable workflow's outputs name real job outputs.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/paths.js';
import { actionFiles, workflowFiles, type Mapping } from './workflow-files.js';

/** The TypeScript entry each JavaScript action's bundle is built from (scripts/bundle.js). */
const JAVASCRIPT_ACTIONS = [
  { action: 'action.yml', entry: 'src/action/main.ts' },
  { action: 'publish/action.yml', entry: 'src/publish/main.ts' },
];

const INPUT_READERS = new Set(['getInput', 'getBooleanInput', 'getMultilineInput']);

function sourceFile(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The entry and every module it imports with a relative path, transitively. */
function reachableSources(entry: string): ts.SourceFile[] {
  const seen = new Map<string, ts.SourceFile>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    const file = sourceFile(path);
    seen.set(path, file);
    for (const statement of file.statements) {
      if (
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
      ) {
        const specifier = statement.moduleSpecifier.text;
        if (specifier.startsWith('.')) visit(resolve(dirname(path), specifier.replace(/\.js$/, '.ts')));
      }
    }
  };
  visit(join(REPO_ROOT, entry));
  return [...seen.values()];
}

function forEachNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => forEachNode(child, visit));
}

/** `core.getInput` and the like, or a call of a local helper known to read an input. */
function calledName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'core')
    return `core.${callee.name.text}`;
  if (ts.isIdentifier(callee)) return callee.text;
  return undefined;
}

/**
 * What the code does with inputs and outputs. Helpers such as `const text = (name) => core.getInput(name).trim()`
 * are recognized (a function that passes its first parameter to a reader is a reader), so `text('method')`
 * counts as reading `method`.
 */
function inputsAndOutputs(sources: ts.SourceFile[]): { read: Set<string>; set: Set<string>; literals: Set<string> } {
  const readers = new Set([...INPUT_READERS].map((name) => `core.${name}`));
  const functions: Array<{ name: string; parameter: string; body: ts.Node }> = [];
  const literals = new Set<string>();
  for (const file of sources) {
    forEachNode(file, (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      const declared =
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
          ? { name: node.name.text, fn: node.initializer }
          : ts.isFunctionDeclaration(node) && node.name
            ? { name: node.name.text, fn: node }
            : undefined;
      const first = declared?.fn.parameters[0]?.name;
      if (declared && first && ts.isIdentifier(first) && declared.fn.body)
        functions.push({ name: declared.name, parameter: first.text, body: declared.fn.body });
    });
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const fn of functions) {
      if (readers.has(fn.name)) continue;
      forEachNode(fn.body, (node) => {
        if (!ts.isCallExpression(node) || readers.has(fn.name)) return;
        const name = calledName(node);
        const argument = node.arguments[0];
        if (name && readers.has(name) && argument && ts.isIdentifier(argument) && argument.text === fn.parameter) {
          readers.add(fn.name);
          grew = true;
        }
      });
    }
  }
  const read = new Set<string>();
  const set = new Set<string>();
  for (const file of sources) {
    forEachNode(file, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = calledName(node);
      const argument = node.arguments[0];
      if (!name || !argument || !ts.isStringLiteral(argument)) return;
      if (readers.has(name)) read.add(argument.text);
      if (name === 'core.setOutput') set.add(argument.text);
    });
  }
  return { read, set, literals };
}

const actionByPath = new Map(actionFiles().map((file) => [file.path, file]));

describe('JavaScript actions', () => {
  it.each(JAVASCRIPT_ACTIONS)('$action matches what $entry reads and writes', ({ action, entry }) => {
    const definition = actionByPath.get(action)!;
    expect(definition.error).toBeUndefined();
    const { inputs = {}, outputs = {}, runs } = definition.data;
    expect(runs.using).toBe('node24');
    expect(existsSync(join(REPO_ROOT, dirname(action), runs.main))).toBe(true);

    const code = inputsAndOutputs(reachableSources(entry));
    const declaredInputs = Object.keys(inputs).sort();
    expect({ readButNotDeclared: [...code.read].filter((name) => !(name in inputs)) }).toEqual({ readButNotDeclared: [] });
    // An input read through a computed name is not seen as a read; its name still appears in the code.
    expect({ declaredButUnused: declaredInputs.filter((name) => !code.read.has(name) && !code.literals.has(name)) }).toEqual({
      declaredButUnused: [],
    });
    expect([...code.set].sort()).toEqual(Object.keys(outputs).sort());
  });
});

describe('composite actions', () => {
  const composites = actionFiles().filter((file) => file.data.runs?.using === 'composite');

  it.each(composites.map((file) => [file.path, file] as const))('%s uses every input it declares', (_, file) => {
    const unused = Object.keys(file.data.inputs ?? {}).filter(
      (name) => !new RegExp(`\\binputs\\.${name.replace(/[-]/g, '\\-')}\\b(?!-)`).test(file.text),
    );
    expect(unused).toEqual([]);
  });
});

/** `./x` in a workflow of this repository; `./.driftgate/x` where a reusable workflow checks driftgate out there. */
function localAction(uses: string): string | undefined {
  if (!uses.startsWith('./')) return undefined;
  const path = normalize(uses.replace(/^\.\/\.driftgate(\/|$)/, './'));
  return join(path === '.' ? '' : path, 'action.yml');
}

interface LocalUse {
  where: string;
  action: string;
  step: Mapping;
  job: Mapping;
}

const localUses: LocalUse[] = workflowFiles().flatMap((file) =>
  Object.entries<Mapping>(file.data.jobs).flatMap(([jobName, job]) =>
    (job.steps ?? [])
      .filter((step: Mapping) => typeof step.uses === 'string' && localAction(step.uses))
      .map((step: Mapping) => ({ where: `${file.path} ${jobName} ${step.name ?? step.uses}`, action: localAction(step.uses)!, step, job })),
  ),
);

describe("uses of this repository's actions", () => {
  it('are found', () => {
    expect(new Set(localUses.map((use) => use.action))).toEqual(
      new Set(['action.yml', 'publish/action.yml', 'actions/retrain/action.yml', 'actions/rollout/action.yml']),
    );
  });

  it.each(localUses.map((use) => [use.where, use] as const))('%s passes declared inputs, all required ones', (_, use) => {
    const definition = actionByPath.get(use.action);
    expect(definition?.error).toBeUndefined();
    const inputs: Mapping = definition!.data.inputs ?? {};
    const given = Object.keys(use.step.with ?? {});
    expect({ undeclared: given.filter((name) => !(name in inputs)) }).toEqual({ undeclared: [] });
    const required = Object.entries<Mapping>(inputs)
      .filter(([, input]) => input.required && input.default === undefined)
      .map(([name]) => name);
    expect({ missing: required.filter((name) => !given.includes(name)) }).toEqual({ missing: [] });
  });

  it.each(localUses.filter((use) => use.step.id).map((use) => [use.where, use] as const))(
    '%s: the job reads only declared outputs',
    (_, use) => {
      const outputs: Mapping = actionByPath.get(use.action)!.data.outputs ?? {};
      const pattern = new RegExp(`steps\\.${use.step.id}\\.outputs\\.([\\w-]+)`, 'g');
      const read = [...JSON.stringify(use.job).matchAll(pattern)].map((match) => match[1]);
      expect({ undeclared: read.filter((name) => !(name in outputs)) }).toEqual({ undeclared: [] });
    },
  );
});

describe('reusable workflows', () => {
  const reusable = workflowFiles().filter((file) => file.data.on?.workflow_call !== undefined);

  it('are the two the docs describe', () => {
    expect(reusable.map((file) => file.path)).toEqual(['.github/workflows/drift-retrain.yml', '.github/workflows/rollout.yml']);
  });

  it.each(reusable.map((file) => [file.path, file.data] as const))('%s: each output names a job output', (_, workflow) => {
    for (const [name, output] of Object.entries<Mapping>(workflow.on.workflow_call.outputs ?? {})) {
      const match = /^\$\{\{ jobs\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(output.value);
      expect({ name, refersTo: match && workflow.jobs[match[1]]?.outputs?.[match[2]] !== undefined }).toEqual({ name, refersTo: true });
    }
  });

  const calls = workflowFiles().flatMap((file) =>
    Object.entries<Mapping>(file.data.jobs)
      .filter(([, job]) => typeof job.uses === 'string')
      .map(([name, job]) => ({
        where: `${file.path} ${name}`,
        job,
        target: /^(?:\.\/|[^/]+\/[^/]+\/)(\.github\/workflows\/[\w-]+\.yml)(?:@|$)/.exec(job.uses)?.[1],
      })),
  );

  it('are called by the examples and the self-test', () => {
    expect(calls.map((call) => call.target)).toEqual(
      expect.arrayContaining(['.github/workflows/drift-retrain.yml', '.github/workflows/rollout.yml']),
    );
  });

  it.each(calls.map((call) => [call.where, call] as const))('%s passes declared inputs and secrets, all required ones', (_, call) => {
    expect(call.target).toBeDefined();
    const callee = parse(readFileSync(join(REPO_ROOT, call.target!), 'utf8')).on.workflow_call as Mapping;
    const check = (declared: Mapping, given: Mapping) => ({
      undeclared: Object.keys(given).filter((name) => !(name in declared)),
      missing: Object.entries<Mapping>(declared)
        .filter(([name, spec]) => spec.required && spec.default === undefined && !(name in given))
        .map(([name]) => name),
    });
    expect(check(callee.inputs ?? {}, call.job.with ?? {})).toEqual({ undeclared: [], missing: [] });
    expect(check(callee.secrets ?? {}, call.job.secrets ?? {})).toEqual({ undeclared: [], missing: [] });
  });
});
