import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { autoSelect, findStatTest, methodNames, statTests } from '../../src/stattests/registry.js';

describe('the registry', () => {
  it('registers every method once, with a positive default threshold', () => {
    expect(new Set(methodNames).size).toBe(statTests.length);
    for (const test of statTests) {
      expect(findStatTest(test.name)).toBe(test);
      expect(test.defaultThreshold).toBeGreaterThan(0);
      if (test.output === 'p_value') expect(test.defaultThreshold).toBeLessThan(1);
    }
  });

  it('is documented row by row in the README method table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const test of statTests) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${test.name}\` |`));
      expect({ method: test.name, documented: row !== undefined }).toEqual({ method: test.name, documented: true });
      const [, kinds, when, threshold] = row!.split(' | ');
      expect({ method: test.name, kinds, when, threshold: Number(threshold) }).toEqual({
        method: test.name,
        kinds: test.kinds.join(', '),
        when: test.output === 'p_value' ? 'p < threshold' : 'distance ≥ threshold',
        threshold: test.defaultThreshold,
      });
    }
  });
});

describe('autoSelect', () => {
  const pick = (kind: 'numerical' | 'categorical', referenceRows: number, distinctValues: number) => {
    const choice = autoSelect({ kind, referenceRows, distinctValues });
    return `${choice.test.name}/${choice.sampleKind}`;
  };

  it('uses hypothesis tests up to 1000 baseline rows', () => {
    expect(pick('numerical', 1000, 6)).toBe('ks/numerical');
    expect(pick('numerical', 1000, 5)).toBe('chi2/categorical');
    expect(pick('numerical', 1000, 3)).toBe('chi2/categorical');
    expect(pick('numerical', 1000, 2)).toBe('z/categorical');
    expect(pick('categorical', 1000, 3)).toBe('chi2/categorical');
    expect(pick('categorical', 1000, 2)).toBe('z/categorical');
  });

  it('uses distances above 1000 baseline rows', () => {
    expect(pick('numerical', 1001, 6)).toBe('wasserstein_normed/numerical');
    expect(pick('numerical', 1001, 5)).toBe('jensenshannon/numerical');
    expect(pick('categorical', 1001, 2)).toBe('jensenshannon/categorical');
  });
});
