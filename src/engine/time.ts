/**
 * Numbers and texts that are times: how they are written, and the same instant as epoch milliseconds.
 *
 * A column read from a Parquet DATE or TIMESTAMP is epoch milliseconds by construction. A column of plain
 * numbers is only taken for Unix time by its range: seconds or milliseconds between 2001-09-09 (10⁹ s)
 * and 2100, where few other quantities lie and where a reader of "1.72e+9" wants a date.
 */

/** `epoch-ms`: Unix milliseconds; `epoch-s`: Unix seconds; `iso`: ISO 8601 text. */
export type TimeEncoding = 'epoch-ms' | 'epoch-s' | 'iso';

const FIRST_SECOND = 1e9;
const LAST_SECOND = Date.UTC(2100, 0, 1) / 1000;

/** ISO 8601 dates and date-times (`2024-03-14`, `2024-03-14T21:20:00Z`, `2024-03-14 21:20:00.5+01:00`). */
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A name that says time: `created_at`, `event_time`, `timestamp`, `ts`, `order_date`, `eventTime`. */
const TIME_WORD = /(?:^|[^A-Za-z])(?:time|timestamp|date|datetime|ts|at|epoch)$/i;
const TIME_CAMEL = /[a-z](?:Time|Timestamp|Date|DateTime|At|Ts)$/;

export function namesTime(name: string): boolean {
  return TIME_WORD.test(name) || TIME_CAMEL.test(name);
}

/** The Unix unit numbers spanning `min` to `max` read as, or undefined when they are not plausibly times. */
export function epochEncodingOf(min: number, max: number): 'epoch-s' | 'epoch-ms' | undefined {
  if (min >= FIRST_SECOND && max < LAST_SECOND) return 'epoch-s';
  if (min >= FIRST_SECOND * 1000 && max < LAST_SECOND * 1000) return 'epoch-ms';
  return undefined;
}

/** The instant in epoch milliseconds (NaN for text that is not a time). */
export function epochMilliseconds(value: number | string, encoding: TimeEncoding): number {
  if (typeof value === 'string') return Date.parse(value);
  return encoding === 'epoch-s' ? value * 1000 : value;
}

/** How finely a time is written: a label on a year-long axis needs no minutes. */
export type TimePrecision = 'year' | 'month' | 'day' | 'minute' | 'second';

const ISO_LENGTH: Record<TimePrecision, number> = { year: 4, month: 7, day: 10, minute: 16, second: 19 };

/**
 * A UTC time written to `precision`: `2024`, `2024-03`, `2024-03-14`, `2024-03-14 21:20`, `2024-03-14 21:20:05`.
 *
 * @example formatUtc(Date.UTC(2024, 2, 14, 21, 20), 'minute') // '2024-03-14 21:20'
 */
export function formatUtc(milliseconds: number, precision: TimePrecision): string {
  return new Date(milliseconds).toISOString().slice(0, ISO_LENGTH[precision]).replace('T', ' ');
}

/** The precision that writes every one of `instants` exactly: days when all are at midnight UTC, ... */
export function precisionOfInstants(instants: readonly number[]): TimePrecision {
  if (instants.every((at) => at % 86_400_000 === 0)) return 'day';
  if (instants.every((at) => at % 60_000 === 0)) return 'minute';
  return 'second';
}
