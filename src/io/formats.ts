/**
 * Every file format driftgate reads, registered once, and the rules that tell a file's format from its name
 * and its first bytes. Adding a format is one file (a reader that exports its `FileFormat` descriptor) and
 * one line here: reading, streaming, the memory estimate, messages, `--help` and the README's table follow.
 */
import { basename } from 'node:path';
import { InputError } from '../core/errors.js';
import { readHead } from './compression.js';
import { csvFormat, tsvFormat } from './csv.js';
import { jsonFormat, jsonLinesFormat } from './json.js';
import { parquetFormat } from './parquet.js';
import { NotTextError, type FileColumns, type FilePlan, type RowBatches, type Source, type StreamedFile } from './source.js';

export const formats = [csvFormat, tsvFormat, jsonLinesFormat, jsonFormat, parquetFormat] as const;

type RegisteredFormat = (typeof formats)[number];

export type Format = RegisteredFormat['name'];

/** What a file is read as when neither its name nor its first bytes say. */
const DEFAULT_FORMAT: Format = csvFormat.name;

/**
 * gzip wraps any format, announced by a `.gz` suffix or its magic bytes 1f 8b (exports are often compressed
 * without being renamed); a compressed file holds several times its size in cells.
 */
export const GZIP = { title: 'gzip', extension: '.gz', sizeWeight: 4 } as const;

const byName = new Map<Format, RegisteredFormat>(formats.map((format) => [format.name, format]));
const byExtension = new Map<string, RegisteredFormat>(
  formats.flatMap((format) => format.extensions.map((extension) => [extension, format] as const)),
);
const magicLength = Math.max(...formats.map((format) => format.magic?.length ?? 0));

export function formatNamed(name: Format): RegisteredFormat {
  return byName.get(name)!;
}

/** The format a file name announces (a `.gz` suffix aside), if any. */
function formatOfName(path: string): { format: RegisteredFormat | undefined; gzipName: boolean } {
  let name = basename(path).toLowerCase();
  const gzipName = name.endsWith(GZIP.extension);
  if (gzipName) name = name.slice(0, -GZIP.extension.length);
  const dot = name.lastIndexOf('.');
  return { format: dot === -1 ? undefined : byExtension.get(name.slice(dot)), gzipName };
}

/** The format whose magic bytes the content starts with, if any. */
function formatOfContent(head: Buffer): RegisteredFormat | undefined {
  return formats.find(
    (format) =>
      format.magic !== undefined && head.length >= format.magic.length && head.toString('latin1', 0, format.magic.length) === format.magic,
  );
}

/** Whether a file name has a data extension we read (one of `dataExtensions`, optionally .gz). */
export function isDataFile(path: string): boolean {
  return formatOfName(path).format !== undefined;
}

/**
 * A file as the readers see it: its format forced, or announced by its name, else by its first bytes,
 * else CSV; an InputError when the first bytes belong to another format than the one forced or named.
 */
export async function describeSource(path: string, display: string, forced: Format | undefined): Promise<Source> {
  const named = formatOfName(path);
  // An unreadable file is reported, with its reason, when it is read.
  const { gzip, head } = await readHead(path, named.gzipName, magicLength).catch(() => ({ gzip: named.gzipName, head: Buffer.alloc(0) }));
  const detected = formatOfContent(head);
  const claimed = forced === undefined ? named.format : formatNamed(forced);
  if (detected && claimed && detected !== claimed) {
    throw new InputError(
      `this is a ${detected.title} file, not ${claimed.title}; give it a ${detected.extensions[0]} name or set the format to ${detected.name}`,
      { file: display },
    );
  }
  return { path, display, format: (claimed ?? detected ?? formatNamed(DEFAULT_FORMAT)).name, gzip };
}

/** About how many bytes of cells a file's bytes stand for, for estimating the memory reading it takes. */
export function sizeWeight(source: Source): number {
  return Math.max(formatNamed(source.format).sizeWeight, source.gzip ? GZIP.sizeWeight : 1);
}

/** Reads one file with its format's reader. */
export function readColumns(source: Source, plan: FilePlan): Promise<FileColumns> {
  return formatNamed(source.format).read(source, plan).catch(advise);
}

/** Reads a file in one pass, handing its rows over in batches; see `streamDelimited`. */
export type Streamer = (source: Source, plan: FilePlan, batches: RowBatches) => Promise<StreamedFile>;

/** How the file's format streams, or undefined when the file can only be read whole. */
export function streamerOf(source: Source): Streamer | undefined {
  const stream = formatNamed(source.format).stream;
  return stream && ((file, plan, batches) => stream(file, plan, batches).catch(advise));
}

/** A binary file read as text: the message says what can be passed instead. */
function advise(error: unknown): never {
  if (error instanceof NotTextError)
    throw new InputError(`${error.message}; pass a ${formatTitles('or')} file`, { file: error.file, line: error.line });
  throw error;
}

/** The formats' names for people as a list: `CSV, TSV, JSON Lines, JSON or Parquet`. */
export function formatTitles(conjunction: 'and' | 'or'): string {
  const titles = formats.map((format) => format.title);
  return `${titles.slice(0, -1).join(', ')} ${conjunction} ${titles[titles.length - 1]}`;
}

/** Each format with its extensions, for `--help`: `CSV .csv, TSV .tsv .tab, ...`. */
export function formatListing(): string {
  return formats.map((format) => `${format.title} ${format.extensions.join(' ')}`).join(', ');
}

/** Every extension that announces a format, in registry order: `.csv, .tsv, .tab, ...`. */
export function dataExtensions(): string {
  return formats.flatMap((format) => format.extensions).join(', ');
}

/** The README's table of formats (Markdown). */
export function formatTableMarkdown(): string {
  const code = (extension: string) => `\`${extension}\``;
  const rows = formats.map((format) => `| ${format.title} | ${format.extensions.map(code).join(', ')} | ${format.notes} |`);
  return [
    '| format | extensions | notes |',
    '|---|---|---|',
    ...rows,
    `| ${GZIP.title} | any of the above + ${code(GZIP.extension)} | |`,
  ].join('\n');
}
