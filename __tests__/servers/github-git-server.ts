/**
 * A loopback GitHub REST API for one repository, faithful enough that the unmodified `@actions/github` client can
 * commit through the Git Data API and open pull requests against it.
 *
 * The repository is a real bare git repository in a temporary folder; commits and refs are written by the `git`
 * binary, blobs and trees in git's own loose-object format, so blob, tree and commit SHAs are the ones GitHub reports
 * for the same content, and tests can inspect the result with `git ls-tree`, `git log` or `git cat-file`
 * (`state.git(...)`). Pull requests, labels and reviewers
 * live in memory. Writes are serialized, the way GitHub serializes pushes to one repository, so concurrent clients
 * see ref updates as atomic compare-and-swap operations.
 *
 * For testing how clients cope with failure, `state.injectFault` answers chosen requests with an error status, a
 * reset connection, silence, or an answer held until the test lets it go, either instead of the operation or after
 * performing it (the write happened but the client saw an error). No fault depends on a clock: a test decides when a
 * held answer goes out, and learns when a request is met with silence, so it holds however slow the machine is.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { endInput, Spawner } from '../helpers/spawner.js';

export interface GitServerOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /**
   * Files of the first commit on the default branch, by path. Defaults to a README; `{}` leaves the repository
   * empty (no commits), where GitHub's Git Data endpoints answer 409.
   */
  files?: Record<string, string | Uint8Array>;
  /** The only token accepted, as `token X` or `Bearer X`. */
  token?: string;
  /** What the token may do, like a workflow's `permissions:` block. Both default to `write`. */
  permissions?: { contents?: 'read' | 'write'; pullRequests?: 'read' | 'write' };
  /** The repository setting "Allow GitHub Actions to create and approve pull requests" (default true). */
  actionsCanCreatePullRequests?: boolean;
}

export interface GitServer {
  url: string;
  token: string;
  /** What `@actions/github` reads from the environment (set it before the module is first imported). */
  env: Record<string, string>;
  state: GitServerState;
  close(): Promise<void>;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query, percent-decoded (`/repos/o/r/git/refs/heads/feature/x`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The JSON body parsed; the raw text when it is not JSON; undefined when there is none. */
  body: unknown;
  /**
   * The status sent back, or `reset` when the connection was dropped; undefined while in flight, or when the
   * client gave up before an answer.
   */
  status?: number | 'reset';
}

/**
 * `silent`: no answer ever; the request is held until the client gives up and closes the connection, and
 * `state.onSilent` is told when it starts waiting. `holdUntil`: the request waits until the promise resolves, then
 * goes on as if nothing happened; one whose client has gone by then is dropped.
 */
export type FaultResponse =
  { status: number; headers?: Record<string, string>; body?: unknown } | 'reset' | 'silent' | { holdUntil: Promise<unknown> };

export interface Fault {
  /** Any method when absent. */
  method?: string;
  /** Tested against the percent-decoded path, without the query. */
  path: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  respond: FaultResponse;
  /**
   * Perform the real operation first and only then answer with the fault. Without it the request never reaches
   * the handler; a delayed request whose client has gone by the end of the delay is dropped.
   */
  after?: boolean;
}

export interface PullRequestRecord {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  headRef: string;
  /** Follows the head branch while the pull request is open, as GitHub does. */
  headSha: string;
  baseRef: string;
  /** Follows the base branch while the pull request is open. */
  baseSha: string;
  labels: string[];
  assignees: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  /** Logins that submitted a review, in order; GitHub then drops them from the requested reviewers. */
  reviewedBy: string[];
  user: string;
  maintainerCanModify: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** GitHub's answer when a client trips the secondary (abuse) rate limit. */
export function secondaryRateLimit(retryAfterSeconds = 60, status: 403 | 429 = 403): FaultResponse {
  return {
    status,
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '4321' },
    body: {
      message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`,
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: String(status),
    },
  };
}

/** GitHub's answer when the token's hourly quota is spent: the reset time is in `x-ratelimit-reset`. */
export function primaryRateLimit(resetInSeconds = 60): FaultResponse {
  const reset = Math.floor(Date.now() / 1000) + resetInSeconds;
  return {
    status: 403,
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset) },
    body: {
      message:
        'API rate limit exceeded for installation ID 4242. If you reach out to GitHub Support for help, please include the request ID and timestamp.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: '403',
    },
  };
}

type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

interface StoredRef {
  ref: string;
  sha: string;
  type: ObjectType;
}

interface StoredObject {
  type: ObjectType;
  data: Buffer;
}

interface Identity {
  name: string;
  email: string;
  /** Unix seconds. */
  seconds: number;
  /** `+hhmm` / `-hhmm`, as git stores it. */
  zone: string;
}

interface ParsedCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: Identity;
  committer: Identity;
  message: string;
  signature: string | null;
  /** The object without its signature: what a signature is made over. */
  payload: string;
}

interface LeafEntry {
  kind: 'leaf';
  mode: string;
  type: ObjectType;
  sha: string;
}

/** One entry of a tree object as written. */
interface TreeEntry {
  mode: string;
  type: ObjectType;
  sha: string;
  name: string;
}

/** A directory being edited: its entries are read from `base` when first needed. */
interface DirectoryNode {
  kind: 'directory';
  base: string | null;
  loaded: boolean;
  children: Map<string, LeafEntry | DirectoryNode>;
}

interface ChangedFile {
  path: string;
  status: 'added' | 'removed' | 'modified';
  sha: string;
  additions: number;
  deletions: number;
}

interface ListedEntry {
  mode: string;
  type: ObjectType;
  sha: string;
  size: number | null;
  path: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const ZERO_SHA = '0'.repeat(40);
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const FULL_SHA = /^[0-9a-f]{40}$/;
const TREE_MODES: Record<string, ObjectType> = {
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '040000': 'tree',
  '160000': 'commit',
};
/** The identities GitHub uses for a commit made through the API with `GITHUB_TOKEN` and no author or committer. */
const ACTIONS_BOT = {
  login: 'github-actions[bot]',
  id: 41898282,
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};
const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };
/** Who `pushCommit` and the first commit are by: a person, not the API. */
const PERSON = { name: 'Dana Modeler', email: 'dana@example.com' };
/** GitHub stops inlining file content in the contents API above this size. */
const CONTENTS_INLINE_LIMIT = 1024 * 1024;

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: object[],
  ) {
    super(message);
  }
}

const invalid = (message: string) => new ApiError(422, message);
const notFound = () => new ApiError(404, 'Not Found');
const missingField = (name: string) => invalid(`Invalid request.\n\n"${name}" wasn't supplied.`);

class GitFailure extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
  }
}

/**
 * One long-running `git cat-file --batch` answering object reads in order: a process per read is what makes
 * a loaded machine slow. Loose objects written by other git processes are found as soon as they exist.
 */
class ObjectReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly waiting: Array<{ resolve: (object: StoredObject | null) => void; reject: (error: Error) => void }> = [];
  private buffered = Buffer.alloc(0);

  constructor(
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Null when there is no such object; `sha` must be a full SHA. */
  read(sha: string): Promise<StoredObject | null> {
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      child.stdin.write(`${sha}\n`);
    });
  }

  close(): Promise<void> {
    return endInput(this.child);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['--git-dir', this.dir, 'cat-file', '--batch'], { env: this.env, stdio: 'pipe' });
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.answer();
    });
    child.stdin.on('error', () => undefined);
    child.on('close', () => {
      this.child = null;
      this.buffered = Buffer.alloc(0);
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('git cat-file --batch exited'));
    });
    this.child = child;
    return child;
  }

  /** Each answer is `<sha> <type> <size>\n<content>\n`, or `<sha> missing\n`. */
  private answer(): void {
    while (this.waiting.length > 0) {
      const newline = this.buffered.indexOf(0x0a);
      if (newline === -1) return;
      const [, type, size] = this.buffered.subarray(0, newline).toString('utf8').split(' ');
      if (type === 'missing') {
        this.buffered = this.buffered.subarray(newline + 1);
        this.waiting.shift()!.resolve(null);
        continue;
      }
      const end = newline + 1 + Number(size);
      if (this.buffered.length <= end) return;
      const data = Buffer.from(this.buffered.subarray(newline + 1, end));
      this.buffered = this.buffered.subarray(end + 1);
      this.waiting.shift()!.resolve({ type: type as ObjectType, data });
    }
  }
}

/** The `git` binary against the bare repository, with no user or system configuration leaking in. */
class GitRepository {
  readonly env: NodeJS.ProcessEnv;
  readonly objects: ObjectReader;
  readonly spawner = new Spawner();
  private knownRefs: Promise<StoredRef[]> | null = null;

  constructor(
    readonly dir: string,
    home: string,
  ) {
    this.env = {
      PATH: process.env.PATH,
      HOME: home,
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
      GIT_TERMINAL_PROMPT: '0',
    };
    this.objects = new ObjectReader(dir, this.env);
  }

