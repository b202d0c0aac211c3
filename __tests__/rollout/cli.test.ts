/**
 * `dist/rollout/index.js` as the workflows run it: reads the registry's current version from a checked-out
 * repository, rewrites the manifest, and hands the results to later steps through GITHUB_OUTPUT.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyIndex, renderIndex, withVersion, type RegistryFile } from '../../src/registry/registry.js';
import { bundlePath, runNode } from '../helpers/processes.js';

const BUNDLE = bundlePath('rollout');

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-scorer
  namespace: ml
spec:
  selector:
    matchLabels: {app: churn-scorer}
  template:
    metadata:
      labels: {app: churn-scorer}
    spec:
      containers:
        - name: scorer
          image: ghcr.io/acme/churn-scorer:2026.01.01.1
          env:
            - name: MODEL_VERSION
              value: "2026.01.01.1"
`;

let workspace: string;
let outputFile: string;
let summaryFile: string;

function file(path: string, role: RegistryFile['role']): RegistryFile {
  return { path, role, size: 1, sha256: '0'.repeat(64) };
}

function publish(version: string): void {
  const path = join(workspace, 'models/churn/index.json');
  let index = emptyIndex('churn');
  try {
    index = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    mkdirSync(join(workspace, 'models/churn'), { recursive: true });
  }
  const entry = {
    version,
    published_at: '2026-11-30T06:00:00.000Z',
    files: [file('model/model.json', 'model'), file('baseline/current.csv', 'baseline'), file('metrics.json', 'metrics')],
  };
  writeFileSync(path, renderIndex(withVersion(index, entry)));
}

function run(args: string[]) {
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  return runNode(BUNDLE, args, {
    cwd: workspace,
    env: { PATH: process.env.PATH, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
  });
}

/** The runner's parser for `name<<DELIMITER` entries. */
function outputs(): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = readFileSync(outputFile, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index]);
    if (!match) continue;
    const end = lines.indexOf(match[2], index + 1);
    result[match[1]] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return result;
}

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'driftgate-rollout-'));
  outputFile = join(workspace, '..', `${workspace.split('/').pop()}.output`);
  summaryFile = join(workspace, '..', `${workspace.split('/').pop()}.summary`);
  mkdirSync(join(workspace, 'deploy'));
  writeFileSync(join(workspace, 'deploy/scorer.yaml'), MANIFEST);
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outputFile, { force: true });
  rmSync(summaryFile, { force: true });
});

describe('driftgate-rollout current', () => {
  it('names the current version, its folder, model and baseline files', async () => {
    publish('2026.11.23.1');
    publish('2026.11.30.1');
    const result = await run(['current', '--model-name', 'churn', '--registry-dir', 'models']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('churn: current version 2026.11.30.1 (models/churn/2026.11.30.1)\n');
    expect(outputs()).toEqual({
      version: '2026.11.30.1',
      folder: 'models/churn/2026.11.30.1',
      model: 'models/churn/2026.11.30.1/model/model.json',
      baseline: 'models/churn/2026.11.30.1/baseline/current.csv',
    });
  });

  it('answers with empty outputs when nothing is published yet', async () => {
    const result = await run(['current', '--model-name', 'churn']);
    expect(result.status).toBe(0);
    expect(outputs()).toEqual({ version: '', folder: '', model: '', baseline: '' });
  });

  it('fails in one line on a broken index', async () => {
    mkdirSync(join(workspace, 'models/churn'), { recursive: true });
    writeFileSync(join(workspace, 'models/churn/index.json'), '{"schema_version": 1');
    const result = await run(['current', '--model-name', 'churn']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^driftgate-rollout: models\/churn\/index\.json: the registry index is not usable: not JSON/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('driftgate-rollout --model, the old name of --model-name', () => {
  it('still works, with one warning naming the new name', async () => {
    publish('2026.11.30.1');
    const result = await run(['current', '--model', 'churn', '--model-name', '']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      '::warning::"model" is deprecated: rename it to "model-name", which means the same\nchurn: current version 2026.11.30.1 (models/churn/2026.11.30.1)\n',
    );
  });

  it('is refused beside --model-name, in one line with exit 2', async () => {
    const result = await run(['current', '--model', 'churn', '--model-name', 'churn']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'driftgate-rollout: "model" and "model-name" are both given; "model" is the old name of "model-name": keep only "model-name"\n',
    );
  });

  it('or neither: the name is required', async () => {
    expect((await run(['current'])).stderr).toBe('driftgate-rollout: --model-name is required\n');
  });
});

describe('driftgate-rollout update-manifest', () => {
  const base = ['update-manifest', '--manifest', 'deploy/scorer.yaml', '--model-name', 'churn', '--registry-dir', 'models'];

  it('rolls the manifest forward to the current version and lists what to watch', async () => {
    publish('2026.11.30.1');
    const result = await run([
      ...base,
      '--version-env',
      'MODEL_VERSION',
      '--image-tag',
      '{version}',
      '--version-label',
      '',
      '--model-uri-env',
      '',
      '--model-uri',
      '',
      '--container',
      '',
      '--workload',
      '',
      '--version',
      '',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const updated = readFileSync(join(workspace, 'deploy/scorer.yaml'), 'utf8');
    expect(updated).toBe(MANIFEST.replace(/2026\.01\.01\.1/g, '2026.11.30.1'));
    expect(outputs()).toEqual({ version: '2026.11.30.1', changed: 'true', 'rollout-targets': 'deployment/churn-scorer ml' });
    expect(result.stdout).toContain('Deployment/churn-scorer: container scorer: MODEL_VERSION: 2026.01.01.1 → 2026.11.30.1');
    expect(readFileSync(summaryFile, 'utf8')).toMatch(
      /^### Rollout of churn 2026\.11\.30\.1\n\n- Deployment\/churn-scorer: container scorer: MODEL_VERSION/,
    );
  });

  it('says so when the manifest is already up to date, and leaves the file alone', async () => {
    const result = await run([...base, '--version', '2026.01.01.1', '--version-env', 'MODEL_VERSION']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('deploy/scorer.yaml already points at churn 2026.01.01.1\n');
    expect(outputs().changed).toBe('false');
    expect(readFileSync(join(workspace, 'deploy/scorer.yaml'), 'utf8')).toBe(MANIFEST);
  });

  it.each([
    [['--version-env', 'MODEL_VERSION'], /no current version of churn in models: nothing to roll out/],
    [
      ['--version', '1', '--manifest', 'deploy/missing.yaml', '--version-env', 'V'],
      /deploy\/missing\.yaml: cannot read the manifest \(ENOENT\)/,
    ],
    [['--version', '../x', '--version-env', 'V'], /version must be 1 to 100 letters/],
    [['--version', '1', '--unknown', 'x'], /Unknown option '--unknown'/],
  ])('fails with exit 2 and one line: %p', async (extra, message) => {
    const result = await run([...base, ...extra]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(workspace, 'deploy/scorer.yaml'), 'utf8')).toBe(MANIFEST);
  });
});
