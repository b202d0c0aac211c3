import { describe, expect, it } from '@jest/globals';
import { equalFactorialProducts } from '../../../src/stattests/math/factorial-products.js';

describe('equalFactorialProducts', () => {
  it('recognises equal products that are not the same multiset', () => {
    expect(equalFactorialProducts([6], [3, 5])).toBe(true); // 720 = 6·120
    expect(equalFactorialProducts([3, 5], [6, 1, 0])).toBe(true);
    // Hypergeometric(15, 4, 4): P(X=0) = P(X=2), i.e. 0!·4!·4!·7! = 2!·2!·2!·9! (both 2903040)
    expect(equalFactorialProducts([0, 4, 4, 7], [2, 2, 2, 9])).toBe(true);
    // Hypergeometric(151, 19, 64): P(X=7) = P(X=9)
    expect(equalFactorialProducts([7, 12, 57, 75], [9, 10, 55, 77])).toBe(true);
  });

  it('scans primes across several sieve segments (k! = (k! − 1)!·k! for k = 9: 362880)', () => {
    expect(equalFactorialProducts([362880], [362879, 9])).toBe(true);
    expect(equalFactorialProducts([362880], [362879, 8])).toBe(false);
  });

  it('tells unequal products apart', () => {
    expect(equalFactorialProducts([10], [3, 7])).toBe(false);
    expect(equalFactorialProducts([7, 12, 57, 75], [8, 11, 56, 76])).toBe(false);
    // Differ only by a prime above every other argument: 1000003 is prime.
    expect(equalFactorialProducts([1000003, 2], [1000002, 2, 1])).toBe(false);
    expect(equalFactorialProducts([4], [])).toBe(false);
  });

  it('treats 0! and 1! as 1 and compares multisets directly', () => {
    expect(equalFactorialProducts([], [0, 1, 1])).toBe(true);
    expect(equalFactorialProducts([148500, 151500, 151500, 148500], [151500, 148500, 148500, 151500])).toBe(true);
  });
});
