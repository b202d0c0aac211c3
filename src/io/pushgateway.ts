/**
 * Pushes rendered metrics to a Prometheus Pushgateway. A PUT replaces every metric of the group (job plus
 * grouping key), so columns that disappear from the data stop being reported instead of lingering with
 * their last values.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { InputError } from '../core/errors.js';
import { RESERVED_LABEL_NAMES, validateLabelName } from './prometheus-labels.js';

export interface PushOptions {
  /** Per attempt. */
  timeoutMs?: number;
  /** Further attempts after the first, for 5xx, 429 and connection failures. */
  retries?: number;
  fetchImpl?: typeof fetch;
  /** What ends an attempt after `timeoutMs` (a timer); tests end attempts on a cue of their own. */
  deadline?: (timeoutMs: number) => AbortSignal;
  /** Waits between attempts; tests record them instead. */
  sleep?: (milliseconds: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 3;
const FIRST_BACKOFF_MS = 250;
/** A server asking for a longer pause than this is waited on for this long only; a CI job should not hang. */
const MAX_DELAY_MS = 30_000;
/** Enough of an error response to show the Pushgateway's explanation, not a whole HTML page. */
const MAX_RESPONSE_EXCERPT = 500;

export async function pushMetrics(
  url: string,
  job: string,
  groupingKey: Record<string, string>,
  body: string,
  options: PushOptions = {},
): Promise<void> {
  const { target, shown, authorization } = pushTarget(url, job, groupingKey);
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const { deadline = (milliseconds: number) => AbortSignal.timeout(milliseconds), sleep = (milliseconds: number) => delay(milliseconds) } =
    options;
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; version=0.0.4' };
  if (authorization) headers.Authorization = authorization;

  for (let attempt = 0; ; attempt++) {
    const mayRetry = attempt < retries;
    const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** attempt, MAX_DELAY_MS);
    let response: Response;
    const signal = deadline(timeoutMs);
    try {
      response = await fetchImpl(target, { method: 'PUT', headers, body, signal });
    } catch (error) {
      if (!mayRetry) {
        const failure = signal.aborted ? `no response within ${timeoutMs} ms` : describeFailure(error);
        throw new Error(`pushing metrics to ${shown} failed after ${attempt + 1} attempt(s): ${failure}`, {
          cause: error,
        });
      }
      await sleep(backoff);
      continue;
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const retryable = response.status >= 500 || response.status === 429;
    if (!retryable || !mayRetry) {
      const explanation = await responseExcerpt(response);
      const tries = retryable ? ` after ${attempt + 1} attempt(s)` : '';
      throw new Error(
        `pushing metrics to ${shown} failed${tries}: HTTP ${response.status} ${response.statusText}${explanation ? `: ${explanation}` : ''}`,
      );
    }
    await response.body?.cancel();
    await sleep(Math.max(backoff, retryAfterMs(response.headers.get('retry-after')) ?? 0));
  }
}

interface PushTarget {
  target: string;
  /** The group's URL for messages: no credentials and no query string, which may carry a token. */
  shown: string;
  authorization?: string;
}

function pushTarget(url: string, job: string, groupingKey: Record<string, string>): PushTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`Pushgateway URL ${JSON.stringify(withoutCredentials(url))} is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError(`Pushgateway URL ${JSON.stringify(withoutCredentials(url))} must start with http:// or https://`);
  }
  if (job === '') throw new InputError('the Pushgateway job name must not be empty');
  for (const name of Object.keys(groupingKey)) {
    validateLabelName(name, 'grouping key label');
    if (name === 'job' || RESERVED_LABEL_NAMES.includes(name)) {
      // The Pushgateway writes grouping labels over the pushed ones, so these would corrupt every series.
      throw new InputError(
        `grouping key label ${JSON.stringify(name)} clashes with a label driftgate or the Pushgateway sets (job, ${RESERVED_LABEL_NAMES.join(', ')})`,
      );
    }
  }

  // fetch refuses URLs with credentials; HTTP Basic is what `user:pass@` means.
  const authorization =
    parsed.username || parsed.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
      : undefined;
  parsed.username = '';
  parsed.password = '';

  const segments = [pathSegment('job', job), ...Object.entries(groupingKey).map(([name, value]) => pathSegment(name, value))];
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/metrics/${segments.join('/')}`;
  return { target: parsed.href, shown: `${parsed.origin}${parsed.pathname}`, authorization };
}

/**
 * One `/<label>/<value>` pair of the group's path. A `/` cannot be percent-encoded there (the Pushgateway
 * splits the path before decoding), an empty value would leave an empty segment, and `.` and `..` are
 * removed from any URL path by the URL rules (percent-encoded too), so `dataset=..` would push to the
 * job's own group: those values go base64url-encoded behind the `@base64` suffix, as the Pushgateway's
 * API describes.
 */
function pathSegment(name: string, value: string): string {
  if (value === '' || value === '.' || value === '..' || value.includes('/')) {
    return `${name}@base64/${value === '' ? '=' : Buffer.from(value, 'utf8').toString('base64url')}`;
  }
  return `${name}/${encodeURIComponent(value)}`;
}

/** For messages about a URL that did not parse, so credentials in it cannot leak through the error. */
function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^/?#]*@/, '//');
}

/** `Retry-After` is either seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_DELAY_MS) : undefined;
}

/**
 * Read by shape rather than `instanceof`: fetch's errors can come from another realm (a test runner's VM
 * context), where they are not instances of this realm's Error.
 */
function describeFailure(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (typeof message !== 'string') return String(error);
  // Node's fetch says only "fetch failed" and keeps the reason (ECONNREFUSED, a DNS failure, ...) in `cause`.
  if (typeof cause?.message !== 'string') return message;
  return `${message} (${typeof cause.code === 'string' ? `${cause.code}: ` : ''}${cause.message})`;
}

async function responseExcerpt(response: Response): Promise<string> {
  try {
    const text = (await response.text()).trim();
    return text.length > MAX_RESPONSE_EXCERPT ? `${text.slice(0, MAX_RESPONSE_EXCERPT)}…` : text;
  } catch {
    return '';
  }
}
