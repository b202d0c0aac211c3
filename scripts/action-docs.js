#!/usr/bin/env node
// Writes what is generated from the option table (src/options/table.ts): the check action's inputs in
// action.yml and the ones the reusable retrain workflow forwards to it (between `# <check-inputs>` and
// `# </check-inputs>`). Then the docs' generated tables between `<!-- <name> -->` / `<!-- /<name> -->`
// markers, so the docs cannot drift from their sources: each action.yml's inputs and outputs
// (`check:inputs`, ...), the data formats (`formats`, from src/io/formats.ts), the methods (`methods`, from
// src/stattests/registry.ts) and `--help`. `--check` changes nothing and exits 1 when a file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { parse, stringify } from 'yaml';

register('./ts-hooks.js', import.meta.url);
const { formatTableMarkdown } = await import('../src/io/formats.ts');
const { methodTableMarkdown } = await import('../src/stattests/registry.ts');
const { USAGE_TEXT } = await import('../src/cli/help.ts');
const { actionInputs, forwardedInputs } = await import('../src/options/table.ts');

const CHECK_ACTION = 'action.yml';
const RETRAIN_WORKFLOW = '.github/workflows/drift-retrain.yml';
const check = process.argv.includes('--check');

export const ACTIONS = [
  { name: 'check', file: 'action.yml', doc: 'docs/check.md' },
  { name: 'publish', file: 'publish/action.yml', doc: 'publish/README.md' },
  { name: 'retrain', file: 'actions/retrain/action.yml', doc: 'actions/retrain/README.md' },
  { name: 'rollout', file: 'actions/rollout/action.yml', doc: 'actions/rollout/README.md' },
];

/** The file holding each block that does not come from an action.yml. */
const DOCS = { formats: 'docs/data.md', methods: 'README.md', 'cli-help': 'docs/cli.md', 'retrain:check-inputs': 'docs/workflows.md' };

const cell = (text) =>
  String(text)
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

function inputsTable(metadata) {
  const rows = Object.entries(metadata.inputs ?? {}).map(([name, input]) => {
    const fallback =
      input.default === undefined || input.default === '' ? (input.required ? 'required' : '') : `\`${cell(input.default)}\``;
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
    generated.push(
      [`${action.name}:inputs`, inputsTable(metadata), action.doc],
      [`${action.name}:outputs`, outputsTable(metadata), action.doc],
    );
  }
  generated.push(
    ['formats', formatTableMarkdown(), DOCS.formats],
    ['methods', methodTableMarkdown(), DOCS.methods],
    ['cli-help', `\`\`\`text\n${USAGE_TEXT.trimEnd()}\n\`\`\``, DOCS['cli-help']],
    [
      'retrain:check-inputs',
      forwardedInputs()
        .map((input) => `\`${input.name}\``)
        .join(', '),
      DOCS['retrain:check-inputs'],
    ],
  );
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

const yamlBlock = (value, indent) => stringify(value, { lineWidth: 0, singleQuote: true }).trimEnd().replace(/^/gm, ' '.repeat(indent));

const GENERATED_INPUTS = '# The inputs are written by scripts/action-docs.js from src/options/table.ts: edit the table.';

/** action.yml with its `inputs:` mapping as the table declares it. */
function renderCheckAction(text) {
  const generated = text.indexOf(`\n${GENERATED_INPUTS}\n`);
  const start = generated >= 0 ? generated : text.indexOf('\ninputs:\n');
  const end = text.indexOf('\noutputs:\n');
  if (start < 0 || end < start) throw new Error(`${CHECK_ACTION} lacks its inputs: and outputs: mappings`);
  return `${text.slice(0, start)}\n${GENERATED_INPUTS}\n${yamlBlock({ inputs: Object.fromEntries(actionInputs()) }, 0)}\n${text.slice(end)}`;
}

/** Replaces the lines between each `# <check-inputs>` and `# </check-inputs>` pair, keeping their indent. */
function renderRetrainWorkflow(text) {
  const lines = text.split('\n');
  const out = [];
  let blocks = 0;
  for (let index = 0; index < lines.length; index += 1) {
    out.push(lines[index]);
    const open = /^( *)# <check-inputs>/.exec(lines[index]);
    if (!open) continue;
    const indent = open[1].length;
    // The first block declares the inputs (workflow_call), the second passes them to the check step.
    const block =
      blocks === 0
        ? Object.fromEntries(
            forwardedInputs().map((input) => [
              input.name,
              { description: input.description, type: 'string', default: input.default ?? '' },
            ]),
          )
        : Object.fromEntries(forwardedInputs().map((input) => [input.name, `\${{ inputs.${input.name} }}`]));
    out.push(yamlBlock(block, indent));
    blocks += 1;
    while (!lines[index + 1].includes('# </check-inputs>')) index += 1;
  }
  if (blocks !== 2)
    throw new Error(`${RETRAIN_WORKFLOW} needs two # <check-inputs> blocks (its inputs, and the check step's with:), found ${blocks}`);
  return out.join('\n');
}

/** Each generated file with what it should hold, YAML first: the docs' tables read the action.yml files. */
function update(file, render) {
  const text = readFileSync(file, 'utf8');
  const updated = render(text);
  if (updated === text) return;
  if (check) {
    process.stderr.write(
      `${file} is out of date with the option table, the action.yml files, the formats, the methods or --help: run node scripts/action-docs.js\n`,
    );
    process.exitCode = 1;
  } else {
    writeFileSync(file, updated);
  }
}

update(CHECK_ACTION, renderCheckAction);
update(RETRAIN_WORKFLOW, renderRetrainWorkflow);
for (const file of new Set(tables().map(([, , doc]) => doc))) update(file, (text) => renderReadme(text, file));
