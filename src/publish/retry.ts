/**
 * Retrying GitHub requests that failed for a passing reason: a server error (5xx), too many requests (429),
 * or a rate limit (403 with `retry-after`, `x-ratelimit-remaining: 0`, or GitHub's "secondary rate limit"
 * message). The wait is what GitHub asks for (`retry-after` seconds, or until `x-ratelimit-reset`), else an
 * exponential backoff; GitHub's guidance for secondary limits without a header is at least a minute.
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 *
 * @actions/github ships no retry or throttling plugin, and @octokit/plugin-retry neither reads `retry-after`
 * nor treats a 403 rate limit as passing; hence this small plugin, passed to `getOctokit` as an extra plugin.
 *
 * Every write the publish action makes is safe to repeat: git objects are addressed by content, a ref or
 * pull request that already exists is detected and reused by the caller.
 */
import type { getOctokit } from '@actions/github';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The first backoff when GitHub names no wait; doubled on each attempt. */
  baseDelayMs: number;
  /** A longer requested wait is not waited for: the error is raised at once. */
  maxDelayMs: number;
  sleep: (milliseconds: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

const SECONDARY_LIMIT_WAIT_MS = 60_000;

interface FailedRequest {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** How long to wait before trying `error`'s request again, or undefined when it should not be retried. */
export function retryDelay(error: unknown, attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs'>, now = Date.now()): number | undefined {
  const { status, message = '', response } = (error ?? {}) as FailedRequest;
  if (typeof status !== 'number') return undefined;
  const headers = response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const asked = Number.isFinite(retryAfter) && headers['retry-after'] !== undefined ? retryAfter * 1000 : undefined;
  const backoff = policy.baseDelayMs * 2 ** attempt;
  if (status >= 500 || status === 429) return asked ?? backoff;
  if (status !== 403) return undefined;
  if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined) {
    return asked ?? Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) + 1000;
  }
  if (asked !== undefined) return asked;
  if (/secondary rate limit/i.test(message)) return Math.max(SECONDARY_LIMIT_WAIT_MS, backoff);
  return undefined;
}

type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;

/**
 * An Octokit plugin. The client option `retryPolicy` replaces parts of the policy (tests shorten the
 * waits); each retry is reported through the client's `log.warn`.
 */
export const retryOnPassingFailures: OctokitPlugin = (octokit, options) => {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(options.retryPolicy as Partial<RetryPolicy> | undefined) };
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const delay = attempt < policy.retries ? retryDelay(error, attempt, policy) : undefined;
        if (delay === undefined || delay > policy.maxDelayMs) throw error;
        octokit.log.warn(`GitHub answered ${(error as FailedRequest).status} to ${requestOptions.method} ${requestOptions.url}; retrying in ${Math.ceil(delay / 1000)} s`);
        await policy.sleep(delay);
      }
    }
  });
};
