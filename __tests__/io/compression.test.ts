import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { readAll, readHead } from '../../src/io/compression.js';
import { readTable } from '../../src/io/read.js';
import type { Source } from '../../src/io/source.js';
import { cells, inputError, tempDir, writeFile } from './temp.js';

const source = (path: string, gzip: boolean): Source => ({ path, display: 'shown.csv', format: 'csv', gzip });

describe('gzip', () => {
  const dir = tempDir();
  const csv = 'a,b\n1,x\n2,y\n';

  it('detects the gzip magic bytes, and gives the head of the content', async () => {
    expect(await readHead(writeFile(dir, 'magic.bin', gzipSync(csv)), false, 4)).toEqual({ gzip: true, head: Buffer.from('a,b\n') });
    expect(await readHead(writeFile(dir, 'plain.bin', csv), false, 4)).toEqual({ gzip: false, head: Buffer.from('a,b\n') });
    expect(await readHead(writeFile(dir, 'one-byte.bin', '\x1f'), false, 4)).toEqual({ gzip: false, head: Buffer.from('\x1f') });
    // A .gz name is taken at its word; reading the file reports that it is not gzip.
    expect(await readHead(writeFile(dir, 'named.csv.gz', csv), true, 4)).toEqual({ gzip: true, head: Buffer.alloc(0) });
  });

  it('decompresses while reading', async () => {
    const path = writeFile(dir, 'whole.csv.gz', gzipSync(csv));
    expect((await readAll(source(path, true))).toString()).toBe(csv);
  });

  it('reads a compressed file without a .gz name by its magic bytes', async () => {
    const path = writeFile(dir, 'renamed.csv', gzipSync(csv));
    expect(cells(await readTable([path]), 'b')).toEqual(['x', 'y']);
  });

  it('reports a truncated gzip file', async () => {
    const whole = gzipSync(Buffer.from(csv.repeat(1000)));
    const path = writeFile(dir, 'truncated.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await inputError(() => readTable([path]));
    expect(error.message).toMatch(/truncated or corrupt gzip/);
    expect(error.location).toEqual({ file: path });
  });

  it('reports a corrupt gzip file', async () => {
    const whole = gzipSync(Buffer.from(csv.repeat(50)));
    const corrupt = Buffer.from(whole);
    corrupt.fill(0x55, 12, corrupt.length - 8);
    const path = writeFile(dir, 'corrupt.csv.gz', corrupt);
    expect((await inputError(() => readTable([path]))).message).toMatch(/truncated or corrupt gzip/);
  });

  it('reports a .gz name on a file that is not gzip', async () => {
    const path = writeFile(dir, 'not-really.csv.gz', csv);
    expect((await inputError(() => readTable([path]))).message).toMatch(/truncated or corrupt gzip/);
  });

  it('names the file the user gave when it cannot be opened', async () => {
    const error = await inputError(() => readAll(source(`${dir}/gone.csv`, false)));
    expect(error.message).toMatch(/does not exist/);
    expect(error.location).toEqual({ file: 'shown.csv' });
  });
});
