import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { InputError } from '../../src/core/errors.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { pushMetrics } from '../../src/io/pushgateway.js';
import { renderPrometheus } from '../../src/report/prometheus.js';
import { freePort } from '../../scripts/servers/ports.js';
import { normalDraws, tableOf } from '../helpers/tables.js';
import { parseExposition, type ParsedSample } from '../report/exposition.js';

const PUSHGATEWAY_BINARY = '/usr/bin/prometheus-pushgateway';
const HOSTILE_COLUMN = 'price "€"\\net\n}';

/** Labels without empty values: Prometheus treats `x=""` as no label, and the Pushgateway adds `instance=""`. */
function significant(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([, value]) => value !== ''));
}

function seriesKey(name: string, labels: Record<string, string>): string {
  return `${name}${JSON.stringify(Object.entries(significant(labels)).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
}

async function scrape(baseUrl: string): Promise<Map<string, ParsedSample>> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  // The Pushgateway's own Go runtime metrics may hold NaN; ours are checked for finiteness in the report tests.
  const { samples } = parseExposition(await response.text(), { finiteOnly: false });
  return new Map(samples.map((sample) => [seriesKey(sample.name, sample.labels), sample]));
}

function driftgateSeries(scraped: Map<string, ParsedSample>, labels: Record<string, string>): ParsedSample[] {
  return [...scraped.values()].filter(
    (sample) => sample.name.startsWith('driftgate_') && Object.entries(labels).every(([name, value]) => sample.labels[name] === value),
  );
}

function resultOf(shift: number, withHostileColumn: boolean) {
  const baseline = { stable: normalDraws(200, 0, 1), [HOSTILE_COLUMN]: normalDraws(200, 0, 2) };
  const current = { stable: normalDraws(200, shift, 3), [HOSTILE_COLUMN]: normalDraws(200, shift, 4) };
  if (!withHostileColumn) {
    delete (baseline as Record<string, number[]>)[HOSTILE_COLUMN];
    delete (current as Record<string, number[]>)[HOSTILE_COLUMN];
  }
  return compareTables(tableOf(baseline), tableOf(current), defaultDriftOptions());
}

describe('pushMetrics against a real Pushgateway', () => {
  let gateway: ChildProcess | undefined;
  let baseUrl = '';
  let gatewayLog = '';

  beforeAll(async () => {
    if (!existsSync(PUSHGATEWAY_BINARY)) {
      throw new Error(
        `${PUSHGATEWAY_BINARY} is missing, and these tests need the real Pushgateway: install it with ` +
          '`sudo apt-get install prometheus-pushgateway` (Debian/Ubuntu), as the CI script does',
      );
    }
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // An empty persistence file keeps metrics in memory only, so runs never see each other's pushes.
    gateway = spawn(PUSHGATEWAY_BINARY, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway.stdout!.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString()));
    gateway.stderr!.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString()));
    await waitUntilReady(gateway, baseUrl, () => gatewayLog);
  });

  afterAll(async () => {
    if (gateway) await stop(gateway);
  });

  it('stores every pushed sample under the job and grouping labels, hostile names included', async () => {
    const groupingKey = { model: 'churn', dataset: 'eu/daily' };
    const result = resultOf(1, true);
    const body = renderPrometheus(result, { labels: groupingKey, timestamp: new Date('2024-01-02T03:04:05Z') });
    await pushMetrics(baseUrl, 'driftgate', groupingKey, body);

    const scraped = await scrape(baseUrl);
    const pushed = parseExposition(body).samples;
    for (const sample of pushed) {
      const stored = scraped.get(seriesKey(sample.name, { ...sample.labels, job: 'driftgate' }));
      if (!stored) throw new Error(`the Pushgateway does not show ${sample.name} ${JSON.stringify(sample.labels)}:\n${gatewayLog}`);
      expect(stored.value).toBe(sample.value);
    }
    expect(driftgateSeries(scraped, { job: 'driftgate', ...groupingKey })).toHaveLength(pushed.length);
    const hostile = driftgateSeries(scraped, { column: HOSTILE_COLUMN, job: 'driftgate' });
    expect(hostile.map((sample) => sample.name)).toContain('driftgate_column_drift_score');
    expect(scraped.get(seriesKey('driftgate_dataset_drift_share', { job: 'driftgate', ...groupingKey }))?.value).toBe(
      result.dataset.drift_share,
    );
    expect(scraped.get(seriesKey('driftgate_last_check_timestamp_seconds', { job: 'driftgate', ...groupingKey }))?.value).toBe(1704164645);
  });

  it('replaces the whole group on the next push, leaving other groups alone', async () => {
    const first = { model: 'churn', dataset: 'us/daily' };
    const other = { model: 'churn', dataset: 'eu/weekly' };
    await pushMetrics(baseUrl, 'driftgate', first, renderPrometheus(resultOf(1, true), { labels: first, timestamp: new Date(1_000_000) }));
    await pushMetrics(baseUrl, 'driftgate', other, renderPrometheus(resultOf(1, true), { labels: other, timestamp: new Date(2_000_000) }));
    const before = await scrape(baseUrl);
    expect(driftgateSeries(before, { ...first, column: HOSTILE_COLUMN }).length).toBeGreaterThan(0);

    const second = resultOf(0, false);
    await pushMetrics(baseUrl, 'driftgate', first, renderPrometheus(second, { labels: first, timestamp: new Date(3_000_000) }));
    const after = await scrape(baseUrl);
    const at = (name: string, labels: Record<string, string>) => after.get(seriesKey(name, { job: 'driftgate', ...labels }))?.value;
    expect(at('driftgate_last_check_timestamp_seconds', first)).toBe(3000);
    expect(at('driftgate_dataset_drift_share', first)).toBe(second.dataset.drift_share);
    expect(at('driftgate_dataset_tested_columns', first)).toBe(1);
    expect(driftgateSeries(after, { ...first, column: HOSTILE_COLUMN })).toHaveLength(0);
    expect(at('driftgate_last_check_timestamp_seconds', other)).toBe(2000);
    expect(driftgateSeries(after, { ...other, column: HOSTILE_COLUMN }).length).toBeGreaterThan(0);
  });

  it('accepts an empty grouping value through the @base64 encoding', async () => {
    const groupingKey = { model: 'fraud', dataset: '' };
    await pushMetrics(
      baseUrl,
      'driftgate',
      groupingKey,
      renderPrometheus(resultOf(0, false), { labels: { model: 'fraud' }, timestamp: new Date(4_000_000) }),
    );
    const scraped = await scrape(baseUrl);
    expect(scraped.get(seriesKey('driftgate_last_check_timestamp_seconds', { job: 'driftgate', model: 'fraud' }))?.value).toBe(4000);
  });

  it("keeps the groups of the label values . and .. apart from the job's own group", async () => {
    const push = (labels: Record<string, string>, seconds: number) =>
      pushMetrics(baseUrl, 'dots', labels, renderPrometheus(resultOf(0, false), { labels, timestamp: new Date(seconds * 1000) }));
    await push({}, 5000);
    await push({ dataset: '..' }, 5001);
    await push({ dataset: '.' }, 5002);
    await push({ model: '..', dataset: 'daily' }, 5003);
    const scraped = await scrape(baseUrl);
    const at = (labels: Record<string, string>) =>
      scraped.get(seriesKey('driftgate_last_check_timestamp_seconds', { job: 'dots', ...labels }))?.value;
    expect([at({}), at({ dataset: '..' }), at({ dataset: '.' }), at({ model: '..', dataset: 'daily' })]).toEqual([5000, 5001, 5002, 5003]);
  });

  it("reports the Pushgateway's reason when it rejects a push, without retrying", async () => {
    const withTimestamp = '# TYPE driftgate_info gauge\ndriftgate_info 1 1700000000000\n';
    await expect(pushMetrics(baseUrl, 'driftgate', { model: 'x' }, withTimestamp)).rejects.toThrow(/HTTP 400.*timestamps/);
  });
});

async function waitUntilReady(process: ChildProcess, baseUrl: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`the Pushgateway exited with ${process.exitCode} before it was ready:\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/-/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`the Pushgateway did not become ready at ${baseUrl} within 15 s:\n${log()}`);
}

