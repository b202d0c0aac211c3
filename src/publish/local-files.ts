/**
 * What the publish action takes from the workspace: the model files, the baseline, the metrics and the
 * drift report, each with its place in the version folder, its size and its SHA-256. Everything is read,
 * checked and measured here, before the first request to GitHub, so a file that is too large or a report
 * that is not one stops the step while nothing has been written.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { allowedRoots, resolveInside, refuseLinkOutside } from '../github/workspace-paths.js';
import { globFiles } from '../io/glob.js';
import { InputError } from '../core/errors.js';
import { writeProfileFile } from '../io/profile-file.js';
import { profileData, readProfiles } from '../io/profile-side.js';
import { describeProfile } from '../profile/describe.js';
import type { Profile } from '../core/profile.js';
import { READABLE_REPORT_SCHEMA_VERSIONS, upgradeReportFields, type JsonReport } from '../report/json.js';
import { parseJsonFile } from './json-text.js';
import { parseMetrics, type MetricsFile } from './metrics.js';
import {
  BASELINE_FOLDER,
  DRIFT_REPORT_FILE,
  METRICS_FILE,
  MODEL_FOLDER,
  relativeNames,
  type FileRole,
  type RegistryFile,
} from '../registry/registry.js';
import { formatBytes } from './model-card.js';

/**
 * The largest file we send. GitHub rejects files over 100 MiB in a repository, and the Git Data API's blob
 * endpoint refuses less than that: its limit is undocumented and has been measured near 40 MiB of decoded
 * content. 32 MiB stays clear of it with room for the API to change.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface LocalFile extends RegistryFile {
  absolutePath: string;
  /** As the user wrote or globbed it, for messages. */
  display: string;
}

export interface PublishContent {
  /** Model, baseline, metrics and drift report files, in that order. */
  files: LocalFile[];
  metrics?: MetricsFile;
  driftReport?: JsonReport;
  /** What the stored baseline profile holds, when the baseline is one (the default). */
  baselineProfile?: string;
}

/** How the training data is kept: its profile (default; no rows in git), or the files themselves. */
export type BaselineStorage = 'profile' | 'raw';

export interface ContentSources {
  model: readonly string[];
  /** Data files (or profiles) of the training data. */
  baseline: readonly string[];
  /** Default `profile`. */
  baselineAs?: BaselineStorage;
  metrics?: string;
  driftReport?: string;
  /** Where relative paths and globs start: the workspace. */
  cwd: string;
  /** Besides the workspace, the one place files may come from: where earlier steps download them. */
  runnerTemp?: string;
}

export async function collectContent(sources: ContentSources): Promise<PublishContent> {
  if (sources.model.length === 0)
    throw new InputError('input "model-files" is required: the path (or glob) of the model file(s) to publish');
  const model = await placeFiles(await expandAll('model-files', sources.model, sources), MODEL_FOLDER, 'model');
  const stored = await storedBaseline(await expandAll('baseline', sources.baseline, sources), sources);
  const files = [...model, ...stored.files];
  let metrics: MetricsFile | undefined;
  let driftReport: JsonReport | undefined;
  if (sources.metrics) {
    const path = await single('metrics', sources.metrics, sources);
    metrics = parseMetrics(await readFile(path.absolute, 'utf8'), path.display);
    files.push(await describeFile(path, METRICS_FILE, 'metrics'));
  }
  if (sources.driftReport) {
    const path = await single('drift-report', sources.driftReport, sources);
    driftReport = parseDriftReport(await readFile(path.absolute, 'utf8'), path.display);
    files.push(await describeFile(path, DRIFT_REPORT_FILE, 'drift-report'));
  }
  return { files, metrics, driftReport, baselineProfile: stored.profile && describeProfile(stored.profile) };
}

/** The name of the profile publish makes of raw training data. */
export const BASELINE_PROFILE_FILE = 'baseline.profile.json.gz';

/**
 * The baseline files to commit: the data's profile, made here in one streaming pass (or the profiles given,
 * merged when several), or with `raw` the files as they are.
 */
async function storedBaseline(found: readonly FoundFile[], sources: ContentSources): Promise<{ files: LocalFile[]; profile?: Profile }> {
  if (sources.baselineAs === 'raw' || found.length === 0) return { files: await placeFiles(found, BASELINE_FOLDER, 'baseline') };
  // The committed profile names its sources as the user wrote them, not by the runner's paths.
  const paths = found.map((file) => file.display);
  const given = await readProfiles(paths, { cwd: sources.cwd });
  if (given && found.length === 1) return { files: await placeFiles(found, BASELINE_FOLDER, 'baseline'), profile: given.profile };
  const profile = given?.profile ?? (await profileData(paths, { cwd: sources.cwd }));
  const folder = await mkdtemp(join(sources.runnerTemp ?? tmpdir(), 'driftgate-baseline-'));
  const absolute = join(folder, BASELINE_PROFILE_FILE);
  await writeProfileFile(absolute, profile);
  const file = await describeFile({ absolute, display: BASELINE_PROFILE_FILE }, `${BASELINE_FOLDER}/${BASELINE_PROFILE_FILE}`, 'baseline');
  return { files: [file], profile };
}

/**
 * The check action's JSON report (docs/report-schema.md), checked enough that the model card can trust it,
 * an older version's with today's field names.
 */
