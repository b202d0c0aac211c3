/**
 * Fetching the baseline from a workflow artifact: of this run, of a given run, or of the newest successful
 * run of a workflow on a branch. The archive is downloaded as it is and extracted by our own safe
 * extractor (the client's built-in extraction does not stop entries escaping the target directory).
 */
import { DefaultArtifactClient, ArtifactNotFoundError } from '@actions/artifact';
import * as github from '@actions/github';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { dataExtensions, GZIP, isDataFile } from '../io/formats.js';
import { extractZip } from '../io/unzip.js';
import { GitHubUnavailableError, retryOnPassingFailures } from '../github/retry.js';
import type { BaselineArtifact } from './inputs.js';
import { logLine } from '../github/log.js';
import { redactingLog } from '../github/secrets.js';

/** Downloads and extracts the artifact; returns the data files it holds. */
export async function downloadBaseline(artifact: BaselineArtifact, token: string): Promise<string[]> {
  const client = new DefaultArtifactClient();
  const work = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'driftgate-baseline-'));
  const archiveDir = join(work, 'archive');
  const { owner, repo } = github.context.repo;
  let id: number;
  let digest: string | undefined;
  let findBy: { token: string; workflowRunId: number; repositoryOwner: string; repositoryName: string } | undefined;
  let where: string;

  if (artifact.runId === undefined) {
    where = `this workflow run (${github.context.runId})`;
    try {
      ({ id, digest } = (await client.getArtifact(artifact.name)).artifact);
    } catch (error) {
      if (error instanceof ArtifactNotFoundError) {
        throw new InputError(
          `no artifact named ${JSON.stringify(artifact.name)} in ${where}. Upload it in an earlier job of this run (actions/upload-artifact), or set baseline-run-id to a run that has it (a run id, or "latest" with baseline-workflow).`,
        );
      }
      throw error;
    }
  } else {
    if (!token)
      throw new InputError('github-token is required to read artifacts of another workflow run (it needs the actions: read permission)');
    // @actions/github retries nothing; the plugin does, and logs each retry as a plain line.
    const octokit = github.getOctokit(token, { log: redactingLog }, retryOnPassingFailures);
    const runId =
      artifact.runId === 'latest' ? await latestSuccessfulRun(octokit, owner, repo, artifact.workflow!, artifact.branch) : artifact.runId;
    where = `workflow run ${runId} of ${owner}/${repo}`;
    ({ id, digest } = await findArtifactInRun(octokit, owner, repo, runId, artifact.name, where));
    findBy = { token, workflowRunId: runId, repositoryOwner: owner, repositoryName: repo };
  }

  logLine(`Downloading artifact ${JSON.stringify(artifact.name)} (id ${id}) from ${where}`);
  const { digestMismatch } = await client.downloadArtifact(id, {
    path: archiveDir,
    skipDecompress: true,
    ...(digest ? { expectedHash: digest } : {}),
    ...(findBy ? { findBy } : {}),
  });
  // The client only reports a mismatch; a corrupted or altered archive must not become the baseline.
  if (digestMismatch) {
    throw new Error(
      `the archive of artifact ${JSON.stringify(artifact.name)} downloaded from ${where} does not match the digest GitHub recorded for it (${digest}); rerun the job to download it again`,
    );
  }
  const archives = await readdir(archiveDir);
  if (archives.length !== 1) throw new Error(`expected one downloaded archive in ${archiveDir}, found ${archives.length}`);
  const files = await extractZip(join(archiveDir, archives[0]), join(work, 'files'));
  const data = files.filter(isDataFile).sort();
  if (data.length === 0) {
    throw new InputError(
      `artifact ${JSON.stringify(artifact.name)} from ${where} holds no data file (${dataExtensions()}, optionally ${GZIP.extension}); it has: ${files.map((file) => file.slice(work.length + 7)).join(', ') || 'nothing'}`,
    );
  }
  // Quoted: names in an archive are anyone's text.
  logLine(`Baseline files: ${data.map((file) => JSON.stringify(file.slice(work.length + 7))).join(', ')}`);
  return data;
}

type Octokit = ReturnType<typeof github.getOctokit>;

async function latestSuccessfulRun(
  octokit: Octokit,
  owner: string,
  repo: string,
  workflow: string,
  branch: string | undefined,
): Promise<number> {
  const { data } = await octokit.rest.actions
    .listWorkflowRuns({ owner, repo, workflow_id: workflow, status: 'success', per_page: 1, ...(branch ? { branch } : {}) })
    .catch(
      whenNotFound(
        `workflow ${JSON.stringify(workflow)} not found in ${owner}/${repo}; baseline-workflow takes the workflow's file name (e.g. train.yml) or its id, and the token needs the actions: read permission`,
      ),
    );
  const run = data.workflow_runs[0];
  if (!run) {
    throw new InputError(
      `no successful run of workflow ${JSON.stringify(workflow)}${branch ? ` on branch ${JSON.stringify(branch)}` : ''} in ${owner}/${repo}; run it once (it must upload the baseline artifact), or give baseline-run-id explicitly`,
    );
  }
  logLine(`Newest successful run of ${workflow}${branch ? ` on ${branch}` : ''}: ${run.id} (${run.html_url})`);
  return run.id;
}

async function findArtifactInRun(
  octokit: Octokit,
  owner: string,
  repo: string,
  runId: number,
  name: string,
  where: string,
): Promise<{ id: number; digest?: string }> {
  const { data } = await octokit.rest.actions
    .listWorkflowRunArtifacts({ owner, repo, run_id: runId, name, per_page: 100 })
    .catch(
      whenNotFound(
        `workflow run ${runId} not found in ${owner}/${repo}; check baseline-run-id (and that the token has the actions: read permission)`,
      ),
    );
  const matching = data.artifacts.filter((candidate) => candidate.name === name);
  if (matching.length === 0) {
    throw new InputError(`${where} has no artifact named ${JSON.stringify(name)}; check the artifact name, or that this run uploaded it`);
  }
  // The REST listing includes expired artifacts; their archives are gone.
  const live = matching.filter((candidate) => !candidate.expired);
  if (live.length === 0) {
    const expiredAt = matching[0].expires_at ? ` on ${matching[0].expires_at}` : '';
    throw new InputError(
      `artifact ${JSON.stringify(name)} of ${where} expired${expiredAt}; rerun the workflow that produces it, or raise its retention-days, or keep the baseline in the repository (the publish step stores it beside the model)`,
    );
  }
  const newest = live.sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? ''))[0];
  return { id: newest.id, digest: newest.digest ?? undefined };
}

/**
 * A 404 from the API means a name or id the user gave does not exist (or the token cannot see it); GitHub
 * failing past the retries gets what to do added.
 */
function whenNotFound(message: string): (error: unknown) => never {
  return (error) => {
    if ((error as { status?: unknown }).status === 404) throw new InputError(message);
    if (error instanceof GitHubUnavailableError) {
      throw new Error(
        `could not find the baseline artifact: ${error.message}. GitHub may be having trouble (https://www.githubstatus.com); re-run the failed job`,
        { cause: error },
      );
    }
    throw error;
  };
}
