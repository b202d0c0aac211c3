/** Date and timestamp columns: left untested unless declared, charted as dates, carried through profiles. */
import { describe, expect, it } from '@jest/globals';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import type { Dataset, Table } from '../../src/core/table.js';
import { readTable } from '../../src/io/read.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { profileFromJson, profileToJson } from '../../src/profile/json.js';
import { datasetOf } from '../../src/io/profile-side.js';
import { normalDraws } from '../helpers/tables.js';
import { tempDir, writeFile } from '../io/temp.js';

const HOUR = 3_600_000;

/** Orders placed hourly: the baseline in January 2024, the current data in March, with an `amount`. */
function orders(rows: number, start: number, seed: number): Table {
  return {
    sources: [`orders-${seed}.parquet`],
    rowCount: rows,
    columns: [
      { storage: 'numeric', name: 'placed', values: Float64Array.from({ length: rows }, (_, row) => start + row * HOUR), time: true },
      { storage: 'numeric', name: 'amount', values: Float64Array.from(normalDraws(rows, 50, seed)) },
    ],
  };
}
const baseline = orders(600, Date.UTC(2024, 0, 1), 1);
const current = orders(400, Date.UTC(2024, 2, 1), 2);

describe('date and timestamp columns', () => {
  const dir = tempDir();

  it('are left untested by default, saying why, since their values always move on', () => {
    const placed = compareTables(baseline, current, defaultDriftOptions()).columns.find((column) => column.name === 'placed')!;
    expect(placed.status).toBe('not-tested');
    expect(placed.reasons.join(' ')).toMatch(/date or timestamp column.*declare it numerical/);
  });

  it('are tested when declared numerical, their chart edges marked as milliseconds', () => {
    const options = defaultDriftOptions({ declaredKinds: new Map([['placed', 'numerical']]) });
    const placed = compareTables(baseline, current, options).columns.find((column) => column.name === 'placed')!;
    expect(placed.status).toBe('drift');
    expect(placed.histogram).toMatchObject({ kind: 'bins', edges_time: 'epoch-ms' });
  });

  it('label Unix seconds under a name that says time as instants, and numbers under other names not', () => {
    const seconds = (name: string, offset: number): Table => ({
      sources: ['s.csv'],
      rowCount: 300,
      columns: [{ storage: 'numeric', name, values: Float64Array.from({ length: 300 }, (_, row) => 1_700_000_000 + offset + row * 3_600) }],
    });
    for (const [name, expected] of [
      ['created_at', 'epoch-s'],
      ['population', undefined],
    ] as const) {
      const options = defaultDriftOptions({ declaredKinds: new Map([[name, 'numerical']]) });
      const [column] = compareTables(seconds(name, 0), seconds(name, 86_400), options).columns;
      expect({ name, time: column.histogram?.kind === 'bins' ? column.histogram.edges_time : 'not bins' }).toEqual({
        name,
        time: expected,
      });
    }
  });

  it('keep their mark through Parquet, a profile and its JSON, so a profiled baseline leaves them untested too', async () => {
    const schema = [
      { name: 'root', num_children: 1 },
      { name: 'placed', type: 'INT64' as const, converted_type: 'TIMESTAMP_MILLIS' as const, repetition_type: 'OPTIONAL' as const },
    ];
    const at = (row: number) => new Date(Date.UTC(2024, 0, 1) + row * HOUR);
    const path = writeFile(
      dir,
      'orders.parquet',
      Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'placed', data: Array.from({ length: 300 }, (_, row) => at(row)) }], schema })),
    );
    const table = await readTable([path]);
    expect(table.columns[0]).toMatchObject({ storage: 'numeric', time: true });
    const builder = new ProfileBuilder();
    builder.addTable(table);
    const profile = profileFromJson(JSON.parse(JSON.stringify(profileToJson(builder.finish()))), 'orders.profile.json');
    expect(profile.columns[0]).toMatchObject({ storage: 'numeric', time: true });
    const fromProfile: Dataset = datasetOf(profile, ['orders.profile.json'], 'file');
    const [placed] = compareTables(fromProfile, table, defaultDriftOptions()).columns;
    expect(placed.status).toBe('not-tested');
  });
});
