/**
 * The security rules every workflow and composite action here keeps, whatever actionlint says:
 *
 * - a third-party action is pinned to a full commit SHA, with the release it is as a comment, and the SHA
 *   is the one recorded below for that release (looked up once; a tag can move, a SHA cannot);
 * - every job states its permissions, and the workflow grants nothing by default;
 * - no `${{ }}` inside a `run:` script: values reach scripts through `env:`, so no input, branch name
 *   or PR title is ever spliced into shell code;
 * - no `pull_request_target`, which runs with write access on code from forks.
 */
import { describe, expect, it } from '@jest/globals';
import { allSteps, workflowFiles, actionFiles, type Mapping } from './workflow-files.js';

/**
 * The releases in use, all on the node24 runtime (node20 actions no longer run on hosted runners). To
 * update one: take the release's commit from the action's repository (`git ls-remote --tags`), change
 * it here and in every `uses:`, and keep the comment in step.
 */
const PINS: Record<string, { sha: string; version: string }> = {
  'actions/checkout': { sha: '08c6903cd8c0fde910a37f88322edcfb5dd907a8', version: 'v5.0.0' },
  'actions/setup-node': { sha: 'a0853c24544627f65ddf259abe73b1d18a591444', version: 'v5.0.0' },
  'actions/setup-python': { sha: 'e797f83bcb11b83ae66e0230d6156d7c80228e7c', version: 'v6.0.0' },
  'actions/upload-artifact': { sha: 'b7c566a772e6b6bfb58ed0dc250532a479d7789f', version: 'v6.0.0' },
  'actions/download-artifact': { sha: '37930b1c2abaa49bbe596cd826c3c89aef350131', version: 'v7.0.0' },
  'actions/create-github-app-token': { sha: 'bcd2ba49218906704ab6c1aa796996da409d3eb1', version: 'v3.2.0' },
};

/** The reusable workflows of this repository, as the examples call them (`uses: <owner>/<repo>/.github/workflows/x.yml@v1`). */
const OWN_REUSABLE = /^driftgate\/driftgate\/\.github\/workflows\/[\w-]+\.yml@v\d+$/;

const files = [...workflowFiles(), ...actionFiles()];
const uses = files.flatMap((file) =>
  file.text
    .split('\n')
    .map((line, index) => ({ file: file.path, line: index + 1, match: /^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(.*))?$/.exec(line) }))
    .filter((entry) => entry.match !== null)
    .map(({ file, line, match }) => ({ file, line, ref: match![1], comment: match![2] })),
);

describe('third-party actions', () => {
  const external = uses.filter((entry) => !entry.ref.startsWith('./'));

  it('are found (the check is looking at real steps)', () => {
    expect(external.length).toBeGreaterThan(10);
  });

  it.each(external.map((entry) => [`${entry.file}:${entry.line} ${entry.ref}`, entry] as const))(
    '%s is pinned to a known SHA with its version',
    (_, entry) => {
      if (OWN_REUSABLE.test(entry.ref)) return;
      const [action, ref] = entry.ref.split('@');
      expect(Object.keys(PINS)).toContain(action);
      expect({ ref, comment: entry.comment }).toEqual({ ref: PINS[action].sha, comment: PINS[action].version });
    },
  );
});

describe('permissions', () => {
  it.each(workflowFiles().map((file) => [file.path, file.data] as const))(
    '%s grants nothing by default and each job says what it needs',
    (_, workflow) => {
      expect(workflow.permissions).toEqual({});
      for (const [name, job] of Object.entries<Mapping>(workflow.jobs)) {
        expect({ job: name, permissions: job.permissions }).toEqual({ job: name, permissions: expect.any(Object) });
      }
    },
  );
});

describe('scripts', () => {
  const runs = allSteps().filter(({ step }) => typeof step.run === 'string');

  it('are found', () => {
    expect(runs.length).toBeGreaterThan(10);
  });

  it.each(runs.map(({ file, job, step }) => [`${file} ${job}: ${step.name ?? step.run.split('\n')[0]}`, step.run as string] as const))(
    '%s has no ${{ }} in its script',
    (_, script) => {
      expect(script).not.toContain('${{');
    },
  );

  it('in composite actions name their shell (the runner requires it)', () => {
    const composite = runs.filter(({ job }) => job === '(composite)');
    expect(composite.length).toBeGreaterThan(0);
    for (const { file, step } of composite)
      expect({ file, step: step.name, shell: step.shell }).toEqual({ file, step: step.name, shell: 'bash' });
  });
});

describe('triggers', () => {
  it.each(workflowFiles().map((file) => [file.path, file.data] as const))('%s does not use pull_request_target', (_, workflow) => {
    const on = workflow.on;
    const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on);
    expect(events).not.toContain('pull_request_target');
  });
});
