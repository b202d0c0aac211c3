/**
 * Reading the user's data: paths and globs to files, each file through the reader of its format, and the
 * files' rows stacked into one table by column name.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputError } from '../core/errors.js';
import { MISSING_CODE, type Column, type ColumnKind, type Table } from '../core/table.js';
import { describeSource, readColumns, sizeWeight, type Format } from './formats.js';
import { globFiles } from './glob.js';
import type { FileColumns, FilePlan, ReadLimits, Source } from './source.js';

export interface ReadOptions {
  /** Columns whose kind the user declared. `numerical`: every non-missing cell must be a number (else an
   *  InputError naming file, line and column). `categorical`: cells kept as exact text (stored as `text`). */
  declared?: ReadonlyMap<string, ColumnKind>;
  /** Cells that mean a missing value in a numbers column (default: `DEFAULT_NA_VALUES`). */
  naValues?: readonly string[];
  /** Base for relative paths and globs; default process.cwd(). */
  cwd?: string;
  /** Folders a glob may walk into, through links or not (see `globFiles`); undefined: anywhere. */
  globRoots?: readonly string[];
  /** Force a format instead of detecting it from the file name. */
  format?: Format;
  /** Told, as the files are read, how many of their bytes have been read out of how many. */
  onProgress?: (read: number, total: number) => void;
  /** Tighter bounds than `READ_LIMITS` on what one row or value may take, for tests. */
  limits?: Partial<ReadLimits>;
}

/**
 * Reads one or more files (paths or globs; matches in sorted order) into one table. Columns are matched by
 * name across files; a file without a column contributes missing cells to it, and a column that holds
 * text in any file is text throughout, with every cell's exact text.
 */
export async function readTable(paths: readonly string[], options: ReadOptions = {}): Promise<Table> {
  if (paths.length === 0) throw new InputError('no input files were given; pass at least one path or glob');
  const cwd = options.cwd ?? process.cwd();
  const sources = await resolveSources(paths, cwd, options.format, options.globRoots);
  const plan: FilePlan = { declared: options.declared, naValues: options.naValues, limits: options.limits };
  const files: FileColumns[] = [];
  const sizes = options.onProgress ? await Promise.all(sources.map((source) => fileSize(source.path))) : [];
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let done = 0;
  // One file at a time: each may be large, and their peak memory should not add up.
  for (const [index, source] of sources.entries()) {
    const onProgress = options.onProgress;
    const onBytes = onProgress && ((read: number) => onProgress(done + read, total));
    files.push(await readColumns(source, onBytes ? { ...plan, onBytes } : plan));
    done += sizes[index] ?? 0;
  }
  const columns = sources.length === 1 ? files[0].columns : await stack(sources, files, plan);
  return {
    sources: sources.map((source) => source.display),
    rowCount: files.reduce((sum, file) => sum + file.rowCount, 0),
    columns,
  };
}

/**
 * About how many bytes of text the files the paths and globs name amount to, for deciding how to read
 * them: their sizes, each counted as many times over as its format's `sizeWeight` says. 0 when they name
 * none, or one that cannot be found (reading them reports why).
 */
export async function inputSize(
  paths: readonly string[],
  options: Pick<ReadOptions, 'cwd' | 'format' | 'globRoots'> = {},
): Promise<number> {
  try {
    const sources = await resolveSources(paths, options.cwd ?? process.cwd(), options.format, options.globRoots);
    const sizes = await Promise.all(sources.map(async (source) => (await fileSize(source.path)) * sizeWeight(source)));
    return sizes.reduce((sum, size) => sum + size, 0);
  } catch {
    return 0;
  }
}

/** 0 for a file that cannot be read: reading it reports why. */
function fileSize(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  );
}

/** One file's rows as a table of its own. */
export async function readFileTable(source: Source, plan: FilePlan): Promise<Table> {
  const file = await readColumns(source, plan);
  return { sources: [source.display], rowCount: file.rowCount, columns: file.columns };
}

/** The files the paths and globs name, in order, each once. */
export async function resolveSources(
  paths: readonly string[],
  cwd: string,
  format?: Format,
  globRoots?: readonly string[],
): Promise<Source[]> {
  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const pattern of paths) {
    for (const path of await expand(pattern, cwd, globRoots)) {
      if (seen.has(path.absolute)) continue;
      seen.add(path.absolute);
      sources.push(await describeSource(path.absolute, path.display, format));
    }
  }
  return sources;
}

