/**
 * The loopback GitHub server, driven by the real `@actions/github` client. What it stores is checked with the
 * `git` binary, and tree SHAs against a tree git builds from a checkout of the same files, so the SHAs the
 * server reports are git's own. `@actions/github` reads its base URL when first loaded: the environment is set
 * before the import.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as GitHub from '@actions/github';
import { primaryRateLimit, secondaryRateLimit, startGitHubServer, type GitServer } from './github-git-server.js';

type Octokit = ReturnType<typeof GitHub.getOctokit>;

/** What Octokit throws for an HTTP failure (its RequestError), as far as these tests read it. */
interface HttpFailure {
  status: number;
  message: string;
  response?: { data: { message?: string; errors?: Array<Record<string, string>> }; headers: Record<string, string | undefined> };
}

const OWNER = 'octo-org';
const REPO = 'churn-model';
const repo = { owner: OWNER, repo: REPO };
const INITIAL_FILES = {
  'README.md': '# Churn model\n',
  'models/churn/2026.10.01.1/model.json': '{"weights":[0.25,0.75]}\n',
  'models/churn/2026.10.01.1/card.md': '# Churn 2026.10.01.1\n',
};

let server: GitServer;
let github: Octokit;
let getOctokit: typeof GitHub.getOctokit;
const savedEnv = { ...process.env };
const scratch = mkdtempSync(join(tmpdir(), 'driftgate-git-server-test-'));

beforeAll(async () => {
  server = await startGitHubServer({ owner: OWNER, repo: REPO, files: INITIAL_FILES });
  Object.assign(process.env, server.env);
  ({ getOctokit } = await import('@actions/github'));
  github = getOctokit(server.token);
});

afterAll(async () => {
  await server.close();
  process.env = savedEnv;
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => server.state.reset());

async function failure(call: Promise<unknown>): Promise<HttpFailure> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error as HttpFailure,
  );
  if (!outcome) throw new Error('expected the request to fail, but it succeeded');
  return outcome;
}