async function stop(process: ChildProcess): Promise<void> {
  if (process.exitCode !== null || process.signalCode !== null) return;
  const exited = new Promise((resolve) => process.once('exit', resolve));
  process.kill('SIGTERM');
  const timer = setTimeout(() => process.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback server answering the n-th request (0-based) with `respond(n, response)`. */
async function faultServer(respond: (attempt: number, response: ServerResponse) => void) {
  const requests: ReceivedRequest[] = [];
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      respond(requests.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const reply = (response: ServerResponse, status: number, text = '', headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
  response.end(text);
};

async function pushError(push: Promise<void>): Promise<Error> {
  try {
    await push;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(InputError);
    return error as Error;
  }
  throw new Error('expected the push to fail, but it succeeded');
}

describe('pushMetrics against a faulty server', () => {
  const body = '# HELP driftgate_info x\n# TYPE driftgate_info gauge\ndriftgate_info{version="0"} 1\n';
  /** The waits between attempts, recorded instead of slept. */
  let waits: number[] = [];
  const sleep = async (milliseconds: number) => void waits.push(milliseconds);
  /**
   * Attempt deadlines the test ends itself, when the server has the request and will not answer: what a
   * timer does, without depending on how fast a loaded machine answers the other attempts.
   */
  let deadlines: AbortController[] = [];
  const deadline = () => {
    const controller = new AbortController();
    deadlines.push(controller);
    return controller.signal;
  };
  beforeEach(() => {
    waits = [];
    deadlines = [];
  });

  it("sends a PUT of the text format to the group's path", async () => {
    const server = await faultServer((_, response) => reply(response, 200));
    try {
      await pushMetrics(`${server.url}/prefix/`, 'drift check', { model: 'a b', dataset: 'x/y', stage: '' }, body);
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request).toMatchObject({
        method: 'PUT',
        url: '/prefix/metrics/job/drift%20check/model/a%20b/dataset@base64/eC95/stage@base64/=',
        body,
      });
      expect(request.headers['content-type']).toBe('text/plain; version=0.0.4');
      expect(request.headers.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('puts the label values . and .. in @base64, which the URL rules would otherwise remove', async () => {
    const server = await faultServer((_, response) => reply(response, 200));
    try {
      await pushMetrics(server.url, '..', { dataset: '.', model: '..' }, body);
      expect(server.requests[0].url).toBe('/metrics/job@base64/Li4/dataset@base64/Lg/model@base64/Li4');
    } finally {
      await server.close();
    }
  });

  it('puts a job name with a slash in @base64 too', async () => {
    const server = await faultServer((_, response) => reply(response, 200));
    try {
      await pushMetrics(server.url, 'nightly/drift', {}, body);
      expect(server.requests[0].url).toBe(`/metrics/job@base64/${Buffer.from('nightly/drift').toString('base64url')}`);
    } finally {
      await server.close();
    }
  });

  it('retries a 503 and succeeds', async () => {
    const server = await faultServer((attempt, response) => reply(response, attempt === 0 ? 503 : 200));
    try {
      await pushMetrics(server.url, 'driftgate', {}, body, { retries: 3, sleep });
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1].body).toBe(body);
      expect(waits).toEqual([250]);
    } finally {
      await server.close();
    }
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const server = await faultServer((attempt, response) =>
      attempt === 0 ? reply(response, 429, 'slow down', { 'Retry-After': '1' }) : reply(response, 200),
    );
    try {
      await pushMetrics(server.url, 'driftgate', {}, body, { retries: 2, sleep });
      expect(server.requests).toHaveLength(2);
      // Without Retry-After the first backoff is 250 ms.
      expect(waits).toEqual([1000]);
    } finally {
      await server.close();
    }
  });

  it('gives up on a persistent 500 after the allowed retries, naming the URL and status', async () => {
    const server = await faultServer((_, response) => reply(response, 500, 'storage is on fire'));
    try {
      const error = await pushError(pushMetrics(server.url, 'driftgate', { model: 'm' }, body, { retries: 2, sleep }));
      expect(server.requests).toHaveLength(3);
      expect(waits).toEqual([250, 500]);
      expect(error.message).toContain(`${server.url}/metrics/job/driftgate/model/m`);
      expect(error.message).toContain('HTTP 500');
      expect(error.message).toContain('3 attempt(s)');
      expect(error.message).toContain('storage is on fire');
    } finally {
      await server.close();
    }
  });

  it('does not retry a client error', async () => {
    const server = await faultServer((_, response) => reply(response, 400, 'pushed metrics are invalid'));
    try {
      const error = await pushError(pushMetrics(server.url, 'driftgate', {}, body, { retries: 3 }));
      expect(server.requests).toHaveLength(1);
      expect(error.message).toMatch(/HTTP 400 Bad Request: pushed metrics are invalid/);
    } finally {
      await server.close();
    }
  });

  it('sends URL credentials as Basic auth and keeps them out of the request URL and every message', async () => {
    const server = await faultServer((_, response) => reply(response, 500));
    try {
      const url = `http://pusher:s3cr%40t@127.0.0.1:${server.port}/gw?token=abc`;
      const error = await pushError(pushMetrics(url, 'driftgate', {}, body, { retries: 1 }));
      expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('pusher:s3cr@t').toString('base64')}`);
      expect(server.requests[0].url).toBe('/gw/metrics/job/driftgate?token=abc');
      expect(error.message).toContain(`http://127.0.0.1:${server.port}/gw/metrics/job/driftgate`);
      for (const secret of ['pusher', 's3cr', 'abc']) expect(error.message).not.toContain(secret);
    } finally {
      await server.close();
    }
  });

  it('retries a refused connection, then fails naming the URL but not its credentials', async () => {
    const port = await freePort();
    const error = await pushError(pushMetrics(`http://user:hunter2@127.0.0.1:${port}`, 'driftgate', {}, body, { retries: 1 }));
    expect(error.message).toContain(`http://127.0.0.1:${port}/metrics/job/driftgate`);
    expect(error.message).toContain('2 attempt(s)');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toMatch(/hunter2|user/);
  });

  it('times out an attempt that gets no answer and retries it', async () => {
    const server = await faultServer((attempt, response) => {
      if (attempt > 0) reply(response, 200);
      else deadlines[0].abort();
    });
    try {
      await pushMetrics(server.url, 'driftgate', {}, body, { timeoutMs: 30_000, retries: 1, deadline, sleep });
      expect(server.requests).toHaveLength(2);
      expect(deadlines.map((controller) => controller.signal.aborted)).toEqual([true, false]);
    } finally {
      await server.close();
    }
  });

  it('says so when no attempt gets an answer in time', async () => {
    const server = await faultServer((attempt) => deadlines[attempt].abort());
    try {
      const error = await pushError(pushMetrics(server.url, 'driftgate', {}, body, { timeoutMs: 30_000, retries: 0, deadline }));
      expect(error.message).toContain('no response within 30000 ms');
    } finally {
      await server.close();
    }
  });

  it('uses the fetch it is handed', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response(null, { status: 202 });
    }) as typeof fetch;
    await pushMetrics('https://gateway.example', 'driftgate', { model: 'm' }, body, { fetchImpl: fakeFetch });
    expect(calls).toEqual(['https://gateway.example/metrics/job/driftgate/model/m']);
  });

  it.each([
    ['an invalid URL', 'not a url', 'driftgate', {}, 'not a valid URL'],
    ['a non-HTTP URL', 'ftp://host/', 'driftgate', {}, 'must start with http:// or https://'],
    ['an empty job', 'http://127.0.0.1:1', '', {}, 'job name must not be empty'],
    ['a grouping label named job', 'http://127.0.0.1:1', 'driftgate', { job: 'x' }, 'clashes'],
    ['a grouping label driftgate writes', 'http://127.0.0.1:1', 'driftgate', { column: 'x' }, 'clashes'],
    ['an invalid grouping label name', 'http://127.0.0.1:1', 'driftgate', { 'model-name': 'x' }, 'not a valid Prometheus label name'],
  ])('rejects %s as an InputError before sending anything', async (_, url, job, groupingKey, why) => {
    const push = pushMetrics(url, job, groupingKey as Record<string, string>, body, {
      fetchImpl: (() => Promise.reject(new Error('sent'))) as typeof fetch,
    });
    await expect(push).rejects.toThrow(InputError);
    await expect(push).rejects.toThrow(why);
  });

  it('keeps credentials out of the message about a URL that does not parse', async () => {
    await expect(pushMetrics('http://user:hunter2@bad host/', 'driftgate', {}, body)).rejects.toThrow(/^(?!.*hunter2).*not a valid URL/);
  });
});
