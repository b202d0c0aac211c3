import { describe, expect, it } from '@jest/globals';
import { epochEncodingOf, epochMilliseconds, formatUtc, namesTime, precisionOfInstants } from '../../src/engine/time.js';

describe('instants', () => {
  it('takes numbers for Unix seconds or milliseconds only within 2001 to 2100', () => {
    expect(epochEncodingOf(1_700_000_000, 1_720_000_000)).toBe('epoch-s');
    expect(epochEncodingOf(1_700_000_000_000, 1_720_000_000_000)).toBe('epoch-ms');
    // A span reaching below 10⁹ s, or between the two ranges, or past 2100, is not a time.
    expect(epochEncodingOf(999_999_999, 1_720_000_000)).toBeUndefined();
    expect(epochEncodingOf(1_700_000_000, 5_000_000_000)).toBeUndefined();
    expect(epochEncodingOf(1_700_000_000_000, Date.UTC(2100, 0, 1))).toBeUndefined();
    expect(epochEncodingOf(40, 60)).toBeUndefined();
  });

  it('turns seconds, milliseconds and ISO text into the same instant', () => {
    const at = Date.UTC(2024, 2, 14, 21, 20, 5);
    expect(epochMilliseconds(at / 1000, 'epoch-s')).toBe(at);
    expect(epochMilliseconds(at, 'epoch-ms')).toBe(at);
    expect(epochMilliseconds('2024-03-14T22:20:05+01:00', 'iso')).toBe(at);
  });

  it('writes UTC times to the precision asked', () => {
    const at = Date.UTC(2024, 2, 14, 21, 20, 5, 250);
    expect(['year', 'month', 'day', 'minute', 'second'].map((precision) => formatUtc(at, precision as never))).toEqual([
      '2024',
      '2024-03',
      '2024-03-14',
      '2024-03-14 21:20',
      '2024-03-14 21:20:05',
    ]);
  });

  it('writes dates at midnight as days, whole minutes as minutes, else seconds', () => {
    expect(precisionOfInstants([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)])).toBe('day');
    expect(precisionOfInstants([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 5)])).toBe('minute');
    expect(precisionOfInstants([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 1)])).toBe('second');
  });

  it('reads time in column names written in snake, space or camel case, not inside other words', () => {
    for (const name of ['created_at', 'event_time', 'ts', 'order date', 'timestamp', 'eventTime', 'createdAt', 'Date'])
      expect({ name, time: namesTime(name) }).toEqual({ name, time: true });
    for (const name of ['candidate', 'update', 'lat', 'format', 'stats', 'income'])
      expect({ name, time: namesTime(name) }).toEqual({ name, time: false });
  });
});
