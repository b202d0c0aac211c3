import { describe, expect, it } from '@jest/globals';
import { parquetMetadata } from 'hyparquet';
import type { FileMetaData } from 'hyparquet';
import { ByteWriter, parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { readTable } from '../../src/io/read.js';
import { cells, inputError, tempDir, writeFile } from './temp.js';

const COLUMNS: ColumnSource[] = [
  { name: 'amount', data: [1, 2, 3, 4], type: 'INT32' },
  { name: 'city', data: ['a', 'b', 'a', 'c'], type: 'STRING' },
];

/** A valid file whose footer is then rewritten by `lie`: the data pages stay as written. */
function withFooter(lie: (metadata: FileMetaData) => void, columns = COLUMNS, rowGroupSize?: number): Buffer {
  const honest = Buffer.from(parquetWriteBuffer({ columnData: columns, rowGroupSize }));
  const metadata = parquetMetadata(new Uint8Array(honest).buffer);
  // Statistics are optional, and the writer would look their columns up by the names a lie may change.
  for (const group of metadata.row_groups) for (const chunk of group.columns) delete chunk.meta_data!.statistics;
  const schema = metadata.schema.map((element) => ({ ...element }));
  lie(metadata);
  // The writer first walks the schema as a tree, which a lying schema is not; it writes what it reads next.
  const lyingSchema = metadata.schema;
  let reads = 0;
  Object.defineProperty(metadata, 'schema', { get: () => (reads++ === 0 ? schema : lyingSchema) });
  const footer = new ByteWriter();
  // The writer carries its own hyparquet, whose types differ only in logical types these files lack.
  writeMetadata(footer, metadata as unknown as Parameters<typeof writeMetadata>[1]);
  footer.appendUint32(0x31524150);
  return Buffer.concat([honest.subarray(0, honest.length - 8 - metadata.metadata_length), Buffer.from(footer.getBuffer())]);
}

describe('Parquet footers are checked against the file', () => {
  const dir = tempDir();
  const refused = async (name: string, bytes: Buffer) => {
    const path = writeFile(dir, name, bytes);
    const error = await inputError(() => readTable([path]));
    expect(error.location.file).toBe(path);
    return error.message;
  };

  it('reads an honest file rewritten without changes (the helper itself is faithful)', async () => {
    const path = writeFile(
      dir,
      'honest.parquet',
      withFooter(() => {}),
    );
    const table = await readTable([path]);
    expect(cells(table, 'amount')).toEqual([1, 2, 3, 4]);
    expect(cells(table, 'city')).toEqual(['a', 'b', 'a', 'c']);
  });

  it('refuses a total row count the row groups contradict: more, fewer, negative, or no row groups', async () => {
    expect(
      await refused(
        'more.parquet',
        withFooter((m) => void (m.num_rows = 10n)),
      ),
    ).toMatch(/damaged: its footer claims 10 rows but its row groups hold 4/);
    expect(
      await refused(
        'fewer.parquet',
        withFooter((m) => void (m.num_rows = 2n)),
      ),
    ).toMatch(/claims 2 rows but its row groups hold 4/);
    expect(
      await refused(
        'negative.parquet',
        withFooter((m) => void (m.num_rows = -5n)),
      ),
    ).toMatch(/claims -5 rows/);
    expect(
      await refused(
        'no-groups.parquet',
        withFooter((m) => void (m.row_groups = [])),
      ),
    ).toMatch(/claims 4 rows but the file has no row groups/);
  });

  it('refuses 2^40 rows claimed consistently in a small file, without reserving memory for them', async () => {
    const huge = withFooter((m) => {
      m.num_rows = 2n ** 40n;
      m.row_groups[0].num_rows = 2n ** 40n;
    });
    expect(huge.length).toBeLessThan(8192);
    expect(await refused('huge.parquet', huge)).toMatch(/claims 1099511627776 rows, more than the 2147483647 driftgate reads/);
  });

  it('refuses a row count within limits that no page backs, instead of padding it with missing cells', async () => {
    const padded = withFooter((m) => {
      m.num_rows = 1_000_000n;
      m.row_groups[0].num_rows = 1_000_000n;
    });
    expect(await refused('unbacked.parquet', padded)).toMatch(/claims 1000000 rows but the data of column "amount" holds 4/);
  });

  it('refuses a column chunk that lies past the end of the data, or holds no bytes', async () => {
    const past = withFooter((m) => void (m.row_groups[0].columns[1].meta_data!.data_page_offset = 1_000_000n));
    expect(await refused('past-eof.parquet', past)).toMatch(
      /column "city" in the row group claims bytes 1000000 to \d+, beyond the \d+ bytes of data/,
    );
    const empty = withFooter((m) => void (m.row_groups[0].columns[0].meta_data!.total_compressed_size = 0n));
    expect(await refused('empty-chunk.parquet', empty)).toMatch(/column "amount" in the row group claims 0 bytes of data/);
  });

  it('names the row group at fault when there are several', async () => {
    const bytes = withFooter((m) => void (m.row_groups[1].columns[0].meta_data!.data_page_offset = 999_999n), COLUMNS, 2);
    expect(await refused('second-group.parquet', bytes)).toMatch(/column "amount" in row group 2 claims bytes 999999/);
  });

  it('refuses a schema that claims more columns than it describes, or fewer than its row groups hold', async () => {
    expect(
      await refused(
        'more-columns.parquet',
        withFooter((m) => void (m.schema[0].num_children = 3)),
      ),
    ).toMatch(/damaged: its schema claims 1 more column than it describes/);
    expect(
      await refused(
        'fewer-columns.parquet',
        withFooter((m) => void (m.schema[0].num_children = 1)),
      ),
    ).toMatch(/its schema lists 1 elements beyond its root's children/);
  });

  it('refuses column chunks that do not hold the columns the schema lists', async () => {
    const swapped = withFooter((m) => void (m.row_groups[0].columns[1].meta_data!.path_in_schema = ['town']));
    expect(await refused('swapped.parquet', swapped)).toMatch(/the row group holds column "town" where its schema has "city"/);
  });

  it('refuses empty and duplicate column names, as the CSV reader does', async () => {
    expect(
      await refused(
        'empty-name.parquet',
        withFooter((m) => void (m.schema[2].name = '')),
      ),
    ).toMatch(/column 2 has no name in the schema/);
    expect(
      await refused(
        'duplicate.parquet',
        withFooter((m) => void (m.schema[2].name = 'amount')),
      ),
    ).toMatch(/the schema names column "amount" more than once/);
  });

  it('refuses a column name that is not UTF-8, but keeps a genuine U+FFFD', async () => {
    const placeholder = 'ÿÿ';
    const bytes = withFooter((m) => void (m.schema[2].name = placeholder));
    const at = bytes.lastIndexOf(Buffer.from(placeholder, 'utf8'));
    bytes.fill(0xff, at, at + 4);
    expect(await refused('latin1-name.parquet', bytes)).toMatch(/the name of column 2 in the schema is not valid UTF-8/);

    const genuine = writeFile(
      dir,
      'replacement-char.parquet',
      withFooter((m) => {
        m.schema[2].name = 'city\uFFFD';
        m.row_groups[0].columns[1].meta_data!.path_in_schema = ['city\uFFFD'];
      }),
    );
    expect((await readTable([genuine])).columns.map((column) => column.name)).toEqual(['amount', 'city\uFFFD']);
  });
});
