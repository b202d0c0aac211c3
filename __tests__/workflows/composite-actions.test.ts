/**
 * The composite actions' own scripts, run as the runner runs them (bash -eo pipefail, env from the inputs,
 * outputs through GITHUB_OUTPUT); the GitHub-hosted steps they use (set-up, upload) are not run here.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runComposite, runnerPath } from '../../scripts/pipeline.js';
import { ACTION_ROOT } from '../helpers/processes.js';
import { REPO_ROOT } from '../helpers/paths.js';

const RETRAIN = join(ACTION_ROOT, 'actions/retrain');
const ROLLOUT = join(ACTION_ROOT, 'actions/rollout');

let root: string;
let workspace: string;
let runnerTemp: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'driftgate-composite-'));
  workspace = join(root, 'workspace');
  runnerTemp = join(root, 'temp');
  mkdirSync(runnerTemp);
  cpSync(join(REPO_ROOT, 'examples/data'), join(workspace, 'examples/data'), { recursive: true });
  mkdirSync(join(workspace, 'examples/node'));
  cpSync(join(REPO_ROOT, 'examples/node/train.mjs'), join(workspace, 'examples/node/train.mjs'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const retrain = (inputs: Record<string, string>) =>
  runComposite(
    RETRAIN,
    { 'working-directory': 'examples/node', 'model-files': 'model.json', ...inputs },
    { workspace, runnerTemp, env: { PATH: runnerPath(), HOME: root } },
  );

describe('actions/retrain', () => {
  it('trains, collects model/ and metrics.json, and hands them to the upload step', async () => {
    const run = await retrain({ 'train-command': 'node train.mjs --data ../data/current.csv', 'artifact-name': 'churn-model' });
    const stage = join(runnerTemp, 'driftgate-retrain/churn-model');
    expect(run.outputs).toEqual({
      'model-dir': join(stage, 'model'),
      metrics: join(stage, 'metrics.json'),
      'artifact-name': 'churn-model',
    });
    expect(readdirSync(join(stage, 'model'))).toEqual(['model.json']);
    expect(JSON.parse(readFileSync(join(stage, 'metrics.json'), 'utf8'))).toMatchObject({
      accuracy: expect.any(Number),
      roc_auc: expect.any(Number),
    });
    expect(run.skipped.map((step) => step.uses.split('@')[0])).toEqual(['actions/upload-artifact']);
    expect(run.skipped[0].with).toEqual({ name: 'churn-model', path: stage, 'if-no-files-found': 'error', 'retention-days': '7' });
  });

  it('sets up the language and installs requirements only when asked', async () => {
    const run = await retrain({ 'train-command': 'node train.mjs --data ../data/current.csv', 'node-version': '24' });
    expect(run.skipped.map((step) => step.uses.split('@')[0])).toEqual(['actions/setup-node', 'actions/upload-artifact']);
    expect(run.log.map((step) => step.name)).not.toContain('Install the requirements');
  });

  it('copies folders and several files under their own names', async () => {
    const command =
      'node train.mjs --data ../data/current.csv --model weights.json && mkdir -p encoder && echo "{}" > encoder/vocabulary.json';
    const run = await retrain({ 'train-command': command, 'model-files': 'weights.json\n  encoder  \n' });
    expect(readdirSync(run.outputs['model-dir']).sort()).toEqual(['encoder', 'weights.json']);
    expect(readdirSync(join(run.outputs['model-dir'], 'encoder'))).toEqual(['vocabulary.json']);
  });

  it.each([
    ['a model the command did not write', { 'model-files': 'model.json\nmissing.bin' }, /did not write missing\.bin/],
    ['no metrics', { metrics: 'scores.json' }, /did not write scores\.json/],
    [
      'metrics that are not an object',
      { 'train-command': 'node train.mjs --data ../data/current.csv && echo "[1]" > metrics.json' },
      /metrics\.json is not a JSON object of metrics/,
    ],
    ['no model listed', { 'model-files': '  \n' }, /the model-files input lists no file/],
    ['the old name and the new one', { model: 'model.json' }, /"model" and "model-files" are both given/],
    [
      'two outputs with one name',
      {
        'train-command': 'node train.mjs --data ../data/current.csv && mkdir -p b && cp model.json b/',
        'model-files': 'model.json\nb/model.json',
      },
      /two model paths are both named model\.json/,
    ],
    [
      'a failing training command',
      { 'train-command': 'node train.mjs --data ../data/nope.csv' },
      /step "Train" .* failed[\s\S]*nope\.csv: ENOENT/,
    ],
  ])('fails the step, naming the problem: %s', async (_, inputs, message) => {
    await expect(retrain({ 'train-command': 'node train.mjs --data ../data/current.csv', ...inputs })).rejects.toThrow(message);
  });

  it('hands the training command the deployed model, which the example scores on the same test rows', async () => {
    const first = await retrain({ 'train-command': 'node train.mjs --data ../data/baseline.csv', 'artifact-name': 'first' });
    cpSync(first.outputs['model-dir'], join(workspace, 'models/churn/2026.05.01.1/model'), { recursive: true });
    const run = await retrain({
      'train-command': 'node train.mjs --data ../data/current.csv',
      'deployed-model-dir': 'models/churn/2026.05.01.1/model',
      'deployed-version': '2026.05.01.1',
    });
    const metrics = JSON.parse(readFileSync(run.outputs.metrics, 'utf8'));
    expect(metrics.deployed).toEqual({
      version: '2026.05.01.1',
      accuracy: expect.any(Number),
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
      roc_auc: expect.any(Number),
      log_loss: expect.any(Number),
    });
    // Another model on the same rows: its numbers differ from the new model's.
    expect(metrics.deployed.roc_auc).not.toBe(metrics.roc_auc);
    const alone = await retrain({ 'train-command': 'node train.mjs --data ../data/current.csv' });
    expect(JSON.parse(readFileSync(alone.outputs.metrics, 'utf8'))).toEqual(
      Object.fromEntries(Object.entries(metrics).filter(([name]) => name !== 'deployed')),
    );
    await expect(retrain({ 'train-command': 'true', 'deployed-model-dir': 'models/churn/none/model' })).rejects.toThrow(
      /the deployed model's folder .*models\/churn\/none\/model does not exist/,
    );
  });

  it('still takes the model files under their old input name, model, with a warning naming the new one', async () => {
    const run = await retrain({ 'train-command': 'node train.mjs --data ../data/current.csv', 'model-files': '', model: 'model.json' });
    expect(readdirSync(run.outputs['model-dir'])).toEqual(['model.json']);
    expect(run.log.find((step) => step.name === 'Check and collect the training outputs')?.output).toContain(
      '::warning title=driftgate retrain::"model" is deprecated: rename it to "model-files"',
    );
  });

  it('runs the training command with bash, so pipes and && work and a failing part fails it', async () => {
    await expect(retrain({ 'train-command': 'false | true && node train.mjs --data ../data/current.csv' })).rejects.toThrow(/step "Train"/);
  });
});

describe('actions/rollout', () => {
  it('updates the manifest in the workspace and applies nothing without a kubeconfig', async () => {
    mkdirSync(join(workspace, 'deploy'));
    const manifest = readFileSync(join(REPO_ROOT, 'examples/k8s/churn-scorer.yaml'), 'utf8');
    writeFileSync(join(workspace, 'deploy/scorer.yaml'), manifest);
    const run = await runComposite(
      ROLLOUT,
      {
        'model-name': 'churn',
        version: '2026.11.30.1',
        manifest: 'deploy/scorer.yaml',
        container: 'scorer',
        'version-env': 'MODEL_VERSION',
      },
      { workspace, runnerTemp, env: { PATH: runnerPath(), HOME: root } },
    );
    expect(run.outputs).toEqual({ version: '2026.11.30.1', changed: 'true', 'rollout-targets': 'deployment/churn-scorer ml' });
    expect(run.log.map((step) => step.name)).toEqual(['Update the manifest']);
    expect(readFileSync(join(workspace, 'deploy/scorer.yaml'), 'utf8')).toBe(
      manifest.replace('value: "2026.11.02.1"', 'value: "2026.11.30.1"'),
    );
  });
});
