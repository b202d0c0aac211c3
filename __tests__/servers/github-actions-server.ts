/**
 * A loopback stand-in for the parts of GitHub that workflow artifacts go through, faithful enough that the
 * unmodified `@actions/artifact` and `@actions/github` clients run against it:
 *
 * - the results service (Twirp JSON under `/twirp/github.actions.results.api.v1.ArtifactService/`), which
 *   takes the runtime token and speaks protobuf field names in snake_case, 64-bit numbers as strings;
 * - blob storage behind the signed URLs it hands out: uploads arrive as Azure block-blob calls (`comp=block`
 *   then `comp=blocklist`) and are really assembled, downloads answer with the zip;
 * - the REST endpoints for other runs: a run's artifacts (expired ones included, as GitHub does), the
 *   302 redirect to an artifact's zip, and a workflow's runs with the `status` and `branch` filters.
 *
 * Tests seed other runs and their artifacts (any zip, hostile ones too) and read every request back, and
 * may have chosen requests answered with an error or a dropped connection instead (`state.injectFault`).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildZip } from './zip-writer.js';

export interface ActionsServerOptions {
  owner?: string;
  repo?: string;
  /** The run this job belongs to: the one the runtime token is scoped to. */
  runId?: number;
  /** Workflow file of that run. */
  workflow?: string;
  branch?: string;
  /** The only token the REST endpoints accept (as `token X` or `Bearer X`). */
  githubToken?: string;
}

export interface WorkflowRun {
  id: number;
  /** Workflow file name, e.g. `train.yml`. */
  workflow: string;
  branch: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
  event: string;
  createdAt: string;
  /** The results service's id for the run; it is what the runtime token's scope names. */
  backendId: string;
}

