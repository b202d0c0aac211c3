/**
 * Reading on a worker thread: a table posted with its buffers transferred arrives whole, bit for bit,
 * and the sender keeps nothing; and a check whose current data a bundle's worker reads (the threshold set
 * to nothing, so small files go there) gives the result a check on one thread gives, and errors keep their
 * location.
 */
import { describe, expect, it } from '@jest/globals';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { runCheck, type CheckSettings, type Side } from '../../src/check.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { transferablesOf } from '../../src/read-worker.js';
import type { Table } from '../../src/core/table.js';
import { bundlePath } from '../helpers/processes.js';
import { inputError, tempDir, writeFile } from './temp.js';

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

const ROWS = 3000;

function csv(shift: number, badCellAtEnd = false): string {
  let state = 12345 + shift;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const lines = ['amount,latency,visits,plan'];
  for (let row = 0; row < ROWS; row++) {
    const latency = 200 + 30 * (next() + next() + next() - 1.5) + shift;
    const plan = ['free', 'team', 'pro'][Math.floor(next() * next() * 3)];
    lines.push(`${(next() * 100).toFixed(2)},${latency},${Math.floor(next() * 30)},${plan}`);
  }
  if (badCellAtEnd) lines.push('1.5,oops,3,free');
  return `${lines.join('\n')}\n`;
}

describe.each(['cli', 'check'])('a check whose current data the %s bundle reads on its worker thread', (entry) => {
  const dir = tempDir();
  writeFile(dir, 'baseline.csv', csv(0));
  writeFile(dir, 'current.csv', csv(1));
  writeFile(dir, 'bad.csv', csv(1, true));
  const settings = (current: string): CheckSettings => ({
    baseline: ['baseline.csv'],
    current: [current],
    cwd: dir,
    drift: defaultDriftOptions({ declaredKinds: new Map([['latency', 'numerical']]) }),
  });
  const onWorker = (workerMinBytes: number) => {
    const sides: Side[] = [];
    return {
      sides,
      run: {
        readWorker: pathToFileURL(bundlePath(entry)),
        workerMinBytes,
        observer: { readingOnWorker: (side: Side) => sides.push(side) },
      },
    };
  };

  it('gives exactly what a check on one thread gives', async () => {
    const { sides, run } = onWorker(0);
    const read = await runCheck(settings('current.csv'), run);
    expect(sides).toEqual(['current']);
    expect(read).toEqual(await runCheck(settings('current.csv')));
  });

  it('reads on this thread below the threshold', async () => {
    const { sides, run } = onWorker(Number.MAX_SAFE_INTEGER);
    await runCheck(settings('current.csv'), run);
    expect(sides).toEqual([]);
  });

  it('reports a bad cell in the current data with its file, line and column', async () => {
    const { sides, run } = onWorker(0);
    const error = await inputError(() => runCheck(settings('bad.csv'), run));
    expect(sides).toEqual(['current']);
    expect(error.describe()).toBe(
      `bad.csv:${ROWS + 2}: column "latency": "oops" is not a number, but the column is declared numerical; fix the cell, leave it empty for a missing value, or declare the column categorical`,
    );
  });
});
