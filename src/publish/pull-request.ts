/**
 * The pull request that proposes a model version: one per branch, created once and then kept current.
 * GitHub refuses a second open pull request for the same head and base (422 "A pull request already
 * exists"), which also happens when an earlier attempt created it but its answer was lost, so that answer
 * means "find it and update it". Labels and assignees go through the issues API, reviewers through
 * requestReviewers; their failures are warnings, since the pull request itself exists by then. A run
 * stopped between creating the pull request and decorating it leaves it bare, so every run gives an open
 * pull request whatever labels, assignees and review requests it still lacks.
 */
import { httpStatus, type GitHubClient, type Repository } from './git-commit.js';

export type PullRequestOperation = 'created' | 'updated' | 'unchanged';

export interface PullRequestRequest {
  branch: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  labels: readonly string[];
  assignees: readonly string[];
  reviewers: readonly string[];
  teamReviewers: readonly string[];
  /**
   * Whether an open pull request gets this title and body. False when the branch did not change, so a
   * description someone edited by hand is left alone.
   */
  refresh: boolean;
}

export interface PullRequestResult {
  number: number;
  url: string;
  operation: PullRequestOperation;
  warnings: string[];
}

/** What a pull request is given besides its text. */
type Decoration = Pick<PullRequestRequest, 'labels' | 'assignees' | 'reviewers' | 'teamReviewers'>;

interface OpenPullRequest extends Decoration {
  number: number;
  url: string;
  title: string;
  body: string | null;
}

/** How long to wait for a pull request GitHub says exists to show up in its listing (it can lag). */
const LISTING_DELAYS_MS = [0, 1000, 3000];

export async function findOpenPullRequest(
  client: GitHubClient,
  repository: Repository,
  branch: string,
): Promise<OpenPullRequest | undefined> {
  // The head filter needs the `owner:` prefix; without it GitHub ignores the filter and lists everything.
  const { data } = await client.rest.pulls.list({ ...repository, state: 'open', head: `${repository.owner}:${branch}`, per_page: 10 });
  const found = data[0];
  if (!found) return undefined;
  const names = (items: ReadonlyArray<{ name?: string } | string> | null | undefined) =>
    (items ?? []).map((item) => (typeof item === 'string' ? item : (item.name ?? '')));
  return {
    number: found.number,
    url: found.html_url,
    title: found.title,
    body: found.body,
    labels: names(found.labels),
    assignees: (found.assignees ?? []).map((user) => user.login),
    reviewers: (found.requested_reviewers ?? []).map((user) => user.login),
    teamReviewers: (found.requested_teams ?? []).map((team) => team.slug),
  };
}

export async function openOrUpdatePullRequest(
  client: GitHubClient,
  repository: Repository,
  request: PullRequestRequest,
  sleep: (milliseconds: number) => Promise<void> = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
): Promise<PullRequestResult> {
  const warnings: string[] = [];
  let existing = await findOpenPullRequest(client, repository, request.branch);
  let refused = false;
  if (!existing) {
    const created = await createPullRequest(client, repository, request, warnings);
    if (created) {
      await decorate(client, repository, created.number, request, warnings);
      return { ...created, operation: 'created', warnings };
    }
    refused = true;
    for (const delay of LISTING_DELAYS_MS) {
      await sleep(delay);
      existing = await findOpenPullRequest(client, repository, request.branch);
      if (existing) break;
    }
    if (!existing)
      throw new Error(`GitHub says a pull request for ${request.branch} already exists, but lists none open; try again in a minute`);
  }
  const stale = existing.title !== request.title || (existing.body ?? '') !== request.body;
  const found = { number: existing.number, url: existing.url };
  // Held in a const: the closure below would otherwise see `existing` as possibly undefined again.
  const open = existing;
  const decorateExisting = async (newModel: boolean) =>
    decorate(client, repository, open.number, await lacking(client, repository, open, request, { newModel }, warnings), warnings);
  // A body identical to a card just written (its version, time and checksums are new) that was missing
  // a moment ago was opened by our own create request, whose answer was lost and retried.
  if (refused && request.refresh && !stale) {
    await decorateExisting(true);
    return { ...found, operation: 'created', warnings };
  }
  if (!request.refresh || !stale) {
    await decorateExisting(false);
    return { ...found, operation: 'unchanged', warnings };
  }
  await client.rest.pulls.update({ ...repository, pull_number: existing.number, title: request.title, body: request.body });
  await decorateExisting(true);
  return { ...found, operation: 'updated', warnings };
}

