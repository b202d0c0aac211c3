import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { retryDelay, type RetryPolicy } from '../../src/github/retry.js';
import { primaryRateLimit, secondaryRateLimit, startGitHubServer, type GitServer } from '../servers/github-git-server.js';

const policy = { baseDelayMs: 1000 };
const failure = (status: number, headers: Record<string, string> = {}, message = '') => ({ status, message, response: { headers } });

describe('retryDelay', () => {
  it('backs off exponentially on server errors and 429 without a stated wait', () => {
    expect(retryDelay(failure(500), 0, policy)).toBe(1000);
    expect(retryDelay(failure(502), 1, policy)).toBe(2000);
    expect(retryDelay(failure(429), 3, policy)).toBe(8000);
  });

  it('waits what retry-after asks', () => {
    expect(retryDelay(failure(503, { 'retry-after': '7' }), 0, policy)).toBe(7000);
    expect(retryDelay(failure(403, { 'retry-after': '30' }, 'You have exceeded a secondary rate limit'), 0, policy)).toBe(30_000);
    expect(retryDelay(failure(429, { 'retry-after': '0' }), 2, policy)).toBe(0);
  });

  it('waits for the reset of a spent primary limit', () => {
    const now = 1_700_000_000_000;
    expect(retryDelay(failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 20) }), 0, policy, now)).toBe(
      21_000,
    );
  });

  it('waits at least a minute on a secondary limit without retry-after', () => {
    expect(retryDelay(failure(403, {}, 'You have exceeded a secondary rate limit.'), 0, policy)).toBe(60_000);
  });

  it('does not retry what a retry cannot fix', () => {
    for (const status of [400, 401, 404, 409, 422]) expect(retryDelay(failure(status), 0, policy)).toBeUndefined();
    expect(retryDelay(failure(403, {}, 'Resource not accessible by integration'), 0, policy)).toBeUndefined();
    expect(retryDelay(new Error('not an HTTP error'), 0, policy)).toBeUndefined();
  });
});

describe('the retry plugin', () => {
  let server: GitServer;
  const savedEnv = { ...process.env };
  let slept: number[];
  let warnings: string[];
  let client: Awaited<ReturnType<typeof makeClient>>;

  async function makeClient(retryPolicy: Partial<RetryPolicy> = {}) {
    const { getOctokit } = await import('@actions/github');
    const { retryOnPassingFailures } = await import('../../src/github/retry.js');
    const log = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => warnings.push(message),
      error: () => undefined,
    };
    const sleep = async (milliseconds: number) => {
      slept.push(milliseconds);
    };
    return getOctokit(server.token, { log, retryPolicy: { sleep, ...retryPolicy } }, retryOnPassingFailures);
  }

  const getRepo = () => client.rest.repos.get({ owner: 'octo-org', repo: 'churn-model' });
  const repoRequests = () => server.state.requests.filter((request) => request.path === '/repos/octo-org/churn-model');

  beforeAll(async () => {
    server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model' });
    Object.assign(process.env, server.env);
  });

  afterAll(async () => {
    await server.close();
    process.env = savedEnv;
  });

  beforeEach(async () => {
    await server.state.reset();
    slept = [];
    warnings = [];
    client = await makeClient();
  });

  it('retries server errors and dropped connections with backoff', async () => {
    server.state.injectFault({ path: /^\/repos\/octo-org\/churn-model$/, respond: { status: 502 }, times: 2 });
    server.state.injectFault({ path: /^\/repos\/octo-org\/churn-model$/, respond: 'reset' });
    await expect(getRepo()).resolves.toMatchObject({ status: 200 });
    expect(slept).toEqual([1000, 2000, 4000]);
    expect(repoRequests()).toHaveLength(4);
    expect(warnings[0]).toBe('GitHub answered 502 to GET /repos/{owner}/{repo}; retrying in 1 s');
    expect(warnings.join('\n')).not.toContain(server.token);
  });

  it('honours retry-after on a secondary rate limit', async () => {
    server.state.injectFault({ path: /^\/repos\/octo-org\/churn-model$/, respond: secondaryRateLimit(45) });
    await expect(getRepo()).resolves.toMatchObject({ status: 200 });
    expect(slept).toEqual([45_000]);
  });

  it('waits for the reset of a spent primary rate limit', async () => {
    server.state.injectFault({ path: /^\/repos\/octo-org\/churn-model$/, respond: primaryRateLimit(30) });
    await expect(getRepo()).resolves.toMatchObject({ status: 200 });
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(25_000);
    expect(slept[0]).toBeLessThanOrEqual(32_000);
  });

  it('gives up after the last retry, and at once on a wait too long to be worth it', async () => {
    server.state.injectFault({ path: /^\/repos\/octo-org\/churn-model$/, respond: { status: 500 }, times: 10 });
    await expect(getRepo()).rejects.toMatchObject({ status: 500 });
    expect(repoRequests()).toHaveLength(5);
    server.state.faults.length = 0;
    server.state.injectFault({ path: /^\/repos\/octo-org\/churn-model$/, respond: secondaryRateLimit(3600) });
    slept = [];
    await expect(getRepo()).rejects.toMatchObject({ status: 403 });
    expect(slept).toEqual([]);
  });

  it('does not retry a refusal', async () => {
    await expect(client.rest.repos.get({ owner: 'octo-org', repo: 'elsewhere' })).rejects.toMatchObject({ status: 404 });
    expect(slept).toEqual([]);
  });
});
