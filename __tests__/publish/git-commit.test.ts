/**
 * The Git Data API calls against the loopback GitHub, whose objects are written by git itself: what the
 * client computes locally (blob SHAs) must agree with git, and ref moves must behave as GitHub's do.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  blobShaAt,
  branchHead,
  compareBranches,
  createBranch,
  defaultBranch,
  gitBlobSha,
  moveBranch,
  readCommit,
  readFileAt,
  writeCommit,
  type GitHubClient,
  type Repository,
} from '../../src/publish/git-commit.js';
import { startGitHubServer, type GitServer } from '../servers/github-git-server.js';
import { clientFor } from './fixtures.js';

let server: GitServer;
let client: GitHubClient;
let repository: Repository;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await startGitHubServer({ owner: 'octo-org', repo: 'churn-model', defaultBranch: 'main' });
  Object.assign(process.env, server.env);
  client = await clientFor(server);
  repository = { owner: 'octo-org', repo: 'churn-model' };
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
});

beforeEach(() => server.state.reset());

const mainHead = async () => (await server.state.branchSha('main'))!;

describe('reading', () => {
  it('finds branches, commits and files, and says when there are none', async () => {
    expect(await defaultBranch(client, repository)).toBe('main');
    expect(await branchHead(client, repository, 'main')).toBe(await mainHead());
    expect(await branchHead(client, repository, 'no/such-branch')).toBeUndefined();
    const commit = await readCommit(client, repository, await mainHead());
    expect(commit.parents).toEqual([]);
    expect(commit.message).toContain('Initial commit');
    expect((await readFileAt(client, repository, await mainHead(), 'README.md'))?.toString()).toBe('# churn-model\n');
    expect(await readFileAt(client, repository, await mainHead(), 'models/churn/index.json')).toBeUndefined();
  });

  it('reads a file over the contents API’s 1 MB inline limit through its blob', async () => {
    const large = randomBytes(1024 * 1024 + 10);
    const sha = await server.state.pushCommit('main', { 'big.bin': large }, 'Add a large file');
    expect((await readFileAt(client, repository, sha, 'big.bin'))?.equals(large)).toBe(true);
    expect(await blobShaAt(client, repository, sha, 'big.bin')).toBe(gitBlobSha(large));
  });

  it('compares a branch with the base', async () => {
    const base = await mainHead();
    const tip = await server.state.pushCommit('feature', { 'a.txt': 'a' }, 'On the branch');
    await server.state.pushCommit('main', { 'b.txt': 'b' }, 'On main');
    const comparison = await compareBranches(client, repository, await mainHead(), tip);
    expect(comparison).toEqual({
      aheadBy: 1,
      behindBy: 1,
      changedFiles: [{ path: 'a.txt', removed: false, blobSha: gitBlobSha(Buffer.from('a')) }],
    });
    expect((await compareBranches(client, repository, tip, base)).aheadBy).toBe(0);
  });
});

describe('writing', () => {
  it('commits files on a base tree without author or committer, so GitHub signs it', async () => {
    const uploaded = new Set<string>();
    const files = [
      { path: 'models/churn/1/model/model.bin', content: randomBytes(5000) },
      { path: 'models/churn/index.json', content: Buffer.from('{}\n') },
    ];
    const parent = await readCommit(client, repository, await mainHead());
    const sha = await writeCommit(
      client,
      repository,
      { parents: [parent.sha], baseTree: parent.treeSha, files, message: 'Publish' },
      uploaded,
    );
    expect((await server.state.git('ls-tree', '-r', '--name-only', sha)).trim().split('\n')).toEqual([
      'README.md',
      'models/churn/1/model/model.bin',
      'models/churn/index.json',
    ]);
    expect(await server.state.git('cat-file', 'blob', `${sha}:models/churn/1/model/model.bin`)).toBeDefined();
    const commitRequest = server.state.requests.find((request) => request.method === 'POST' && request.path.endsWith('/git/commits'));
    expect(commitRequest?.body).not.toHaveProperty('author');
    expect(commitRequest?.body).not.toHaveProperty('committer');
    const { data } = await client.rest.git.getCommit({ ...repository, commit_sha: sha });
    expect(data.verification?.verified).toBe(true);
    expect([...uploaded].sort()).toEqual(files.map((file) => gitBlobSha(file.content)).sort());
  });

  it('does not send a blob twice within one run', async () => {
    const uploaded = new Set<string>();
    const parent = await readCommit(client, repository, await mainHead());
    const files = [{ path: 'x.bin', content: Buffer.from('same') }];
    await writeCommit(client, repository, { parents: [parent.sha], baseTree: parent.treeSha, files, message: 'one' }, uploaded);
    await writeCommit(client, repository, { parents: [parent.sha], baseTree: parent.treeSha, files, message: 'two' }, uploaded);
    expect(server.state.requests.filter((request) => request.path.endsWith('/git/blobs'))).toHaveLength(1);
  });

  it('creates a branch once, and moves it only fast-forward unless forced', async () => {
    const parent = await readCommit(client, repository, await mainHead());
    const commit = (message: string, parents: string[]) =>
      writeCommit(
        client,
        repository,
        { parents, baseTree: parent.treeSha, files: [{ path: `${message}.txt`, content: Buffer.from(message) }], message },
        new Set(),
      );
    const first = await commit('first', [parent.sha]);
    expect(await createBranch(client, repository, 'driftgate/churn', first)).toBe(true);
    expect(await createBranch(client, repository, 'driftgate/churn', first)).toBe(false);
    const sibling = await commit('sibling', [parent.sha]);
    expect(await moveBranch(client, repository, 'driftgate/churn', sibling, false)).toBe(false);
    expect(await server.state.branchSha('driftgate/churn')).toBe(first);
    const child = await commit('child', [first]);
    expect(await moveBranch(client, repository, 'driftgate/churn', child, false)).toBe(true);
    expect(await moveBranch(client, repository, 'driftgate/churn', sibling, true)).toBe(true);
    expect(await server.state.branchSha('driftgate/churn')).toBe(sibling);
  });

  it('refuses a blob whose stored name does not match its content', async () => {
    server.state.injectFault({ method: 'POST', path: /\/git\/blobs$/, respond: { status: 201, body: { sha: '0'.repeat(40) } } });
    const parent = await readCommit(client, repository, await mainHead());
    await expect(
      writeCommit(
        client,
        repository,
        { parents: [parent.sha], baseTree: parent.treeSha, files: [{ path: 'a', content: Buffer.from('a') }], message: 'm' },
        new Set(),
      ),
    ).rejects.toThrow(/the upload was altered/);
  });
});