export function parseDriftReport(text: string, file: string): JsonReport {
  const explain = (problem: string) => `this is not a driftgate drift report (${problem}); pass the "report" output of the check action`;
  const notAReport = (problem: string) => new InputError(explain(problem), { file });
  const report = parseJsonFile(text, file, (syntaxError) => explain(`not JSON: ${syntaxError}`)) as Partial<JsonReport> | null;
  if (typeof report !== 'object' || report === null || Array.isArray(report)) throw notAReport('not a JSON object');
  if (!READABLE_REPORT_SCHEMA_VERSIONS.includes(report.schema_version as number)) {
    throw notAReport(
      `schema_version is ${JSON.stringify(report.schema_version)}, this driftgate reads versions ${READABLE_REPORT_SCHEMA_VERSIONS.join(', ')}`,
    );
  }
  if (typeof report.dataset !== 'object' || report.dataset === null || !Array.isArray(report.columns))
    throw notAReport('"dataset" or "columns" is missing');
  if (typeof report.baseline?.rows !== 'number' || typeof report.current?.rows !== 'number')
    throw notAReport('"baseline.rows" or "current.rows" is missing');
  if (typeof report.generated_at !== 'string' || Number.isNaN(Date.parse(report.generated_at)))
    throw notAReport('"generated_at" is not a date');
  upgradeReportFields(report as Record<string, unknown>);
  return report as JsonReport;
}

interface FoundFile {
  absolute: string;
  display: string;
}

async function expandAll(input: string, patterns: readonly string[], sources: ContentSources): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  for (const pattern of patterns) {
    for (const file of await expand(input, pattern, sources)) if (!found.has(file.absolute)) found.set(file.absolute, file);
  }
  return [...found.values()];
}

async function single(input: string, pattern: string, sources: ContentSources): Promise<FoundFile> {
  const found = await expand(input, pattern, sources);
  if (found.length > 1) throw new InputError(`${input} must name one file; this matches ${found.length}`, { file: pattern });
  return found[0];
}

/**
 * A path that exists is taken literally (names may contain `[` or `*`); a folder means every file in it,
 * since many frameworks save a model as a folder; anything else is a glob that must match. Whatever is
 * found must be inside the workspace (or RUNNER_TEMP), links followed: the files become public in a commit.
 */
async function expand(input: string, pattern: string, sources: ContentSources): Promise<FoundFile[]> {
  const { cwd } = sources;
  const roots = { workspace: cwd, runnerTemp: sources.runnerTemp };
  const absolute = resolveInside(input, pattern, roots);
  const info = await stat(absolute).catch(() => undefined);
  const display = (path: string) => (isAbsolute(pattern) ? path : relative(cwd, path));
  let found: FoundFile[];
  if (info?.isFile()) found = [{ absolute, display: pattern }];
  else if (info?.isDirectory()) {
    const inside = await filesUnder(absolute, pattern);
    if (inside.length === 0) throw new InputError('this folder holds no files', { file: pattern });
    found = inside.map((path) => ({ absolute: path, display: display(path) }));
  } else {
    if (!isDynamicPattern(pattern)) throw new InputError(`the file does not exist (relative paths start at ${cwd})`, { file: pattern });
    const matches = (await globFiles(pattern, { cwd, within: allowedRoots(roots) })).map((match) => resolve(match)).sort();
    if (matches.length === 0) throw new InputError(`no file matches this pattern (searched from ${cwd})`, { file: pattern });
    found = matches.map((path) => ({ absolute: path, display: display(path) }));
  }
  for (const file of found) refuseLinkOutside(input, pattern, file.absolute, roots);
  return found;
}

/** Links to files count as the files (checked by the caller); a link to a folder is not followed silently. */
async function filesUnder(folder: string, pattern: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) files.push(path);
    else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isDirectory()) {
        throw new InputError(
          `${relative(folder, path)} in this folder is a link to a folder, which is not followed; copy the folder in, or give it as a path of its own`,
          { file: pattern },
        );
      }
      if (target?.isFile()) files.push(path);
    }
  }
  return files.sort();
}

async function placeFiles(found: readonly FoundFile[], folder: string, role: FileRole): Promise<LocalFile[]> {
  const names = relativeNames(found.map((file) => file.absolute));
  const placed: LocalFile[] = [];
  // One at a time: a model saved as many large shards should not be read into memory all at once.
  for (const [index, file] of found.entries()) placed.push(await describeFile(file, `${folder}/${names[index]}`, role));
  return placed;
}

async function describeFile(file: FoundFile, path: string, role: FileRole): Promise<LocalFile> {
  const { size } = await stat(file.absolute);
  if (size > MAX_FILE_BYTES) {
    throw new InputError(
      `this file is ${formatBytes(size)}, over the ${formatBytes(MAX_FILE_BYTES)} that driftgate commits through the GitHub API ` +
        '(GitHub refuses files over 100 MiB in any repository). Keep large models out of git: track them with Git LFS, ' +
        'or attach them to a GitHub release as assets and publish a small pointer file instead; nothing was written',
      { file: file.display },
    );
  }
  return { path, role, size, sha256: await sha256Of(file.absolute), absolutePath: file.absolute, display: file.display };
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
