/**
 * Reading a table on a worker thread, so the two sides of a check are read at the same time on a runner's
 * two cores. The worker runs the same bundle as the caller: the bundle's entry calls `serveReadWorker()`
 * first and does nothing else when it returns true. Columns come back by transferring their buffers, so
 * no cell is copied.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InputError } from './core/errors.js';
import { presort, type PresortedColumn } from './engine/samples.js';
import type { Column, Table } from './core/table.js';
import { readTable, type ReadOptions } from './io/read.js';

const ROLE = 'driftgate-read';

export interface ReadRequest {
  readonly paths: readonly string[];
  readonly options: Omit<ReadOptions, 'onProgress'>;
  /** Also sort the numeric columns on the worker (see `presort`), and send the results along. */
  readonly presort?: boolean;
}

/** A table read on a worker, with the worker's `presort` of it when it was asked for. */
export interface WorkerTable {
  table: Table;
  sorted?: Array<PresortedColumn | undefined>;
}

type WorkerMessage =
  | { kind: 'progress'; read: number; total: number }
  | ({ kind: 'table' } & WorkerTable)
  | { kind: 'input-error'; message: string; location: InputError['location'] }
  | { kind: 'error'; message: string; stack?: string };

export interface WorkerReadOptions {
  onProgress?: (read: number, total: number) => void;
  /** Stops the worker, for when the read is no longer wanted (the other side failed). */
  signal?: AbortSignal;
}

/**
 * Reads a table on a new worker thread running `script`. Errors arrive as they would from `readTable`:
 * an InputError stays one, with its location.
 */
export function readTableOnWorker(script: URL, request: ReadRequest, { onProgress, signal }: WorkerReadOptions = {}): Promise<WorkerTable> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = new Worker(script, { workerData: { role: ROLE, request, progress: onProgress !== undefined } });
    let settled = false;
    const stop = () => settle(() => reject(signal!.reason));
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      // The worker ends by itself once it has posted its answer; the process need not wait for that, nor
      // for a read that is no longer wanted.
      worker.unref();
      if (signal?.aborted) void worker.terminate();
      outcome();
    };
    signal?.addEventListener('abort', stop);
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'progress':
          onProgress?.(message.read, message.total);
          return;
        case 'table':
          return settle(() => resolve({ table: message.table, sorted: message.sorted }));
        case 'input-error':
          return settle(() => reject(new InputError(message.message, message.location)));
        case 'error':
          return settle(() => reject(Object.assign(new Error(message.message), { stack: message.stack })));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the read worker stopped (exit code ${code}) before it had read the data`))));
  });
}

/**
 * In a worker started by `readTableOnWorker`: starts reading and returns true; the thread posts the table
 * (or the error) and ends. Anywhere else returns false.
 */
export function serveReadWorker(): boolean {
  if (isMainThread || (workerData as { role?: unknown } | null)?.role !== ROLE) return false;
  const { request, progress } = workerData as { request: ReadRequest; progress: boolean };
  const port = parentPort!;
  const onProgress = progress
    ? (read: number, total: number) => port.postMessage({ kind: 'progress', read, total } satisfies WorkerMessage)
    : undefined;
  readTable(request.paths, { ...request.options, onProgress }).then(
    (table) => {
      const sorted = request.presort ? presort(table, request.options.declared) : undefined;
      const buffers = transferablesOf(table.columns);
      for (const column of sorted ?? []) if (column) buffers.push(column.sorted.buffer as ArrayBuffer);
      port.postMessage({ kind: 'table', table, sorted } satisfies WorkerMessage, buffers);
    },
    (error: unknown) => port.postMessage(describeError(error)),
  );
  return true;
}

/** The buffers behind the columns, each once (a buffer listed twice cannot be transferred). */
export function transferablesOf(columns: readonly Column[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of columns) buffers.add((column.storage === 'numeric' ? column.values : column.codes).buffer as ArrayBuffer);
  return [...buffers];
}

function describeError(error: unknown): WorkerMessage {
  if (error instanceof InputError) return { kind: 'input-error', message: error.message, location: error.location };
  const { message, stack } = error instanceof Error ? error : new Error(String(error));
  return { kind: 'error', message, stack };
}
