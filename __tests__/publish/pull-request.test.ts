import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubClient, Repository } from '../../src/publish/git-commit.js';
import { findOpenPullRequest, openOrUpdatePullRequest, type PullRequestRequest } from '../../src/publish/pull-request.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { clientFor } from './fixtures.js';

let server: GitServer;
let client: GitHubClient;
const repository: Repository = { owner: 'octo-org', repo: 'churn-model' };
const savedEnv = { ...process.env };
let slept: number[] = [];
const sleep = async (milliseconds: number) => {
  slept.push(milliseconds);
};

beforeAll(async () => {
  server = await startGitHubServer({ owner: repository.owner, repo: repository.repo });
  Object.assign(process.env, server.env);
  client = await clientFor(server);
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
});

beforeEach(async () => {
  await server.state.reset();
  await server.state.pushCommit('driftgate/churn', { 'models/churn/index.json': '{}' }, 'Publish');
  slept = [];
});

const request = (overrides: Partial<PullRequestRequest> = {}): PullRequestRequest => ({
  branch: 'driftgate/churn',
  base: 'main',
  title: 'Publish model churn 1',
  body: 'card 1',
  draft: false,
  labels: [],
  assignees: [],
  reviewers: [],
  teamReviewers: [],
  refresh: true,
  ...overrides,
});