/** A blob's SHA as git defines it, computed here without git. */
const blobSha = (content: string | Buffer) => {
  const data = Buffer.from(content);
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${data.length}\0`), data]))
    .digest('hex');
};

const git = async (...args: string[]) => (await server.state.git(...args)).trim();
const mainSha = async () => (await server.state.branchSha('main'))!;

/** A commit through the API on `parent` that writes `files`, the way the publish code commits. */
async function apiCommit(parent: string, files: Record<string, string>, message = 'Update'): Promise<string> {
  const { data: parentCommit } = await github.rest.git.getCommit({ ...repo, commit_sha: parent });
  const { data: tree } = await github.rest.git.createTree({
    ...repo,
    base_tree: parentCommit.tree.sha,
    tree: Object.entries(files).map(([path, content]) => ({ path, mode: '100644' as const, type: 'blob' as const, content })),
  });
  const { data: commit } = await github.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [parent] });
  return commit.sha;
}

/**
 * The tree SHA git itself computes for a checkout of `branch` with `files` written over it (null removes a
 * file, a leading `+x:` marks an executable).
 */
function treeOfCheckout(branch: string, files: Record<string, string | Buffer | null>): string {
  const env = { PATH: process.env.PATH, HOME: scratch, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(scratch, 'none') };
  const work = mkdtempSync(join(scratch, 'checkout-'));
  const run = (...args: string[]) => execFileSync('git', args, { cwd: work, env, encoding: 'utf8' }).trim();
  run('clone', '--quiet', '--branch', branch, server.state.repoPath, '.');
  for (const [path, content] of Object.entries(files)) {
    const target = join(work, path);
    if (content === null) {
      rmSync(target);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const executable = typeof content === 'string' && content.startsWith('+x:');
    writeFileSync(target, executable ? content.slice(3) : content);
    if (executable) chmodSync(target, 0o755);
  }
  run('add', '--all');
  return run('write-tree');
}

describe('repository', () => {
  it('describes the repository and gives the client its environment', async () => {
    const { data } = await github.rest.repos.get(repo);
    expect(data).toMatchObject({
      full_name: `${OWNER}/${REPO}`,
      default_branch: 'main',
      html_url: `https://github.com/${OWNER}/${REPO}`,
      permissions: { push: true, pull: true },
    });
    expect(server.env).toMatchObject({
      GITHUB_API_URL: server.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: await mainSha(),
    });
  });

  it('answers 401 without the token or with another one', async () => {
    const anonymous = await fetch(`${server.url}/repos/${OWNER}/${REPO}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication' });
    const bearer = await fetch(`${server.url}/repos/${OWNER}/${REPO}`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(bearer.status).toBe(200);
    const wrong = await failure(getOctokit('ghs_not-the-token').rest.repos.get(repo));
    expect(wrong.status).toBe(401);
    expect(wrong.message).toMatch(/^Bad credentials/);
  });

  it('answers 404 with GitHub error shape for another repository or an unknown route', async () => {
    const other = await failure(github.rest.repos.get({ owner: OWNER, repo: 'other' }));
    expect(other.status).toBe(404);
    expect(other.response?.data).toEqual({ message: 'Not Found', documentation_url: expect.any(String), status: '404' });
    expect((await failure(github.request('GET /repos/{owner}/{repo}/no-such-endpoint', repo))).status).toBe(404);
  });
});

describe('git data', () => {
  it('orders a tree’s entries as git does, a folder as if its name ended in "/", so git finds nothing wrong with it', async () => {
    const { data: parentCommit } = await github.rest.git.getCommit({ ...repo, commit_sha: await mainSha() });
    // '-' < '.' < '/' < '0': the folder "a" goes between "a.b" and "a0", where a plain name sort would not put it.
    const files = { a0: 'zero\n', 'a/x': 'in the folder\n', 'a.b': 'dotted\n', 'a-': 'dash\n', 'a/b/deeper.txt': 'nested\n' };
    const { data: tree } = await github.rest.git.createTree({
      ...repo,
      base_tree: parentCommit.tree.sha,
      tree: Object.entries(files).map(([path, content]) => ({ path, mode: '100644' as const, type: 'blob' as const, content })),
    });
    expect(tree.sha).toBe(treeOfCheckout('main', files));
    expect(tree.tree.map((entry) => entry.path)).toEqual(['README.md', 'a-', 'a.b', 'a', 'a0', 'models']);
    // Exits non-zero on a badly sorted or malformed object anywhere in the repository.
    await git('fsck', '--strict', '--no-dangling');
  });

  it('writes blobs, a nested tree, a signed commit and a ref whose SHAs are git’s own', async () => {
    const parent = await mainSha();
    const modelJson = '{"weights":[0.3,0.7],"auc":0.91}\n';
    const weights = Buffer.from([0, 1, 2, 253, 254, 255, 10, 13, 0]);

    const { data: textBlob } = await github.rest.git.createBlob({ ...repo, content: modelJson, encoding: 'utf-8' });
    const { data: binaryBlob } = await github.rest.git.createBlob({ ...repo, content: weights.toString('base64'), encoding: 'base64' });
    expect(textBlob.sha).toBe(blobSha(modelJson));
    expect(binaryBlob.sha).toBe(blobSha(weights));
    expect(await git('cat-file', '-t', binaryBlob.sha)).toBe('blob');
    expect(await git('cat-file', 'blob', textBlob.sha)).toBe(modelJson.trim());
    const { data: fetched } = await github.rest.git.getBlob({ ...repo, file_sha: binaryBlob.sha });
    expect(fetched).toMatchObject({ encoding: 'base64', size: weights.length, sha: binaryBlob.sha });
    expect(Buffer.from(fetched.content, 'base64')).toEqual(weights);

    const { data: parentCommit } = await github.rest.git.getCommit({ ...repo, commit_sha: parent });
    const { data: tree } = await github.rest.git.createTree({
      ...repo,
      base_tree: parentCommit.tree.sha,
      tree: [
        { path: 'models/churn/2026.11.30.1/model.json', mode: '100644', type: 'blob', sha: textBlob.sha },
        { path: 'models/churn/2026.11.30.1/weights.bin', mode: '100644', type: 'blob', sha: binaryBlob.sha },
        { path: 'models/churn/2026.11.30.1/card.md', mode: '100644', type: 'blob', content: '# Churn 2026.11.30.1\n' },
        { path: 'scripts/promote.sh', mode: '100755', type: 'blob', content: '#!/bin/sh\necho promote\n' },
      ],
    });
    expect(tree.sha).toBe(
      treeOfCheckout('main', {
        'models/churn/2026.11.30.1/model.json': modelJson,
        'models/churn/2026.11.30.1/weights.bin': weights,
        'models/churn/2026.11.30.1/card.md': '# Churn 2026.11.30.1\n',
        'scripts/promote.sh': '+x:#!/bin/sh\necho promote\n',
      }),
    );
    expect(tree.tree.map((entry) => entry.path)).toEqual(['README.md', 'models', 'scripts']);

    const { data: commit } = await github.rest.git.createCommit({
      ...repo,
      message: 'Publish churn 2026.11.30.1',
      tree: tree.sha,
      parents: [parent],
    });
    expect(commit).toMatchObject({
      tree: { sha: tree.sha },
      parents: [{ sha: parent }],
      author: { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
      verification: { verified: true, reason: 'valid' },
      html_url: `https://github.com/${OWNER}/${REPO}/commit/${commit.sha}`,
    });
    const stored = await git('cat-file', 'commit', commit.sha);
    expect(stored).toContain(`tree ${tree.sha}\nparent ${parent}\n`);
    expect(stored).toContain('gpgsig -----BEGIN PGP SIGNATURE-----');
    expect(commit.verification.payload).toBe(stored.replace(/gpgsig [^]*?-----END PGP SIGNATURE-----\n/, ''));
    expect(await mainSha()).toBe(parent);

    const { data: ref } = await github.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.sha });
    expect(ref).toMatchObject({ ref: 'refs/heads/main', object: { sha: commit.sha, type: 'commit' } });
    expect(await git('rev-parse', 'refs/heads/main')).toBe(commit.sha);
    expect(await git('log', '--format=%s', 'main')).toBe('Publish churn 2026.11.30.1\nInitial commit');
    expect((await git('ls-tree', '-r', '--name-only', 'main')).split('\n')).toEqual([
      'README.md',
      'models/churn/2026.10.01.1/card.md',
      'models/churn/2026.10.01.1/model.json',
      'models/churn/2026.11.30.1/card.md',
      'models/churn/2026.11.30.1/model.json',
      'models/churn/2026.11.30.1/weights.bin',
      'scripts/promote.sh',
    ]);
    expect(await git('fsck', '--strict', '--no-dangling')).toBe('');

    const { data: listing } = await github.rest.git.getTree({ ...repo, tree_sha: tree.sha, recursive: '1' });
    expect(listing.truncated).toBe(false);
    expect(listing.tree).toContainEqual(expect.objectContaining({ path: 'models/churn/2026.11.30.1', type: 'tree', mode: '040000' }));
    expect(listing.tree).toContainEqual(
      expect.objectContaining({ path: 'models/churn/2026.11.30.1/weights.bin', type: 'blob', sha: binaryBlob.sha, size: weights.length }),
    );
    expect(listing.tree).toContainEqual(expect.objectContaining({ path: 'scripts/promote.sh', mode: '100755' }));
    const { data: top } = await github.rest.git.getTree({ ...repo, tree_sha: 'main' });
    expect(top.tree.map((entry) => entry.path)).toEqual(['README.md', 'models', 'scripts']);
  });

  it('creates, lists and deletes refs, refusing one that exists', async () => {
    const sha = await mainSha();
    const { data: created } = await github.rest.git.createRef({ ...repo, ref: 'refs/heads/driftgate/churn', sha });
    expect(created).toMatchObject({ ref: 'refs/heads/driftgate/churn', object: { sha } });
    const again = await failure(github.rest.git.createRef({ ...repo, ref: 'refs/heads/driftgate/churn', sha }));
    expect(again.status).toBe(422);
    expect(again.response?.data.message).toBe('Reference already exists');
    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/driftgate/fraud', sha });

    const { data: matching } = await github.rest.git.listMatchingRefs({ ...repo, ref: 'heads/driftgate/' });
    expect(matching.map((ref) => ref.ref)).toEqual(['refs/heads/driftgate/churn', 'refs/heads/driftgate/fraud']);
    expect((await github.rest.git.listMatchingRefs({ ...repo, ref: 'heads/nothing' })).data).toEqual([]);
    const paged = await github.paginate(github.rest.git.listMatchingRefs, { ...repo, ref: 'heads/', per_page: 1 });
    expect(paged.map((ref) => ref.ref)).toEqual(['refs/heads/driftgate/churn', 'refs/heads/driftgate/fraud', 'refs/heads/main']);
    const pages = server.state.requests.filter((request) => request.path.endsWith('/matching-refs/heads/'));
    expect(pages.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    expect((await failure(github.rest.git.getRef({ ...repo, ref: 'heads/driftgate' }))).status).toBe(404);
    expect((await github.rest.git.getRef({ ...repo, ref: 'heads/driftgate/churn' })).data.object.sha).toBe(sha);

    expect((await github.rest.git.deleteRef({ ...repo, ref: 'heads/driftgate/churn' })).status).toBe(204);
    expect(await server.state.branchSha('driftgate/churn')).toBeUndefined();
    expect((await failure(github.rest.git.getRef({ ...repo, ref: 'heads/driftgate/churn' }))).status).toBe(404);
    const gone = await failure(github.rest.git.deleteRef({ ...repo, ref: 'heads/driftgate/churn' }));
    expect([gone.status, gone.response?.data.message]).toEqual([422, 'Reference does not exist']);
    const missing = await failure(github.rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: 'f'.repeat(40) }));
    expect([missing.status, missing.response?.data.message]).toEqual([422, 'Object does not exist']);
  });

  it('moves a ref only forward unless forced', async () => {
    const base = await mainSha();
    const first = await apiCommit(base, { 'a.txt': 'a\n' });
    const sibling = await apiCommit(base, { 'b.txt': 'b\n' });
    const child = await apiCommit(sibling, { 'c.txt': 'c\n' });
    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/feature', sha: first });

    const refused = await failure(github.rest.git.updateRef({ ...repo, ref: 'heads/feature', sha: sibling }));
    expect([refused.status, refused.response?.data.message]).toEqual([422, 'Update is not a fast forward']);
    expect(await server.state.branchSha('feature')).toBe(first);
    const refusedExplicitly = await failure(github.rest.git.updateRef({ ...repo, ref: 'heads/feature', sha: sibling, force: false }));
    expect(refusedExplicitly.status).toBe(422);

    await github.rest.git.updateRef({ ...repo, ref: 'heads/feature', sha: sibling, force: true });
    expect(await server.state.branchSha('feature')).toBe(sibling);
    await github.rest.git.updateRef({ ...repo, ref: 'heads/feature', sha: child });
    expect(await server.state.branchSha('feature')).toBe(child);

    const noRef = await failure(github.rest.git.updateRef({ ...repo, ref: 'heads/nope', sha: child }));
    expect([noRef.status, noRef.response?.data.message]).toEqual([422, 'Reference does not exist']);
    const noObject = await failure(github.rest.git.updateRef({ ...repo, ref: 'heads/feature', sha: 'e'.repeat(40), force: true }));
    expect([noObject.status, noObject.response?.data.message]).toEqual([422, 'Object does not exist']);
  });

  it('deletes nested paths with sha null, dropping directories left empty, and validates entries', async () => {
    const baseTree = await git('rev-parse', 'main^{tree}');
    const { data: tree } = await github.rest.git.createTree({
      ...repo,
      base_tree: baseTree,
      tree: [
        { path: 'models/churn/2026.10.01.1/model.json', mode: '100644', type: 'blob', sha: null },
        { path: 'models/churn/2026.10.01.1/card.md', mode: '100644', type: 'blob', sha: null },
        { path: 'models/churn/2026.11.30.1/model.json', mode: '100644', type: 'blob', content: '{}\n' },
      ],
    });
    expect((await git('ls-tree', '-r', '-t', '--name-only', tree.sha)).split('\n')).toEqual([
      'README.md',
      'models',
      'models/churn',
      'models/churn/2026.11.30.1',
      'models/churn/2026.11.30.1/model.json',
    ]);
    expect(tree.sha).toBe(
      treeOfCheckout('main', {
        'models/churn/2026.10.01.1/model.json': null,
        'models/churn/2026.10.01.1/card.md': null,
        'models/churn/2026.11.30.1/model.json': '{}\n',
      }),
    );
    const { data: emptied } = await github.rest.git.createTree({
      ...repo,
      base_tree: tree.sha,
      tree: [{ path: 'models/churn/2026.11.30.1/model.json', mode: '100644', type: 'blob', sha: null }],
    });
    expect(await git('ls-tree', '-r', '-t', '--name-only', emptied.sha)).toBe('README.md');

    const rejected = async (entry: Record<string, unknown>) => {
      const outcome = await failure(
        github.request('POST /repos/{owner}/{repo}/git/trees', { ...repo, base_tree: baseTree, tree: [entry] }),
      );
      expect(outcome.status).toBe(422);
      return outcome.response?.data.message;
    };
    expect(await rejected({ path: 'models/none.json', mode: '100644', type: 'blob', sha: null })).toBe('GitRPC::BadObjectState');
    expect(await rejected({ path: 'a.txt', mode: '100644', type: 'blob', sha: blobSha('a'), content: 'a' })).toMatch(
      /^Must supply either tree.sha or tree.content/,
    );
    expect(await rejected({ path: 'a.txt', mode: '100644', type: 'blob' })).toMatch(/^Must supply either tree.sha or tree.content/);
    expect(await rejected({ path: 'a.txt', mode: '100644', type: 'blob', sha: blobSha('never written') })).toMatch(/is not a valid blob/);
    expect(await rejected({ path: '../escape.txt', mode: '100644', type: 'blob', content: 'x' })).toMatch(/malformed path component/);
    expect(await rejected({ path: 'a.txt', mode: '100644', type: 'tree', content: 'x' })).toMatch(/Invalid tree info/);
  });

  it('keeps an explicit author unsigned and answers the commit and compare endpoints', async () => {
    const base = await mainSha();
    const { data: baseCommit } = await github.rest.git.getCommit({ ...repo, commit_sha: base });
    const { data: authored } = await github.rest.git.createCommit({
      ...repo,
      message: 'Retrain churn',
      tree: baseCommit.tree.sha,
      parents: [base],
      author: { name: 'Dana Modeler', email: 'dana@example.com', date: '2026-11-30T09:15:00+01:00' },
    });
    expect(authored).toMatchObject({
      author: { name: 'Dana Modeler', date: '2026-11-30T08:15:00Z' },
      committer: { name: 'Dana Modeler', email: 'dana@example.com' },
      verification: { verified: false, reason: 'unsigned', signature: null },
    });
    expect(await git('cat-file', 'commit', authored.sha)).toContain(
      `author Dana Modeler <dana@example.com> ${Date.parse('2026-11-30T08:15:00Z') / 1000} +0100`,
    );
    expect((await github.rest.git.getCommit({ ...repo, commit_sha: authored.sha })).data).toEqual(authored);
    expect((await failure(github.rest.git.getCommit({ ...repo, commit_sha: 'a'.repeat(40) }))).status).toBe(404);
    const badTree = await failure(github.rest.git.createCommit({ ...repo, message: 'x', tree: 'a'.repeat(40), parents: [base] }));
    expect([badTree.status, badTree.response?.data.message]).toEqual([422, 'Tree SHA does not exist']);
    const badParent = await failure(
      github.rest.git.createCommit({ ...repo, message: 'x', tree: baseCommit.tree.sha, parents: [baseCommit.tree.sha] }),
    );
    expect([badParent.status, badParent.response?.data.message]).toEqual([422, 'Parent SHA does not exist or is not a commit object']);

    const { data: initial } = await github.rest.repos.getCommit({ ...repo, ref: 'main' });
    expect(initial).toMatchObject({
      sha: base,
      parents: [],
      commit: { message: 'Initial commit', verification: { verified: false } },
      stats: { additions: 3, deletions: 0 },
    });
    expect(initial.files?.map((file) => [file.filename, file.status])).toEqual([
      ['README.md', 'added'],
      ['models/churn/2026.10.01.1/card.md', 'added'],
      ['models/churn/2026.10.01.1/model.json', 'added'],
    ]);
    expect((await failure(github.rest.repos.getCommit({ ...repo, ref: 'no-such-branch' }))).status).toBe(422);

    const one = await apiCommit(base, { 'models/churn/2026.11.30.1/model.json': '{}\n' }, 'one');
    const two = await apiCommit(one, { 'models/churn/2026.11.30.1/card.md': '# card\n' }, 'two');
    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/driftgate/churn', sha: two });
    const compare = (basehead: string) =>
      github.rest.repos.compareCommitsWithBasehead({ ...repo, basehead }).then((response) => response.data);

    expect(await compare('main...driftgate/churn')).toMatchObject({
      status: 'ahead',
      ahead_by: 2,
      behind_by: 0,
      total_commits: 2,
      merge_base_commit: { sha: base },
    });
    expect((await compare('main...driftgate/churn')).commits.map((commit) => commit.sha)).toEqual([one, two]);
    expect((await compare('main...driftgate/churn')).files?.map((file) => file.filename)).toEqual([
      'models/churn/2026.11.30.1/card.md',
      'models/churn/2026.11.30.1/model.json',
    ]);
    expect(await compare('driftgate/churn...main')).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 2 });
    expect(await compare('main...main')).toMatchObject({ status: 'identical', ahead_by: 0, behind_by: 0 });
    await server.state.pushCommit('main', { 'README.md': '# Churn model, edited by hand\n' }, 'Edit README');
    expect(await compare(`main...${OWNER}:driftgate/churn`)).toMatchObject({
      status: 'diverged',
      ahead_by: 2,
      behind_by: 1,
      merge_base_commit: { sha: base },
    });
    expect((await failure(compare('main...nowhere'))).status).toBe(404);
  });

  it('serves file and directory contents at a ref', async () => {
    const { data: file } = await github.rest.repos.getContent({ ...repo, path: 'models/churn/2026.10.01.1/model.json' });
    if (Array.isArray(file) || file.type !== 'file') throw new Error('expected a file');
    expect(file).toMatchObject({
      name: 'model.json',
      path: 'models/churn/2026.10.01.1/model.json',
      encoding: 'base64',
      sha: blobSha(INITIAL_FILES['models/churn/2026.10.01.1/model.json']),
    });
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(INITIAL_FILES['models/churn/2026.10.01.1/model.json']);

    const { data: directory } = await github.rest.repos.getContent({ ...repo, path: 'models/churn/2026.10.01.1' });
    if (!Array.isArray(directory)) throw new Error('expected a directory listing');
    expect(directory.map((entry) => [entry.name, entry.type])).toEqual([
      ['card.md', 'file'],
      ['model.json', 'file'],
    ]);
    const { data: root } = await github.rest.repos.getContent({ ...repo, path: '' });
    expect(Array.isArray(root) && root.map((entry) => [entry.path, entry.type])).toEqual([
      ['README.md', 'file'],
      ['models', 'dir'],
    ]);

    await server.state.pushCommit('driftgate/churn', { 'README.md': '# On the branch\n' }, 'Branch edit');
    const atBranch = await github.rest.repos.getContent({ ...repo, path: 'README.md', ref: 'driftgate/churn' });
    expect(Buffer.from((atBranch.data as { content: string }).content, 'base64').toString('utf8')).toBe('# On the branch\n');
    const atMain = await github.rest.repos.getContent({ ...repo, path: 'README.md' });
    expect(Buffer.from((atMain.data as { content: string }).content, 'base64').toString('utf8')).toBe(INITIAL_FILES['README.md']);

    expect((await failure(github.rest.repos.getContent({ ...repo, path: 'models/missing.json' }))).status).toBe(404);
    const noRef = await failure(github.rest.repos.getContent({ ...repo, path: 'README.md', ref: 'no-such-branch' }));
    expect([noRef.status, noRef.response?.data.message]).toEqual([404, 'No commit found for the ref no-such-branch']);
  });
});

