/**
 * Publishing a model version: the workspace's files become one commit on the model's branch, adding
 * `<registry-dir>/<name>/<version>/` and updating the index, and a pull request proposes it. With a
 * promotion rule (promotion.ts), a model that does not beat the deployed one is not proposed: it is
 * decided before anything is written, and nothing is.
 *
 * Everything is decided from what the repository already holds, so a rerun after a failure at any point
 * ends with one commit for the version and one pull request:
 * - model files identical to the deployed version (the base branch's current), or to the version the
 *   branch proposes, mean there is nothing to commit;
 * - a run that already published a version on the branch reuses that version; when the branch head is
 *   that very commit (its trailers name the model and version) and the model differs, the commit is
 *   replaced, which is the only time the branch is moved with force, and only over our own commit;
 * - otherwise the new commit goes on top of the branch (keeping whatever a person pushed there), and the
 *   ref only moves fast-forward: when someone pushed meanwhile, it all starts again on the new head.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import {
  blobShaAt,
  branchHead,
  compareBranches,
  createBranch,
  defaultBranch,
  moveBranch,
  readCommit,
  readFileAt,
  writeCommit,
  type BranchComparison,
  type FileToWrite,
  type GitHubClient,
  type Repository,
  type UploadedBlobs,
} from './git-commit.js';
import { collectContent, type ContentSources, type PublishContent } from './local-files.js';
import { compareWithDeployed, parseMetrics, type MetricComparison, type MetricValues } from './metrics.js';
import { formatBytes, renderModelCard, renderNotPromoted } from './model-card.js';
import { decidePromotion, type PromotionDecision, type PromotionRule } from './promotion.js';
import { findOpenPullRequest, openOrUpdatePullRequest, type PullRequestOperation } from './pull-request.js';
import { fillTemplate, type TemplateAliases } from '../registry/template.js';
import {
  emptyIndex,
  findVersion,
  indexPath,
  mergeIndexes,
  MODEL_CARD_FILE,
  METRICS_FILE,
  nextVersion,
  parseIndex,
  pendingVersions,
  refuseBaseAsBranch,
  renderIndex,
  sameModel,
  versionFolder,
  withVersion,
  type RegistryFile,
  type RegistryIndex,
  type VersionEntry,
} from '../registry/registry.js';

export interface PullRequestSettings {
  labels: string[];
  assignees: string[];
  reviewers: string[];
  teamReviewers: string[];
  draft: boolean;
}

/** `{name}` was publish's word for the model before the templates shared one rule with rollout's. */
export const PUBLISH_TEMPLATE_ALIASES: TemplateAliases = { name: 'model' };

export interface PublishSettings {
  content: ContentSources;
  repository: Repository;
  name: string;
  registryDir: string;
  /** `auto` for the next date-based version, or the version to publish. */
  version: string;
  /** Undefined: the repository's default branch. */
  base?: string;
  branch: string;
  /** `{model}`, `{version}` and `{path}` are filled in (`registry/template.ts`), and the old `{name}` as `{model}`. */
  title: string;
  commitMessage: string;
  pullRequest: PullRequestSettings;
  /** The workflow run publishing: its id finds a version an earlier attempt published, its URL goes in the card. */
  run: { id?: string; url?: string };
  /** Undefined: every new model is proposed. */
  promotion?: PromotionRule;
}

export interface PublishOutcome {
  /** Empty when the promotion rule held the model back. */
  version: string;
  /** The version folder in the repository. */
  path: string;
  /** The commit holding the version: the branch head, or the base head when the model is already deployed. */
  commitSha: string;
  branch: string;
  pullRequest?: { number: number; url: string };
  /** `none`: the promotion rule held the model back, and nothing was written. */
  pullRequestOperation: PullRequestOperation | 'none';
  /** The model card, or what the promotion rule decided and why when it held the model back. */
  modelCard: string;
  /** The promotion rule's decision; undefined when no rule is set. */
  promotion?: PromotionDecision;
  warnings: string[];
}

