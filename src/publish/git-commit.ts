/**
 * Reading and writing the repository through GitHub's REST API alone (contents, compare and the Git Data
 * API: blobs, trees, commits, refs), so the action needs no checkout and no git binary. A commit made this
 * way without an author or committer is made by the token's identity and signed by GitHub, so it shows as
 * Verified for GITHUB_TOKEN and GitHub App tokens.
 */
import { createHash } from 'node:crypto';
import type { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repository {
  owner: string;
  repo: string;
}

export interface CommitInfo {
  sha: string;
  treeSha: string;
  parents: string[];
  message: string;
}

export interface BranchComparison {
  /** Commits on the branch that the base does not have. */
  aheadBy: number;
  /** Commits on the base that the branch does not have. */
  behindBy: number;
  /** What the branch changed since it left the base; undefined when GitHub cut the list short. */
  changedFiles?: Array<{ path: string; removed: boolean; blobSha?: string }>;
}

export interface FileToWrite {
  /** Path in the repository, `/`-separated. */
  path: string;
  content: Buffer;
}

/** GitHub lists at most 300 files in a comparison; a list that long may be cut. */
const COMPARE_FILE_LIMIT = 300;

/** Blobs go up a few at a time: faster than one by one, gentler than all at once for the secondary rate limit. */
const BLOB_UPLOADS_AT_ONCE = 4;

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export async function defaultBranch(client: GitHubClient, repository: Repository): Promise<string> {
  const { data } = await client.rest.repos.get({ ...repository });
  return data.default_branch;
}

/** The commit a branch points at, or undefined when there is no such branch. */
export async function branchHead(client: GitHubClient, repository: Repository, branch: string): Promise<string | undefined> {
  try {
    const { data } = await client.rest.git.getRef({ ...repository, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

export async function readCommit(client: GitHubClient, repository: Repository, sha: string): Promise<CommitInfo> {
  const { data } = await client.rest.git.getCommit({ ...repository, commit_sha: sha });
  return { sha: data.sha, treeSha: data.tree.sha, parents: data.parents.map((parent) => parent.sha), message: data.message };
}

/** A file's bytes at a commit, or undefined when the commit has no file there. */
export async function readFileAt(
  client: GitHubClient,
  repository: Repository,
  commitSha: string,
  path: string,
): Promise<Buffer | undefined> {
  const found = await fileAt(client, repository, commitSha, path);
  if (!found) return undefined;
  // The contents endpoint inlines files up to 1 MB; larger ones come through the blob endpoint.
  if (found.content !== undefined) return Buffer.from(found.content, 'base64');
  const { data } = await client.rest.git.getBlob({ ...repository, file_sha: found.sha });
  return Buffer.from(data.content, 'base64');
}

/** The git blob SHA of a file at a commit, or undefined when there is none. */
export async function blobShaAt(
  client: GitHubClient,
  repository: Repository,
  commitSha: string,
  path: string,
): Promise<string | undefined> {
  return (await fileAt(client, repository, commitSha, path))?.sha;
}

async function fileAt(
  client: GitHubClient,
  repository: Repository,
  commitSha: string,
  path: string,
): Promise<{ sha: string; content?: string } | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({ ...repository, path, ref: commitSha });
    if (Array.isArray(data) || data.type !== 'file') return undefined;
    const inline = data.content && data.encoding === 'base64' ? data.content : data.size === 0 ? '' : undefined;
    return { sha: data.sha, content: inline };
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

export async function compareBranches(
  client: GitHubClient,
  repository: Repository,
  baseSha: string,
  headSha: string,
): Promise<BranchComparison> {
  const { data } = await client.rest.repos.compareCommitsWithBasehead({ ...repository, basehead: `${baseSha}...${headSha}` });
  const files = data.files ?? [];
  const complete = files.length < COMPARE_FILE_LIMIT;
  return {
    aheadBy: data.ahead_by,
    behindBy: data.behind_by,
    changedFiles: complete
      ? files.map((file) => ({ path: file.filename, removed: file.status === 'removed', blobSha: file.sha ?? undefined }))
      : undefined,
  };
}

/** The SHA git gives a blob: SHA-1 of `blob <size>\0<content>`. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * Blobs already sent in this run, by git SHA: a retry of the whole publish on a moved branch does not send
 * them again.
 */
export type UploadedBlobs = Set<string>;

/** Sends the files as blobs, then a tree on `baseTree` and a commit on `parents`; returns the commit SHA. */
export async function writeCommit(
  client: GitHubClient,
  repository: Repository,
  commit: { parents: string[]; baseTree: string; files: readonly FileToWrite[]; message: string },
  uploaded: UploadedBlobs,
): Promise<string> {
  const entries = commit.files.map((file) => ({ path: file.path, content: file.content, sha: gitBlobSha(file.content) }));
  const pending = entries.filter((entry) => !uploaded.has(entry.sha));
  for (let start = 0; start < pending.length; start += BLOB_UPLOADS_AT_ONCE) {
    await Promise.all(pending.slice(start, start + BLOB_UPLOADS_AT_ONCE).map((entry) => uploadBlob(client, repository, entry, uploaded)));
  }
  const { data: tree } = await client.rest.git.createTree({
    ...repository,
    base_tree: commit.baseTree,
    tree: entries.map((entry) => ({ path: entry.path, mode: '100644' as const, type: 'blob' as const, sha: entry.sha })),
  });
  // No author or committer: GitHub then signs the commit as the token's identity (Verified).
  const { data } = await client.rest.git.createCommit({ ...repository, message: commit.message, tree: tree.sha, parents: commit.parents });
  return data.sha;
}

async function uploadBlob(
  client: GitHubClient,
  repository: Repository,
  entry: { path: string; content: Buffer; sha: string },
  uploaded: UploadedBlobs,
): Promise<void> {
  const { data } = await client.rest.git.createBlob({ ...repository, content: entry.content.toString('base64'), encoding: 'base64' });
  // Git names a blob by its content, so a different name means different bytes arrived.
  if (data.sha !== entry.sha)
    throw new Error(`GitHub stored ${entry.path} as blob ${data.sha}, but its content hashes to ${entry.sha}; the upload was altered`);
  uploaded.add(entry.sha);
}

/** Creates the branch at `sha`; false when it already exists (another run, or an earlier attempt, made it). */
export async function createBranch(client: GitHubClient, repository: Repository, branch: string, sha: string): Promise<boolean> {
  try {
    await client.rest.git.createRef({ ...repository, ref: `refs/heads/${branch}`, sha });
    return true;
  } catch (error) {
    if (httpStatus(error) === 422) return false;
    throw error;
  }
}

/**
 * Moves the branch to `sha`. Without `force`, GitHub accepts only a fast-forward, so a commit someone
 * pushed meanwhile is never lost: false tells the caller to build again on the new head.
 */
export async function moveBranch(
  client: GitHubClient,
  repository: Repository,
  branch: string,
  sha: string,
  force: boolean,
): Promise<boolean> {
  try {
    await client.rest.git.updateRef({ ...repository, ref: `heads/${branch}`, sha, force });
    return true;
  } catch (error) {
    if (httpStatus(error) === 422) return false;
    throw error;
  }
}
