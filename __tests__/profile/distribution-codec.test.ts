import { describe, expect, it } from '@jest/globals';
import { decodeDistribution, encodeDistribution } from '../../src/profile/distribution-codec.js';
import { seededRandom } from '../helpers/tables.js';

describe('distribution codec', () => {
  it('gives back decimal values bit for bit, compactly', () => {
    const random = seededRandom(11);
    const values = Float64Array.from(new Set(Array.from({ length: 40_000 }, () => Number(((random() - 0.5) * 9).toFixed(4))))).sort();
    const counts = Float64Array.from(values, () => 1 + Math.floor(random() * 5));
    const encoded = encodeDistribution(values, counts);
    expect(encoded.encoding).toBe('decimal');
    expect(encoded.scale).toBe(4);
    // Under a byte and a half a distinct value, where JSON text takes about nine.
    expect(encoded.data.length).toBeLessThan(1.5 * values.length);
    const decoded = decodeDistribution(encoded)!;
    expect(Buffer.from(decoded.values.buffer).equals(Buffer.from(values.buffer))).toBe(true);
    expect(Array.from(decoded.counts)).toEqual(Array.from(counts));
  });

  it('keeps values on no decimal grid as their bits, and large counts', () => {
    const values = Float64Array.from([-1e308, -Math.PI, 5e-324, 0.1 + 0.2, 1e300]);
    const counts = Float64Array.from([1, 2 ** 40, 3, 1, 7]);
    const encoded = encodeDistribution(values, counts);
    expect(encoded.encoding).toBe('float64');
    const decoded = decodeDistribution(encoded)!;
    expect(Array.from(decoded.values)).toEqual(Array.from(values));
    expect(Array.from(decoded.counts)).toEqual(Array.from(counts));
  });

  it('refuses data that does not decode to the stated number of values', () => {
    const encoded = encodeDistribution(Float64Array.from([1, 2, 3]), Float64Array.from([1, 1, 1]));
    expect(decodeDistribution({ ...encoded, distinct: 4 })).toBeUndefined();
    expect(decodeDistribution({ ...encoded, distinct: 2 })).toBeUndefined();
    expect(decodeDistribution({ ...encoded, data: encoded.data.slice(0, 4) })).toBeUndefined();
  });
});
