/**
 * Profile files: `.json`, or `.json.gz` (gzip by name or by its first bytes), holding one profile
 * (docs/profile-schema.md). A JSON file is taken for a profile when it opens with the profile marker, so
 * `.json` data files (a list of records) and profiles can sit side by side.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import type { Profile } from '../core/profile.js';
import { PROFILE_MARKER, profileFromJson, profileToJson } from '../profile/json.js';
import { writeFileAtomic } from './write.js';

const SNIFF_BYTES = 256;
const GZIP_MAGIC = [0x1f, 0x8b];

/** Whether the file holds a profile: JSON whose first key is the profile marker. Unreadable files are not. */
export async function isProfileFile(path: string): Promise<boolean> {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.json') && !lower.endsWith('.json.gz')) return false;
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    if (isGzip(head)) head = await gunzipPrefix(path);
  } catch {
    return false;
  }
  return new RegExp(`^\\s*\\{\\s*"${PROFILE_MARKER}"\\s*:`).test(head.toString('utf8', 0, Math.min(head.length, SNIFF_BYTES)));
}

/** The profile in the file, checked throughout; an InputError naming `display` when it is not one. */
export async function readProfileFile(path: string, display = path): Promise<Profile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(`cannot read the profile: ${(error as Error).message}`, { file: display });
  }
  let text: string;
  try {
    text = (isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch {
    throw new InputError('not a usable driftgate profile: the gzip data is corrupt or truncated', { file: display });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not a usable driftgate profile: it is not valid JSON (${(error as Error).message}); is it truncated?`, {
      file: display,
    });
  }
  return profileFromJson(json, display);
}

/** Writes the profile, gzip-compressed when the name ends in `.gz`; a reader never sees half a file. */
export async function writeProfileFile(path: string, profile: Profile): Promise<number> {
  const text = `${JSON.stringify(profileToJson(profile))}\n`;
  const bytes = path.toLowerCase().endsWith('.gz') ? gzipSync(text) : Buffer.from(text);
  await writeFileAtomic(path, bytes);
  return bytes.length;
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** The first inflated bytes of a gzip file, without inflating the rest (it may be a large data file). */
async function gunzipPrefix(path: string): Promise<Buffer> {
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of stream) return chunk as Buffer;
    return Buffer.alloc(0);
  } finally {
    stream.destroy();
  }
}
