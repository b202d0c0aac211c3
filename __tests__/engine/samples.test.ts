import { describe, expect, it } from '@jest/globals';
import { compareTables } from '../../src/engine/drift.js';
import { defaultDriftOptions } from '../../src/engine/options.js';
import { adoptSorted, presort } from '../../src/engine/samples.js';
import { rememberSpread, spreadOf } from '../../src/engine/spread.js';
import { categoryDraws, normalDraws, tableOf } from '../helpers/tables.js';

const sides = () => [
  tableOf({ x: [...normalDraws(2000, 0, 1), NaN], y: normalDraws(2000, 3, 2), c: categoryDraws(2000, { a: 0.6, b: 0.4 }, 3) }),
  tableOf({ x: normalDraws(1500, 0.2, 4), y: normalDraws(1500, 3, 5), c: categoryDraws(1500, { a: 0.5, b: 0.5 }, 6) }),
];

describe('presort and adoptSorted', () => {
  it('give the comparison what it would compute itself, bit for bit, as when another thread sorted the sides', () => {
    const [baseline, current] = sides();
    const plain = compareTables(baseline, current, defaultDriftOptions());
    const [presortedBaseline, presortedCurrent] = sides();
    for (const table of [presortedBaseline, presortedCurrent]) {
      // A round trip through structured cloning, as a worker's answer takes.
      adoptSorted(table, structuredClone(presort(table)));
    }
    expect(compareTables(presortedBaseline, presortedCurrent, defaultDriftOptions())).toEqual(plain);
  });

  it('skip categorical columns and hand over each numerical column its sorted values and spread', () => {
    const [baseline] = sides();
    const presorted = presort(baseline);
    expect(presorted[2]).toBeUndefined();
    expect(presorted[0]!.sorted.length).toBe(2000);
    expect(presorted[0]!.spread).toEqual(spreadOf(Float64Array.from(presorted[0]!.sorted)));
  });

  it('let the comparison use the spread computed on the reading thread instead of computing it again', () => {
    const [baseline, current] = sides();
    const presorted = presort(baseline);
    adoptSorted(baseline, presorted);
    // A spread the comparison could not have computed: found by the sorted values, so it is the one used.
    rememberSpread(presorted[1]!.sorted, { mean: 123.5, std: 7.25 });
    const y = compareTables(baseline, current, defaultDriftOptions()).columns.find((column) => column.name === 'y')!;
    expect(y.baseline).toMatchObject({ mean: 123.5, std: 7.25 });
  });
});
