/**
 * What the read worker sends: a table posted with its buffers transferred arrives whole, bit for bit, and
 * the sender keeps nothing. (The worker thread itself runs the bundle; the CLI tests exercise it.)
 */
import { describe, expect, it } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import { transferablesOf } from '../../src/io/read-worker.js';
import type { Table } from '../../src/engine/table.js';

function roundTrip(table: Table): Promise<Table> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port2.once('message', (message: Table) => {
      port1.close();
      port2.close();
      resolve(message);
    });
    port1.postMessage(table, transferablesOf(table.columns));
  });
}

describe('read worker transfer', () => {
  it('moves every column buffer once and the table arrives identical', async () => {
    const values = Float64Array.from([1.5, NaN, -0, 0, 5e-324, Number.MAX_VALUE]);
    // A column that is a view into a larger buffer, as the column builders hand out.
    const viewed = new Float64Array(8).fill(7).subarray(0, 6);
    const codes = Int32Array.from([0, 1, -1, 0, 2, 1]);
    const table: Table = {
      sources: ['current.csv'],
      rowCount: 6,
      columns: [
        { storage: 'numeric', name: 'x', values },
        { storage: 'numeric', name: 'y', values: viewed },
        { storage: 'text', name: 'k', codes, dictionary: ['a', 'b', 'é'] },
      ],
    };
    const expected = structuredClone(table);
    expect(transferablesOf(table.columns)).toHaveLength(3);
    const received = await roundTrip(table);
    expect(values.length).toBe(0);
    expect(received).toEqual(expected);
    const x = received.columns[0];
    expect(x.storage === 'numeric' && Object.is(x.values[2], -0)).toBe(true);
  });

  it('lists a buffer shared by two columns once', () => {
    const shared = new Float64Array(4);
    const columns = [
      { storage: 'numeric' as const, name: 'a', values: shared.subarray(0, 2) },
      { storage: 'numeric' as const, name: 'b', values: shared.subarray(2) },
    ];
    expect(transferablesOf(columns)).toEqual([shared.buffer]);
  });
});
