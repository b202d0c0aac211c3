/**
 * Reading on a worker thread: a table posted with its buffers transferred arrives whole, bit for bit,
 * and the sender keeps nothing; and through the CLI bundle (the worker runs the bundle), large data gives
 * the report a check on one thread gives, and errors keep their location.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { transferablesOf } from '../../src/io/read-worker.js';
import type { Table } from '../../src/engine/table.js';
import { runCli } from '../helpers/processes.js';
import { tempDir, writeFile } from './temp.js';

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

const ROWS = 320000;

/** Data large enough that the CLI reads the current side on its worker thread (32 MB and more). */
function largeCsv(shift: number, badCellAtEnd = false): string {
  let state = 12345 + shift;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  // Long category labels make the file large with few rows, so the test stays quick.
  const pages = Array.from({ length: 20 }, (_, k) => `/products/category-${k}/${'listing-page-'.repeat(4)}${k}`);
  const lines = ['amount,latency,visits,plan,page'];
  for (let row = 0; row < ROWS; row++) {
    const latency = 200 + 30 * (next() + next() + next() - 1.5) + shift;
    const plan = ['free', 'team', 'pro'][Math.floor(next() * next() * 3)];
    lines.push(`${(next() * 100).toFixed(2)},${latency},${Math.floor(next() * 30)},${plan},${pages[Math.floor(next() * 20)]}`);
  }
  if (badCellAtEnd) lines.push('1.5,oops,3,free');
  return `${lines.join('\n')}\n`;
}

describe('the CLI reading the current data on its worker thread', () => {
  const dir = tempDir();
  const baseline = writeFile(dir, 'baseline.csv', largeCsv(0));
  const current = writeFile(dir, 'current.csv', largeCsv(1));
  const bad = writeFile(dir, 'bad.csv', largeCsv(1, true));

  it('reports exactly what a check on one thread reports', () => {
    expect(statSync(current).size).toBeGreaterThan(32 * 1024 * 1024);
    // The same bytes gzipped count for less than the worker's threshold (32 MB, gzip counting four times its size), so they are read on the main thread.
    const compressed = writeFile(dir, 'current.csv.gz', gzipSync(readFileSync(current)));
    expect(statSync(compressed).size).toBeLessThan(8 * 1024 * 1024);
    const columns = (path: string) => {
      const run = runCli(['check', '--baseline', baseline, '--current', path, '--format', 'json', '--exit-zero']);
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout) as { columns: unknown }).columns;
    };
    expect(columns(current)).toEqual(columns(compressed));
  });

  it('reports a bad cell in the current data with its file, line and column', () => {
    const run = runCli(['check', '--baseline', baseline, '--current', bad, '--numerical', 'latency']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`driftgate: ${bad}:${ROWS + 2}: column "latency": "oops" is not a number, but the column is declared numerical; fix the cell, leave it empty for a missing value, or declare the column categorical\n`);
  });
});