  async run(args: readonly string[], input?: string | Buffer): Promise<Buffer> {
    const { code, stdout, stderr } = await this.spawner.run('git', ['--git-dir', this.dir, ...args], { env: this.env, input });
    if (code !== 0) throw new GitFailure(args, code, stderr.toString('utf8'));
    return stdout;
  }

  async text(args: readonly string[], input?: string | Buffer): Promise<string> {
    return (await this.run(args, input)).toString('utf8').trim();
  }

  /** For commands whose non-zero exit is an answer ("no such object", "not an ancestor"), not a failure. */
  async attempt(args: readonly string[], input?: string | Buffer): Promise<string | null> {
    try {
      return await this.text(args, input);
    } catch (error) {
      if (error instanceof GitFailure) return null;
      throw error;
    }
  }

  async objectType(sha: string): Promise<ObjectType | null> {
    if (!FULL_SHA.test(sha)) return null;
    return (await this.objects.read(sha))?.type ?? null;
  }

  hashObject(type: ObjectType, content: string | Buffer): Promise<string> {
    return this.text(['hash-object', '-t', type, '-w', '--stdin'], content);
  }

  /**
   * Blobs and trees are written the way git writes a loose object, without a git process: the content behind a
   * `<type> <size>\0` header, the SHA-1 of that for the name, zlib-deflated into objects/<2 hex>/<38 hex>. A
   * process per object was most of what a publish cost the tests, and git reads these back like any other (the
   * server through `cat-file --batch`, the tests with `git cat-file`, `ls-tree` and `log`). Commits, whose
   * format git checks, still go through `git hash-object`.
   */
  private async writeObject(type: 'blob' | 'tree', content: Buffer): Promise<string> {
    const object = Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]);
    const sha = createHash('sha1').update(object).digest('hex');
    const folder = join(this.dir, 'objects', sha.slice(0, 2));
    await mkdir(folder, { recursive: true });
    // Renamed into place, so a reader never meets half an object.
    const scratch = join(folder, `tmp_obj_${randomBytes(6).toString('hex')}`);
    await writeFile(scratch, deflateSync(object));
    await rename(scratch, join(folder, sha.slice(2)));
    return sha;
  }

  writeBlob(content: Buffer): Promise<string> {
    return this.writeObject('blob', content);
  }

  /**
   * What `git mktree` writes for these entries: sorted by name as git sorts them (a subtree as if its name ended
   * in `/`), each `<mode, octal without leading zeros> <name>\0<20-byte SHA>`. Every entry's mode, type and object
   * are the server's to have checked, as GitHub does before it writes a tree.
   */
  writeTree(entries: TreeEntry[]): Promise<string> {
    const sortKey = (entry: TreeEntry) => Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name);
    const sorted = [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
    const content = Buffer.concat(
      sorted.flatMap((entry) => [Buffer.from(`${entry.mode.replace(/^0+/, '')} ${entry.name}\0`), Buffer.from(entry.sha, 'hex')]),
    );
    return this.writeObject('tree', content);
  }

  async listTree(treeish: string, recursive: boolean): Promise<ListedEntry[]> {
    const raw = (await this.run(['ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), treeish])).toString('utf8');
    return raw
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const match = /^(\d{6}) (\w+) ([0-9a-f]{40}) +(-|\d+)\t(.*)$/s.exec(line);
        if (!match) throw new Error(`unexpected ls-tree line ${JSON.stringify(line)}`);
        return {
          mode: match[1],
          type: match[2] as ObjectType,
          sha: match[3],
          size: match[4] === '-' ? null : Number(match[4]),
          path: match[5],
        };
      });
  }

  /** Every ref, read once and then kept until this class changes a ref. */
  refs(): Promise<StoredRef[]> {
    this.knownRefs ??= this.text(['for-each-ref', '--format=%(refname) %(objectname) %(objecttype)']).then((raw) =>
      raw
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [ref, sha, type] = line.split(' ');
          return { ref, sha, type: type as ObjectType };
        }),
    );
    return this.knownRefs;
  }

  private async changeRefs(args: readonly string[], input?: string): Promise<boolean> {
    try {
      return (await this.attempt(args, input)) !== null;
    } finally {
      this.knownRefs = null;
    }
  }

  async refSha(ref: string): Promise<string | null> {
    return (await this.refs()).find((candidate) => candidate.ref === ref)?.sha ?? null;
  }

  /** Compare-and-swap: `expected` null means the ref must not exist yet. */
  async setRef(ref: string, sha: string, expected: string | null): Promise<boolean> {
    return this.changeRefs(['update-ref', ref, sha, expected ?? ZERO_SHA]);
  }

  /** Sets every ref in `wanted` and deletes every other one, in one transaction. */
  async replaceRefs(wanted: Map<string, string>): Promise<void> {
    const current = await this.refs();
    const commands = [
      ...current.filter(({ ref }) => !wanted.has(ref)).map(({ ref }) => `delete ${ref}\n`),
      ...[...wanted].map(([ref, sha]) => `update ${ref} ${sha}\n`),
    ];
    if (!(await this.changeRefs(['update-ref', '--stdin'], commands.join('')))) throw new Error('could not restore the refs');
  }

  async deleteRef(ref: string, expected: string): Promise<boolean> {
    return this.changeRefs(['update-ref', '-d', ref, expected]);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.attempt(['merge-base', '--is-ancestor', ancestor, descendant])) !== null;
  }

  async commitsBetween(from: string, to: string): Promise<string[]> {
    return (await this.text(['rev-list', '--reverse', `${from}..${to}`])).split('\n').filter(Boolean);
  }

  mergeBase(a: string, b: string): Promise<string | null> {
    return this.attempt(['merge-base', a, b]);
  }

  async readCommit(sha: string): Promise<ParsedCommit> {
    const object = await this.objects.read(sha);
    if (object?.type !== 'commit') throw new Error(`${sha} is not a commit`);
    return parseCommit(sha, object.data.toString('utf8'));
  }

  async readBlob(sha: string): Promise<Buffer> {
    const object = await this.objects.read(sha);
    if (object?.type !== 'blob') throw new Error(`${sha} is not a blob`);
    return object.data;
  }

  /** Files changed from `from` to `to` (commits or trees), with line counts; binary files count zero lines. */
  async diff(from: string, to: string): Promise<ChangedFile[]> {
    const fields = async (format: string) =>
      (await this.run(['diff-tree', '-r', '-z', '--no-renames', format, from, to])).toString('utf8').split('\0');
    const lines = new Map<string, [number, number]>();
    for (const record of (await fields('--numstat')).filter(Boolean)) {
      const [added, deleted, ...path] = record.split('\t');
      // Binary files count as `-`, which GitHub reports as no lines changed.
      lines.set(path.join('\t'), [Number(added) || 0, Number(deleted) || 0]);
    }
    const raw = await fields('--raw');
    const files: ChangedFile[] = [];
    for (let index = 0; index + 1 < raw.length; index += 2) {
      const [, oldSha, newSha, letter] = /^:\d{6} \d{6} ([0-9a-f]{40}) ([0-9a-f]{40}) ([ADMT])$/.exec(raw[index]) ?? [];
      const path = raw[index + 1];
      const status = letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified';
      const [additions, deletions] = lines.get(path) ?? [0, 0];
      files.push({ path, status, sha: status === 'removed' ? oldSha : newSha, additions, deletions });
    }
    return files;
  }

  /** Writes the tree that `baseTree` becomes after `changes` (a null entry removes the path). */
  async buildTree(baseTree: string | null, changes: Array<{ path: string; entry: LeafEntry | null }>): Promise<string> {
    const root: DirectoryNode = { kind: 'directory', base: baseTree, loaded: false, children: new Map() };
    for (const { path, entry } of changes) {
      const parts = path.split('/');
      const name = parts.pop()!;
      let directory: DirectoryNode | null = root;
      for (const part of parts) {
        directory = await this.subdirectory(directory, part, entry !== null);
        if (!directory) break;
      }
      if (entry) {
        await this.load(directory!);
        directory!.children.set(name, entry);
      } else {
        if (directory) await this.load(directory);
        // GitHub refuses to delete what is not there.
        if (!directory?.children.delete(name)) throw invalid('GitRPC::BadObjectState');
      }
    }
    return (await this.writeDirectory(root)) ?? (await this.writeTree([]));
  }

  private async load(node: DirectoryNode): Promise<void> {
    if (node.loaded) return;
    node.loaded = true;
    if (node.base === null) return;
    const tree = await this.objects.read(node.base);
    if (tree?.type !== 'tree') throw new Error(`${node.base} is not a tree`);
    // A tree object is a run of `<octal mode> <name>\0<20-byte SHA>`, with directories as mode 40000.
    for (let at = 0; at < tree.data.length;) {
      const space = tree.data.indexOf(0x20, at);
      const nul = tree.data.indexOf(0, space);
      const mode = tree.data.subarray(at, space).toString('latin1').padStart(6, '0');
      const name = tree.data.subarray(space + 1, nul).toString('utf8');
      const sha = tree.data.subarray(nul + 1, nul + 21).toString('hex');
      node.children.set(name, { kind: 'leaf', mode, type: TREE_MODES[mode] ?? 'blob', sha });
      at = nul + 21;
    }
  }

  private async subdirectory(parent: DirectoryNode, name: string, create: boolean): Promise<DirectoryNode | null> {
    await this.load(parent);
    const child = parent.children.get(name);
    if (child?.kind === 'directory') return child;
    if (child?.type === 'tree' || create) {
      // A file in the way of a new path is replaced by the directory, as a checkout would.
      const node: DirectoryNode = {
        kind: 'directory',
        base: child?.type === 'tree' ? child.sha : null,
        loaded: false,
        children: new Map(),
      };
      parent.children.set(name, node);
      return node;
    }
    return null;
  }

  /** Null for a directory left empty: git keeps no empty directories, so it disappears from its parent. */
  private async writeDirectory(node: DirectoryNode): Promise<string | null> {
    await this.load(node);
    const entries: TreeEntry[] = [];
    for (const [name, child] of node.children) {
      if (child.kind === 'leaf') entries.push({ mode: child.mode, type: child.type, sha: child.sha, name });
      else {
        const sha = await this.writeDirectory(child);
        if (sha !== null) entries.push({ mode: '040000', type: 'tree', sha, name });
      }
    }
    return entries.length === 0 ? null : this.writeTree(entries);
  }

  async writeCommit(
    tree: string,
    parents: string[],
    author: Identity,
    committer: Identity,
    message: string,
    sign: boolean,
  ): Promise<string> {
    let head = `tree ${tree}\n${parents.map((parent) => `parent ${parent}\n`).join('')}author ${identityLine(author)}\ncommitter ${identityLine(committer)}\n`;
    if (sign) head += `gpgsig ${fakeSignature(`${head}\n${message}`).replace(/\n/g, '\n ')}\n`;
    return this.hashObject('commit', `${head}\n${message}`);
  }
}

