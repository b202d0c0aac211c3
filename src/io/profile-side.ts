/**
 * The sides of a check that are profiles: profile files (several are merged), or data profiled while it
 * streams past when it is too large to hold (the memory budget), one file at a time.
 */
import { InputError } from '../engine/errors.js';
import type { Dataset } from '../engine/table.js';
import { ProfileBuilder } from '../profile/builder.js';
import { DEFAULT_PROFILE_SETTINGS, type Profile, type ProfileSettings } from '../profile/format.js';
import { isProfileFile, readProfileFile } from './profile-file.js';
import { readFileTable, resolveSources, type ReadOptions } from './read.js';
import type { Source } from './source.js';

/** The profiles the paths name, or undefined when they name data files; an InputError when they mix the two. */
export async function readProfilesOf(paths: readonly string[], options: Pick<ReadOptions, 'cwd' | 'globRoots'> = {}): Promise<Dataset | undefined> {
  const sources = await resolveSources(paths, options.cwd ?? process.cwd(), undefined, options.globRoots);
  const isProfile = await Promise.all(sources.map((source) => isProfileFile(source.path)));
  if (!isProfile.some(Boolean)) return undefined;
  const data = sources.filter((_, index) => !isProfile[index]);
  if (data.length > 0) {
    throw new InputError('this is a data file among profiles; pass either profiles (they are merged) or data files, not both', { file: data[0].display });
  }
  const builder = new ProfileBuilder(DEFAULT_PROFILE_SETTINGS);
  let single: Profile | undefined;
  for (const source of sources) {
    const profile = await readProfileFile(source.path, source.display);
    single = sources.length === 1 ? profile : undefined;
    builder.addProfile(profile);
  }
  return datasetOf(single ?? builder.finish(), sources.map((source) => source.display), 'file');
}

/** The files the paths and globs name, for merging profiles. */
export async function profilePaths(paths: readonly string[], cwd = process.cwd()): Promise<string[]> {
  return (await resolveSources(paths, cwd)).map((source) => source.path);
}

export interface ProfileDataOptions extends ReadOptions {
  settings?: ProfileSettings;
}

/** One pass over the files, in memory bounded by the profile and the largest file's columns. */
export async function profileData(paths: readonly string[], options: ProfileDataOptions = {}): Promise<Profile> {
  if (paths.length === 0) throw new InputError('no input files were given; pass at least one path or glob');
  const sources: Source[] = await resolveSources(paths, options.cwd ?? process.cwd(), options.format, options.globRoots);
  const builder = new ProfileBuilder(options.settings ?? DEFAULT_PROFILE_SETTINGS);
  for (const source of sources) {
    builder.addTable(await readFileTable(source, { declared: options.declared }));
  }
  return builder.finish();
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