export interface PublishOptions {
  now?: Date;
  log?: (message: string) => void;
  /** Waits between looks for a pull request GitHub says exists; tests make them instant. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/** How often to build again when the branch keeps moving under us before giving up. */
const MAX_ATTEMPTS = 5;
/** Comparing more changed files than this one by one is not worth it: the branch is then built on as it is. */
const MAX_FILES_TO_MATCH = 100;

interface Job {
  client: GitHubClient;
  settings: PublishSettings;
  content: PublishContent;
  base: string;
  now: Date;
  log: (message: string) => void;
  uploaded: UploadedBlobs;
  promotion?: PromotionDecision;
}

/** Where the branch stands: `deployed` = already the base's current version; `proposed` = already on the branch; `committed` = new commit. */
type Placement = { kind: 'deployed' | 'proposed' | 'committed'; version: string; commitSha: string; modelCard?: string };

interface StartingPoint {
  parents: string[];
  baseTree: string;
  /** The registry index the new commit builds on: the base's versions plus those the branch proposes. */
  index: RegistryIndex;
}

export async function publishModel(settings: PublishSettings, client: GitHubClient, options: PublishOptions = {}): Promise<PublishOutcome> {
  const log = options.log ?? (() => undefined);
  const content = await collectContent(settings.content);
  const bytes = content.files.reduce((sum, file) => sum + file.size, 0);
  log(`Publishing ${content.files.length} files (${formatBytes(bytes)}) as model ${settings.name}.`);
  const base = settings.base ?? (await defaultBranch(client, settings.repository));
  // Nothing has been written yet: the default branch is learned by the first request, a read.
  refuseBaseAsBranch(settings.branch, base, settings.base === undefined);
  const job: Job = { client, settings, content, base, now: options.now ?? new Date(), log, uploaded: new Set() };
  if (settings.promotion) {
    const { decision, summary } = await applyPromotionRule(job, settings.promotion);
    if (!decision.promoted) {
      log(`Not promoted: ${decision.reason}.`);
      return {
        version: '',
        path: '',
        commitSha: '',
        branch: settings.branch,
        pullRequestOperation: 'none',
        modelCard: summary,
        promotion: decision,
        warnings: [],
      };
    }
    log(`Promotion rule: ${decision.reason}.`);
    job.promotion = decision;
  }

  const placement = await placeVersion(job);
  const path = versionFolder(settings.registryDir, settings.name, placement.version);
  const outcome = {
    version: placement.version,
    path,
    commitSha: placement.commitSha,
    branch: settings.branch,
    promotion: job.promotion,
    warnings: [] as string[],
  };
  if (placement.kind === 'deployed') {
    log(`The model files are those of ${placement.version}, the current version on ${base}: nothing to publish.`);
    const open = await findOpenPullRequest(client, settings.repository, settings.branch);
    const modelCard = (await readText(job, placement.commitSha, `${path}/${MODEL_CARD_FILE}`)) ?? '';
    return { ...outcome, pullRequest: open && { number: open.number, url: open.url }, pullRequestOperation: 'unchanged', modelCard };
  }
  const modelCard =
    placement.modelCard ??
    (await readText(job, placement.commitSha, `${path}/${MODEL_CARD_FILE}`)) ??
    (await renderCard(job, placement.version, await baseState(job)));
  // A run that published on top of this one meanwhile owns the description: the pull request proposes its version.
  const later = await laterPublication(job, placement);
  const description = later ?? { title: fill('title', settings.title, settings, placement.version), body: modelCard };
  const pullRequest = await openOrUpdatePullRequest(
    client,
    settings.repository,
    {
      ...settings.pullRequest,
      branch: settings.branch,
      base,
      title: description.title,
      body: description.body,
      refresh: placement.kind === 'committed' && !later,
    },
    options.sleep,
  );
  await keepDescribingHead(job, placement, pullRequest.number, description);
  log(`Pull request #${pullRequest.number} ${pullRequest.operation}: ${pullRequest.url}`);
  return {
    ...outcome,
    pullRequest: { number: pullRequest.number, url: pullRequest.url },
    pullRequestOperation: pullRequest.operation,
    modelCard,
    warnings: pullRequest.warnings,
  };
}

/**
 * The rule decided against the base branch's deployed version, before anything is written; with the
 * job summary to show when it holds the model back.
 */
async function applyPromotionRule(job: Job, rule: PromotionRule): Promise<{ decision: PromotionDecision; summary: string }> {
  const { content, settings } = job;
  const file = settings.content.metrics;
  if (!content.metrics || file === undefined)
    throw new InputError(`promote-metric ${rule.metric} needs the metrics input: the metrics file the rule reads`);
  const comparison = await deployedComparison(job, await baseState(job));
  const decision = decidePromotion(rule, content.metrics, comparison, file);
  return { decision, summary: renderNotPromoted({ name: settings.name, metrics: content.metrics, comparison, promotion: decision }) };
}

interface Publication {
  version: string;
  title: string;
  body: string;
}

/**
 * The version another run published on the branch after this run's commit, with its pull request title and
 * card; undefined while the head is this run's commit or a commit on top of it that publishes nothing new
 * (a person's: their pull request text is left alone).
 */
async function laterPublication(job: Job, placement: Placement): Promise<Publication | undefined> {
  const { settings } = job;
  const head = await branchHead(job.client, settings.repository, settings.branch);
  if (head === undefined || head === placement.commitSha) return undefined;
  const { current } = await readIndex(job, head);
  if (current === undefined || current === placement.version) return undefined;
  const card = await readText(job, head, `${versionFolder(settings.registryDir, settings.name, current)}/${MODEL_CARD_FILE}`);
  return card === undefined ? undefined : { version: current, title: fill('title', settings.title, settings, current), body: card };
}

/**
 * Another run may publish on top while this one is opening or updating the pull request, and its update
 * may land before this one's: after ours, the head is looked at again, until it holds still.
 */
async function keepDescribingHead(job: Job, placement: Placement, number: number, shown: Omit<Publication, 'version'>): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const later = await laterPublication(job, placement);
    if (!later || (later.title === shown.title && later.body === shown.body)) return;
    job.log(`Version ${later.version} was published on ${job.settings.branch} meanwhile; the pull request describes it.`);
    await job.client.rest.pulls.update({ ...job.settings.repository, pull_number: number, title: later.title, body: later.body });
    shown = later;
  }
}

