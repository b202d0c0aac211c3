/**
 * Exact equality of two products of factorials, a₁!·a₂!·… = b₁!·b₂!·…, without forming them.
 *
 * Why: probabilities such as the hypergeometric pmf are ratios of factorial products, and two tables can
 * have exactly the same probability (by symmetry, or by coincidence: for 15 items of which 4 are marked,
 * drawing 4 gives P(X = 0) = P(X = 2)). Tests that treat "as probable as the observed table" specially
 * must recognise such ties, which floating point cannot do once the logarithms are large.
 *
 * How: two positive integers are equal iff every prime appears in both with the same exponent, and the
 * exponent of a prime p in a! is Legendre's Σ_{i≥1} ⌊a/pⁱ⌋. Primes come from a segmented sieve of
 * Eratosthenes (memory bounded by the segment size), and the scan stops at the first prime whose exponents
 * differ, which for unequal products is almost always one of the first few primes.
 */

const SEGMENT_SIZE = 1 << 16;

/** Whether Π left[i]! equals Π right[i]! exactly, for non-negative integers. */
export function equalFactorialProducts(left: readonly number[], right: readonly number[]): boolean {
  // 0! = 1! = 1 contribute nothing.
  const a = left.filter((value) => value > 1).sort((x, y) => x - y);
  const b = right.filter((value) => value > 1).sort((x, y) => x - y);
  if (a.length === b.length && a.every((value, i) => value === b[i])) return true;
  const limit = Math.max(0, ...a, ...b);
  return everyPrimeUpTo(limit, (prime) => exponentInProduct(a, prime) === exponentInProduct(b, prime));
}

/** Exponent of `prime` in Π values[i]! (Legendre's formula, summed). */
function exponentInProduct(values: readonly number[], prime: number): number {
  let exponent = 0;
  for (let value of values) {
    while (value >= prime) {
      value = Math.floor(value / prime);
      exponent += value;
    }
  }
  return exponent;
}

/** Calls `test` on each prime ≤ limit in increasing order until it returns false; returns whether none did. */
function everyPrimeUpTo(limit: number, test: (prime: number) => boolean): boolean {
  if (limit < 2) return true;
  let root = Math.floor(Math.sqrt(limit));
  while ((root + 1) * (root + 1) <= limit) root++;
  const basePrimes: number[] = [];
  const baseComposite = new Uint8Array(root + 1);
  for (let i = 2; i <= root; i++) {
    if (baseComposite[i]) continue;
    basePrimes.push(i);
    for (let j = i * i; j <= root; j += i) baseComposite[j] = 1;
  }
  const composite = new Uint8Array(SEGMENT_SIZE);
  for (let low = 2; low <= limit; low += SEGMENT_SIZE) {
    const high = Math.min(low + SEGMENT_SIZE - 1, limit);
    composite.fill(0);
    for (const prime of basePrimes) {
      if (prime * prime > high) break;
      const first = Math.max(prime * prime, Math.ceil(low / prime) * prime);
      for (let j = first; j <= high; j += prime) composite[j - low] = 1;
    }
    for (let i = low; i <= high; i++) {
      if (!composite[i - low] && !test(i)) return false;
    }
  }
  return true;
}
