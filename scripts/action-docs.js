#!/usr/bin/env node
// Writes the docs' generated tables between `<!-- <name> -->` / `<!-- /<name> -->` markers, so the docs
// cannot drift from their sources: each action.yml's inputs and outputs (`check:inputs`, ...), the data
// formats (`formats`, from src/io/formats.ts) and the methods (`methods`, from src/stattests/registry.ts).
// `--check` changes nothing and exits 1 when a file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { parse } from 'yaml';

register('./ts-hooks.js', import.meta.url);
const { formatTableMarkdown } = await import('../src/io/formats.ts');
const { methodTableMarkdown } = await import('../src/stattests/registry.ts');
const { USAGE_TEXT } = await import('../src/cli/help.ts');

export const ACTIONS = [
  { name: 'check', file: 'action.yml', doc: 'docs/check.md' },
  { name: 'publish', file: 'publish/action.yml', doc: 'publish/README.md' },
  { name: 'retrain', file: 'actions/retrain/action.yml', doc: 'actions/retrain/README.md' },
  { name: 'rollout', file: 'actions/rollout/action.yml', doc: 'actions/rollout/README.md' },
];

/** The file holding each block that does not come from an action.yml. */
const DOCS = { formats: 'docs/data.md', methods: 'README.md', 'cli-help': 'docs/cli.md' };

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

/** The generated tables, by marker name, each with the file it lives in. */
function tables() {
  const generated = [];
  for (const action of ACTIONS) {
    const metadata = parse(readFileSync(action.file, 'utf8'));
    generated.push([`${action.name}:inputs`, inputsTable(metadata), action.doc], [`${action.name}:outputs`, outputsTable(metadata), action.doc]);
  }
  generated.push(['formats', formatTableMarkdown(), DOCS.formats], ['methods', methodTableMarkdown(), DOCS.methods], ['cli-help', `\`\`\`text\n${USAGE_TEXT.trimEnd()}\n\`\`\``, DOCS['cli-help']]);
  return generated;
}

export function renderReadme(readme, file = 'README.md') {
  let text = readme;
  for (const [marker, table] of tables().filter(([, , doc]) => doc === file)) {
    const open = `<!-- ${marker} -->`;
    const close = `<!-- /${marker} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`${file} lacks the markers ${open} … ${close}`);
    text = `${text.slice(0, start + open.length)}\n${table}\n${text.slice(end)}`;
  }
  return text;
}

for (const file of new Set(tables().map(([, , doc]) => doc))) {
  const readme = readFileSync(file, 'utf8');
  const updated = renderReadme(readme, file);
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      process.stderr.write(`${file} is out of date with the action.yml files, the formats, the methods or --help: run node scripts/action-docs.js\n`);
      process.exitCode = 1;
    }
  } else if (updated !== readme) {
    writeFileSync(file, updated);
  }
}