export interface StoredArtifact {
  id: number;
  name: string;
  runId: number;
  jobBackendId: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  /** False between CreateArtifact and FinalizeArtifact: such an artifact is listed nowhere. */
  finalized: boolean;
  /** The archive as stored in blob storage; undefined until the block list is committed. */
  zip?: Buffer;
  /** `sha256:<hex>` of the archive, as the listings report it; a test may change it to make a download not match. */
  digest?: string;
  /** Blocks staged by an upload, by block id, waiting for the block list. */
  blocks: Map<string, Buffer>;
  uploadSignature: string;
  downloadSignature: string;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface RunSeed {
  id?: number;
  workflow: string;
  branch?: string;
  status?: WorkflowRun['status'];
  /** Defaults to `success` for a completed run. */
  conclusion?: WorkflowRun['conclusion'];
  event?: string;
  createdAt?: string;
}

export interface ArtifactSeed {
  name: string;
  /** Defaults to the current run. */
  runId?: number;
  /** Files to zip, by path inside the archive. */
  files?: Record<string, string | Uint8Array>;
  /** A ready archive instead of `files`: how a test serves a hostile zip. */
  zip?: Buffer;
  createdAt?: string;
  expired?: boolean;
}

/** An error answer (or a dropped connection) given instead of handling a matching request. */
export interface ActionsFault {
  /** Any method when absent. */
  method?: string;
  /** Tested against the path, without the query. */
  path: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** A body that is not a string is sent as JSON. */
  respond: { status: number; headers?: Record<string, string>; body?: unknown } | 'reset';
}

export interface ActionsServer {
  url: string;
  /** A JWT the artifact client accepts: its `scp` claim names the current run and job. */
  runtimeToken: string;
  githubToken: string;
  /** What the clients read from the environment to find this server and this run. */
  env: Record<string, string>;
  state: ActionsServerState;
  close(): Promise<void>;
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
const RETENTION_MS = 90 * 24 * 3600 * 1000;

export class ActionsServerState {
  readonly runs: WorkflowRun[] = [];
  readonly artifacts: StoredArtifact[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly faults: Array<ActionsFault & { remaining: number }> = [];
  readonly currentRun: WorkflowRun;
  readonly jobBackendId = randomUUID();
  private nextArtifactId = 9001;
  private nextRunId: number;
  /** Runs get increasing creation times unless a test gives one, so "newest" is well defined. */
  private clock = Date.parse('2026-01-01T00:00:00Z');

  constructor(current: RunSeed & { id: number }) {
    this.nextRunId = current.id + 1;
    this.currentRun = this.addRun(current);
  }

  addRun(seed: RunSeed): WorkflowRun {
    const status = seed.status ?? 'completed';
    const run: WorkflowRun = {
      id: seed.id ?? this.nextRunId++,
      workflow: seed.workflow,
      branch: seed.branch ?? 'main',
      status,
      conclusion: seed.conclusion !== undefined ? seed.conclusion : status === 'completed' ? 'success' : null,
      event: seed.event ?? 'push',
      createdAt: seed.createdAt ?? this.tick(),
      backendId: randomUUID(),
    };
    if (this.runs.some((existing) => existing.id === run.id)) throw new Error(`run ${run.id} is already seeded`);
    this.runs.push(run);
    return run;
  }

  /** Seeds a finalized artifact; a run it names that is not seeded yet is added (completed, successful). */
  addArtifact(seed: ArtifactSeed): StoredArtifact {
    const runId = seed.runId ?? this.currentRun.id;
    if (!this.runs.some((run) => run.id === runId)) this.addRun({ id: runId, workflow: 'seeded.yml' });
    if (!seed.zip === !seed.files) throw new Error('give an artifact seed either files or zip');
    const zip = seed.zip ?? buildZip(Object.entries(seed.files!).map(([name, content]) => ({ name, content })));
    const artifact = this.newArtifact(seed.name, runId, this.jobBackendId, seed.createdAt ?? this.tick(), seed.expired ?? false);
    artifact.zip = zip;
    artifact.digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`;
    artifact.finalized = true;
    return artifact;
  }

  /** Forgets everything but the current run, so each test starts from a clean service. */
  reset(): void {
    this.runs.splice(0, this.runs.length, this.currentRun);
    this.artifacts.length = 0;
    this.requests.length = 0;
    this.faults.length = 0;
  }

  injectFault(fault: ActionsFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** The first queued fault that matches, consumed once. */
  takeFault(method: string, path: string): ActionsFault | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        new RegExp(fault.path.source, fault.path.flags.replace(/[gy]/g, '')).test(path),
    );
    if (index === -1) return undefined;
    const fault = this.faults[index];
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  /** Registers an artifact, not yet finalized: what CreateArtifact does, and the start of a seed. */
  newArtifact(name: string, runId: number, jobBackendId: string, createdAt: string, expired: boolean): StoredArtifact {
    const artifact: StoredArtifact = {
      id: this.nextArtifactId++,
      name,
      runId,
      jobBackendId,
      createdAt,
      expiresAt: new Date(expired ? Date.now() - 24 * 3600 * 1000 : Date.parse(createdAt) + RETENTION_MS).toISOString(),
      expired,
      finalized: false,
      blocks: new Map(),
      uploadSignature: randomBytes(12).toString('base64url'),
      downloadSignature: randomBytes(12).toString('base64url'),
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }
}

export async function startActionsServer(options: ActionsServerOptions = {}): Promise<ActionsServer> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'octo-repo';
  const githubToken = options.githubToken ?? `ghs_${randomBytes(18).toString('hex')}`;
  const state = new ActionsServerState({
    id: options.runId ?? 4242,
    workflow: options.workflow ?? 'drift.yml',
    branch: options.branch ?? 'main',
    status: 'in_progress',
  });
  const runtimeToken = jwt({
    scp: `Actions.GenericRead:${state.currentRun.backendId} Actions.Results:${state.currentRun.backendId}:${state.jobBackendId}`,
    iss: 'vstoken.actions.githubusercontent.com',
  });

  let origin = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', origin);
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      state.requests.push(recorded);
      const fault = state.takeFault(recorded.method, recorded.path);
      if (fault?.respond === 'reset') return request.socket.destroy();
      if (fault) {
        const { status, headers, body = { message: 'injected fault' } } = fault.respond;
        return send(
          response,
          status,
          { 'content-type': 'application/json', ...headers },
          typeof body === 'string' ? body : JSON.stringify(body),
        );
      }
      try {
        route(recorded, response);
      } catch (error) {
        // 501 is the one server error no client here retries: a fault in this helper fails the test at once,
        // not after the clients' back-off.
        send(
          response,
          501,
          { 'content-type': 'application/json' },
          JSON.stringify({ code: 'unimplemented', msg: `test server fault: ${(error as Error).message}` }),
        );
      }
    });
  });

  const route = (request: RecordedRequest, response: ServerResponse) => {
    if (request.path.startsWith('/twirp/')) return twirp(request, response);
    if (request.path.startsWith('/blob/')) return blob(request, response);
    return rest(request, response);
  };

  // ---- results service ---------------------------------------------------------------------------------

  const twirp = (request: RecordedRequest, response: ServerResponse) => {
    const fail = (status: number, code: string, msg: string) =>
      send(response, status, { 'content-type': 'application/json' }, JSON.stringify({ code, msg }));
    const method = request.path.slice(TWIRP_PREFIX.length);
    if (!request.path.startsWith(TWIRP_PREFIX) || request.method !== 'POST')
      return fail(404, 'bad_route', `no handler for ${request.method} ${request.path}`);
    if (request.headers.authorization !== `Bearer ${runtimeToken}`)
      return fail(401, 'unauthenticated', 'the runtime token is missing or wrong');
    if (!String(request.headers['content-type']).startsWith('application/json'))
      return fail(404, 'bad_route', 'only the JSON encoding is served');
    const body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    // The token only opens the results of its own run.
    if (body.workflow_run_backend_id !== state.currentRun.backendId)
      return fail(403, 'permission_denied', 'the runtime token is not scoped to this workflow run');
    const run = state.currentRun;
    const ok = (answer: object) => send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(answer));
    const visible = () => state.artifacts.filter((artifact) => artifact.runId === run.id && artifact.finalized && !artifact.expired);

    switch (method) {
      case 'CreateArtifact': {
        const name = String(body.name ?? '');
        if (!name) return fail(400, 'invalid_argument', 'name is required');
        if (state.artifacts.some((artifact) => artifact.runId === run.id && artifact.name === name && !artifact.expired)) {
          return fail(409, 'already_exists', `an artifact named ${name} already exists in this run`);
        }
        const artifact = state.newArtifact(name, run.id, String(body.workflow_job_run_backend_id), new Date().toISOString(), false);
        if (typeof body.expires_at === 'string') artifact.expiresAt = body.expires_at;
        return ok({
          ok: true,
          signed_upload_url: `${origin}/blob/uploads/${artifact.id}.zip?sv=2024-08-04&sp=cw&sig=${artifact.uploadSignature}`,
        });
      }
      case 'FinalizeArtifact': {
        const artifact = state.artifacts.find(
          (candidate) => candidate.runId === run.id && candidate.name === body.name && !candidate.finalized,
        );
        if (!artifact) return fail(404, 'not_found', `no pending artifact named ${String(body.name)}`);
        if (!artifact.zip) return fail(400, 'failed_precondition', 'the artifact content was never committed');
        if (body.size !== String(artifact.zip.length))
          return fail(400, 'invalid_argument', `size ${String(body.size)} does not match the ${artifact.zip.length} bytes stored`);
        const digest = `sha256:${createHash('sha256').update(artifact.zip).digest('hex')}`;
        if (body.hash !== undefined && body.hash !== digest)
          return fail(400, 'invalid_argument', `hash ${String(body.hash)} does not match the stored ${digest}`);
        artifact.digest = digest;
        artifact.finalized = true;
        return ok({ ok: true, artifact_id: String(artifact.id) });
      }
      case 'ListArtifacts': {
        const nameFilter = body.name_filter as string | undefined;
        const idFilter = body.id_filter as string | undefined;
        const listed = visible().filter(
          (artifact) =>
            (nameFilter === undefined || artifact.name === nameFilter) && (idFilter === undefined || String(artifact.id) === idFilter),
        );
        return ok({
          artifacts: listed.map((artifact) => ({
            workflow_run_backend_id: run.backendId,
            workflow_job_run_backend_id: artifact.jobBackendId,
            database_id: String(artifact.id),
            name: artifact.name,
            size: String(artifact.zip!.length),
            created_at: artifact.createdAt,
            ...(artifact.digest ? { digest: artifact.digest } : {}),
          })),
        });
      }
      case 'GetSignedArtifactURL': {
        const artifact = visible().find((candidate) => candidate.name === body.name);
        if (!artifact) return fail(404, 'not_found', `no artifact named ${String(body.name)} in this run`);
        return ok({ signed_url: downloadUrl(artifact) });
      }
      default:
        return fail(404, 'bad_route', `no method ${method}`);
    }
  };

  const downloadUrl = (artifact: StoredArtifact) =>
    `${origin}/blob/artifacts/${artifact.id}.zip?sv=2024-08-04&sp=r&sig=${artifact.downloadSignature}`;

  // ---- blob storage ------------------------------------------------------------------------------------

  const blob = (request: RecordedRequest, response: ServerResponse) => {
    const fail = (status: number, code: string, message: string) =>
      send(
        response,
        status,
        { 'content-type': 'application/xml', 'x-ms-error-code': code },
        `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
      );
    const match = /^\/blob\/(uploads|artifacts)\/(\d+)\.zip$/.exec(request.path);
    const artifact = match ? state.artifacts.find((candidate) => candidate.id === Number(match[2])) : undefined;
    if (!match || !artifact) return fail(404, 'BlobNotFound', 'The specified blob does not exist.');
    const signature = match[1] === 'uploads' ? artifact.uploadSignature : artifact.downloadSignature;
    if (request.query.get('sig') !== signature) return fail(403, 'AuthenticationFailed', 'Signature did not match.');

    if (match[1] === 'artifacts') {
      if (request.method !== 'GET') return fail(405, 'UnsupportedHttpVerb', 'Only GET is allowed on a download URL.');
      if (artifact.expired || !artifact.zip) return fail(404, 'BlobNotFound', 'The specified blob does not exist.');
      return send(
        response,
        200,
        {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${artifact.name}.zip"; filename*=UTF-8''${encodeURIComponent(`${artifact.name}.zip`)}`,
        },
        artifact.zip,
      );
    }

    if (request.method !== 'PUT' || artifact.finalized)
      return fail(403, 'AuthorizationPermissionMismatch', 'The upload URL only takes block uploads before finalization.');
    const created = () =>
      send(response, 201, { etag: `"0x${randomBytes(8).toString('hex')}"`, 'x-ms-request-server-encrypted': 'true' }, '');
    switch (request.query.get('comp')) {
      case 'block': {
        const id = request.query.get('blockid');
        if (!id) return fail(400, 'InvalidQueryParameterValue', 'blockid is required.');
        artifact.blocks.set(id, request.body);
        return created();
      }
      case 'blocklist': {
        const ids = [...request.body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((found) => found[2]);
        const blocks = ids.map((id) => artifact.blocks.get(id));
        if (blocks.some((block) => block === undefined)) return fail(400, 'InvalidBlockList', 'The specified block list is invalid.');
        artifact.zip = Buffer.concat(blocks as Buffer[]);
        artifact.blocks.clear();
        return created();
      }
      default:
        return fail(400, 'UnsupportedQueryParameter', 'Only comp=block and comp=blocklist uploads are served.');
    }
  };

  // ---- REST API ----------------------------------------------------------------------------------------

  const rest = (request: RecordedRequest, response: ServerResponse) => {
    const json = (status: number, body: object, headers: Record<string, string> = {}) =>
      send(response, status, { 'content-type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(body));
    const notFound = () => json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const authorization = request.headers.authorization;
    if (!authorization) return json(401, { message: 'Requires authentication', status: '401' });
    if (authorization !== `token ${githubToken}` && authorization !== `Bearer ${githubToken}`)
      return json(401, { message: 'Bad credentials', status: '401' });
    const prefix = `/repos/${owner}/${repo}/actions/`;
    if (request.method !== 'GET' || !request.path.startsWith(prefix)) return notFound();
    const resource = request.path.slice(prefix.length);
    const page = <T>(items: T[]) => {
      const perPage = Math.min(Number(request.query.get('per_page') ?? 30), 100);
      const number = Number(request.query.get('page') ?? 1);
      return items.slice((number - 1) * perPage, number * perPage);
    };

    let match: RegExpExecArray | null;
    if ((match = /^runs\/(\d+)\/artifacts$/.exec(resource))) {
      const runId = Number(match[1]);
      if (!state.runs.some((run) => run.id === runId)) return notFound();
      const name = request.query.get('name');
      const listed = state.artifacts
        .filter((artifact) => artifact.runId === runId && artifact.finalized && (name === null || artifact.name === name))
        .sort((a, b) => b.id - a.id);
      return json(200, { total_count: listed.length, artifacts: page(listed).map(restArtifact) });
    }
    if ((match = /^artifacts\/(\d+)\/zip$/.exec(resource))) {
      const artifact = state.artifacts.find((candidate) => candidate.id === Number(match![1]) && candidate.finalized);
      if (!artifact) return notFound();
      if (artifact.expired) return json(410, { message: 'Artifact has expired', status: '410' });
      return send(response, 302, { location: downloadUrl(artifact) }, '');
    }
    if ((match = /^workflows\/([^/]+)\/runs$/.exec(resource))) {
      const workflow = decodeURIComponent(match[1]);
      const ofWorkflow = state.runs.filter((run) => run.workflow === workflow || String(workflowId(run.workflow)) === workflow);
      if (ofWorkflow.length === 0) return notFound();
      const branch = request.query.get('branch');
      const status = request.query.get('status');
      const listed = ofWorkflow
        .filter((run) => branch === null || run.branch === branch)
        // GitHub's `status` filter takes a status or a conclusion.
        .filter((run) => status === null || run.status === status || run.conclusion === status)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
      return json(200, { total_count: listed.length, workflow_runs: page(listed).map(restRun) });
    }
    return notFound();
  };

  const workflowIds = new Map<string, number>();
  const workflowId = (file: string) => {
    if (!workflowIds.has(file)) workflowIds.set(file, 7000 + workflowIds.size);
    return workflowIds.get(file)!;
  };

  const restArtifact = (artifact: StoredArtifact) => {
    const run = state.runs.find((candidate) => candidate.id === artifact.runId)!;
    return {
      id: artifact.id,
      node_id: Buffer.from(`Artifact${artifact.id}`).toString('base64'),
      name: artifact.name,
      size_in_bytes: artifact.zip?.length ?? 0,
      url: `${origin}/repos/${owner}/${repo}/actions/artifacts/${artifact.id}`,
      archive_download_url: `${origin}/repos/${owner}/${repo}/actions/artifacts/${artifact.id}/zip`,
      expired: artifact.expired,
      digest: artifact.digest ?? null,
      created_at: artifact.createdAt,
      updated_at: artifact.createdAt,
      expires_at: artifact.expiresAt,
      workflow_run: { id: run.id, repository_id: 1, head_repository_id: 1, head_branch: run.branch, head_sha: 'f'.repeat(40) },
    };
  };

  const restRun = (run: WorkflowRun) => ({
    id: run.id,
    name: run.workflow.replace(/\.ya?ml$/, ''),
    node_id: Buffer.from(`WorkflowRun${run.id}`).toString('base64'),
    head_branch: run.branch,
    head_sha: 'f'.repeat(40),
    path: `.github/workflows/${run.workflow}`,
    run_number: run.id,
    run_attempt: 1,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId(run.workflow),
    url: `${origin}/repos/${owner}/${repo}/actions/runs/${run.id}`,
    html_url: `https://github.com/${owner}/${repo}/actions/runs/${run.id}`,
    created_at: run.createdAt,
    updated_at: run.createdAt,
    run_started_at: run.createdAt,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    runtimeToken,
    githubToken,
    env: {
      GITHUB_API_URL: origin,
      // Anything but github.com or *.ghe.com makes the artifact client refuse to run (it takes it for GHES).
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${owner}/${repo}`,
      GITHUB_RUN_ID: String(state.currentRun.id),
      ACTIONS_RESULTS_URL: `${origin}/`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken,
    },
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The clients keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/** A JWT with a made-up signature: the artifact client only decodes the claims, it never verifies them. */
function jwt(claims: Record<string, string>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 })}.${randomBytes(32).toString('base64url')}`;
}
