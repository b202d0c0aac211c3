/**
 * A minimal zip writer for tests. It writes entry names exactly as given, because the point is to build
 * archives that well-behaved libraries refuse to create: names that climb out with `..`, absolute names,
 * symbolic links. Archives use the Unix "version made by" so the mode bits in the external attributes
 * mean what an extractor reads them to mean.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  /** Stored byte for byte (UTF-8), without any validation. */
  name: string;
  /** File content; for a symbolic link, the link target. Ignored for a directory. */
  content?: string | Uint8Array;
  kind?: 'file' | 'directory' | 'symlink';
  /** Deflate the content (the default) or store it as is. */
  deflate?: boolean;
}

const UNIX_MODE = { file: 0o100644, directory: 0o040755, symlink: 0o120777 } as const;
const MSDOS_DIRECTORY = 0x10;
const UTF8_NAMES = 0x0800;
const VERSION_NEEDED = 20;
const VERSION_MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED;
/** 2026-01-01 00:00:00 in MS-DOS date and time fields; a fixed stamp keeps the archives reproducible. */
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const kind = entry.kind ?? (entry.name.endsWith('/') ? 'directory' : 'file');
    const raw = kind === 'directory' ? Buffer.alloc(0) : Buffer.from(entry.content ?? '');
    const method = kind === 'file' && entry.deflate !== false ? 8 : 0;
    const stored = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name, 'utf8');
    const checksum = crc32(raw);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_MADE_BY_UNIX, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    // Extra field length, comment length, disk number, internal attributes: all zero.
    central.writeUInt32LE(((UNIX_MODE[kind] << 16) | (kind === 'directory' ? MSDOS_DIRECTORY : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