async function placeVersion(job: Job): Promise<Placement> {
  const { settings, content } = job;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { baseHead, baseIndex } = await baseState(job);
    const deployed = findVersion(baseIndex, baseIndex.current);
    if (deployed && sameModel(deployed.files, content.files)) return { kind: 'deployed', version: deployed.version, commitSha: baseHead };

    const head = await branchHead(job.client, settings.repository, settings.branch);
    let start = await startingPoint(job, baseHead, baseIndex, head);
    const pending = pendingVersions(baseIndex, start.index);
    const proposed = pending.find((entry) => entry.version === start.index.current);
    if (head && proposed && sameModel(proposed.files, content.files)) {
      job.log(`Branch ${settings.branch} already holds these model files as ${proposed.version}: no new commit.`);
      return { kind: 'proposed', version: proposed.version, commitSha: head };
    }

    let version = chooseVersion(job, baseIndex, start.index, pending);
    let replacing: string | undefined;
    if (head && findVersion(start.index, version)) {
      const headCommit = await readCommit(job.client, settings.repository, head);
      if (isOwnCommitOf(headCommit.message, settings, version)) {
        job.log(`The branch head ${head} is this run's earlier commit of ${version}; it is replaced with the new model files.`);
        replacing = head;
        start = await startingPoint(job, baseHead, baseIndex, headCommit.parents[0]);
      } else if (settings.version === 'auto') {
        version = nextVersion(
          start.index.versions.map((entry) => entry.version),
          job.now,
        );
      } else {
        throw new InputError(
          `version ${version} of ${settings.name} is already on branch ${settings.branch} with other model files, under later commits; publish it as another version`,
        );
      }
    }

    const modelCard = await renderCard(job, version, { baseHead, baseIndex });
    const commitSha = await commitVersion(job, start, version, modelCard);
    if (await moveRef(job, head, replacing, commitSha)) {
      job.log(`Committed ${version} as ${commitSha} on ${settings.branch}.`);
      return { kind: 'committed', version, commitSha, modelCard };
    }
    job.log(
      `Branch ${settings.branch} moved while publishing; building again on its new head (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`,
    );
  }
  throw new Error(`branch ${settings.branch} kept moving while publishing (${MAX_ATTEMPTS} attempts); run the step again`);
}

async function baseState(job: Job): Promise<{ baseHead: string; baseIndex: RegistryIndex }> {
  const { settings } = job;
  const baseHead = await branchHead(job.client, settings.repository, job.base);
  if (!baseHead) {
    throw new InputError(
      `the base branch ${JSON.stringify(job.base)} does not exist in ${settings.repository.owner}/${settings.repository.repo} (an empty repository needs a first commit)`,
    );
  }
  return { baseHead, baseIndex: await readIndex(job, baseHead) };
}

