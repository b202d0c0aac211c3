/** Seeded synthetic error streams for the detector tests, from the same generator the bootstrap uses. */
import { seededRandom } from '../../src/core/random.js';

/** 0/1 errors, `segments` of [rows, error rate] one after the other. */
export function bernoulliStream(seed: number, segments: readonly (readonly [number, number])[]): Float64Array {
  const random = seededRandom(seed);
  const values: number[] = [];
  for (const [rows, rate] of segments) for (let i = 0; i < rows; i++) values.push(random.nextDouble() < rate ? 1 : 0);
  return Float64Array.from(values);
}

/** Absolute errors |N(0, σ²)| (Box–Muller), `segments` of [rows, σ]. */
export function absoluteNormalStream(seed: number, segments: readonly (readonly [number, number])[]): Float64Array {
  const random = seededRandom(seed);
  const values: number[] = [];
  for (const [rows, sigma] of segments) {
    for (let i = 0; i < rows; i++) {
      const radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
      values.push(Math.abs(sigma * radius * Math.cos(2 * Math.PI * random.nextDouble())));
    }
  }
  return Float64Array.from(values);
}
