/**
 * The layers of src/, as CONTRIBUTING.md's module map draws them. A package is a folder of src/ or a file
 * directly in it; it imports only from packages in lower layers, never from one in its own layer or above,
 * so no two packages depend on each other and an adapter never holds what another adapter needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Lowest first. */
const LAYERS: readonly (readonly string[])[] = [
  ['core'],
  ['stattests'],
  ['profile', 'performance'],
  ['multivariate'],
  ['engine', 'io'],
  ['report', 'options', 'read-worker.ts'],
  ['check.ts', 'github', 'registry'],
  ['action', 'cli', 'publish', 'rollout'],
];

/** Packages that compute and nothing else: no file, process, network or workflow access. */
const PURE = ['core', 'stattests', 'performance', 'multivariate', 'engine'];

interface Import {
  /** Paths relative to src/, with forward slashes. */
  readonly from: string;
  readonly to: string;
}

function packageOf(path: string): string {
  return path.split('/')[0];
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => path.split(sep).join('/'))
    .sort();
}

/** Every module a file names in an import, an export ... from, or an import() (type-only ones too). */
function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

function importsOf(files: readonly string[]): Import[] {
  return files.flatMap((from) =>
    specifiersOf(from)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({
        from,
        to: relative(SRC, resolve(SRC, dirname(from), specifier))
          .split(sep)
          .join('/')
          .replace(/\.js$/, '.ts'),
      })),
  );
}

function shown(found: readonly Import[]): string[] {
  return found.map(({ from, to }) => `src/${from} -> src/${to}`);
}

/** The imports that reach a package in the same layer or a higher one. */
function againstLayers(imports: readonly Import[], layers: readonly (readonly string[])[]): Import[] {
  const layerOf = new Map(layers.flatMap((names, layer) => names.map((name) => [name, layer] as const)));
  return imports.filter(
    ({ from, to }) =>
      packageOf(from) !== packageOf(to) && (layerOf.get(packageOf(to)) ?? Infinity) >= (layerOf.get(packageOf(from)) ?? -Infinity),
  );
}

/** The imports between packages that depend on each other, directly or through others (Tarjan's components). */
function inCycles(imports: readonly Import[]): Import[] {
  const edges = imports.filter(({ from, to }) => packageOf(from) !== packageOf(to));
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const targets = next.get(packageOf(from)) ?? new Set<string>();
    next.set(packageOf(from), targets.add(packageOf(to)));
  }
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  const visit = (name: string): void => {
    index.set(name, index.size);
    lowest.set(name, index.get(name)!);
    stack.push(name);
    for (const target of next.get(name) ?? []) {
      if (!index.has(target)) visit(target);
      if (!component.has(target)) lowest.set(name, Math.min(lowest.get(name)!, lowest.get(target)!));
    }
    if (lowest.get(name) !== index.get(name)) return;
    let member: string;
    do {
      member = stack.pop()!;
      component.set(member, index.get(name)!);
    } while (member !== name);
  };
  for (const name of next.keys()) if (!index.has(name)) visit(name);
  return edges.filter(({ from, to }) => component.get(packageOf(from)) === component.get(packageOf(to)));
}

const files = sourceFiles();
const imports = importsOf(files);

describe('the layers of src/', () => {
  it('places every package in exactly one layer, and lists only packages that exist', () => {
    const listed = LAYERS.flat();
    expect(listed.filter((name, at) => listed.indexOf(name) !== at)).toEqual([]);
    expect([...new Set(files.map(packageOf))].sort()).toEqual([...listed].sort());
  });

  it('has no import from a package to one in its own layer or above', () => {
    expect(shown(againstLayers(imports, LAYERS))).toEqual([]);
  });

  it('has no cycle between packages', () => {
    expect(shown(inCycles(imports))).toEqual([]);
  });

  it('keeps the computing packages free of Node built-ins and the Actions toolkit', () => {
    const reaching = files
      .filter((file) => PURE.includes(packageOf(file)))
      .flatMap((file) =>
        specifiersOf(file)
          .filter((specifier) => /^(?:node:|@actions\/)/.test(specifier))
          .map((specifier) => `src/${file} -> ${specifier}`),
      );
    expect(reaching).toEqual([]);
  });

  it('finds an upward import and a cycle when there is one', () => {
    const upward = { from: 'core/errors.ts', to: 'engine/drift.ts' };
    const sideways = { from: 'engine/drift.ts', to: 'io/read.ts' };
    const downward = { from: 'engine/drift.ts', to: 'core/errors.ts' };
    expect(againstLayers([upward, sideways, downward], LAYERS)).toEqual([upward, sideways]);
    const back = { from: 'io/read.ts', to: 'engine/drift.ts' };
    expect(inCycles([sideways, back, downward])).toEqual([sideways, back]);
  });
});