/**
 * The commit to build on. No branch, or one the base already contains: the base head. A branch with
 * commits of its own: its head, so nothing pushed there is lost; but when everything it changed is
 * already on the base (a squash-merged pull request whose branch was kept), a merge commit of both, so
 * the pull request does not reopen the old changes as conflicts.
 */
async function startingPoint(job: Job, baseHead: string, baseIndex: RegistryIndex, tip: string | undefined): Promise<StartingPoint> {
  const { client, settings } = job;
  const baseTree = async () => (await readCommit(client, settings.repository, baseHead)).treeSha;
  if (!tip) return { parents: [baseHead], baseTree: await baseTree(), index: baseIndex };
  const comparison = await compareBranches(client, settings.repository, baseHead, tip);
  if (comparison.aheadBy === 0) return { parents: [baseHead], baseTree: await baseTree(), index: baseIndex };
  const index = mergeIndexes(baseIndex, await readIndex(job, tip));
  if (comparison.behindBy > 0 && (await changesAlreadyIn(job, baseHead, comparison))) {
    return { parents: [tip, baseHead], baseTree: await baseTree(), index };
  }
  return { parents: [tip], baseTree: (await readCommit(client, settings.repository, tip)).treeSha, index };
}

async function changesAlreadyIn(job: Job, baseHead: string, comparison: BranchComparison): Promise<boolean> {
  const changed = comparison.changedFiles;
  if (!changed || changed.length > MAX_FILES_TO_MATCH) return false;
  for (const file of changed) {
    const onBase = await blobShaAt(job.client, job.settings.repository, baseHead, file.path);
    if (file.removed ? onBase !== undefined : onBase !== file.blobSha) return false;
  }
  return true;
}

function chooseVersion(job: Job, baseIndex: RegistryIndex, index: RegistryIndex, pending: readonly VersionEntry[]): string {
  const { settings } = job;
  if (settings.version !== 'auto') {
    if (findVersion(baseIndex, settings.version)) {
      throw new InputError(
        `version ${settings.version} of ${settings.name} is already in the registry on ${job.base}, and published versions are never replaced; publish a new version (version: auto)`,
      );
    }
    return settings.version;
  }
  const earlier = settings.run.id === undefined ? undefined : pending.find((entry) => entry.run_id === settings.run.id);
  return (
    earlier?.version ??
    nextVersion(
      index.versions.map((entry) => entry.version),
      job.now,
    )
  );
}

async function commitVersion(job: Job, start: StartingPoint, version: string, modelCard: string): Promise<string> {
  const { settings, content } = job;
  const folder = versionFolder(settings.registryDir, settings.name, version);
  const cardBytes = Buffer.from(modelCard);
  const cardFile: RegistryFile = { path: MODEL_CARD_FILE, role: 'model-card', size: cardBytes.length, sha256: sha256(cardBytes) };
  const registryFiles = content.files.map(({ path, role, size, sha256: digest }): RegistryFile => ({ path, role, size, sha256: digest }));
  const entry: VersionEntry = {
    version,
    published_at: job.now.toISOString(),
    run_id: settings.run.id,
    run_url: settings.run.url,
    files: [...registryFiles, cardFile],
  };
  const files: FileToWrite[] = [];
  for (const file of content.files) {
    const bytes = await readFile(file.absolutePath);
    // The index records the checksum taken before any request; a file rewritten since would make it lie.
    if (sha256(bytes) !== file.sha256)
      throw new InputError('the file changed while it was being published; publish after the job has finished writing it', {
        file: file.display,
      });
    files.push({ path: `${folder}/${file.path}`, content: bytes });
  }
  files.push({ path: `${folder}/${MODEL_CARD_FILE}`, content: cardBytes });
  files.push({ path: indexPath(settings.registryDir, settings.name), content: Buffer.from(renderIndex(withVersion(start.index, entry))) });
  const message = `${fill('commit-message', settings.commitMessage, settings, version)}\n\n${trailers(settings, version)}`;
  return writeCommit(job.client, settings.repository, { parents: start.parents, baseTree: start.baseTree, files, message }, job.uploaded);
}

