/**
 * The retrain pipeline end to end on this machine, as `npm run pipeline` plays it: the committed bundles
 * (check, publish, rollout) and the composite actions, job by job as drift-retrain.yml and rollout.yml run
 * them, against the loopback GitHub server — for both example projects:
 *
 * - a first version trained on the baseline, published, merged;
 * - stable data: no drift against the registry's current baseline, nothing retrained, nothing written;
 * - drifted data: check, retrain (scoring the deployed model on the same holdout), publish, a pull request
 *   whose model card compares the metrics with the deployed version's on the same data; merged, then
 *   rolled out to the manifest.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MANIFEST,
  MODEL_NAME,
  REGISTRY_DIR,
  mergePullRequest,
  repositoryFiles,
  rolloutRun,
  weeklyRun,
  type Example,
  type WeeklyRun,
} from '../../scripts/pipeline.js';
import { runAction } from '../helpers/runner.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';

const TRAINING = 120_000;

describe.each<[Example, string]>([
  ['node', 'model.json'],
  ['sklearn', 'model.joblib'],
])('the %s example', (example, modelFile) => {
  let server: GitServer;
  let scratch: string;
  let first: WeeklyRun;
  let drifted: WeeklyRun;

  const show = (ref: string, path: string) => server.state.git('show', `${ref}:${path}`);
  const index = async (ref: string) => JSON.parse(await show(ref, `${REGISTRY_DIR}/${MODEL_NAME}/index.json`));

  beforeAll(async () => {
    server = await startGitHubServer({ owner: 'acme', repo: 'churn-model', files: repositoryFiles(example) });
    scratch = mkdtempSync(join(tmpdir(), `driftgate-pipeline-${example}-`));
  });
  afterAll(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it(
    'publishes a first version, trained on the baseline (nothing to check against yet)',
    async () => {
      first = await weeklyRun({ server, runAction, example, fresh: 'baseline', force: true, scratch });
      expect(first).toMatchObject({ status: 'no-baseline', driftDetected: false, retrained: true, pullRequest: 1 });
      const folder = `${REGISTRY_DIR}/${MODEL_NAME}/${first.version}`;
      const files = (await server.state.git('ls-tree', '-r', '--name-only', `driftgate/${MODEL_NAME}`, '--', folder)).trim().split('\n');
      // The training data's profile, not its rows: the next checks compare against it.
      expect(files).toEqual(
        expect.arrayContaining([`${folder}/model/${modelFile}`, `${folder}/baseline/baseline.profile.json.gz`, `${folder}/metrics.json`]),
      );
      expect(files.filter((path) => path.includes('/baseline/'))).toEqual([`${folder}/baseline/baseline.profile.json.gz`]);
      expect(await show(`driftgate/${MODEL_NAME}`, `${folder}/MODEL_CARD.md`)).toMatch(
        /- Training data profile .*: [\d.]+ KiB, 2,000 rows × 10 columns/,
      );
      expect(JSON.parse(await show(`driftgate/${MODEL_NAME}`, `${folder}/metrics.json`))).toEqual(first.metrics);
      await mergePullRequest(server, 1);
      expect((await index('main')).current).toBe(first.version);
    },
    TRAINING,
  );

  it(
    'does nothing on stable data: no retraining, nothing written to GitHub',
    async () => {
      const refs = await server.state.git('for-each-ref', '--format=%(refname) %(objectname)');
      const requests = server.state.requests.length;
      const stable = await weeklyRun({ server, runAction, example, fresh: 'current-stable', scratch });
      expect(stable).toEqual({ status: 'no-drift', driftDetected: false, retrained: false });
      expect(await server.state.git('for-each-ref', '--format=%(refname) %(objectname)')).toBe(refs);
      expect(server.state.requests.length).toBe(requests);
      expect(server.state.pulls.filter((pull) => pull.state === 'open')).toEqual([]);
    },
    TRAINING,
  );

  it(
    'retrains on drifted data and proposes the new version with its model card',
    async () => {
      drifted = await weeklyRun({ server, runAction, example, fresh: 'current', scratch });
      expect(drifted).toMatchObject({ status: 'drift', driftDetected: true, retrained: true, pullRequest: 2 });
      expect(drifted.version).not.toBe(first.version);

      const branch = `driftgate/${MODEL_NAME}`;
      const folder = `${REGISTRY_DIR}/${MODEL_NAME}/${drifted.version}`;
      expect(await index(branch)).toMatchObject({
        current: drifted.version,
        versions: [{ version: first.version }, { version: drifted.version }],
      });
      expect(await show(branch, `${folder}/MODEL_CARD.md`)).toMatch(/- Training data profile .*: [\d.]+ KiB, 1,500 rows × 10 columns/);
      expect(JSON.parse(await show(branch, `${folder}/drift-report.json`)).dataset).toMatchObject({ drift_detected: true });
      expect(JSON.parse(await show(branch, `${folder}/metrics.json`))).toEqual(drifted.metrics);

      const pull = server.state.pulls.find((candidate) => candidate.number === 2)!;
      expect(pull).toMatchObject({ state: 'open', headRef: branch, baseRef: 'main' });
      expect(pull.title).toContain(drifted.version);
      expect(pull.body).toBe(await show(branch, `${folder}/MODEL_CARD.md`));
      // The training scored the deployed (first) version on its holdout too: the card compares like with like.
      const { deployed, ...metrics } = drifted.metrics!;
      expect(deployed).toMatchObject({ version: first.version, accuracy: expect.any(Number), roc_auc: expect.any(Number) });
      expect(pull.body).toContain(`## Deployed vs new, on the same data\n\nThe training scored the deployed version \`${first.version}\``);
      expect(pull.body).not.toContain('other data');
      for (const metric of Object.keys(metrics)) expect(pull.body).toContain(`| ${metric.replace(/_/g, '\\_')} |`);
    },
    TRAINING,
  );

  it(
    'rolls the merged version out to the manifest, changing only the version lines',
    async () => {
      await mergePullRequest(server, 2);
      const rollout = await rolloutRun({ server, scratch });
      expect(rollout).toMatchObject({ version: drifted.version, changed: 'true', 'rollout-targets': 'deployment/churn-scorer ml' });
      const before = readFileSync(join(REPO_ROOT, MANIFEST), 'utf8').split('\n');
      const after = rollout.manifest.split('\n');
      const changed = after.filter((line, index) => line !== before[index]);
      expect(after).toHaveLength(before.length);
      expect(changed).toHaveLength(4);
      for (const line of changed) expect(line).toContain(drifted.version!);
    },
    TRAINING,
  );
});
