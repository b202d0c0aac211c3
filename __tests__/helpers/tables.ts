/** Small in-memory tables for engine and report tests. */
import type { Column, Table } from '../../src/core/table.js';

type Cell = number | string | null;

/** Columns of numbers become numeric storage (null → NaN); any string makes a text column (null → missing). */
export function tableOf(columns: Record<string, Cell[]>, source = 'test.csv'): Table {
  const entries = Object.entries(columns);
  const rowCount = entries.length === 0 ? 0 : entries[0][1].length;
  return { sources: [source], rowCount, columns: entries.map(([name, cells]) => columnOf(name, cells)) };
}

function columnOf(name: string, cells: Cell[]): Column {
  if (cells.every((cell) => cell === null || typeof cell === 'number')) {
    return { storage: 'numeric', name, values: Float64Array.from(cells, (cell) => (cell === null ? NaN : (cell as number))) };
  }
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(cells, (cell) => {
    if (cell === null) return -1;
    const text = String(cell);
    if (!index.has(text)) {
      index.set(text, dictionary.length);
      dictionary.push(text);
    }
    return index.get(text)!;
  });
  return { storage: 'text', name, codes, dictionary };
}

/** A deterministic pseudo-random stream (mulberry32), so synthetic samples are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` standard-normal draws shifted by `mean`, from a seeded stream. */
export function normalDraws(count: number, mean: number, seed: number): number[] {
  const uniform = seededRandom(seed);
  return Array.from({ length: count }, () => mean + Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

/** `count` categories drawn with the given weights (summing to 1) from a seeded stream. */
export function categoryDraws(count: number, weights: Record<string, number>, seed: number): string[] {
  const uniform = seededRandom(seed);
  const entries = Object.entries(weights);
  return Array.from({ length: count }, () => {
    let u = uniform();
    for (const [name, weight] of entries) if ((u -= weight) < 0) return name;
    return entries[entries.length - 1][0];
  });
}
