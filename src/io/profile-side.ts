/**
 * The sides of a check that are profiles: profile files (several are merged), or data profiled while it
 * streams past when it is too large to hold (the memory budget), a batch of rows at a time.
 */
import { InputError } from '../core/errors.js';
import type { Dataset } from '../core/table.js';
import { ProfileBuilder } from '../profile/builder.js';
import { DEFAULT_PROFILE_SETTINGS, type Profile, type ProfileSettings } from '../core/profile.js';
import { isProfileFile, readProfileFile } from './profile-file.js';
import { readFileTable, resolveSources, type ReadOptions } from './read.js';
import { streamerOf, type Streamer } from './formats.js';
import { changedWhileRead, type FilePlan, type Source } from './source.js';

/**
 * The profile the paths name (several are merged), with the profile files' names, or undefined when they
 * name data files; an InputError when they mix the two.
 */
export async function readProfiles(
  paths: readonly string[],
  options: Pick<ReadOptions, 'cwd' | 'globRoots'> = {},
): Promise<{ profile: Profile; files: string[] } | undefined> {
  const sources = await resolveSources(paths, options.cwd ?? process.cwd(), undefined, options.globRoots);
  const isProfile = await Promise.all(sources.map((source) => isProfileFile(source.path)));
  if (!isProfile.some(Boolean)) return undefined;
  const data = sources.filter((_, index) => !isProfile[index]);
  if (data.length > 0) {
    throw new InputError('this is a data file among profiles; pass either profiles (they are merged) or data files, not both', {
      file: data[0].display,
    });
  }
  const profile =
    sources.length === 1
      ? await readProfileFile(sources[0].path, sources[0].display)
      : await mergeSources(sources, DEFAULT_PROFILE_SETTINGS);
  return { profile, files: sources.map((source) => source.display) };
}

/** The check's view of the profiles the paths name (see `readProfiles`). */
export async function readProfilesOf(
  paths: readonly string[],
  options: Pick<ReadOptions, 'cwd' | 'globRoots'> = {},
): Promise<Dataset | undefined> {
  const read = await readProfiles(paths, options);
  return read && datasetOf(read.profile, read.files, 'file');
}

/** The profiles the paths and globs name, merged: counts and moments exactly, summaries within their bound. */
export async function mergeProfiles(paths: readonly string[], settings: ProfileSettings, cwd = process.cwd()): Promise<Profile> {
  return mergeSources(await resolveSources(paths, cwd), settings);
}

async function mergeSources(sources: readonly Source[], settings: ProfileSettings): Promise<Profile> {
  const builder = new ProfileBuilder(settings);
  for (const source of sources) builder.addProfile(await readProfileFile(source.path, source.display));
  return builder.finish();
}

export interface ProfileDataOptions extends ReadOptions {
  settings?: ProfileSettings;
  /** About how many cells of a CSV, TSV or JSON Lines file are held at once (default 4 Mi, 32 MB of numbers). */
  batchCells?: number;
}

const DEFAULT_BATCH_CELLS = 1 << 22;

/**
 * One pass over the files, in memory bounded by the profile and a batch of rows: about `batchCells` cells
 * of CSV, TSV or JSON Lines, a row group of Parquet; a JSON file is read whole, one file at a time.
 */
export async function profileData(paths: readonly string[], options: ProfileDataOptions = {}): Promise<Profile> {
  if (paths.length === 0) throw new InputError('no input files were given; pass at least one path or glob');
  const sources: Source[] = await resolveSources(paths, options.cwd ?? process.cwd(), options.format, options.globRoots);
  const settings = options.settings ?? DEFAULT_PROFILE_SETTINGS;
  const builder = new ProfileBuilder(settings);
  const plan: FilePlan = { declared: options.declared, naValues: options.naValues, limits: options.limits };
  for (const source of sources) {
    const streamer = streamerOf(source);
    if (streamer) builder.addProfile(await profileStreamed(source, streamer, plan, settings, options.batchCells ?? DEFAULT_BATCH_CELLS));
    else builder.addTable(await readFileTable(source, plan));
  }
  return builder.finish();
}

async function profileStreamed(
  source: Source,
  streamer: Streamer,
  plan: FilePlan,
  settings: ProfileSettings,
  cells: number,
): Promise<Profile> {
  const stream = async (filePlan: FilePlan) => {
    const builder = new ProfileBuilder(settings);
    const sources = [source.display];
    const read = await streamer(source, filePlan, { cells, take: (batch) => builder.addTable({ sources, ...batch }) });
    return { ...read, profile: builder.finish() };
  };
  const first = await stream(plan);
  if (first.columnsWithText.size === 0) return first.profile;
  // Rare: a column held numbers, then text; its exact texts only exist in the file.
  const columnsWithText = first.columnsWithText;
  const second = await stream({ ...plan, forceText: columnsWithText, only: columnsWithText });
  if (second.rows !== first.rows) throw changedWhileRead(source.display);
  const reread = new Map(second.profile.columns.map((column) => [column.name, column]));
  return { ...first.profile, columns: first.profile.columns.map((column) => reread.get(column.name) ?? column) };
}

/** The check's view of a profile: its columns, answered from the profile. */
export function datasetOf(profile: Profile, sources: readonly string[], profiled: 'file' | 'streamed'): Dataset {
  return {
    sources,
    rowCount: profile.rows,
    columns: profile.columns.map((column) => ({ storage: 'profile', name: column.name, profile: column })),
    profiled,
  };
}
