#!/usr/bin/env node
// Writes the input and output tables of each action.yml into README.md, between
// `<!-- <name>:inputs -->` / `<!-- /<name>:inputs -->` markers (likewise outputs), so the README cannot drift
// from the metadata. `--check` changes nothing and exits 1 when README.md is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

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

export function renderReadme(readme) {
  let text = readme;
  for (const action of ACTIONS) {
    const metadata = parse(readFileSync(action.file, 'utf8'));
    for (const [part, table] of [['inputs', inputsTable(metadata)], ['outputs', outputsTable(metadata)]]) {
      const open = `<!-- ${action.name}:${part} -->`;
      const close = `<!-- /${action.name}:${part} -->`;
      const start = text.indexOf(open);
      const end = text.indexOf(close);
      if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${open} … ${close}`);
      text = `${text.slice(0, start + open.length)}\n${table}\n${text.slice(end)}`;
    }
  }
  return text;
}

const readme = readFileSync('README.md', 'utf8');
const updated = renderReadme(readme);
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    process.stderr.write('README.md is out of date with action.yml / publish/action.yml: run node scripts/action-docs.js\n');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync('README.md', updated);
}