describe('pull requests', () => {
  const open = (head: string, extra: Record<string, unknown> = {}) =>
    github.rest.pulls.create({ ...repo, head, base: 'main', title: `Publish ${head}`, body: 'New model version', ...extra });

  it('opens one per head and base, refuses a duplicate or an empty one, and lists by head', async () => {
    const headSha = await server.state.pushCommit('driftgate/churn', { 'models/churn/2026.11.30.1/model.json': '{}\n' }, 'Publish');
    const { data: created } = await open('driftgate/churn', { draft: true });
    expect(created).toMatchObject({
      number: 1,
      state: 'open',
      draft: true,
      title: 'Publish driftgate/churn',
      body: 'New model version',
      head: { ref: 'driftgate/churn', sha: headSha, label: `${OWNER}:driftgate/churn` },
      base: { ref: 'main', sha: await mainSha() },
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: `https://github.com/${OWNER}/${REPO}/pull/1`,
      labels: [],
      requested_reviewers: [],
      commits: 1,
      changed_files: 1,
      merged: false,
    });

    const duplicate = await failure(open(`${OWNER}:driftgate/churn`));
    expect(duplicate.status).toBe(422);
    expect(duplicate.response?.data.errors).toEqual([
      { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${OWNER}:driftgate/churn.` },
    ]);
    expect(duplicate.message).toContain('A pull request already exists');

    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/nothing-new', sha: await mainSha() });
    const empty = await failure(open('nothing-new'));
    expect([empty.status, empty.response?.data.errors?.[0].message]).toEqual([422, 'No commits between main and nothing-new']);
    const noBranch = await failure(open('no-such-branch'));
    expect([noBranch.status, noBranch.response?.data.errors?.[0]]).toEqual([
      422,
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);

    await server.state.pushCommit('driftgate/fraud', { 'models/fraud/model.json': '{}\n' }, 'Publish fraud');
    await open('driftgate/fraud');
    const numbers = async (query: Record<string, string>) =>
      (await github.rest.pulls.list({ ...repo, ...query })).data.map((pull) => pull.number);
    expect(await numbers({ head: `${OWNER}:driftgate/churn` })).toEqual([1]);
    expect(await numbers({ head: `${OWNER}:driftgate/churn`, base: 'other' })).toEqual([]);
    // GitHub ignores a head filter without the owner and lists everything.
    expect(await numbers({ head: 'driftgate/churn' })).toEqual([2, 1]);
    expect(await numbers({ state: 'closed' })).toEqual([]);
  });

  it('updates, closes and reopens a pull request', async () => {
    await server.state.pushCommit('driftgate/churn', { 'a.txt': 'a\n' }, 'Publish');
    await server.state.pushCommit('release', { 'r.txt': 'r\n' }, 'Release branch');
    const { data: created } = await open('driftgate/churn');
    const pull_number = created.number;

    const { data: updated } = await github.rest.pulls.update({
      ...repo,
      pull_number,
      title: 'Publish churn 2026.11.30.1',
      body: 'Updated body',
      base: 'release',
    });
    expect(updated).toMatchObject({ title: 'Publish churn 2026.11.30.1', body: 'Updated body', base: { ref: 'release' } });
    await github.rest.pulls.update({ ...repo, pull_number, state: 'closed' });
    expect((await github.rest.pulls.get({ ...repo, pull_number })).data).toMatchObject({ state: 'closed', closed_at: expect.any(String) });
    expect((await github.rest.pulls.list(repo)).data).toEqual([]);
    expect((await github.rest.pulls.list({ ...repo, state: 'all' })).data.map((pull) => pull.number)).toEqual([pull_number]);
    await github.rest.pulls.update({ ...repo, pull_number, state: 'open' });
    expect((await github.rest.pulls.get({ ...repo, pull_number })).data).toMatchObject({ state: 'open', closed_at: null });
    const badBase = await failure(github.rest.pulls.update({ ...repo, pull_number, base: 'no-such-branch' }));
    expect(badBase.status).toBe(422);
    expect((await failure(github.rest.pulls.get({ ...repo, pull_number: 99 }))).status).toBe(404);
  });

  it('adds labels, assignees and reviewers', async () => {
    await server.state.pushCommit('driftgate/churn', { 'a.txt': 'a\n' }, 'Publish');
    const { data: created } = await open('driftgate/churn');
    const issue_number = created.number;

    const { data: labels } = await github.rest.issues.addLabels({ ...repo, issue_number, labels: ['model-update', 'churn'] });
    expect(labels.map((label) => label.name)).toEqual(['model-update', 'churn']);
    const { data: again } = await github.rest.issues.addLabels({ ...repo, issue_number, labels: ['Model-Update', 'needs-review'] });
    expect(again.map((label) => label.name)).toEqual(['model-update', 'churn', 'needs-review']);

    const { data: assigned } = await github.rest.issues.addAssignees({ ...repo, issue_number, assignees: ['dana'] });
    expect(assigned.assignees?.map((user) => user.login)).toEqual(['dana']);

    const { data: requested } = await github.rest.pulls.requestReviewers({
      ...repo,
      pull_number: issue_number,
      reviewers: ['ml-lead'],
      team_reviewers: ['ml-platform'],
    });
    expect(requested.requested_reviewers?.map((user) => user.login)).toEqual(['ml-lead']);
    expect(requested.requested_teams?.map((team) => team.slug)).toEqual(['ml-platform']);
    const self = await failure(
      github.rest.pulls.requestReviewers({ ...repo, pull_number: issue_number, reviewers: ['github-actions[bot]'] }),
    );
    expect([self.status, self.response?.data.message]).toEqual([422, 'Review cannot be requested from pull request author.']);

    const { data: issue } = await github.rest.issues.get({ ...repo, issue_number });
    expect(issue).toMatchObject({
      number: issue_number,
      state: 'open',
      pull_request: { url: `${server.url}/repos/${OWNER}/${REPO}/pulls/${issue_number}` },
    });
    expect(issue.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([
      'model-update',
      'churn',
      'needs-review',
    ]);
    expect(
      (await github.rest.pulls.get({ ...repo, pull_number: issue_number })).data.requested_reviewers?.map((user) => user.login),
    ).toEqual(['ml-lead']);
  });

  it('follows pushes to the head branch and closes when it is deleted', async () => {
    await server.state.pushCommit('driftgate/churn', { 'a.txt': 'a\n' }, 'Publish');
    const { data: created } = await open('driftgate/churn');
    const pushed = await server.state.pushCommit('driftgate/churn', { 'a.txt': 'a, by hand\n' }, 'Fix by hand');
    expect((await github.rest.pulls.get({ ...repo, pull_number: created.number })).data).toMatchObject({
      head: { sha: pushed },
      commits: 2,
    });
    await github.rest.git.deleteRef({ ...repo, ref: 'heads/driftgate/churn' });
    expect((await github.rest.pulls.get({ ...repo, pull_number: created.number })).data.state).toBe('closed');
  });
});

describe('fault injection', () => {
  it('answers with an injected status a set number of times, for the method asked', async () => {
    server.state.injectFault({ method: 'POST', path: /\/git\/blobs$/, times: 2, respond: { status: 502 } });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await failure(github.rest.git.createBlob({ ...repo, content: 'x' }))).status).toBe(502);
    }
    expect((await github.rest.git.createBlob({ ...repo, content: 'x' })).data.sha).toBe(blobSha('x'));
    expect(server.state.requests.map((request) => request.status)).toEqual([502, 502, 201]);

    server.state.injectFault({ method: 'GET', path: /\/git\/ref\/heads\/main$/, respond: { status: 500 } });
    await github.rest.git.createRef({ ...repo, ref: 'refs/heads/unaffected', sha: await mainSha() });
    expect((await failure(github.rest.git.getRef({ ...repo, ref: 'heads/main' }))).status).toBe(500);
  });

  it('sends rate-limit answers with their headers', async () => {
    server.state.injectFault({ path: /\/pulls$/, respond: { status: 429, headers: { 'retry-after': '7' } } });
    const tooMany = await failure(github.rest.pulls.list(repo));
    expect([tooMany.status, tooMany.response?.headers['retry-after']]).toEqual([429, '7']);

    server.state.injectFault({ path: /\/pulls$/, respond: secondaryRateLimit(30) });
    const secondary = await failure(github.rest.pulls.list(repo));
    expect([secondary.status, secondary.response?.headers['retry-after']]).toEqual([403, '30']);
    expect(secondary.message).toMatch(/secondary rate limit/);

    server.state.injectFault({ path: /\/pulls$/, respond: primaryRateLimit(120) });
    const primary = await failure(github.rest.pulls.list(repo));
    expect([primary.status, primary.response?.headers['x-ratelimit-remaining']]).toEqual([403, '0']);
    expect(Number(primary.response?.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });

  it('resets the connection, before or after doing the work', async () => {
    server.state.injectFault({ path: /\/git\/refs$/, respond: 'reset' });
    const reset = await failure(github.rest.git.createRef({ ...repo, ref: 'refs/heads/reset-before', sha: await mainSha() }));
    expect(reset.status).toBe(500);
    expect(await server.state.branchSha('reset-before')).toBeUndefined();

    server.state.injectFault({ path: /\/git\/refs$/, respond: 'reset', after: true });
    await failure(github.rest.git.createRef({ ...repo, ref: 'refs/heads/reset-after', sha: await mainSha() }));
    expect(await server.state.branchSha('reset-after')).toBe(await mainSha());
    expect(server.state.requests.map((request) => request.status)).toEqual(['reset', 'reset']);
  });

  it('fails the response after the write happened', async () => {
    const next = await apiCommit(await mainSha(), { 'a.txt': 'a\n' });
    server.state.injectFault({ method: 'PATCH', path: /\/git\/refs\/heads\/main$/, respond: { status: 502 }, after: true });
    expect((await failure(github.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: next }))).status).toBe(502);
    expect(await mainSha()).toBe(next);
    // Repeating the same update is a no-op fast forward, so a retry after such a failure succeeds.
    expect((await github.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: next })).data.object.sha).toBe(next);
  });

  it('meets a request with silence until the client gives up, before doing it or after', async () => {
    // The client gives up when the server says it is holding the request: where its timer would run out.
    const givingUp = () => {
      const controller = new AbortController();
      server.state.onSilent = () => controller.abort();
      return { request: { signal: controller.signal } };
    };
    try {
      server.state.injectFault({ path: /\/git\/refs$/, respond: 'silent' });
      await failure(github.rest.git.createRef({ ...repo, ref: 'refs/heads/silent-before', sha: await mainSha(), ...givingUp() }));
      server.state.injectFault({ path: /\/git\/refs$/, respond: 'silent', after: true });
      await failure(github.rest.git.createRef({ ...repo, ref: 'refs/heads/silent-after', sha: await mainSha(), ...givingUp() }));
    } finally {
      server.state.onSilent = undefined;
    }
    expect(await server.state.branchSha('silent-before')).toBeUndefined();
    expect(await server.state.branchSha('silent-after')).toBe(await mainSha());
    expect(server.state.requests.map((request) => request.status)).toEqual([undefined, undefined]);
  });

  it('holds a request until the test lets it go, before doing it or after', async () => {
    const held = () => {
      let release!: () => void;
      const holdUntil = new Promise<void>((resolve) => (release = resolve));
      return { holdUntil, release };
    };
    const arrived = async (count: number) => {
      while (server.state.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const patient = held();
    server.state.injectFault({ path: /\/git\/refs$/, respond: { holdUntil: patient.holdUntil } });
    const creating = github.rest.git.createRef({ ...repo, ref: 'refs/heads/held', sha: await mainSha() });
    await arrived(1);
    expect(await server.state.branchSha('held')).toBeUndefined();
    patient.release();
    expect((await creating).status).toBe(201);
    expect(await server.state.branchSha('held')).toBe(await mainSha());

    const doneFirst = held();
    server.state.injectFault({ path: /\/git\/refs$/, respond: { holdUntil: doneFirst.holdUntil }, after: true });
    const answerLater = github.rest.git.createRef({ ...repo, ref: 'refs/heads/held-after', sha: await mainSha() });
    await arrived(2);
    while ((await server.state.branchSha('held-after')) === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    doneFirst.release();
    expect((await answerLater).status).toBe(201);
  });
});

describe('concurrent writers', () => {
  it('lets exactly one of two racing fast-forward updates win', async () => {
    const base = await mainSha();
    const [left, right] = [await apiCommit(base, { 'left.txt': 'l\n' }), await apiCommit(base, { 'right.txt': 'r\n' })];
    const outcomes = await Promise.allSettled([left, right].map((sha) => github.rest.git.updateRef({ ...repo, ref: 'heads/main', sha })));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as HttpFailure).response?.data.message).toBe('Update is not a fast forward');
    expect([left, right]).toContain(await mainSha());
  });

  it('creates a ref once however many clients race for it', async () => {
    const sha = await mainSha();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => github.rest.git.createRef({ ...repo, ref: 'refs/heads/race', sha })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });

  it('opens one pull request however many clients race for it', async () => {
    await server.state.pushCommit('driftgate/churn', { 'a.txt': 'a\n' }, 'Publish');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => github.rest.pulls.create({ ...repo, head: 'driftgate/churn', base: 'main', title: 'Publish' })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(server.state.pulls).toHaveLength(1);
  });
});

describe('token permissions and repository settings', () => {
  const others: GitServer[] = [];
  const client = async (options: Parameters<typeof startGitHubServer>[0]) => {
    const other = await startGitHubServer(options);
    others.push(other);
    return { other, octokit: getOctokit(other.token, { baseUrl: other.url }) };
  };
  afterAll(() => Promise.all(others.map((other) => other.close())));

  it('refuses writes the token may not make', async () => {
    const { octokit } = await client({ owner: OWNER, repo: REPO, permissions: { contents: 'read', pullRequests: 'read' } });
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).status).toBe(200);
    const blob = await failure(octokit.rest.git.createBlob({ ...repo, content: 'x' }));
    expect([blob.status, blob.response?.data.message]).toEqual([403, 'Resource not accessible by integration']);
    expect((await octokit.rest.repos.get(repo)).data.permissions).toMatchObject({ push: false, pull: true });
  });

  it('refuses to open pull requests when Actions may not', async () => {
    const { other, octokit } = await client({ owner: OWNER, repo: REPO, actionsCanCreatePullRequests: false });
    await other.state.pushCommit('driftgate/churn', { 'a.txt': 'a\n' }, 'Publish');
    const refused = await failure(octokit.rest.pulls.create({ ...repo, head: 'driftgate/churn', base: 'main', title: 'Publish' }));
    expect([refused.status, refused.response?.data.message]).toEqual([
      403,
      'GitHub Actions is not permitted to create or approve pull requests.',
    ]);
  });

  it('answers 409 from the Git Data API while the repository is empty', async () => {
    const { other, octokit } = await client({ owner: OWNER, repo: REPO, defaultBranch: 'trunk', files: {} });
    expect(other.env.GITHUB_REF).toBe('refs/heads/trunk');
    const ref = await failure(octokit.rest.git.getRef({ ...repo, ref: 'heads/trunk' }));
    expect([ref.status, ref.response?.data.message]).toEqual([409, 'Git Repository is empty.']);
    expect((await failure(octokit.rest.git.createBlob({ ...repo, content: 'x' }))).status).toBe(409);
    expect((await failure(octokit.rest.repos.getContent({ ...repo, path: 'README.md' }))).status).toBe(404);
    await other.state.pushCommit('trunk', { 'README.md': 'hi\n' }, 'First');
    expect((await octokit.rest.repos.get(repo)).data.default_branch).toBe('trunk');
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'heads/trunk' })).data.object.sha).toBe(await other.state.branchSha('trunk'));
  });
});
