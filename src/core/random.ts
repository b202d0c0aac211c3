/**
 * A small seeded pseudo-random generator, so bootstrap intervals and synthetic test streams come out the
 * same on every run, machine and Node version.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021): 128 bits of state, period 2¹²⁸ − 1, fine for the ~10⁸ draws of a
 * large bootstrap. Its four state words are the two 64-bit outputs of SplitMix64 started at the seed,
 * the seeding its authors recommend (never all zero). Only 32-bit integer operations (`Math.imul`,
 * shifts) and, for seeding, BigInt are used: no floating-point step can differ between engines.
 *
 * Uniform doubles take 53 random bits from two outputs (the high 27 and 26 bits), so every value is a
 * multiple of 2⁻⁵³ in [0, 1).
 *
 * @example
 * const random = seededRandom(42);
 * random.nextUint32(); // => the same 32-bit integer on every run
 * random.nextIndex(10); // => an integer in [0, 10)
 */
export interface SeededRandom {
  /** The next raw output, an integer in [0, 2³²). */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number;
  /** A uniform integer in [0, n), for n up to 2⁵³. */
  nextIndex(n: number): number;
}

// A module-level alias: inside the vm contexts Jest runs tests in, a lookup of the global Math per call
// makes seeded simulations many times slower.
const { floor, imul } = Math;
const MASK_64 = (1n << 64n) - 1n;

function splitMix64(state: bigint): { state: bigint; output: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK_64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return { state: next, output: z ^ (z >> 31n) };
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** A generator started from `seed`, any safe integer (negative seeds count modulo 2⁶⁴). */
export function seededRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`the seed must be a safe integer, got ${seed}`);
  const first = splitMix64(BigInt.asUintN(64, BigInt(seed)));
  const second = splitMix64(first.state);
  const words = [first.output >> 32n, first.output, second.output >> 32n, second.output];
  let [s0, s1, s2, s3] = words.map((word) => Number(word & 0xffffffffn) | 0);

  function nextUint32(): number {
    const result = imul(rotateLeft(imul(s1, 5), 7), 9);
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result >>> 0;
  }

  function nextDouble(): number {
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  return {
    nextUint32,
    nextDouble,
    nextIndex: (n: number) => floor(nextDouble() * n),
  };
}
