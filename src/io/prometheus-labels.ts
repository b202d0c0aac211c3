/**
 * Prometheus label names: which are valid, and which driftgate's exposition (src/report/prometheus.ts)
 * writes itself. Both the exposition's user labels and the Pushgateway's grouping key are checked here, so
 * the client in this folder needs nothing from the reports.
 */
import { InputError } from '../core/errors.js';

/** The label names driftgate itself writes; a user label with one of these names would make series ambiguous. */
export const RESERVED_LABEL_NAMES: readonly string[] = [
  'column',
  'type',
  'method',
  'output',
  'side',
  'status',
  'version',
  'gate',
  'role',
  'metric',
  'detector',
  'point',
  'segment_column',
  'segment',
  'rows',
];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Throws an InputError unless `name` may be used as a Prometheus label name. Names starting with `__` are
 * reserved for Prometheus' own use (relabelling drops them).
 */
export function validateLabelName(name: string, what: string): void {
  if (!LABEL_NAME.test(name)) {
    throw new InputError(
      `${what} ${JSON.stringify(name)} is not a valid Prometheus label name (letters, digits and _, not starting with a digit)`,
    );
  }
  if (name.startsWith('__')) {
    throw new InputError(`${what} ${JSON.stringify(name)} starts with "__", which Prometheus reserves for its own labels`);
  }
}