/** Creates or fast-forwards the branch to `commitSha`; replaces our own earlier commit only if it is still the head. */
async function moveRef(job: Job, head: string | undefined, replacing: string | undefined, commitSha: string): Promise<boolean> {
  const { client, settings } = job;
  let moved: boolean;
  if (!head) moved = await createBranch(client, settings.repository, settings.branch, commitSha);
  else if (replacing && (await branchHead(client, settings.repository, settings.branch)) !== replacing) moved = false;
  else moved = await moveBranch(client, settings.repository, settings.branch, commitSha, replacing !== undefined);
  // An earlier try whose answer was lost may already have moved it there.
  return moved || (await branchHead(client, settings.repository, settings.branch)) === commitSha;
}

async function renderCard(job: Job, version: string, base: { baseHead: string; baseIndex: RegistryIndex }): Promise<string> {
  const { settings, content } = job;
  const deployed = findVersion(base.baseIndex, base.baseIndex.current);
  return renderModelCard({
    name: settings.name,
    version,
    folder: versionFolder(settings.registryDir, settings.name, version),
    publishedAt: job.now,
    runUrl: settings.run.url,
    files: content.files,
    deployedVersion: deployed?.version,
    metrics: content.metrics,
    comparison: await deployedComparison(job, base),
    promotion: job.promotion,
    driftReport: content.driftReport,
    baselineProfile: content.baselineProfile,
  });
}

/** The new model's metrics against the base branch's deployed version; undefined without either. */
async function deployedComparison(job: Job, base: { baseHead: string; baseIndex: RegistryIndex }): Promise<MetricComparison | undefined> {
  const deployed = findVersion(base.baseIndex, base.baseIndex.current);
  if (!job.content.metrics || !deployed) return undefined;
  return compareWithDeployed(job.content.metrics, deployed.version, await readDeployedMetrics(job, base.baseHead, deployed));
}

/** The deployed version's own stored metrics (its model's, without its same-holdout block); a missing or broken file only costs the comparison, with a note in the log. */
async function readDeployedMetrics(job: Job, baseHead: string, deployed: VersionEntry): Promise<MetricValues | undefined> {
  if (!deployed.files.some((file) => file.role === 'metrics')) return undefined;
  const path = `${versionFolder(job.settings.registryDir, job.settings.name, deployed.version)}/${METRICS_FILE}`;
  const text = await readText(job, baseHead, path);
  if (text === undefined) return undefined;
  try {
    return parseMetrics(text, path).values;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    job.log(`The deployed version's metrics are not readable (${error.describe()}); the model card shows no comparison.`);
    return undefined;
  }
}

async function readIndex(job: Job, commitSha: string): Promise<RegistryIndex> {
  const path = indexPath(job.settings.registryDir, job.settings.name);
  const text = await readText(job, commitSha, path);
  return text === undefined ? emptyIndex(job.settings.name) : parseIndex(text, `${path} at ${commitSha.slice(0, 12)}`);
}

async function readText(job: Job, commitSha: string, path: string): Promise<string | undefined> {
  return (await readFileAt(job.client, job.settings.repository, commitSha, path))?.toString('utf8');
}

function fill(input: string, template: string, settings: PublishSettings, version: string): string {
  const values = { model: settings.name, version, path: versionFolder(settings.registryDir, settings.name, version) };
  return fillTemplate(input, template, values, PUBLISH_TEMPLATE_ALIASES);
}

/** Git trailers that let a later run recognize the commit as the one that published this version. */
function trailers(settings: PublishSettings, version: string): string {
  return [
    `Driftgate-Model: ${settings.name}`,
    `Driftgate-Version: ${version}`,
    ...(settings.run.id ? [`Driftgate-Run: ${settings.run.id}`] : []),
  ].join('\n');
}

/** Whether a commit's trailers say this run published this version of this model with it. */
function isOwnCommitOf(message: string, settings: Pick<PublishSettings, 'name' | 'run'>, version: string): boolean {
  const value = (key: string) => new RegExp(`^Driftgate-${key}: (.+)$`, 'm').exec(message)?.[1].trim();
  // Without a run id nothing proves the commit is this run's, and a foreign commit must never be forced over.
  return (
    settings.run.id !== undefined && value('Model') === settings.name && value('Version') === version && value('Run') === settings.run.id
  );
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
