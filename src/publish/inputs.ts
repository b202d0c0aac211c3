/**
 * The publish action's inputs, read once and turned into typed settings; nothing else in the action calls
 * `core.getInput`. Paths are one per line (file names may contain commas); labels and people may also be
 * separated by commas, as they are usually written on one line.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { registerSecret } from '../github/secrets.js';
import { InputError } from '../core/errors.js';
import { nonNegative, oneOf, parseNumber } from '../options/values.js';
import { PUBLISH_TEMPLATE_ALIASES, type PublishSettings } from './publish.js';
import type { BaselineStorage } from './local-files.js';
import { ruleDirection, type PromotionRule } from './promotion.js';
import { checkPathComponent, checkRegistryDir, refuseBaseAsBranch } from '../registry/registry.js';
import { checkTemplate } from '../registry/template.js';
import { renamedInputName } from '../github/renamed-input.js';
import { annotate } from '../github/log.js';

export interface PublishActionSettings {
  publish: PublishSettings;
  githubToken: string;
}

export const DEFAULT_TITLE = 'Publish model {model} {version}';
export const DEFAULT_COMMIT_MESSAGE = 'Publish model {model} {version}';
export const DEFAULT_BRANCH_PREFIX = 'driftgate/';

const lines = (name: string) =>
  core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter((line) => line !== '');
const items = (name: string) =>
  lines(name)
    .flatMap((line) => line.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
const text = (name: string) => core.getInput(name).trim();
const given = (name: string) => text(name) !== '';

export function getInputs(): PublishActionSettings {
  const githubToken = core.getInput('github-token');
  registerSecret(githubToken);
  if (!githubToken)
    throw new InputError(
      'input "github-token" is empty; the default ${{ github.token }} works when the job has permissions contents: write and pull-requests: write',
    );

  const repository = repositoryFromEnvironment();
  const nameInput = renamedInputName({ name: 'model-name', old: 'name' }, given);
  const name = checkPathComponent(nameInput, text(nameInput) || repository.repo);
  const versionText = text('version') || 'auto';
  const version = versionText === 'auto' ? versionText : checkPathComponent('version', versionText);
  const branch = checkBranch('branch', text('branch') || `${DEFAULT_BRANCH_PREFIX}${name}`);
  const base = text('base') ? checkBranch('base', text('base')) : undefined;
  // Without base, the event payload names the default branch, so the refusal needs no request.
  refuseBaseAsBranch(branch, base ?? github.context.payload.repository?.default_branch, base === undefined);

  const metrics = text('metrics') || undefined;
  const promotion = promotionRule(metrics);

  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_RUN_ID: runId } = process.env;
  return {
    githubToken,
    publish: {
      content: {
        model: lines(renamedInputName({ name: 'model-files', old: 'model' }, given)),
        baseline: lines('baseline'),
        baselineAs: baselineStorage(),
        metrics,
        driftReport: text('drift-report') || undefined,
        cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
        runnerTemp: process.env.RUNNER_TEMP || undefined,
      },
      repository,
      name,
      registryDir: checkRegistryDir(text('registry-dir') || 'models'),
      version,
      base,
      branch,
      title: template('title', DEFAULT_TITLE),
      commitMessage: template('commit-message', DEFAULT_COMMIT_MESSAGE),
      pullRequest: {
        labels: items('labels'),
        assignees: items('assignees'),
        reviewers: items('reviewers'),
        teamReviewers: items('team-reviewers'),
        draft: yesOrNo('draft'),
      },
      run: { id: runId || undefined, url: runId ? `${server}/${repository.owner}/${repository.repo}/actions/runs/${runId}` : undefined },
      ...(promotion ? { promotion } : {}),
    },
  };
}

function template(input: string, fallback: string): string {
  const value = text(input) || fallback;
  for (const alias of checkTemplate(input, value, PUBLISH_TEMPLATE_ALIASES)) {
    annotate(
      'warning',
      `input "${input}" uses {${alias}}, which is deprecated: write {${PUBLISH_TEMPLATE_ALIASES[alias]}}, which means the same`,
    );
  }
  return value;
}

/** Off unless promote-metric names a metric; a margin alone is a mistake worth saying. */
function promotionRule(metrics: string | undefined): PromotionRule | undefined {
  const metric = text('promote-metric');
  const marginText = text('promote-margin');
  if (!metric) {
    if (marginText !== '' && marginText !== '0')
      throw new InputError('promote-margin is set but promote-metric is empty: name the metric the margin is on (such as roc_auc)');
    return undefined;
  }
  ruleDirection(metric);
  if (!metrics)
    throw new InputError(
      `promote-metric ${metric} needs the metrics input: the metrics file with the new and the deployed model's ${metric}`,
    );
  return { metric, margin: marginText === '' ? 0 : parseNumber('promote-margin', marginText, nonNegative) };
}

function baselineStorage(): BaselineStorage {
  return oneOf(text('baseline-as') || 'profile', 'baseline-as', ['profile', 'raw']);
}

/** `core.getBooleanInput` throws a TypeError, which would be shown as a crash rather than a bad input. */
function yesOrNo(name: string): boolean {
  const value = text(name).toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InputError(`${name} must be true or false, not ${JSON.stringify(text(name))}`);
}

function repositoryFromEnvironment(): { owner: string; repo: string } {
  const [owner, repo, ...rest] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0)
    throw new InputError('GITHUB_REPOSITORY is not set to owner/repo; the publish action runs in a GitHub Actions job');
  return { owner, repo };
}

/** The rules of `git check-ref-format` that a branch name typed into a workflow can break. */
function checkBranch(input: string, value: string): string {
  const broken =
    /[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|^\/|\/$|^-|\.lock$|\.$|^@$/.test(value) ||
    value.split('/').some((part) => part.startsWith('.'));
  if (broken) throw new InputError(`${input} ${JSON.stringify(value)} is not a valid branch name`);
  return value;
}
