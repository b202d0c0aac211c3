// Module hooks that let the docs script import the TypeScript sources on Node 20, which cannot run them:
// a `./x.js` import from a .ts file means `./x.ts` (NodeNext style), and .ts files are transpiled, not
// type-checked (tsc does that). Registered with `module.register`.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    return nextResolve(`${specifier.slice(0, -'.js'.length)}.ts`, context);
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
