/**
 * What the publish tests share: a real drift report (the check run on the example data), workspaces with
 * model files in them, and a GitHub client for the loopback server built the way the action builds it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCheck } from '../../src/check.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { toJsonReport, type JsonReport } from '../../src/report/json.js';
import type { GitHubClient } from '../../src/publish/git-commit.js';
import type { PublishSettings } from '../../src/publish/publish.js';
import type { RetryPolicy } from '../../src/github/retry.js';
import { scratch } from '../helpers/files.js';
import type { GitServer } from '../servers/github-git-server.js';

export const EXAMPLES = new URL('../../examples/data/', import.meta.url).pathname;

/** The check action's report for the drifted example data, as the check action writes it. */
export async function exampleDriftReport(): Promise<JsonReport> {
  const result = await runCheck({
    baseline: [`${EXAMPLES}baseline.csv`],
    current: [`${EXAMPLES}current.csv`],
    drift: defaultDriftOptions(),
  });
  return toJsonReport(result, new Date('2026-05-14T06:00:00Z'));
}

/**
 * A fresh checkout holding `files` (relative path to content), and beside it the runner's temporary folder
 * that publishSettings points at, as on a runner: where a publish writes the baseline profile it commits.
 */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const workspace = join(scratch('publish'), 'workspace');
  mkdirSync(runnerTempOf(workspace));
  writeFiles(workspace, files);
  return workspace;
}

const runnerTempOf = (workspace: string) => join(dirname(workspace), 'runner-temp');

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/**
 * A client like the action's, for a server whose `env` is already in `process.env` (the `@actions/github`
 * module reads the API URL when it is first imported). Retries wait no time unless a test says otherwise.
 */
export async function clientFor(server: GitServer, retryPolicy: Partial<RetryPolicy> = {}): Promise<GitHubClient> {
  const { getOctokit } = await import('@actions/github');
  const { retryOnPassingFailures } = await import('../../src/github/retry.js');
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return getOctokit(server.token, { log: quiet, retryPolicy: { sleep: async () => undefined, ...retryPolicy } }, retryOnPassingFailures);
}

/** Settings for publishing `model` from `workspace` to the server's repository. */
export function publishSettings(server: GitServer, workspace: string, overrides: Partial<PublishSettings> = {}): PublishSettings {
  return {
    content: {
      model: ['out/model.pkl'],
      baseline: ['data/train.csv'],
      baselineAs: 'raw',
      metrics: 'out/metrics.json',
      driftReport: 'report/drift-report.json',
      cwd: workspace,
      runnerTemp: runnerTempOf(workspace),
    },
    repository: { owner: server.state.owner, repo: server.state.repo },
    name: 'churn',
    registryDir: 'models',
    version: 'auto',
    branch: 'driftgate/churn',
    title: 'Publish model {model} {version}',
    // The old field, {name}, still fills in as {model}.
    commitMessage: 'Publish model {name} {version}',
    pullRequest: { labels: [], assignees: [], reviewers: [], teamReviewers: [], draft: false },
    run: { id: '4242', url: `https://github.com/${server.state.owner}/${server.state.repo}/actions/runs/4242` },
    ...overrides,
  };
}

/** The commits on `branch` that main lacks, newest first. */
export async function branchCommits(server: GitServer, branch: string): Promise<string[]> {
  return (await server.state.git('rev-list', `main..${branch}`)).split('\n').filter(Boolean);
}

/** The commits on `branch` whose `Driftgate-Version` trailer names `version`. */
export async function commitsOf(server: GitServer, branch: string, version: string): Promise<string[]> {
  const commits = await branchCommits(server, branch);
  const messages = await Promise.all(commits.map((sha) => server.state.git('log', '-1', '--format=%B', sha)));
  return commits.filter((_, index) => messages[index].includes(`Driftgate-Version: ${version}`));
}