/**
 * What of the request the open pull request does not have yet (names compared without regard to case, as
 * GitHub does). Someone who already reviewed it counts as asked, unless it now proposes a new model.
 */
async function lacking(
  client: GitHubClient,
  repository: Repository,
  existing: OpenPullRequest,
  request: Decoration,
  { newModel }: { newModel: boolean },
  warnings: string[],
): Promise<Decoration> {
  const missing = (wanted: readonly string[], present: readonly string[]) => {
    const have = new Set(present.map((name) => name.toLowerCase()));
    return wanted.filter((name) => !have.has(name.toLowerCase()));
  };
  let reviewers = missing(request.reviewers, existing.reviewers);
  if (reviewers.length > 0 && !newModel) {
    const reviewed = await tolerated(warnings, `list the reviews of pull request #${existing.number}`, async () =>
      (await client.paginate(client.rest.pulls.listReviews, { ...repository, pull_number: existing.number, per_page: 100 })).map(
        (review) => review.user?.login ?? '',
      ),
    );
    reviewers = missing(reviewers, reviewed ?? []);
  }
  return {
    labels: missing(request.labels, existing.labels),
    assignees: missing(request.assignees, existing.assignees),
    reviewers,
    teamReviewers: missing(request.teamReviewers, existing.teamReviewers),
  };
}

/** The request's result, or undefined with a warning when GitHub refused it: the pull request exists by then either way. */
async function tolerated<T>(warnings: string[], what: string, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (httpStatus(error) === undefined) throw error;
    warnings.push(`Could not ${what}: ${validationMessage(error) || (error as Error).message}`);
    return undefined;
  }
}

/** The new pull request, or undefined when one is already open for the branch. */
async function createPullRequest(
  client: GitHubClient,
  repository: Repository,
  request: PullRequestRequest,
  warnings: string[],
): Promise<{ number: number; url: string } | undefined> {
  const create = async (draft: boolean) => {
    const { data } = await client.rest.pulls.create({
      ...repository,
      head: request.branch,
      base: request.base,
      title: request.title,
      body: request.body,
      draft,
    });
    return { number: data.number, url: data.html_url };
  };
  try {
    return await create(request.draft);
  } catch (error) {
    const message = validationMessage(error);
    if (/already exists/i.test(message)) return undefined;
    // Private repositories on some plans have no draft pull requests; a ready one is better than none.
    if (request.draft && /draft/i.test(message)) {
      warnings.push(`The pull request was opened as ready for review: GitHub refused a draft (${message}).`);
      return create(false);
    }
    throw error;
  }
}

async function decorate(
  client: GitHubClient,
  repository: Repository,
  number: number,
  request: Decoration,
  warnings: string[],
): Promise<void> {
  const attempt = (what: string, action: () => Promise<unknown>) => tolerated(warnings, `${what} on pull request #${number}`, action);
  if (request.labels.length > 0)
    await attempt(`add the labels ${request.labels.join(', ')}`, () =>
      client.rest.issues.addLabels({ ...repository, issue_number: number, labels: [...request.labels] }),
    );
  if (request.assignees.length > 0)
    await attempt(`assign ${request.assignees.join(', ')}`, () =>
      client.rest.issues.addAssignees({ ...repository, issue_number: number, assignees: [...request.assignees] }),
    );
  if (request.reviewers.length > 0 || request.teamReviewers.length > 0) {
    const who = [...request.reviewers, ...request.teamReviewers.map((team) => `team ${team}`)].join(', ');
    await attempt(`request reviews from ${who}`, () =>
      client.rest.pulls.requestReviewers({
        ...repository,
        pull_number: number,
        reviewers: [...request.reviewers],
        team_reviewers: [...request.teamReviewers],
      }),
    );
  }
}

/** GitHub's own words for a refused request: the message, and the messages of its validation errors. */
export function validationMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown; errors?: unknown } } } | null)?.response?.data;
  const details = Array.isArray(data?.errors)
    ? data.errors.map((item: { message?: unknown }) => (typeof item?.message === 'string' ? item.message : '')).filter(Boolean)
    : [];
  const message = typeof data?.message === 'string' ? data.message : '';
  return [message, ...details].filter(Boolean).join(': ');
}