describe('openOrUpdatePullRequest', () => {
  it('opens a pull request with labels, assignees and reviewers', async () => {
    const result = await openOrUpdatePullRequest(
      client,
      repository,
      request({ labels: ['model'], assignees: ['dana'], reviewers: ['sam'], teamReviewers: ['ml-team'], draft: true }),
      sleep,
    );
    expect(result).toEqual({ number: 1, url: 'https://github.com/octo-org/churn-model/pull/1', operation: 'created', warnings: [] });
    expect(server.state.pulls[0]).toMatchObject({
      title: 'Publish model churn 1',
      body: 'card 1',
      draft: true,
      labels: ['model'],
      assignees: ['dana'],
      requestedReviewers: ['sam'],
      requestedTeams: ['ml-team'],
    });
  });

  it('updates the open one instead of opening a second', async () => {
    await openOrUpdatePullRequest(client, repository, request(), sleep);
    const result = await openOrUpdatePullRequest(client, repository, request({ title: 'Publish model churn 2', body: 'card 2' }), sleep);
    expect(result.operation).toBe('updated');
    expect(server.state.pulls).toHaveLength(1);
    expect(server.state.pulls[0]).toMatchObject({ title: 'Publish model churn 2', body: 'card 2' });
  });

  it('leaves the open one alone when nothing changed, or when the branch did not move', async () => {
    await openOrUpdatePullRequest(client, repository, request(), sleep);
    expect((await openOrUpdatePullRequest(client, repository, request(), sleep)).operation).toBe('unchanged');
    expect(
      (await openOrUpdatePullRequest(client, repository, request({ body: 'edited by a person?', refresh: false }), sleep)).operation,
    ).toBe('unchanged');
    expect(server.state.pulls[0].body).toBe('card 1');
    expect(server.state.requests.filter((recorded) => recorded.method === 'PATCH')).toHaveLength(0);
  });

  describe('a pull request left bare by a run stopped right after creating it', () => {
    const decorated = request({ labels: ['model', 'Retrain'], assignees: ['dana'], reviewers: ['sam', 'kim'], teamReviewers: ['ml-team'] });
    const decorations = () =>
      server.state.requests.filter(
        (recorded) => recorded.method === 'POST' && /\/(labels|assignees|requested_reviewers)$/.test(recorded.path),
      );
    const bare = () =>
      client.rest.pulls.create({
        ...repository,
        head: decorated.branch,
        base: decorated.base,
        title: decorated.title,
        body: decorated.body,
      });

    it('gets what it lacks from the rerun, once', async () => {
      await bare();
      const rerun = await openOrUpdatePullRequest(client, repository, { ...decorated, refresh: false }, sleep);
      expect(rerun).toMatchObject({ number: 1, operation: 'unchanged', warnings: [] });
      expect(server.state.pulls[0]).toMatchObject({
        labels: ['model', 'Retrain'],
        assignees: ['dana'],
        requestedReviewers: ['sam', 'kim'],
        requestedTeams: ['ml-team'],
      });
      const made = decorations().length;
      expect(made).toBe(3);
      // Once it has everything, a further run asks for nothing; names compare without regard to case.
      await openOrUpdatePullRequest(client, repository, { ...decorated, labels: ['MODEL', 'retrain'], refresh: false }, sleep);
      expect(decorations()).toHaveLength(made);
    });

    it('adds only the missing ones, and does not ask a reviewer who already reviewed again', async () => {
      await bare();
      await client.rest.issues.addLabels({ ...repository, issue_number: 1, labels: ['model'] });
      server.state.review(1, 'sam');
      server.state.requests.length = 0;
      await openOrUpdatePullRequest(client, repository, { ...decorated, refresh: false }, sleep);
      expect(decorations().map((recorded) => [recorded.path.split('/').pop(), recorded.body])).toEqual([
        ['labels', { labels: ['Retrain'] }],
        ['assignees', { assignees: ['dana'] }],
        ['requested_reviewers', { reviewers: ['kim'], team_reviewers: ['ml-team'] }],
      ]);
      expect(server.state.pulls[0].requestedReviewers).toEqual(['kim']);
    });

    it('asks a reviewer of the old version again when it proposes a new model', async () => {
      await openOrUpdatePullRequest(client, repository, decorated, sleep);
      server.state.review(1, 'sam');
      const update = await openOrUpdatePullRequest(client, repository, { ...decorated, body: 'card 2' }, sleep);
      expect(update.operation).toBe('updated');
      expect(server.state.pulls[0].requestedReviewers).toEqual(['kim', 'sam']);
    });
  });

  it('finds the existing pull request when GitHub refuses a second one and its listing lags', async () => {
    await openOrUpdatePullRequest(client, repository, request(), sleep);
    // The listing misses it twice: before the create request and on the first look after the 422.
    server.state.injectFault({ method: 'GET', path: /\/pulls$/, respond: { status: 200, body: [] }, times: 2 });
    const result = await openOrUpdatePullRequest(client, repository, request({ body: 'card 2' }), sleep);
    expect(result).toMatchObject({ number: 1, operation: 'updated' });
    expect(slept).toEqual([0, 1000]);
    expect(server.state.pulls).toHaveLength(1);
  });

  it('opens a ready pull request, with a warning, where drafts are not available', async () => {
    server.state.injectFault({
      method: 'POST',
      path: /\/pulls$/,
      respond: {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'custom', message: 'Draft pull requests are not supported in this repository.' }],
        },
      },
    });
    const result = await openOrUpdatePullRequest(client, repository, request({ draft: true }), sleep);
    expect(result.operation).toBe('created');
    expect(server.state.pulls[0].draft).toBe(false);
    expect(result.warnings).toEqual([expect.stringMatching(/ready for review.*Draft pull requests are not supported/)]);
  });

  it('turns a refused review request into a warning', async () => {
    const result = await openOrUpdatePullRequest(client, repository, request({ reviewers: ['github-actions[bot]'] }), sleep);
    expect(result.operation).toBe('created');
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^Could not request reviews from github-actions\[bot\] on pull request #1: Review cannot be requested from pull request author/,
      ),
    ]);
  });
});

describe('findOpenPullRequest', () => {
  it('finds only an open pull request of the branch', async () => {
    expect(await findOpenPullRequest(client, repository, 'driftgate/churn')).toBeUndefined();
    await server.state.pushCommit('other', { 'x.txt': 'x' }, 'Other');
    await client.rest.pulls.create({ ...repository, head: 'other', base: 'main', title: 'Other' });
    expect(await findOpenPullRequest(client, repository, 'driftgate/churn')).toBeUndefined();
    await openOrUpdatePullRequest(client, repository, request(), sleep);
    expect(await findOpenPullRequest(client, repository, 'driftgate/churn')).toMatchObject({ number: 2, title: 'Publish model churn 1' });
  });
});
