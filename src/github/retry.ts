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
 * An attempt that has no complete answer within `timeoutMs` is abandoned and retried like a server error:
 * without a limit, a connection GitHub stops answering on would hold the job until its own timeout (6 h).
 * So one request gives up after at most `retries + 1` attempts, each at most `timeoutMs`, plus the waits
 * between them, with an error that says what kept failing.
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
  /** Per attempt, until the whole answer has arrived. */
  timeoutMs: number;
  /** What ends an attempt after `timeoutMs`: a timer; tests end attempts on a cue of their own instead of a clock. */
  deadline: (timeoutMs: number) => AbortSignal;
  sleep: (milliseconds: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  // GitHub ends API requests that take it over 10 s itself; the rest is room for a 32 MiB blob upload.
  timeoutMs: 60_000,
  deadline: (timeoutMs) => AbortSignal.timeout(timeoutMs),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/**
 * A request that kept failing for a passing reason until the retries ran out (or GitHub asked for a longer
 * wait than we make). It keeps the last answer's status and response, so callers that tolerate a failed
 * request (labels, reviewers) still recognize it as GitHub's answer.
 */
export class GitHubUnavailableError extends Error {
  override readonly name = 'GitHubUnavailableError';

  constructor(
    message: string,
    readonly status: number | undefined,
    readonly response: unknown,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

const SECONDARY_LIMIT_WAIT_MS = 60_000;

interface FailedRequest {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** How long to wait before trying `error`'s request again, or undefined when it should not be retried. */
export function retryDelay(
  error: unknown,
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs'>,
  now = Date.now(),
): number | undefined {
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
    const route = `${requestOptions.method} ${requestOptions.url}`;
    for (let attempt = 0; ; attempt++) {
      const deadline = policy.deadline(policy.timeoutMs);
      // The hooks inside this one get the options object this one got, whatever is passed to `request`, so
      // it is changed in place; `request` may be the client's shared defaults, so it is replaced, not edited.
      requestOptions.request = { ...requestOptions.request, signal: deadline };
      try {
        return await request(requestOptions);
      } catch (error) {
        const what = deadline.aborted
          ? `GitHub gave no answer to ${route} within ${seconds(policy.timeoutMs)}`
          : describeFailure(error as FailedRequest, route);
        const delay = retryDelay(error, attempt, policy);
        if (delay === undefined) throw error;
        if (attempt >= policy.retries) throw unavailable(error as FailedRequest, `${what}, ${attempt + 1} times in a row`);
        if (delay > policy.maxDelayMs)
          throw unavailable(
            error as FailedRequest,
            `${what} and asked to wait ${seconds(delay)}, longer than the ${seconds(policy.maxDelayMs)} driftgate waits`,
          );
        octokit.log.warn(`${what}; retrying in ${seconds(delay)}`);
        await policy.sleep(delay);
      }
    }
  });
};

/** What went wrong, in words: GitHub's answer, or the connection's failure (which octokit files as a 500 without a response). */
function describeFailure(error: FailedRequest, route: string): string {
  if (error.response === undefined) return `the connection to GitHub failed during ${route} (${error.message})`;
  return `GitHub answered ${error.status} to ${route}`;
}

function unavailable(error: FailedRequest, message: string): GitHubUnavailableError {
  return new GitHubUnavailableError(message, error.status, error.response, { cause: error });
}

function seconds(milliseconds: number): string {
  return `${Math.ceil(milliseconds / 1000)} s`;
}
