/**
 * Building samples: the engine builds them from table columns, tests build them from plain arrays.
 */
import type { CategoricalSample, NumericalSample } from './types.js';

/** A numerical sample from unsorted values. NaN (missing) and ±Infinity are dropped: infinities count as missing, as in Evidently. */
export function numericalSample(reference: ArrayLike<number>, current: ArrayLike<number>): NumericalSample {
  return { kind: 'numerical', reference: sortedPresent(reference), current: sortedPresent(current) };
}

function sortedPresent(values: ArrayLike<number>): Float64Array {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) present++;
  const out = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.sort();
}

/** A categorical sample from each side's count per category. Categories with a zero count on both sides are dropped. */
export function categoricalSample(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): CategoricalSample {
  const categories = [...new Set([...reference.keys(), ...current.keys()])]
    .filter((category) => (reference.get(category) ?? 0) + (current.get(category) ?? 0) > 0)
    .sort(compareCodePoints);
  const referenceCounts = Float64Array.from(categories, (category) => reference.get(category) ?? 0);
  const currentCounts = Float64Array.from(categories, (category) => current.get(category) ?? 0);
  return {
    kind: 'categorical',
    categories,
    reference: referenceCounts,
    current: currentCounts,
    referenceTotal: sum(referenceCounts),
    currentTotal: sum(currentCounts),
  };
}

/** A categorical sample from raw values of each side. */
export function categoricalSampleFromValues(reference: Iterable<string>, current: Iterable<string>): CategoricalSample {
  return categoricalSample(countValues(reference), countValues(current));
}

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * Orders strings by Unicode code point, as Python does. JavaScript's default order compares UTF-16 code
 * units, which puts U+E000–U+FFFF after astral characters; moving the surrogate range above them fixes it.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
