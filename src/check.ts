/**
 * One drift check from files: read both sides (in parallel), then compare. The CLI and the check action
 * both call this; only how they get settings and show results differs.
 */
import { compareTables } from './engine/drift.js';
import type { DriftOptions } from './engine/options.js';
import type { DriftResult } from './engine/result.js';
import { adoptSorted, presort } from './engine/samples.js';
import type { Table } from './engine/table.js';
import { inputSize, readTable, type ReadOptions } from './io/read.js';
import { readTableOnWorker } from './io/read-worker.js';

export interface CheckSettings {
  /** Paths or globs of the baseline data; several are concatenated. */
  baseline: readonly string[];
  /** Paths or globs of the current data. */
  current: readonly string[];
  /** Where relative paths start (default: the process's working directory). */
  cwd?: string;
  drift: DriftOptions;
}

export type Side = 'baseline' | 'current';

/** What a check tells its caller while it runs. */
export interface CheckObserver {
  /** Bytes of a side's files read so far, out of their total size. */
  reading?(side: Side, read: number, total: number): void;
  /** A side has been read. */
  read?(side: Side, table: Table, milliseconds: number): void;
  /** Both sides are read and the comparison starts. */
  comparing?(columns: number): void;
  /** The comparison is done. */
  compared?(milliseconds: number): void;
}

export interface CheckRun {
  /**
   * A script that serves read workers (`serveReadWorker`), normally the running bundle. With it, large
   * current data is read on a worker thread while this thread reads the baseline.
   */
  readWorker?: URL;
  observer?: CheckObserver;
}

/**
 * Below this many bytes of current data a worker thread costs more (its start-up, a second copy of the
 * code) than reading both sides on one thread.
 */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

export async function runCheck(settings: CheckSettings, run: CheckRun = {}): Promise<DriftResult> {
  const { observer } = run;
  const readOptions: ReadOptions = { declared: settings.drift.declaredKinds, naValues: settings.drift.naValues, cwd: settings.cwd };
  const readWorker = run.readWorker && (await inputSize(settings.current, readOptions)) >= WORKER_MIN_BYTES ? run.readWorker : undefined;
  const started = performance.now();
  // When one side fails, reading the other on a worker is stopped rather than finished for nothing.
  const failed = new AbortController();
  const readSide = async (side: Side, paths: readonly string[]): Promise<Table> => {
    const onProgress = observer?.reading && ((read: number, total: number) => observer.reading!(side, read, total));
    try {
      let table: Table;
      if (side === 'current' && readWorker) {
        const request = { paths, options: readOptions, presort: true };
        const read = await readTableOnWorker(readWorker, request, { onProgress, signal: failed.signal });
        table = read.table;
        adoptSorted(table, read.sorted ?? []);
      } else {
        table = await readTable(paths, { ...readOptions, onProgress });
        // With a worker reading the other side, this thread would otherwise wait for it idle.
        if (readWorker) adoptSorted(table, presort(table, readOptions.declared));
      }
      observer?.read?.(side, table, performance.now() - started);
      return table;
    } catch (error) {
      failed.abort(error);
      throw error;
    }
  };
  const [baseline, current] = await Promise.all([readSide('baseline', settings.baseline), readSide('current', settings.current)]);
  observer?.comparing?.(new Set([...baseline.columns, ...current.columns].map((column) => column.name)).size);
  const comparing = performance.now();
  const result = compareTables(baseline, current, settings.drift);
  observer?.compared?.(performance.now() - comparing);
  return result;
}

/**
 * An observer that logs, one line per phase, the rows each side gave and the time spent: what a CI log
 * should show about a check's cost (the check action passes `core.info`).
 */
export function phaseLog(log: (line: string) => void): CheckObserver {
  return {
    read(side, table, milliseconds) {
      const files = table.sources.length === 1 ? '1 file' : `${table.sources.length} files`;
      log(`Read ${table.rowCount} ${side} rows × ${table.columns.length} columns from ${files} in ${Math.round(milliseconds)} ms.`);
    },
    compared(milliseconds) {
      log(`Compared the columns in ${Math.round(milliseconds)} ms.`);
    },
  };
}