function parseCommit(sha: string, raw: string): ParsedCommit {
  const split = raw.indexOf('\n\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const message = split === -1 ? '' : raw.slice(split + 2);
  const headers: Array<[string, string]> = [];
  for (const line of head.split('\n')) {
    if (line.startsWith(' ') && headers.length > 0) headers[headers.length - 1][1] += `\n${line.slice(1)}`;
    else {
      const space = line.indexOf(' ');
      headers.push([line.slice(0, space), line.slice(space + 1)]);
    }
  }
  const value = (name: string) => headers.find(([key]) => key === name)?.[1];
  const unsigned = headers.filter(([key]) => key !== 'gpgsig');
  return {
    sha,
    tree: value('tree')!,
    parents: headers.filter(([key]) => key === 'parent').map(([, parent]) => parent),
    author: parseIdentity(value('author')!),
    committer: parseIdentity(value('committer')!),
    message,
    signature: value('gpgsig') ?? null,
    payload: `${unsigned.map(([key, text]) => `${key} ${text.replace(/\n/g, '\n ')}`).join('\n')}\n\n${message}`,
  };
}

function parseIdentity(line: string): Identity {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!match) throw new Error(`unexpected identity line ${JSON.stringify(line)}`);
  return { name: match[1], email: match[2], seconds: Number(match[3]), zone: match[4] };
}

const identityLine = (who: Identity) => `${who.name} <${who.email}> ${who.seconds} ${who.zone}`;
const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const now = () => isoDate(Math.floor(Date.now() / 1000));
const nowIdentity = (who: { name: string; email: string }): Identity => ({
  name: who.name,
  email: who.email,
  seconds: Math.floor(Date.now() / 1000),
  zone: '+0000',
});
const requestId = () =>
  `${randomBytes(2).toString('hex').toUpperCase()}:${randomBytes(3).toString('hex').toUpperCase()}:${randomBytes(4).toString('hex').toUpperCase()}`;
/** Base64 broken into 60-character lines, as GitHub sends file and blob content. */
const wrappedBase64 = (data: Buffer) =>
  data.length === 0 ? '' : `${data.toString('base64').replace(/.{60}/g, '$&\n').replace(/\n$/, '')}\n`;
const stableId = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0) % 100_000_000;
const nodeId = (prefix: string, key: string) => `${prefix}_${Buffer.from(key).toString('base64url')}`;

/**
 * A signature in the shape GitHub embeds in the commits it signs. It signs nothing: it marks the object the way
 * GitHub's do, so the response's `verification` and the stored commit agree.
 */
function fakeSignature(payload: string): string {
  const digest = createHash('sha256').update(payload).digest('base64');
  return [
    '-----BEGIN PGP SIGNATURE-----',
    '',
    `wsBcBAABCAAQBQJ${digest}`,
    `driftgate+test+double+not+a+real+signature`,
    '=TEST',
    '-----END PGP SIGNATURE-----',
  ].join('\n');
}

/** A path inside a tree: no empty, `.`, `..` or `.git` components. */
function checkPath(path: string): void {
  const parts = path.split('/');
  if (
    path === '' ||
    path.includes('\0') ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git')
  ) {
    throw invalid(`"tree.path" contains a malformed path component`);
  }
}

