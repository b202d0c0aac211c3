/**
 * The golden corpus with the baseline side turned into a profile (built, written to JSON and read back):
 * every profile is lossless at the default settings, so every method must give the golden values still.
 */
import { describe, expect, it } from '@jest/globals';
import { missingCount, sampleOf } from '../../src/engine/samples.js';
import type { ProfiledColumn } from '../../src/core/table.js';
import { ProfileBuilder } from '../../src/profile/builder.js';
import { profileFromJson, profileToJson } from '../../src/profile/json.js';
import { statTests } from '../../src/stattests/registry.js';
import { expectGolden, goldenCaseNames, loadGoldenCase } from '../helpers/golden.js';

describe('golden corpus with a profile baseline', () => {
  it.each(goldenCaseNames)('%s: every listed method matches', async (caseName) => {
    const golden = await loadGoldenCase(caseName);
    const builder = new ProfileBuilder();
    builder.addTable(golden.reference);
    const profile = profileFromJson(JSON.parse(JSON.stringify(profileToJson(builder.finish()))), 'reference.profile.json');
    expect(profile.rows).toBe(golden.referenceRows);
    let checked = 0;
    for (const column of golden.columns) {
      const columnProfile = profile.columns.find((candidate) => candidate.name === column.name)!;
      const profiled: ProfiledColumn = { storage: 'profile', name: column.name, profile: columnProfile };
      expect({ column: column.name, missing: missingCount(profiled) }).toEqual({
        column: column.name,
        missing: column.expected.reference_missing,
      });
      if (columnProfile.storage === 'numeric')
        expect({ column: column.name, kind: columnProfile.distribution.kind }).toEqual({ column: column.name, kind: 'lossless' });
      const current = golden.current.columns.find((candidate) => candidate.name === column.name)!;
      const sample = sampleOf(column.type, profiled, current);
      for (const test of statTests) {
        if (!test.kinds.includes(column.type) || !(test.name in column.expected || (column.expected.undefined ?? []).includes(test.name)))
          continue;
        const applies = test.applies?.(sample) ?? true;
        expectGolden(test.name, applies ? test.compute(sample) : undefined, column.expected, `${caseName}/${column.name}/${test.name}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
