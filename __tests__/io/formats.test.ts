/**
 * The format registry is the one place formats are known: every registered format is recognised by each of
 * its extensions, weighed as it says, and named in `--help` and in the messages that list formats. These
 * tests go over the registry, so a format added there is held to all of it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { HELP } from '../../src/cli/help.js';
import { formats, isDataFile } from '../../src/io/formats.js';
import { inputSize, readTable, resolveSources } from '../../src/io/read.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { cells, inputError, tempDir, writeFile } from './temp.js';

const withMagic = formats.filter((format) => format.magic !== undefined);

describe('the format registry', () => {
  const dir = tempDir();

  it('gives every format a distinct name and extensions no other format claims', () => {
    expect(new Set(formats.map((format) => format.name)).size).toBe(formats.length);
    const extensions = formats.flatMap((format) => format.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const extension of extensions) expect(extension).toMatch(/^\.[a-z0-9]+$/);
  });

  it('reads each extension, in any case and optionally gzipped, as its format', async () => {
    for (const format of formats) {
      for (const extension of format.extensions) {
        const plain = writeFile(dir, `data${extension.toUpperCase()}`, format.magic ?? 'x\n1\n');
        const gzipped = writeFile(dir, `data${extension}.gz`, gzipSync(format.magic ?? 'x\n1\n'));
        const sources = await resolveSources([plain, gzipped], dir);
        expect(sources.map((source) => [source.format, source.gzip])).toEqual([
          [format.name, false],
          [format.name, true],
        ]);
        expect(isDataFile(plain) && isDataFile(gzipped)).toBe(true);
      }
    }
    expect(isDataFile('notes.txt')).toBe(false);
  });

  it('reads a file whose name says nothing by its magic bytes, else as CSV', async () => {
    for (const format of withMagic) {
      const path = writeFile(dir, `export-${format.name}`, format.magic!);
      expect((await resolveSources([path], dir))[0].format).toBe(format.name);
    }
    expect((await resolveSources([writeFile(dir, 'export', 'x\n1\n')], dir))[0].format).toBe('csv');
  });

  it('reads a Parquet file without an extension', async () => {
    const path = writeFile(
      dir,
      'export-parquet-data',
      Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'x', data: [1, 2], type: 'INT32' }] })),
    );
    expect(cells(await readTable([path]), 'x')).toEqual([1, 2]);
  });

  it('refuses a file whose magic bytes belong to another format than its name, gzipped or not', async () => {
    for (const format of withMagic) {
      for (const other of formats.filter((candidate) => candidate !== format)) {
        const named = writeFile(dir, `really-${format.name}${other.extensions[0]}`, format.magic!);
        const gzipped = writeFile(dir, `really-${format.name}${other.extensions[0]}.gz`, gzipSync(format.magic!));
        for (const path of [named, gzipped]) {
          const error = await inputError(() => readTable([path]));
          expect(error.message).toBe(
            `this is a ${format.title} file, not ${other.title}; give it a ${format.extensions[0]} name or set the format to ${format.name}`,
          );
          expect(error.location).toEqual({ file: path });
        }
      }
    }
  });

  it('weighs each format, and gzip, by its size weight when estimating memory', async () => {
    for (const format of formats) {
      const path = writeFile(dir, `weighed${format.extensions[0]}`, format.magic ?? 'x\n1\n');
      expect(await inputSize([path])).toBe(statSync(path).size * format.sizeWeight);
    }
    const gzipped = writeFile(dir, 'weighed.csv.gz', gzipSync('x\n1\n'));
    expect(await inputSize([gzipped])).toBe(statSync(gzipped).size * 4);
  });

  it('names every format, with its extensions, in --help', () => {
    const start = HELP.indexOf('Data (');
    const data = HELP.slice(start, HELP.indexOf('):', start));
    for (const format of formats) expect(data).toContain(`${format.title} ${format.extensions.join(' ')}`);
  });

  it("names every format in the check action's baseline input", () => {
    const description: string = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')).inputs.baseline.description;
    expect(description).toContain(
      `(${formats
        .map((format) => format.title)
        .slice(0, -1)
        .join(', ')} or ${formats[formats.length - 1].title}; optionally .gz)`,
    );
  });

  it('names every format when a text reader meets a binary file', async () => {
    for (const format of formats.filter((candidate) => candidate.magic === undefined)) {
      const path = writeFile(dir, `binary${format.extensions[0]}`, Buffer.from([0x7b, 0x7d, 0x0a, 0x00, 0x01]));
      const error = await inputError(() => readTable([path]));
      expect(error.message).toMatch(/^this is not a text file \(it contains NUL bytes\); pass a /);
      for (const other of formats) expect(error.message).toContain(other.title);
      expect(error.location.file).toBe(path);
    }
  });
});
