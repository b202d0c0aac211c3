/**
 * Opening a data file as a stream of bytes, gunzipping it on the way when it is gzip-compressed (by its
 * `.gz` name or by its first bytes, since exports are often compressed without being renamed).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants as zlib, createGunzip, gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import type { Source } from './source.js';

const CHUNK_SIZE = 1 << 20;

/**
 * Whether the file is gzip (its name says so, or it starts with the magic bytes 1f 8b), and the first
 * `length` bytes (a few, for magic bytes) of its content, gunzipped if it is. Only the head of a gzip file is
 * read, and its decompression is flushed rather than required to reach the end; a head that does not
 * decompress is empty, for reading the file to report why.
 */
export async function readHead(path: string, gzipName: boolean, length: number): Promise<{ gzip: boolean; head: Buffer }> {
  const handle = await open(path, 'r');
  try {
    const raw = Buffer.alloc(Math.max(length, GZIP_HEAD_BYTES));
    const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
    const start = raw.subarray(0, bytesRead);
    const gzip = gzipName || (start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b);
    if (!gzip) return { gzip, head: start.subarray(0, length) };
    try {
      return { gzip, head: gunzipSync(start, { finishFlush: zlib.Z_SYNC_FLUSH }).subarray(0, length) };
    } catch {
      return { gzip, head: Buffer.alloc(0) };
    }
  } finally {
    await handle.close();
  }
}

/** Compressed bytes enough for the first few of the content: a 10-byte header, maybe a file name, then data. */
const GZIP_HEAD_BYTES = 512;

/**
 * The file's (decompressed) bytes, chunk by chunk. Errors become InputErrors naming the file. `onBytes` is
 * told how many bytes of the file itself (compressed, if it is) have been read so far.
 */
export async function* readChunks(source: Source, onBytes?: (read: number) => void): AsyncGenerator<Buffer> {
  const file = createReadStream(source.path, { highWaterMark: CHUNK_SIZE });
  let stream: NodeJS.ReadableStream = file;
  if (source.gzip) {
    const gunzip = createGunzip({ chunkSize: CHUNK_SIZE });
    file.on('error', (error) => gunzip.destroy(error));
    stream = file.pipe(gunzip);
  }
  try {
    for await (const chunk of stream) {
      onBytes?.(file.bytesRead);
      yield chunk as Buffer;
    }
  } catch (error) {
    throw fileError(error, source);
  } finally {
    file.destroy();
    if (stream !== file) (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
}

/**
 * The whole (decompressed) file, for formats that need random access or a single parse. A file over
 * `limit.bytes` is refused with `limit.refusal` as soon as the reader has got that far, before holding more.
 */
export async function readAll(
  source: Source,
  onBytes?: (read: number) => void,
  limit?: { bytes: number; refusal: string },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of readChunks(source, onBytes)) {
    length += chunk.length;
    if (limit && length > limit.bytes) throw new InputError(limit.refusal, { file: source.display });
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** A failure to read the file as an InputError naming it, when it is one the user can act on. */
export function fileError(error: unknown, source: Source): unknown {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const file = source.display;
  switch (code) {
    case 'ENOENT':
      return new InputError('the file does not exist; check the path', { file });
    case 'EISDIR':
      return new InputError('this is a directory; pass the data files in it (a glob such as dir/*.csv works)', { file });
    case 'EACCES':
    case 'EPERM':
      return new InputError('the file cannot be read (permission denied)', { file });
    case 'Z_BUF_ERROR':
    case 'Z_DATA_ERROR':
    case 'Z_STREAM_ERROR':
      return new InputError(`the file is truncated or corrupt gzip (${(error as Error).message}); re-export or re-download it`, { file });
    default:
      return error;
  }
}
