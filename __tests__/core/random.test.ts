import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/core/random.js';

describe('seededRandom (xoshiro128** seeded by SplitMix64)', () => {
  it('reproduces the reference outputs for seed 42', () => {
    // From the published C code of both generators (uint64_t SplitMix64 filling s[0..3] high word
    // first, uint32_t xoshiro128**), compiled with gcc.
    const random = seededRandom(42);
    expect(Array.from({ length: 5 }, () => random.nextUint32())).toEqual([825760943, 2622800619, 310231447, 2495256757, 2989135795]);
  });

  it('is reproducible and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 100 }, () => random.nextDouble());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws doubles in [0, 1) and indices in [0, n) uniformly', () => {
    const random = seededRandom(1);
    const counts = new Array<number>(10).fill(0);
    let smallest = 1;
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      const value = random.nextDouble();
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
      counts[random.nextIndex(10)]++;
    }
    expect(smallest).toBeGreaterThanOrEqual(0);
    expect(largest).toBeLessThan(1);
    // Each count is Binomial(100000, 0.1): sd ≈ 95, so 5 sd is 475.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(475);
  });

  it('refuses seeds that are not safe integers', () => {
    expect(() => seededRandom(1.5)).toThrow(RangeError);
    expect(() => seededRandom(Number.NaN)).toThrow(RangeError);
  });
});
