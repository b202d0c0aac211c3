#!/usr/bin/env node
// Writes the README's generated tables between `<!-- <name> -->` / `<!-- /<name> -->` markers, so the README
// cannot drift from their sources: each action.yml's inputs and outputs (`check:inputs`, ...), the data
// formats (`formats`, from src/io/formats.ts) and the methods (`methods`, from src/stattests/registry.ts).
// `--check` changes nothing and exits 1 when README.md is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { parse } from 'yaml';

register('./ts-hooks.js', import.meta.url);
const { formatTableMarkdown } = await import('../src/io/formats.ts');
const { methodTableMarkdown } = await import('../src/stattests/registry.ts');
const { USAGE_TEXT } = await import('../src/cli/help.ts');

export const ACTIONS = [
  { name: 'check', file: 'action.yml' },
  { name: 'publish', file: 'publish/action.yml' },
];

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s*\n\s*/g, ' ').trim();

function inputsTable(metadata) {
  const rows = Object.entries(metadata.inputs ?? {}).map(([name, input]) => {
    const fallback = input.default === undefined || input.default === '' ? (input.required ? 'required' : '') : `\`${cell(input.default)}\``;
    return `| \`${name}\` | ${cell(input.description)} | ${fallback} |`;
  });
  return ['| input | meaning | default |', '|---|---|---|', ...rows].join('\n');
}

function outputsTable(metadata) {
  const rows = Object.entries(metadata.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return ['| output | meaning |', '|---|---|', ...rows].join('\n');
}

/** The README's generated tables, by marker name. */
function tables() {
  const generated = [];
  for (const action of ACTIONS) {
    const metadata = parse(readFileSync(action.file, 'utf8'));
    generated.push([`${action.name}:inputs`, inputsTable(metadata)], [`${action.name}:outputs`, outputsTable(metadata)]);
  }
  generated.push(['formats', formatTableMarkdown()], ['methods', methodTableMarkdown()], ['cli-help', `\`\`\`text\n${USAGE_TEXT.trimEnd()}\n\`\`\``]);
  return generated;
}

export function renderReadme(readme) {
  let text = readme;
  for (const [marker, table] of tables()) {
    const open = `<!-- ${marker} -->`;
    const close = `<!-- /${marker} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${open} … ${close}`);
    text = `${text.slice(0, start + open.length)}\n${table}\n${text.slice(end)}`;
  }
  return text;
}

const readme = readFileSync('README.md', 'utf8');
const updated = renderReadme(readme);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    process.stderr.write('README.md is out of date with action.yml, publish/action.yml, the formats, the methods or --help: run node scripts/action-docs.js\n');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync('README.md', updated);
}
