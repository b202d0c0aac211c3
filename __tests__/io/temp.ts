/** Scratch files for reader tests, in temporary folders. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from '@jest/globals';
import { InputError } from '../../src/core/errors.js';
import type { Column, Table } from '../../src/core/table.js';

/** A fresh folder, removed after the enclosing describe block (call it while collecting tests). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'driftgate-io-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A column's cells as plain values: numbers (null when missing) or texts (null when missing). */
export function cells(table: Table, name: string): Array<number | string | null> {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw new Error(`no column ${name}; have ${table.columns.map((c) => c.name).join(', ')}`);
  return cellsOf(column);
}

export function cellsOf(column: Column): Array<number | string | null> {
  if (column.storage === 'numeric') return Array.from(column.values, (value) => (Number.isNaN(value) ? null : value));
  return Array.from(column.codes, (code) => (code < 0 ? null : column.dictionary[code]));
}

export function storages(table: Table): Record<string, string> {
  return Object.fromEntries(table.columns.map((column) => [column.name, column.storage]));
}

/** Runs `read`, expecting an InputError; returns it for assertions on message and location. */
export async function inputError(read: () => Promise<unknown>): Promise<InputError> {
  try {
    await read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError, but reading succeeded');
}
