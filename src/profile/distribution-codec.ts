/**
 * The compact text form of a lossless distribution (sorted distinct values and their counts), so that a
 * column of tens of thousands of distinct values stays within a profile's size budget.
 *
 * Most exported data is decimal with a fixed number of places, so the values are usually k / 10^d for whole
 * numbers k: then the sorted k's are stored as their differences (small whole numbers), in unsigned LEB128
 * with the counts, deflated and base64-encoded (`decimal`). Values on no such grid are stored as their
 * IEEE-754 bits (`float64`). Decoding gives back every value bit for bit, −0 as 0.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface EncodedDistribution {
  readonly encoding: 'decimal' | 'float64';
  /** Decimal places of the grid (`decimal` only). */
  readonly scale?: number;
  readonly distinct: number;
  readonly data: string;
}

const MAX_SCALE = 12;
const POWERS = Array.from({ length: MAX_SCALE + 1 }, (_, d) => 10 ** d);

export function encodeDistribution(values: Float64Array, counts: Float64Array): EncodedDistribution {
  const scale = decimalScale(values);
  const bytes = new ByteWriter();
  if (scale !== undefined) {
    let previous = 0;
    values.forEach((value, index) => {
      const whole = Math.round(value * POWERS[scale]);
      // The first value may be negative: zigzag it; the differences after it are positive.
      bytes.unsigned(index === 0 ? zigzag(whole) : whole - previous);
      previous = whole;
    });
  } else {
    for (const value of values) bytes.float64(value);
  }
  for (const count of counts) bytes.unsigned(count);
  const data = deflateRawSync(bytes.finish(), { level: 9 }).toString('base64');
  return scale === undefined
    ? { encoding: 'float64', distinct: values.length, data }
    : { encoding: 'decimal', scale, distinct: values.length, data };
}

/** Undefined when the data does not decode to `distinct` values and counts (a corrupt profile). */
export function decodeDistribution(encoded: EncodedDistribution): { values: Float64Array; counts: Float64Array } | undefined {
  let bytes: Buffer;
  try {
    bytes = inflateRawSync(Buffer.from(encoded.data, 'base64'), { maxOutputLength: encoded.distinct * 20 + 64 });
  } catch {
    return undefined;
  }
  const reader = new ByteReader(bytes);
  const values = new Float64Array(encoded.distinct);
  const counts = new Float64Array(encoded.distinct);
  if (encoded.encoding === 'decimal') {
    const power = POWERS[encoded.scale ?? -1];
    if (power === undefined) return undefined;
    let whole = 0;
    for (let i = 0; i < values.length; i++) {
      const next = reader.unsigned();
      if (next === undefined) return undefined;
      whole = i === 0 ? unzigzag(next) : whole + next;
      values[i] = whole / power;
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const value = reader.float64();
      if (value === undefined) return undefined;
      values[i] = value;
    }
  }
  for (let i = 0; i < counts.length; i++) {
    const count = reader.unsigned();
    if (count === undefined) return undefined;
    counts[i] = count;
  }
  return reader.atEnd ? { values, counts } : undefined;
}

/** The fewest decimal places d with every value exactly k / 10^d for a safe whole k, if any. */
function decimalScale(values: Float64Array): number | undefined {
  let scale = 0;
  for (const value of values) {
    while (scale <= MAX_SCALE && !onGrid(value, scale)) scale++;
    if (scale > MAX_SCALE) return undefined;
  }
  // A value on a coarser grid is on the finer one too, but only where rounding allows: check them all.
  return values.every((value) => onGrid(value, scale)) ? scale : undefined;
}

function onGrid(value: number, scale: number): boolean {
  const whole = Math.round(value * POWERS[scale]);
  return Number.isSafeInteger(whole) && whole / POWERS[scale] === value;
}

function zigzag(value: number): number {
  return value < 0 ? -2 * value - 1 : 2 * value;
}

function unzigzag(value: number): number {
  return value % 2 === 1 ? -(value + 1) / 2 : value / 2;
}

class ByteWriter {
  private buffer = Buffer.alloc(1024);
  private length = 0;

  unsigned(value: number): void {
    this.ensure(8);
    // Arithmetic, not bit operations: counts and differences may pass 2^32.
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  float64(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  finish(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

class ByteReader {
  private position = 0;

  constructor(private readonly bytes: Buffer) {}

  get atEnd(): boolean {
    return this.position === this.bytes.length;
  }

  unsigned(): number | undefined {
    let value = 0;
    let scale = 1;
    for (let shift = 0; shift < 8; shift++) {
      if (this.position >= this.bytes.length) return undefined;
      const byte = this.bytes[this.position++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    return undefined;
  }

  float64(): number | undefined {
    if (this.position + 8 > this.bytes.length) return undefined;
    const value = this.bytes.readDoubleLE(this.position);
    this.position += 8;
    return value;
  }
}
