/**
 * The publish action: commits the retrained model as a registry version and opens or updates its pull
 * request. Any error fails the step with one clear message; GitHub's refusals get the usual cause named.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { redactingLog, redactSecrets } from '../github/secrets.js';
import { failRun } from '../github/failure.js';
import { httpStatus } from './git-commit.js';
import { getInputs } from './inputs.js';
import { validationMessage } from './pull-request.js';
import { publishModel, type PublishOutcome } from './publish.js';
import { GitHubUnavailableError, retryOnPassingFailures } from '../github/retry.js';

async function run(): Promise<void> {
  const { publish, githubToken } = getInputs();
  const client = github.getOctokit(githubToken, { log: redactingLog }, retryOnPassingFailures);
  const outcome = await publishModel(publish, client, { log: core.info });
  // They quote GitHub's refusals of labels and reviewers.
  for (const warning of outcome.warnings) core.warning(redactSecrets(warning));
  if (outcome.promotion && !outcome.promotion.promoted) core.notice(outcome.promotion.reason, { title: 'driftgate: not promoted' });
  setOutputs(outcome);
  if (outcome.modelCard) await core.summary.addRaw(outcome.modelCard).write();
}

function setOutputs(outcome: PublishOutcome): void {
  core.setOutput('version', outcome.version);
  core.setOutput('path', outcome.path);
  core.setOutput('commit-sha', outcome.commitSha);
  core.setOutput('branch', outcome.branch);
  core.setOutput('pull-request-number', outcome.pullRequest ? String(outcome.pullRequest.number) : '');
  core.setOutput('pull-request-url', outcome.pullRequest?.url ?? '');
  core.setOutput('pull-request-operation', outcome.pullRequestOperation);
  core.setOutput('promoted', String(outcome.promotion?.promoted ?? true));
  core.setOutput('promotion-reason', outcome.promotion?.reason ?? 'no promotion rule is set (promote-metric is empty)');
}

/** What GitHub's refusal usually means for this action, so the fix is in the message. */
function explainGitHubError(error: unknown): string {
  if (error instanceof GitHubUnavailableError) {
    return `driftgate publish gave up: ${error.message}. GitHub may be having trouble (https://www.githubstatus.com). Re-running the failed job finishes the publish: the same version, on the same branch and pull request, without duplicates`;
  }
  const status = httpStatus(error);
  const said = validationMessage(error) || (error as Error).message;
  if (status === 401) return `GitHub rejected the token (${said}); check the github-token input`;
  if (status === 403 && /not permitted to create/i.test(said)) {
    return `${said} Enable "Allow GitHub Actions to create and approve pull requests" in the repository's (or organization's) Actions settings, or pass a GitHub App token as github-token`;
  }
  if (status === 403 || status === 404) {
    return `GitHub refused a request (${status}: ${said}); the job needs "permissions: contents: write, pull-requests: write", and the token must have access to the repository`;
  }
  return `driftgate publish failed: ${said}`;
}

run().catch((error: unknown) => failRun(error, explainGitHubError));