/** A literal path that exists wins over reading it as a glob, so names with `[` or `*` still work. */
async function expand(
  pattern: string,
  cwd: string,
  globRoots: readonly string[] | undefined,
): Promise<Array<{ absolute: string; display: string }>> {
  const absolute = resolve(cwd, pattern);
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isFile()) return [{ absolute, display: pattern }];
  if (info?.isDirectory()) {
    throw new InputError(`this is a directory; pass the data files in it (a glob such as ${pattern}/*.csv works)`, {
      file: pattern,
    });
  }
  if (!isDynamicPattern(pattern)) {
    const hint = isAbsolute(pattern) ? '' : ` (relative paths start at ${cwd})`;
    throw new InputError(`the file does not exist; check the path${hint}`, { file: pattern });
  }
  const matches = await globFiles(pattern, { cwd, within: globRoots });
  if (matches.length === 0) {
    throw new InputError(`no file matches this pattern (searched from ${cwd}); check the pattern`, { file: pattern });
  }
  return matches
    .map((match) => resolve(match))
    .sort()
    .map((match) => ({ absolute: match, display: isAbsolute(pattern) ? match : relative(cwd, match) }));
}

/** Rows of several files, one after another, by column name. */
async function stack(sources: Source[], files: FileColumns[], plan: FilePlan): Promise<Column[]> {
  const names: string[] = [];
  const storages = new Map<string, Set<Column['storage']>>();
  for (const file of files) {
    for (const column of file.columns) {
      let kinds = storages.get(column.name);
      if (!kinds) {
        kinds = new Set();
        storages.set(column.name, kinds);
        names.push(column.name);
      }
      kinds.add(column.storage);
    }
  }
  const mixed = new Set(names.filter((name) => storages.get(name)!.size > 1));
  if (mixed.size > 0) {
    // Numbers parsed in one file cannot give back their exact text; the file has it.
    for (let index = 0; index < files.length; index++) {
      const reread = new Set(files[index].columns.filter((c) => c.storage === 'numeric' && mixed.has(c.name)).map((c) => c.name));
      if (reread.size === 0) continue;
      const again = await readColumns(sources[index], { ...plan, forceText: reread, only: reread, onBytes: undefined });
      const replacement = new Map(again.columns.map((column) => [column.name, column]));
      files[index] = {
        rowCount: files[index].rowCount,
        columns: files[index].columns.map((column) => replacement.get(column.name) ?? column),
      };
    }
  }
  const totalRows = files.reduce((sum, file) => sum + file.rowCount, 0);
  return names.map((name) => {
    const parts = files.map((file) => ({ rows: file.rowCount, column: file.columns.find((c) => c.name === name) }));
    return storages.get(name)!.has('text') ? stackText(name, parts, totalRows) : stackNumeric(name, parts, totalRows);
  });
}

interface Part {
  rows: number;
  column: Column | undefined;
}

function stackNumeric(name: string, parts: Part[], totalRows: number): Column {
  const values = new Float64Array(totalRows).fill(NaN);
  let offset = 0;
  for (const { rows, column } of parts) {
    if (column?.storage === 'numeric') values.set(column.values, offset);
    offset += rows;
  }
  const instants = parts.every(({ column }) => column === undefined || (column.storage === 'numeric' && column.time === true));
  return { storage: 'numeric', name, values, ...(instants ? { time: true } : {}) };
}

function stackText(name: string, parts: Part[], totalRows: number): Column {
  const codes = new Int32Array(totalRows).fill(MISSING_CODE);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  let offset = 0;
  for (const { rows, column } of parts) {
    if (column?.storage === 'text') {
      const remap = column.dictionary.map((text) => {
        let code = index.get(text);
        if (code === undefined) {
          code = dictionary.length;
          dictionary.push(text);
          index.set(text, code);
        }
        return code;
      });
      for (let row = 0; row < rows; row++) {
        const code = column.codes[row];
        codes[offset + row] = code === MISSING_CODE ? MISSING_CODE : remap[code];
      }
    }
    offset += rows;
  }
  return { storage: 'text', name, codes, dictionary };
}
