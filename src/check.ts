/**
 * One drift check from files: read both sides (in parallel), then compare. The CLI and the check action
 * both call this; only how they get settings and show results differs.
 */
import { compareTables } from './engine/drift.js';
import type { DriftOptions } from './engine/options.js';
import type { DriftResult } from './engine/result.js';
import { adoptSorted, presort } from './engine/samples.js';
import { totalmem } from 'node:os';
import type { Dataset, Table } from './core/table.js';
import { datasetOf, profileData, readProfilesOf } from './io/profile-side.js';
import { inputSize, readTable, type ReadOptions } from './io/read.js';
import { readTableOnWorker } from './read-worker.js';

export interface CheckSettings {
  /** Paths or globs of the baseline data; several are concatenated. */
  baseline: readonly string[];
  /** Paths or globs of the current data. */
  current: readonly string[];
  /** Where relative paths start (default: the process's working directory). */
  cwd?: string;
  /** Folders globs may walk into, through links or not; undefined: anywhere (see `globFiles`). */
  globRoots?: readonly string[];
  /**
   * Bytes of memory the check may use for holding data (default: half the machine's memory). A side whose
   * files would take more is profiled while it is read instead of held (see `SIDE_MEMORY_PER_INPUT_BYTE`).
   */
  memoryBudget?: number;
  drift: DriftOptions;
}

/** Half the machine's memory: a runner also runs the job's other steps. */
export function defaultMemoryBudget(): number {
  return Math.floor(totalmem() / 2);
}

/**
 * Memory per byte of a side's input text, both sides held at once: a cell's double (and its sorted copy)
 * take about twice the text, so two sides take four times one side's input (measured: 2M rows × 20 columns,
 * 0.32 GB of text a side, peak 1.26 GB).
 */
const SIDE_MEMORY_PER_INPUT_BYTE = 4;

export type Side = 'baseline' | 'current';

/** What a check tells its caller while it runs. */
export interface CheckObserver {
  /** Bytes of a side's files read so far, out of their total size. */
  reading?(side: Side, read: number, total: number): void;
  /** A side is read on a worker thread (see `CheckRun.readWorker`). */
  readingOnWorker?(side: Side): void;
  /** A side has been read (or its profile). */
  read?(side: Side, table: Dataset, milliseconds: number): void;
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
  /** Bytes of current data from which it is read on the worker (default `WORKER_MIN_BYTES`). */
  workerMinBytes?: number;
  observer?: CheckObserver;
}

/**
 * Below this many bytes of current data a worker thread costs more (its start-up, a second copy of the
 * code) than reading both sides on one thread.
 */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

export async function runCheck(settings: CheckSettings, run: CheckRun = {}): Promise<DriftResult> {
  const { observer } = run;
  const readOptions: ReadOptions = {
    declared: settings.drift.declaredKinds,
    naValues: settings.drift.naValues,
    cwd: settings.cwd,
    globRoots: settings.globRoots,
  };
  const workerMinBytes = run.workerMinBytes ?? WORKER_MIN_BYTES;
  const readWorker = run.readWorker && (await inputSize(settings.current, readOptions)) >= workerMinBytes ? run.readWorker : undefined;
  const started = performance.now();
  // When one side fails, reading the other on a worker is stopped rather than finished for nothing.
  const failed = new AbortController();
  const budget = settings.memoryBudget ?? defaultMemoryBudget();
  const readSide = async (side: Side, paths: readonly string[]): Promise<Dataset> => {
    const onProgress = observer?.reading && ((read: number, total: number) => observer.reading!(side, read, total));
    try {
      const profiles = await readProfilesOf(paths, readOptions);
      if (profiles) {
        observer?.read?.(side, profiles, performance.now() - started);
        return profiles;
      }
      if ((await inputSize(paths, readOptions)) * SIDE_MEMORY_PER_INPUT_BYTE > budget) {
        const profile = await profileData(paths, readOptions);
        const streamed = datasetOf(profile, profile.sources, 'streamed');
        observer?.read?.(side, streamed, performance.now() - started);
        return streamed;
      }
      let table: Table;
      if (side === 'current' && readWorker) {
        const request = { paths, options: readOptions, presort: true };
        observer?.readingOnWorker?.(side);
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
 * should show about a check's cost (the check action passes its log).
 */
export function phaseLog(log: (line: string) => void): CheckObserver {
  return {
    read(side, table, milliseconds) {
      const files = table.sources.length === 1 ? '1 file' : `${table.sources.length} files`;
      const how =
        table.profiled === 'file' ? 'the profile of ' : table.profiled === 'streamed' ? 'and profiled (over the memory budget) ' : '';
      log(`Read ${how}${table.rowCount} ${side} rows × ${table.columns.length} columns from ${files} in ${Math.round(milliseconds)} ms.`);
    },
    compared(milliseconds) {
      log(`Compared the columns in ${Math.round(milliseconds)} ms.`);
    },
  };
}