/** Names that are safe to hand to git as a revision (never an option) and plausible as GitHub refs. */
const safeRefName = (name: string) => name.length > 0 && !name.startsWith('-') && !/[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{/.test(name);

export class GitServerState {
  readonly pulls: PullRequestRecord[] = [];
  readonly requests: RecordedRequest[] = [];
  /** The repository's labels by lower-cased name (GitHub matches label names without regard to case). */
  readonly labels = new Map<string, LabelRecord>();
  readonly faults: Array<Fault & { remaining: number }> = [];
  /** Told each request met with silence, once the server holds it: where a client's timer would run out. */
  onSilent: ((request: RecordedRequest) => void) | undefined;
  private nextNumber = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private initialRefs = new Map<string, string>();
  /**
   * Whether the repository has no refs at all, kept in step by the server so requests need not ask git: change
   * refs through the API or `pushCommit`, not with `git update-ref`.
   */
  empty = true;

  constructor(
    private readonly repository: GitRepository,
    readonly owner: string,
    readonly repo: string,
    readonly defaultBranch: string,
  ) {}

  /** The bare repository, for `git --git-dir <repoPath> ...`; `git(...)` runs git there with a clean configuration. */
  get repoPath(): string {
    return this.repository.dir;
  }

  /**
   * Runs git against the bare repository and returns its standard output; throws on a non-zero exit. It is for
   * looking: the server caches the refs, so move them with `pushCommit` or the API, not `git update-ref`.
   */
  async git(...args: string[]): Promise<string> {
    return (await this.repository.run(args)).toString('utf8');
  }

  /** The commit a branch points at, or undefined when there is no such branch. */
  async branchSha(branch: string): Promise<string | undefined> {
    return (await this.repository.attempt(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) ?? undefined;
  }

  injectFault(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /**
   * A person pushing a commit straight to `branch` (created from the default branch when absent): each file is
   * written, or removed when its content is null. Returns the new commit's SHA.
   */
  pushCommit(branch: string, files: Record<string, string | Uint8Array | null>, message: string): Promise<string> {
    if (!safeRefName(branch)) throw new Error(`${JSON.stringify(branch)} is not a branch name`);
    return this.exclusive(async () => {
      const git = this.repository;
      const ref = `refs/heads/${branch}`;
      const current = await git.refSha(ref);
      const parent = current ?? (await git.refSha(`refs/heads/${this.defaultBranch}`));
      const changes = [];
      for (const [path, content] of Object.entries(files)) {
        checkPath(path);
        changes.push({
          path,
          entry:
            content === null
              ? null
              : ({ kind: 'leaf', mode: '100644', type: 'blob', sha: await git.writeBlob(Buffer.from(content)) } as const),
        });
      }
      const tree = await git.buildTree(parent ? (await git.readCommit(parent)).tree : null, changes);
      const person = nowIdentity(PERSON);
      const sha = await git.writeCommit(tree, parent ? [parent] : [], person, person, message, false);
      if (!(await git.setRef(ref, sha, current))) throw new Error(`${ref} moved while pushing`);
      this.empty = false;
      this.refMoved(ref, sha);
      return sha;
    });
  }

  /** A person submitting a review of pull request `number`: their review request is fulfilled, as on GitHub. */
  review(number: number, login: string): void {
    const pull = this.pulls.find((candidate) => candidate.number === number);
    if (!pull) throw new Error(`no pull request #${number}`);
    pull.reviewedBy.push(login);
    pull.requestedReviewers = pull.requestedReviewers.filter((requested) => requested.toLowerCase() !== login.toLowerCase());
  }

  /**
   * Back to the state right after start: the first commit's refs, and no pull requests, labels, recorded requests
   * or faults. Objects written since stay in the object store, unreachable, as they would on GitHub.
   */
  reset(): Promise<void> {
    return this.exclusive(async () => {
      await this.repository.replaceRefs(this.initialRefs);
      this.empty = this.initialRefs.size === 0;
      this.pulls.length = 0;
      this.labels.clear();
      this.requests.length = 0;
      this.faults.length = 0;
      this.nextNumber = 1;
    });
  }

  // The rest serves the server itself.

  async rememberInitialRefs(): Promise<void> {
    this.initialRefs = new Map((await this.repository.refs()).map(({ ref, sha }) => [ref, sha]));
    this.empty = this.initialRefs.size === 0;
  }

  /** The first queued fault that matches, consumed once. */
  takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex((fault) => {
      // A global or sticky pattern would otherwise resume from where its previous test stopped.
      fault.path.lastIndex = 0;
      return (fault.method === undefined || fault.method.toUpperCase() === method) && fault.path.test(path);
    });
    if (index === -1) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  /** Runs `task` once every write queued before it has finished. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  allocateNumber(): number {
    return this.nextNumber++;
  }

  /**
   * Keeps open pull requests in step with their branches: they follow their head and base, and close when
   * either branch is deleted.
   */
  refMoved(ref: string, sha: string | null): void {
    if (!ref.startsWith('refs/heads/')) return;
    const branch = ref.slice('refs/heads/'.length);
    for (const pull of this.pulls) {
      if (pull.state !== 'open' || (pull.headRef !== branch && pull.baseRef !== branch)) continue;
      if (sha === null) {
        pull.state = 'closed';
        pull.closedAt = pull.updatedAt = now();
      } else if (pull.headRef === branch) pull.headSha = sha;
      else pull.baseSha = sha;
    }
  }
}

export async function startGitHubServer(options: GitServerOptions = {}): Promise<GitServer> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'churn-model';
  const defaultBranch = options.defaultBranch ?? 'main';
  const token = options.token ?? `ghs_${randomBytes(18).toString('hex')}`;
  const canWrite = { contents: options.permissions?.contents !== 'read', pullRequests: options.permissions?.pullRequests !== 'read' };
  const actionsCanCreatePullRequests = options.actionsCanCreatePullRequests ?? true;

  const home = mkdtempSync(join(tmpdir(), 'driftgate-github-'));
  const repoDir = join(home, `${repo}.git`);
  const git = new GitRepository(repoDir, home);
  await git.run(['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`]);
  const state = new GitServerState(git, owner, repo, defaultBranch);
  const files = options.files ?? { 'README.md': `# ${repo}\n` };
  if (Object.keys(files).length > 0) await state.pushCommit(defaultBranch, files, 'Initial commit');
  await state.rememberInitialRefs();

  let origin = '';
  const api = () => `${origin}/repos/${owner}/${repo}`;
  const web = `https://github.com/${owner}/${repo}`;

  // ---- shapes ------------------------------------------------------------------------------------------

  const account = (login: string) => {
    const bot = login.endsWith('[bot]');
    const id = login === ACTIONS_BOT.login ? ACTIONS_BOT.id : stableId(login);
    return {
      login,
      id,
      node_id: nodeId(bot ? 'BOT' : 'U', login),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: `${origin}/users/${encodeURIComponent(login)}`,
      html_url: bot ? `https://github.com/apps/${login.slice(0, -'[bot]'.length)}` : `https://github.com/${login}`,
      type: bot ? 'Bot' : login === owner ? 'Organization' : 'User',
      site_admin: false,
    };
  };

  const team = (slug: string) => ({
    id: stableId(`team/${slug}`),
    node_id: nodeId('T', slug),
    url: `${origin}/orgs/${owner}/teams/${slug}`,
    html_url: `https://github.com/orgs/${owner}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    permission: 'pull',
    parent: null,
  });

  const repository = () => ({
    id: stableId(`${owner}/${repo}`),
    node_id: nodeId('R', `${owner}/${repo}`),
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    visibility: 'public',
    owner: account(owner),
    html_url: web,
    description: null,
    fork: false,
    url: api(),
    git_url: `git://github.com/${owner}/${repo}.git`,
    clone_url: `${web}.git`,
    ssh_url: `git@github.com:${owner}/${repo}.git`,
    default_branch: defaultBranch,
    archived: false,
    disabled: false,
    permissions: { admin: false, maintain: false, push: canWrite.contents, triage: canWrite.pullRequests, pull: true },
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    delete_branch_on_merge: false,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: now(),
    pushed_at: now(),
  });

  const refJson = (ref: string, sha: string, type: ObjectType) => ({
    ref,
    node_id: nodeId('REF', ref),
    url: `${api()}/git/${ref}`,
    object: { sha, type, url: `${api()}/git/${type}s/${sha}` },
  });

  const verification = (commit: ParsedCommit) =>
    commit.signature
      ? {
          verified: true,
          reason: 'valid',
          signature: commit.signature,
          payload: commit.payload,
          verified_at: isoDate(commit.committer.seconds),
        }
      : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

  const person = (who: Identity) => ({ name: who.name, email: who.email, date: isoDate(who.seconds) });

  const gitCommitJson = (commit: ParsedCommit) => ({
    sha: commit.sha,
    node_id: nodeId('C', commit.sha),
    url: `${api()}/git/commits/${commit.sha}`,
    html_url: `${web}/commit/${commit.sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    message: commit.message,
    tree: { sha: commit.tree, url: `${api()}/git/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({ sha, url: `${api()}/git/commits/${sha}`, html_url: `${web}/commit/${sha}` })),
    verification: verification(commit),
  });

  /** The account GitHub links to a commit identity, when it can tell. */
  const linkedAccount = (who: Identity) => {
    if (who.email === ACTIONS_BOT.email) return account(ACTIONS_BOT.login);
    if (who.email === WEB_FLOW.email) return account('web-flow');
    return null;
  };

  const fileJson = (file: ChangedFile, ref: string) => ({
    sha: file.sha,
    filename: file.path,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${web}/blob/${ref}/${file.path}`,
    raw_url: `${web}/raw/${ref}/${file.path}`,
    contents_url: `${api()}/contents/${file.path}?ref=${ref}`,
  });

  /** The shape of `GET /repos/{o}/{r}/commits/{ref}`; `withFiles` adds the diff against the first parent. */
  const repoCommitJson = async (sha: string, withFiles: boolean) => {
    const commit = await git.readCommit(sha);
    const base = {
      sha,
      node_id: nodeId('C', sha),
      url: `${api()}/commits/${sha}`,
      html_url: `${web}/commit/${sha}`,
      comments_url: `${api()}/commits/${sha}/comments`,
      commit: {
        url: `${api()}/git/commits/${sha}`,
        author: person(commit.author),
        committer: person(commit.committer),
        message: commit.message,
        tree: { sha: commit.tree, url: `${api()}/git/trees/${commit.tree}` },
        comment_count: 0,
        verification: verification(commit),
      },
      author: linkedAccount(commit.author),
      committer: linkedAccount(commit.committer),
      parents: commit.parents.map((parent) => ({ sha: parent, url: `${api()}/commits/${parent}`, html_url: `${web}/commit/${parent}` })),
    };
    if (!withFiles) return base;
    const files = await git.diff(commit.parents[0] ?? EMPTY_TREE, sha);
    const additions = files.reduce((sum, file) => sum + file.additions, 0);
    const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
    return { ...base, stats: { total: additions + deletions, additions, deletions }, files: files.map((file) => fileJson(file, sha)) };
  };

  const label = (name: string) => {
    const record = state.labels.get(name.toLowerCase())!;
    return {
      id: record.id,
      node_id: nodeId('LA', record.name),
      url: `${api()}/labels/${encodeURIComponent(record.name)}`,
      name: record.name,
      color: record.color,
      default: false,
      description: record.description,
    };
  };

  const pullLinks = (number: number) => ({
    self: { href: `${api()}/pulls/${number}` },
    html: { href: `${web}/pull/${number}` },
    issue: { href: `${api()}/issues/${number}` },
    comments: { href: `${api()}/issues/${number}/comments` },
    review_comments: { href: `${api()}/pulls/${number}/comments` },
    review_comment: { href: `${api()}/pulls/comments{/number}` },
    commits: { href: `${api()}/pulls/${number}/commits` },
    statuses: { href: `${api()}/statuses/HEAD` },
  });

  const pullJson = async (pull: PullRequestRecord, detail: boolean) => {
    const side = (ref: string, sha: string) => ({ label: `${owner}:${ref}`, ref, sha, user: account(owner), repo: repository() });
    const summary = {
      url: `${api()}/pulls/${pull.number}`,
      id: 2_000_000_000 + pull.number,
      node_id: nodeId('PR', `${owner}/${repo}#${pull.number}`),
      html_url: `${web}/pull/${pull.number}`,
      diff_url: `${web}/pull/${pull.number}.diff`,
      patch_url: `${web}/pull/${pull.number}.patch`,
      issue_url: `${api()}/issues/${pull.number}`,
      commits_url: `${api()}/pulls/${pull.number}/commits`,
      review_comments_url: `${api()}/pulls/${pull.number}/comments`,
      review_comment_url: `${api()}/pulls/comments{/number}`,
      comments_url: `${api()}/issues/${pull.number}/comments`,
      statuses_url: `${api()}/statuses/${pull.headSha}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: account(pull.user),
      body: pull.body,
      labels: pull.labels.map(label),
      milestone: null,
      active_lock_reason: null,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      closed_at: pull.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: pull.assignees.length > 0 ? account(pull.assignees[0]) : null,
      assignees: pull.assignees.map(account),
      requested_reviewers: pull.requestedReviewers.map(account),
      requested_teams: pull.requestedTeams.map(team),
      head: side(pull.headRef, pull.headSha),
      base: side(pull.baseRef, pull.baseSha),
      _links: pullLinks(pull.number),
      author_association: 'NONE',
      auto_merge: null,
      draft: pull.draft,
    };
    if (!detail) return summary;
    const mergeBase = await git.mergeBase(pull.baseSha, pull.headSha);
    const commits = mergeBase ? (await git.commitsBetween(mergeBase, pull.headSha)).length : 0;
    const files = mergeBase ? await git.diff(mergeBase, pull.headSha) : [];
    return {
      ...summary,
      merged: false,
      mergeable: pull.state === 'open' ? true : null,
      rebaseable: pull.state === 'open' ? true : null,
      mergeable_state: pull.draft ? 'draft' : 'clean',
      merged_by: null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: pull.maintainerCanModify,
      commits,
      additions: files.reduce((sum, file) => sum + file.additions, 0),
      deletions: files.reduce((sum, file) => sum + file.deletions, 0),
      changed_files: files.length,
    };
  };

  const issueJson = (pull: PullRequestRecord) => ({
    url: `${api()}/issues/${pull.number}`,
    repository_url: api(),
    labels_url: `${api()}/issues/${pull.number}/labels{/name}`,
    comments_url: `${api()}/issues/${pull.number}/comments`,
    events_url: `${api()}/issues/${pull.number}/events`,
    html_url: `${web}/pull/${pull.number}`,
    id: 3_000_000_000 + pull.number,
    node_id: nodeId('PR', `${owner}/${repo}#${pull.number}`),
    number: pull.number,
    title: pull.title,
    user: account(pull.user),
    labels: pull.labels.map(label),
    state: pull.state,
    state_reason: null,
    locked: false,
    assignee: pull.assignees.length > 0 ? account(pull.assignees[0]) : null,
    assignees: pull.assignees.map(account),
    milestone: null,
    comments: 0,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    author_association: 'NONE',
    active_lock_reason: null,
    draft: pull.draft,
    pull_request: {
      url: `${api()}/pulls/${pull.number}`,
      html_url: `${web}/pull/${pull.number}`,
      diff_url: `${web}/pull/${pull.number}.diff`,
      patch_url: `${web}/pull/${pull.number}.patch`,
      merged_at: null,
    },
    body: pull.body,
  });

  // ---- helpers over requests ----------------------------------------------------------------------------

  const jsonObject = (body: unknown): Record<string, unknown> => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'Problems parsing JSON');
    return body as Record<string, unknown>;
  };

  const stringField = (body: Record<string, unknown>, name: string): string => {
    const value = body[name];
    if (value === undefined || value === null) throw missingField(name);
    if (typeof value !== 'string') throw invalid(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not a string.`);
    return value;
  };

  const optionalString = (body: Record<string, unknown>, name: string): string | undefined =>
    body[name] === undefined || body[name] === null ? undefined : stringField(body, name);

  const stringList = (value: unknown, name: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
      throw invalid(`Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(value)} is not an array of strings.`);
    return value as string[];
  };

  const identityField = (body: Record<string, unknown>, name: string): Identity | undefined => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    const who = jsonObject(value);
    const nameText = stringField(who, 'name');
    const email = stringField(who, 'email');
    if (/[<>\n]/.test(nameText + email)) throw invalid(`Invalid request.\n\nFor 'properties/${name}', the name or email is malformed.`);
    const date = optionalString(who, 'date');
    if (date === undefined) return nowIdentity({ name: nameText, email });
    const millis = Date.parse(date);
    if (Number.isNaN(millis)) throw invalid(`Invalid request.\n\nFor 'properties/date', "${date}" is not a date-time.`);
    const offset = /([+-])(\d{2}):?(\d{2})$/.exec(date);
    return { name: nameText, email, seconds: Math.floor(millis / 1000), zone: offset ? `${offset[1]}${offset[2]}${offset[3]}` : '+0000' };
  };

  /** A commit-ish from a URL or query: a branch, a tag or a (possibly abbreviated) commit SHA. */
  const resolveCommit = async (name: string): Promise<string | null> => {
    if (!safeRefName(name)) return null;
    const refs = await git.refs();
    const found = [name, `refs/heads/${name}`, `refs/tags/${name}`].flatMap((candidate) =>
      refs.filter((known) => known.ref === candidate && candidate.startsWith('refs/')),
    )[0];
    if (found?.type === 'commit') return found.sha;
    // An annotated tag, or a SHA that may be abbreviated: git peels and expands them.
    const candidate = found?.ref ?? (/^[0-9a-f]{4,40}$/i.test(name) ? name.toLowerCase() : null);
    return candidate && git.attempt(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
  };

  const findPull = (number: string) => {
    const pull = state.pulls.find((candidate) => candidate.number === Number(number));
    if (!pull) throw notFound();
    return pull;
  };

  /** `branch` or `owner:branch`; a fork's owner is not one this server knows. */
  const headBranch = (head: string): string | null => {
    const colon = head.indexOf(':');
    if (colon === -1) return head;
    return head.slice(0, colon).toLowerCase() === owner.toLowerCase() ? head.slice(colon + 1) : null;
  };

  const page = <T>(items: T[], query: URLSearchParams, path: string): { items: T[]; headers: Record<string, string> } => {
    const perPage = Math.max(1, Math.min(Number(query.get('per_page') ?? 30) || 30, 100));
    const number = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const at = (n: number) => {
      const params = new URLSearchParams(query);
      params.set('per_page', String(perPage));
      params.set('page', String(n));
      return `<${origin}${path}?${params}>`;
    };
    const links = [];
    if (number > 1) links.push(`${at(number - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
    if (number < last) links.push(`${at(number + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    return { items: items.slice((number - 1) * perPage, number * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
  };

  // ---- endpoints --------------------------------------------------------------------------------------

  interface Context {
    params: string[];
    query: URLSearchParams;
    body: unknown;
    path: string;
  }

  interface Route {
    method: string;
    pattern: RegExp;
    docs: string;
    /** Which token permission the route needs; `write` routes are serialized. */
    scope: 'contents' | 'pullRequests';
    write: boolean;
    /** What GitHub answers when the repository has no commits yet. */
    whenEmpty?: ApiError;
    handle(context: Context): Promise<Reply>;
  }

  const DOCS = 'https://docs.github.com/rest';
  const gitEmpty = () => new ApiError(409, 'Git Repository is empty.');

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^$/,
      docs: `${DOCS}/repos/repos#get-a-repository`,
      scope: 'contents',
      write: false,
      handle: async () => ({ status: 200, body: repository() }),
    },
    {
      method: 'GET',
      pattern: /^\/git\/ref\/(.+)$/,
      docs: `${DOCS}/git/refs#get-a-reference`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [name] }) => {
        const found = (await git.refs()).find((candidate) => candidate.ref === `refs/${name}`);
        if (!found) throw notFound();
        return { status: 200, body: refJson(found.ref, found.sha, found.type) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/git\/matching-refs\/(.*)$/,
      docs: `${DOCS}/git/refs#list-matching-references`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [prefix], query, path }) => {
        const matching = (await git.refs())
          .filter((candidate) => candidate.ref.startsWith(`refs/${prefix}`))
          .map((found) => refJson(found.ref, found.sha, found.type));
        const listed = page(matching, query, path);
        return { status: 200, body: listed.items, headers: listed.headers };
      },
    },
    {
      method: 'POST',
      pattern: /^\/git\/refs$/,
      docs: `${DOCS}/git/refs#create-a-reference`,
      scope: 'contents',
      write: true,
      whenEmpty: gitEmpty(),
      handle: async ({ body }) => {
        const input = jsonObject(body);
        const ref = stringField(input, 'ref');
        const sha = stringField(input, 'sha').toLowerCase();
        if (!ref.startsWith('refs/') || ref.split('/').length < 3 || (await git.attempt(['check-ref-format', ref])) === null) {
          throw invalid(`Reference name '${ref}' is not valid: it must start with 'refs/' and have at least two slashes.`);
        }
        const type = await git.objectType(sha);
        if (!type || (ref.startsWith('refs/heads/') && type !== 'commit')) throw invalid('Object does not exist');
        if (!(await git.setRef(ref, sha, null))) throw invalid('Reference already exists');
        state.refMoved(ref, sha);
        return { status: 201, body: refJson(ref, sha, type), headers: { location: `${api()}/git/${ref}` } };
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/git\/refs\/(.+)$/,
      docs: `${DOCS}/git/refs#update-a-reference`,
      scope: 'contents',
      write: true,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [name], body }) => {
        const input = jsonObject(body);
        const ref = `refs/${name}`;
        const sha = stringField(input, 'sha').toLowerCase();
        const force = input.force === true;
        const current = await git.refSha(ref);
        if (!current) throw invalid('Reference does not exist');
        const type = await git.objectType(sha);
        if (!type || (ref.startsWith('refs/heads/') && type !== 'commit')) throw invalid('Object does not exist');
        if (!force && !(await git.isAncestor(current, sha))) throw invalid('Update is not a fast forward');
        // The compare-and-swap cannot lose while writes are serialized; it guards against a bug in that.
        if (!(await git.setRef(ref, sha, current))) throw new ApiError(409, 'Reference update failed');
        state.refMoved(ref, sha);
        return { status: 200, body: refJson(ref, sha, type) };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/git\/refs\/(.+)$/,
      docs: `${DOCS}/git/refs#delete-a-reference`,
      scope: 'contents',
      write: true,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [name] }) => {
        const ref = `refs/${name}`;
        const current = await git.refSha(ref);
        if (!current) throw invalid('Reference does not exist');
        await git.deleteRef(ref, current);
        state.empty = (await git.refs()).length === 0;
        state.refMoved(ref, null);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/git\/blobs$/,
      docs: `${DOCS}/git/blobs#create-a-blob`,
      scope: 'contents',
      write: true,
      whenEmpty: gitEmpty(),
      handle: async ({ body }) => {
        const input = jsonObject(body);
        const content = stringField(input, 'content');
        const encoding = optionalString(input, 'encoding') ?? 'utf-8';
        if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64')
          throw invalid(`encoding must be one of "utf-8" or "base64", not "${encoding}"`);
        const sha = await git.writeBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
        return { status: 201, body: { sha, url: `${api()}/git/blobs/${sha}` }, headers: { location: `${api()}/git/blobs/${sha}` } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/git\/blobs\/([^/]+)$/,
      docs: `${DOCS}/git/blobs#get-a-blob`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [name] }) => {
        const sha = name.toLowerCase();
        if ((await git.objectType(sha)) !== 'blob') throw notFound();
        const data = await git.readBlob(sha);
        return {
          status: 200,
          body: {
            sha,
            node_id: nodeId('B', sha),
            size: data.length,
            url: `${api()}/git/blobs/${sha}`,
            content: wrappedBase64(data),
            encoding: 'base64',
          },
        };
      },
    },
    {
      method: 'POST',
      pattern: /^\/git\/trees$/,
      docs: `${DOCS}/git/trees#create-a-tree`,
      scope: 'contents',
      write: true,
      whenEmpty: gitEmpty(),
      handle: async ({ body }) => {
        const input = jsonObject(body);
        const baseTree = optionalString(input, 'base_tree')?.toLowerCase() ?? null;
        if (baseTree !== null && (await git.objectType(baseTree)) !== 'tree') throw invalid(`base_tree ${baseTree} is not a valid tree`);
        if (!Array.isArray(input.tree)) throw missingField('tree');
        const changes = [];
        for (const item of input.tree as unknown[]) {
          const entry = jsonObject(item);
          const path = stringField(entry, 'path');
          checkPath(path);
          const mode = stringField(entry, 'mode');
          const type = optionalString(entry, 'type') ?? TREE_MODES[mode];
          if (!(mode in TREE_MODES) || TREE_MODES[mode] !== type)
            throw invalid(`Invalid tree info: mode ${mode} with type ${type} at ${path}`);
          const hasSha = 'sha' in entry;
          const hasContent = entry.content !== undefined;
          if (hasSha === hasContent)
            throw invalid('Must supply either tree.sha or tree.content. Request will be rejected if both are present.');
          if (hasContent) {
            if (type !== 'blob') throw invalid(`tree.content can only create a blob, not a ${type}`);
            changes.push({
              path,
              entry: { kind: 'leaf', mode, type, sha: await git.writeBlob(Buffer.from(stringField(entry, 'content'), 'utf8')) } as const,
            });
          } else if (entry.sha === null) {
            changes.push({ path, entry: null });
          } else {
            const sha = stringField(entry, 'sha').toLowerCase();
            // A submodule names a commit of another repository, which this one need not have.
            if (type !== 'commit' && (await git.objectType(sha)) !== type) throw invalid(`tree.sha ${sha} is not a valid ${type}`);
            if (type === 'commit' && !FULL_SHA.test(sha)) throw invalid(`tree.sha ${sha} is not a valid commit`);
            changes.push({ path, entry: { kind: 'leaf', mode, type, sha } as const });
          }
        }
        const sha = await git.buildTree(baseTree, changes);
        return { status: 201, body: await treeJson(sha, false), headers: { location: `${api()}/git/trees/${sha}` } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/git\/trees\/(.+)$/,
      docs: `${DOCS}/git/trees#get-a-tree`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [name], query }) => {
        let sha = name.toLowerCase();
        if ((await git.objectType(sha)) !== 'tree') {
          const commit = await resolveCommit(name);
          if (!commit) throw notFound();
          sha = (await git.readCommit(commit)).tree;
        }
        // GitHub treats any value of `recursive` as "yes", even 0 or false.
        return { status: 200, body: await treeJson(sha, query.has('recursive')) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/git\/commits$/,
      docs: `${DOCS}/git/commits#create-a-commit`,
      scope: 'contents',
      write: true,
      whenEmpty: gitEmpty(),
      handle: async ({ body }) => {
        const input = jsonObject(body);
        const message = stringField(input, 'message');
        const tree = stringField(input, 'tree').toLowerCase();
        const parents = stringList(input.parents, 'parents').map((parent) => parent.toLowerCase());
        if ((await git.objectType(tree)) !== 'tree') throw invalid('Tree SHA does not exist');
        for (const parent of parents) {
          if ((await git.objectType(parent)) !== 'commit') throw invalid('Parent SHA does not exist or is not a commit object');
        }
        const givenAuthor = identityField(input, 'author');
        const givenCommitter = identityField(input, 'committer');
        const author = givenAuthor ?? nowIdentity(ACTIONS_BOT);
        // GitHub commits as itself, and signs, only when the client names no identity at all.
        const signed = !givenAuthor && !givenCommitter;
        const committer = givenCommitter ?? (givenAuthor ? { ...givenAuthor } : nowIdentity(WEB_FLOW));
        const sha = await git.writeCommit(tree, parents, author, committer, message, signed);
        return { status: 201, body: gitCommitJson(await git.readCommit(sha)), headers: { location: `${api()}/git/commits/${sha}` } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/git\/commits\/([^/]+)$/,
      docs: `${DOCS}/git/commits#get-a-commit-object`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [sha] }) => {
        if ((await git.objectType(sha.toLowerCase())) !== 'commit') throw notFound();
        return { status: 200, body: gitCommitJson(await git.readCommit(sha.toLowerCase())) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/commits\/(.+)$/,
      docs: `${DOCS}/commits/commits#get-a-commit`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [name] }) => {
        const sha = await resolveCommit(name);
        if (!sha) throw invalid(`No commit found for SHA: ${name}`);
        return { status: 200, body: await repoCommitJson(sha, true) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/compare\/(.+?)\.\.\.(.+)$/,
      docs: `${DOCS}/commits/commits#compare-two-commits`,
      scope: 'contents',
      write: false,
      whenEmpty: gitEmpty(),
      handle: async ({ params: [baseName, headName] }) => {
        const base = await resolveCommit(headBranch(baseName) ?? '');
        const head = await resolveCommit(headBranch(headName) ?? '');
        if (!base || !head) throw notFound();
        const mergeBase = await git.mergeBase(base, head);
        if (!mergeBase) throw new ApiError(404, `No common ancestor between ${baseName} and ${headName}.`);
        const ahead = await git.commitsBetween(base, head);
        const behind = await git.commitsBetween(head, base);
        const status =
          ahead.length === 0 && behind.length === 0
            ? 'identical'
            : behind.length === 0
              ? 'ahead'
              : ahead.length === 0
                ? 'behind'
                : 'diverged';
        const files = await git.diff(mergeBase, head);
        return {
          status: 200,
          body: {
            url: `${api()}/compare/${baseName}...${headName}`,
            html_url: `${web}/compare/${baseName}...${headName}`,
            permalink_url: `${web}/compare/${owner}:${base.slice(0, 7)}...${owner}:${head.slice(0, 7)}`,
            diff_url: `${web}/compare/${baseName}...${headName}.diff`,
            patch_url: `${web}/compare/${baseName}...${headName}.patch`,
            base_commit: await repoCommitJson(base, false),
            merge_base_commit: await repoCommitJson(mergeBase, false),
            status,
            ahead_by: ahead.length,
            behind_by: behind.length,
            total_commits: ahead.length,
            commits: await Promise.all(ahead.slice(0, 250).map((sha) => repoCommitJson(sha, false))),
            files: files.map((file) => fileJson(file, head)),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/contents(?:\/(.*))?$/,
      docs: `${DOCS}/repos/contents#get-repository-content`,
      scope: 'contents',
      write: false,
      whenEmpty: new ApiError(404, 'This repository is empty.'),
      handle: async ({ params: [rawPath], query }) => contents((rawPath ?? '').replace(/\/+$/, ''), query.get('ref') ?? defaultBranch),
    },
    {
      method: 'GET',
      pattern: /^\/pulls$/,
      docs: `${DOCS}/pulls/pulls#list-pull-requests`,
      scope: 'pullRequests',
      write: false,
      handle: async ({ query, path }) => {
        const wanted = query.get('state') ?? 'open';
        const head = query.get('head');
        const base = query.get('base');
        // Without `owner:`, GitHub silently ignores the head filter and lists every pull request.
        const headRef = head?.includes(':') ? headBranch(head) : undefined;
        const key = query.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
        const ascending = query.get('direction') === 'asc';
        const matching = state.pulls
          .filter((pull) => wanted === 'all' || pull.state === wanted)
          .filter((pull) => headRef === undefined || pull.headRef === headRef)
          .filter((pull) => base === null || pull.baseRef === base)
          .sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.number - b.number) * (ascending ? 1 : -1));
        const listed = page(matching, query, path);
        return { status: 200, body: await Promise.all(listed.items.map((pull) => pullJson(pull, false))), headers: listed.headers };
      },
    },
    {
      method: 'POST',
      pattern: /^\/pulls$/,
      docs: `${DOCS}/pulls/pulls#create-a-pull-request`,
      scope: 'pullRequests',
      write: true,
      handle: async ({ body }) => {
        if (!actionsCanCreatePullRequests) throw new ApiError(403, 'GitHub Actions is not permitted to create or approve pull requests.');
        const input = jsonObject(body);
        const title = optionalString(input, 'title');
        const headText = stringField(input, 'head');
        const baseRef = stringField(input, 'base');
        const headRef = headBranch(headText);
        const headSha = headRef && safeRefName(headRef) ? await git.refSha(`refs/heads/${headRef}`) : null;
        if (!headRef || !headSha)
          throw new ApiError(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        const baseSha = safeRefName(baseRef) ? await git.refSha(`refs/heads/${baseRef}`) : null;
        if (!baseSha) throw new ApiError(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        if (!title) throw new ApiError(422, 'Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
        if (state.pulls.some((pull) => pull.state === 'open' && pull.headRef === headRef && pull.baseRef === baseRef)) {
          throw new ApiError(422, 'Validation Failed', [
            { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${headRef}.` },
          ]);
        }
        if ((await git.commitsBetween(baseSha, headSha)).length === 0) {
          throw new ApiError(422, 'Validation Failed', [
            { resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${headRef}` },
          ]);
        }
        const created = now();
        const pull: PullRequestRecord = {
          number: state.allocateNumber(),
          title,
          body: optionalString(input, 'body') ?? null,
          state: 'open',
          draft: input.draft === true,
          headRef,
          headSha,
          baseRef,
          baseSha,
          labels: [],
          assignees: [],
          requestedReviewers: [],
          requestedTeams: [],
          reviewedBy: [],
          user: ACTIONS_BOT.login,
          maintainerCanModify: input.maintainer_can_modify === true,
          createdAt: created,
          updatedAt: created,
          closedAt: null,
        };
        state.pulls.push(pull);
        return { status: 201, body: await pullJson(pull, true), headers: { location: `${api()}/pulls/${pull.number}` } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/pulls\/(\d+)$/,
      docs: `${DOCS}/pulls/pulls#get-a-pull-request`,
      scope: 'pullRequests',
      write: false,
      handle: async ({ params: [number] }) => ({ status: 200, body: await pullJson(findPull(number), true) }),
    },
    {
      method: 'PATCH',
      pattern: /^\/pulls\/(\d+)$/,
      docs: `${DOCS}/pulls/pulls#update-a-pull-request`,
      scope: 'pullRequests',
      write: true,
      handle: async ({ params: [number], body }) => {
        const pull = findPull(number);
        const input = jsonObject(body);
        const title = optionalString(input, 'title');
        const text = input.body === null ? null : optionalString(input, 'body');
        const wanted = optionalString(input, 'state');
        const base = optionalString(input, 'base');
        if (wanted !== undefined && wanted !== 'open' && wanted !== 'closed')
          throw new ApiError(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'state', code: 'invalid' }]);
        const newBaseSha = base !== undefined && safeRefName(base) ? await git.refSha(`refs/heads/${base}`) : null;
        if (base !== undefined && !newBaseSha) {
          throw new ApiError(422, 'Validation Failed', [
            { resource: 'PullRequest', field: 'base', code: 'invalid', message: `Proposed base branch '${base}' was not found` },
          ]);
        }
        const nextBase = base ?? pull.baseRef;
        if (wanted === 'open' && pull.state === 'closed') {
          const headSha = await git.refSha(`refs/heads/${pull.headRef}`);
          if (!headSha)
            throw new ApiError(422, 'Validation Failed', [
              {
                resource: 'PullRequest',
                field: 'state',
                code: 'invalid',
                message: 'state cannot be changed. The head branch was deleted.',
              },
            ]);
          if (
            state.pulls.some(
              (other) => other !== pull && other.state === 'open' && other.headRef === pull.headRef && other.baseRef === nextBase,
            )
          ) {
            throw new ApiError(422, 'Validation Failed', [
              { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${pull.headRef}.` },
            ]);
          }
          pull.headSha = headSha;
        }
        if (title !== undefined) pull.title = title;
        if (text !== undefined) pull.body = text;
        if (input.maintainer_can_modify !== undefined) pull.maintainerCanModify = input.maintainer_can_modify === true;
        pull.baseRef = nextBase;
        if (newBaseSha) pull.baseSha = newBaseSha;
        if (wanted !== undefined && wanted !== pull.state) {
          pull.state = wanted;
          pull.closedAt = wanted === 'closed' ? now() : null;
        }
        pull.updatedAt = now();
        return { status: 200, body: await pullJson(pull, true) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/pulls\/(\d+)\/requested_reviewers$/,
      docs: `${DOCS}/pulls/review-requests#request-reviewers-for-a-pull-request`,
      scope: 'pullRequests',
      write: true,
      handle: async ({ params: [number], body }) => {
        const pull = findPull(number);
        const input = jsonObject(body);
        const reviewers = stringList(input.reviewers, 'reviewers');
        const teams = stringList(input.team_reviewers, 'team_reviewers');
        if (reviewers.length === 0 && teams.length === 0)
          throw invalid('Invalid request.\n\n"reviewers" or "team_reviewers" must be supplied.');
        if (reviewers.some((login) => login.toLowerCase() === pull.user.toLowerCase())) {
          throw new ApiError(422, 'Review cannot be requested from pull request author.');
        }
        for (const login of reviewers)
          if (!pull.requestedReviewers.some((known) => known.toLowerCase() === login.toLowerCase())) pull.requestedReviewers.push(login);
        for (const slug of teams) if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug);
        pull.updatedAt = now();
        return { status: 201, body: await pullJson(pull, false) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/pulls\/(\d+)\/reviews$/,
      docs: `${DOCS}/pulls/reviews#list-reviews-for-a-pull-request`,
      scope: 'pullRequests',
      write: false,
      handle: async ({ params: [number], query, path }) => {
        const pull = findPull(number);
        const reviews = pull.reviewedBy.map((login, index) => ({
          id: stableId(`review/${number}/${index}`),
          user: account(login),
          body: '',
          state: 'COMMENTED',
          commit_id: pull.headSha,
        }));
        const listed = page(reviews, query, path);
        return { status: 200, body: listed.items, headers: listed.headers };
      },
    },
    {
      method: 'GET',
      pattern: /^\/issues\/(\d+)$/,
      docs: `${DOCS}/issues/issues#get-an-issue`,
      scope: 'pullRequests',
      write: false,
      handle: async ({ params: [number] }) => ({ status: 200, body: issueJson(findPull(number)) }),
    },
    {
      method: 'POST',
      pattern: /^\/issues\/(\d+)\/labels$/,
      docs: `${DOCS}/issues/labels#add-labels-to-an-issue`,
      scope: 'pullRequests',
      write: true,
      handle: async ({ params: [number], body }) => {
        const pull = findPull(number);
        const names = Array.isArray(body) ? stringList(body, 'labels') : stringList(jsonObject(body).labels, 'labels');
        if (names.length === 0) throw invalid('Invalid request.\n\nNo subschema in "anyOf" matched.');
        for (const name of names) {
          // Labels are matched without regard to case; adding an unknown one creates it, as GitHub does.
          if (!state.labels.has(name.toLowerCase()))
            state.labels.set(name.toLowerCase(), { id: stableId(`label/${name.toLowerCase()}`), name, color: 'ededed', description: null });
          const canonical = state.labels.get(name.toLowerCase())!.name;
          if (!pull.labels.includes(canonical)) pull.labels.push(canonical);
        }
        pull.updatedAt = now();
        return { status: 200, body: pull.labels.map(label) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/issues\/(\d+)\/assignees$/,
      docs: `${DOCS}/issues/assignees#add-assignees-to-an-issue`,
      scope: 'pullRequests',
      write: true,
      handle: async ({ params: [number], body }) => {
        const pull = findPull(number);
        for (const login of stringList(jsonObject(body).assignees, 'assignees')) {
          if (!pull.assignees.some((known) => known.toLowerCase() === login.toLowerCase())) pull.assignees.push(login);
        }
        pull.updatedAt = now();
        return { status: 201, body: issueJson(pull) };
      },
    },
  ];

  async function treeJson(sha: string, recursive: boolean) {
    const entries = await git.listTree(sha, recursive);
    return {
      sha,
      url: `${api()}/git/trees/${sha}`,
      tree: entries.map((entry) => ({
        path: entry.path,
        mode: entry.mode,
        type: entry.type,
        sha: entry.sha,
        ...(entry.type === 'blob' ? { size: entry.size } : {}),
        ...(entry.type === 'commit' ? {} : { url: `${api()}/git/${entry.type}s/${entry.sha}` }),
      })),
      truncated: false,
    };
  }

  async function contents(path: string, ref: string): Promise<Reply> {
    const commit = await resolveCommit(ref);
    if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
    let entry: ListedEntry = { mode: '040000', type: 'tree', sha: (await git.readCommit(commit)).tree, size: null, path: '' };
    for (const part of path === '' ? [] : path.split('/')) {
      if (entry.type !== 'tree') throw notFound();
      const child = (await git.listTree(entry.sha, false)).find((candidate) => candidate.path === part);
      if (!child) throw notFound();
      entry = child;
    }
    const describe = (item: ListedEntry, itemPath: string) => {
      const type = item.type === 'tree' ? 'dir' : item.type === 'commit' ? 'submodule' : item.mode === '120000' ? 'symlink' : 'file';
      const self = `${api()}/contents/${itemPath}?ref=${ref}`;
      const gitUrl = item.type === 'commit' ? null : `${api()}/git/${item.type}s/${item.sha}`;
      const html = `${web}/${item.type === 'tree' ? 'tree' : 'blob'}/${ref}/${itemPath}`;
      return {
        type,
        name: itemPath.split('/').pop() ?? '',
        path: itemPath,
        sha: item.sha,
        size: item.size ?? 0,
        url: self,
        html_url: html,
        git_url: gitUrl,
        download_url: type === 'file' ? `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${itemPath}` : null,
        _links: { self, git: gitUrl, html },
      };
    };
    if (entry.type === 'tree') {
      const children = await git.listTree(entry.sha, false);
      return { status: 200, body: children.map((child) => describe(child, path === '' ? child.path : `${path}/${child.path}`)) };
    }
    const described = describe(entry, path);
    if (entry.type === 'commit') return { status: 200, body: { ...described, submodule_git_url: null } };
    const data = await git.readBlob(entry.sha);
    if (entry.mode === '120000') return { status: 200, body: { ...described, target: data.toString('utf8') } };
    const inline = data.length <= CONTENTS_INLINE_LIMIT;
    return { status: 200, body: { ...described, content: inline ? wrappedBase64(data) : '', encoding: inline ? 'base64' : 'none' } };
  }

  // ---- transport --------------------------------------------------------------------------------------

  const errorBody = (error: ApiError, docs: string) => ({
    message: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
    documentation_url: docs,
    status: String(error.status),
  });

  const dispatch = async (recorded: RecordedRequest): Promise<Reply> => {
    const authorization = recorded.headers.authorization;
    if (!authorization) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS, status: '401' } };
    if (authorization !== `token ${token}` && authorization !== `Bearer ${token}`)
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
    const prefix = `/repos/${owner}/${repo}`.toLowerCase();
    const notFoundReply = { status: 404, body: errorBody(notFound(), DOCS) };
    if (!recorded.path.toLowerCase().startsWith(prefix)) return notFoundReply;
    const rest = recorded.path.slice(prefix.length);
    for (const route of routes) {
      const match = route.method === recorded.method ? route.pattern.exec(rest) : null;
      if (!match) continue;
      const run = async (): Promise<Reply> => {
        try {
          if (route.write && !canWrite[route.scope]) throw new ApiError(403, 'Resource not accessible by integration');
          if (route.whenEmpty && state.empty) throw route.whenEmpty;
          return await route.handle({ params: match.slice(1), query: recorded.query, body: recorded.body, path: recorded.path });
        } catch (error) {
          if (error instanceof ApiError) return { status: error.status, body: errorBody(error, route.docs) };
          throw error;
        }
      };
      return route.write ? state.exclusive(run) : run();
    }
    return notFoundReply;
  };

  const send = (response: ServerResponse, reply: Reply) => {
    if (response.destroyed) return;
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      // A quota that never runs down: a client that honours these headers must not start waiting mid-test.
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...reply.headers,
      'content-length': String(Buffer.byteLength(text)),
    };
    response.writeHead(reply.status, headers);
    response.end(reply.status === 204 ? undefined : text);
  };

  const handle = async (recorded: RecordedRequest, request: IncomingMessage, response: ServerResponse) => {
    const fault = state.takeFault(recorded.method, recorded.path);
    const drop = () => {
      recorded.status = 'reset';
      request.socket.destroy();
    };
    const faultReply = (respond: { status: number; headers?: Record<string, string>; body?: unknown }): Reply => ({
      status: respond.status,
      headers: respond.headers,
      body: respond.body ?? { message: STATUS_CODES[respond.status] ?? 'Error', documentation_url: DOCS, status: String(respond.status) },
    });
    const deliver = (reply: Reply) => {
      if (request.socket.destroyed) return;
      recorded.status = reply.status;
      send(response, reply);
    };
    // The response closes when the client has gone (or the server is closed) before any answer.
    const silence = () =>
      new Promise<void>((resolve) => {
        response.once('close', () => resolve());
        state.onSilent?.(recorded);
      });

    if (fault && !fault.after) {
      if (fault.respond === 'reset') return drop();
      if (fault.respond === 'silent') return silence();
      if ('holdUntil' in fault.respond) {
        await fault.respond.holdUntil;
        if (request.socket.destroyed) return;
      } else return deliver(faultReply(fault.respond));
    }
    const reply = await dispatch(recorded);
    if (!fault?.after) return deliver(reply);
    if (fault.respond === 'reset') return drop();
    if (fault.respond === 'silent') return silence();
    if ('holdUntil' in fault.respond) {
      await fault.respond.holdUntil;
      return deliver(reply);
    }
    return deliver(faultReply(fault.respond));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', origin);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      if (raw !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        path = url.pathname;
      }
      const recorded: RecordedRequest = { method: request.method ?? 'GET', path, query: url.searchParams, headers: request.headers, body };
      state.requests.push(recorded);
      handle(recorded, request, response).catch((error: unknown) => {
        // 501 is a server error no client retries: a fault in this helper fails the test at once, not after back-off.
        recorded.status = 501;
        send(response, {
          status: 501,
          body: { message: `test server fault: ${(error as Error).message}`, documentation_url: DOCS, status: '501' },
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const tip = await state.branchSha(defaultBranch);
  return {
    url: origin,
    token,
    env: {
      GITHUB_API_URL: origin,
      GITHUB_SERVER_URL: 'https://github.com',
      // Nothing here speaks GraphQL; pointing it at this server keeps a stray query off the network.
      GITHUB_GRAPHQL_URL: `${origin}/graphql`,
      GITHUB_REPOSITORY: `${owner}/${repo}`,
      GITHUB_REPOSITORY_OWNER: owner,
      GITHUB_REF: `refs/heads/${defaultBranch}`,
      GITHUB_REF_NAME: defaultBranch,
      GITHUB_ACTOR: ACTIONS_BOT.login,
      ...(tip ? { GITHUB_SHA: tip } : {}),
    },
    state,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      });
      await git.objects.close();
      await git.spawner.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
