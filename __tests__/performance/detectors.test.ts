/**
 * The detectors on seeded synthetic error streams with a known change, against the delays and
 * false-alarm rates documented in src/performance/change-point.ts (measured there on 200 streams; here
 * 20, with bounds a little above the worst case measured so a change of behaviour fails the test).
 */
import { describe, expect, it } from '@jest/globals';
import { Adwin } from '../../src/performance/detectors/adwin.js';
import { Ddm } from '../../src/performance/detectors/ddm.js';
import type { ChangeDetector } from '../../src/performance/detectors/detector.js';
import { PageHinkley } from '../../src/performance/detectors/page-hinkley.js';
import { absoluteNormalStream, bernoulliStream } from './streams.js';

const CHANGE_AT = 2000;
const SEEDS = Array.from({ length: 20 }, (_, index) => index + 1);
const STATIONARY_SEEDS = Array.from({ length: 20 }, (_, index) => index + 1001);

/** Position of the first drift, or -1. */
function firstDrift(detector: ChangeDetector, stream: ArrayLike<number>): number {
  for (let position = 0; position < stream.length; position++) if (detector.update(stream[position]) === 'drift') return position;
  return -1;
}

function abruptStream(seed: number): Float64Array {
  return bernoulliStream(seed, [
    [CHANGE_AT, 0.1],
    [3000, 0.3],
  ]);
}

describe('error rate 0.1 → 0.3 at row 2000', () => {
  it('ADWIN raises no alarm before the change and one within 300 rows after it (worst measured: 271)', () => {
    const delays = SEEDS.map((seed) => firstDrift(new Adwin(), abruptStream(seed)) - CHANGE_AT);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(300);
    }
  });

  it('Page-Hinkley raises no alarm before the change and one within 450 rows after it (worst measured: 405)', () => {
    const delays = SEEDS.map((seed) => firstDrift(new PageHinkley(), abruptStream(seed)) - CHANGE_AT);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(450);
    }
  });

  it('DDM detects within 1500 rows whenever it has not fired early (worst measured: 1291)', () => {
    const positions = SEEDS.map((seed) => firstDrift(new Ddm(), abruptStream(seed)));
    const early = positions.filter((position) => position < CHANGE_AT).length;
    // DDM fires before the change on about half the streams (96 of 200 measured): its documented weakness.
    expect(early).toBeLessThanOrEqual(15);
    for (const position of positions.filter((at) => at >= CHANGE_AT)) expect(position - CHANGE_AT).toBeLessThanOrEqual(1500);
  });
});

describe('stationary streams, 20 × 10,000 rows at error rate 0.1', () => {
  const streams = STATIONARY_SEEDS.map((seed) => bernoulliStream(seed, [[10_000, 0.1]]));

  it('ADWIN raises no alarm (0 of 200 measured)', () => {
    expect(streams.filter((stream) => firstDrift(new Adwin(), stream) >= 0)).toHaveLength(0);
  });

  it('Page-Hinkley raises no alarm (0 of 200 measured)', () => {
    expect(streams.filter((stream) => firstDrift(new PageHinkley(), stream) >= 0)).toHaveLength(0);
  });

  it('DDM alarms on about half the streams, early, as documented (47 % of 200 measured)', () => {
    const alarms = streams.map((stream) => firstDrift(new Ddm(), stream)).filter((position) => position >= 0);
    // Binomial(20, 0.47): mean 9.4, sd 2.2.
    expect(alarms.length).toBeLessThanOrEqual(15);
    const early = alarms.filter((position) => position < 2000);
    expect(early.length).toBeGreaterThanOrEqual(alarms.length - 2);
  });
});

describe('regression errors |N(0, 1)| → |N(0, 1.5²)| at row 2000', () => {
  it('ADWIN detects within 300 rows (worst measured: 271) and stays quiet on stationary streams (1 of 200)', () => {
    for (const seed of SEEDS) {
      const delay =
        firstDrift(
          new Adwin(),
          absoluteNormalStream(seed, [
            [CHANGE_AT, 1],
            [3000, 1.5],
          ]),
        ) - CHANGE_AT;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(300);
    }
    const quiet = STATIONARY_SEEDS.filter((seed) => firstDrift(new Adwin(), absoluteNormalStream(seed, [[10_000, 1]])) < 0);
    expect(quiet.length).toBeGreaterThanOrEqual(19);
  });
});

describe('detector mechanics', () => {
  it('DDM goes stable → warning → drift on a run of errors, then starts afresh', () => {
    const ddm = new Ddm();
    for (let row = 0; row < 1000; row++) expect(ddm.update(row % 10 === 0 ? 1 : 0)).toBe('stable');
    const states: string[] = [];
    for (let row = 0; row < 100; row++) states.push(ddm.update(1));
    expect(states.indexOf('warning')).toBeGreaterThanOrEqual(0);
    expect(states.indexOf('warning')).toBeLessThan(states.indexOf('drift'));
    // After the drift the statistics restart: 29 rows of warm-up are stable whatever they hold.
    for (let row = 0; row < 29; row++) expect(ddm.update(1)).toBe('stable');
  });

  it('ADWIN shrinks its window to the new regime and reports which way the mean moved', () => {
    const adwin = new Adwin();
    const rising = abruptStream(3);
    let drifted = false;
    for (const value of rising) drifted = adwin.update(value) === 'drift' || drifted;
    expect(drifted).toBe(true);
    expect(adwin.lastShift).toBeGreaterThan(0);
    expect(adwin.windowWidth).toBeLessThan(rising.length - CHANGE_AT + 200);
    expect(adwin.windowMean).toBeCloseTo(0.3, 1);

    const falling = new Adwin();
    let fell = false;
    for (const value of bernoulliStream(4, [
      [2000, 0.3],
      [2000, 0.1],
    ]))
      fell = falling.update(value) === 'drift' || fell;
    expect(fell).toBe(true);
    expect(falling.lastShift).toBeLessThan(0);
  });

  it('ADWIN checks only every 32 values', () => {
    const adwin = new Adwin();
    const states = Array.from({ length: 64 }, (_, row) => adwin.update(row < 32 ? 0 : 1));
    expect(states.slice(0, 63).every((state) => state === 'stable')).toBe(true);
    expect(states[63]).toBe('drift');
  });

  it('Page-Hinkley needs 30 values and an excess above λ', () => {
    const test = new PageHinkley({ threshold: 5 });
    const states = Array.from({ length: 40 }, (_, row) => test.update(row < 10 ? 0 : 1));
    expect(states.slice(0, 29).every((state) => state === 'stable')).toBe(true);
    expect(states).toContain('drift');
  });
});
