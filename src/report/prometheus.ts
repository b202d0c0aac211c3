/**
 * The drift check as Prometheus metrics, in the text exposition format (version 0.0.4), for a Pushgateway
 * or a node_exporter textfile. Every value is a gauge: each check replaces the previous one, nothing
 * accumulates.
 *
 * No sample carries a timestamp: the Pushgateway rejects them, and a scraper should stamp the values when
 * it reads them. When the check ran is its own gauge, `driftgate_last_check_timestamp_seconds`, so a
 * dashboard can tell when checks stop.
 */
import { InputError } from '../engine/errors.js';
import type { ColumnResult, DriftResult } from '../engine/result.js';
import { VERSION } from '../version.js';

export interface PrometheusOptions {
  /** Added to every sample, to tell models and datasets apart (`model`, `dataset`, ...). */
  labels: Record<string, string>;
  /** When the check ran. */
  timestamp: Date;
}

type Labels = ReadonlyArray<readonly [name: string, value: string]>;

interface Sample {
  labels: Labels;
  value: number | undefined;
}

interface Family {
  name: string;
  help: string;
  samples: Sample[];
}

/** The label names driftgate itself writes; a user label with one of these names would make series ambiguous. */
export const RESERVED_LABEL_NAMES: readonly string[] = ['column', 'type', 'method', 'output', 'side', 'status', 'version'];

/** Every status a column can have, so the status gauge can carry a 0 for each one it is not (the enum pattern). */
const COLUMN_STATUSES: readonly ColumnResult['status'][] = [
  'drift',
  'no-drift',
  'insufficient-data',
  'missing-in-current',
  'new-in-current',
  'not-tested',
];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Throws an InputError unless `name` may be used as a Prometheus label name. Names starting with `__` are
 * reserved for Prometheus' own use (relabelling drops them).
 */
export function validateLabelName(name: string, what: string): void {
  if (!LABEL_NAME.test(name)) {
    throw new InputError(`${what} ${JSON.stringify(name)} is not a valid Prometheus label name (letters, digits and _, not starting with a digit)`);
  }
  if (name.startsWith('__')) {
    throw new InputError(`${what} ${JSON.stringify(name)} starts with "__", which Prometheus reserves for its own labels`);
  }
}

export function renderPrometheus(result: DriftResult, options: PrometheusOptions): string {
  const userLabels = validatedUserLabels(options.labels);
  const families = [...columnFamilies(result.columns), ...datasetFamilies(result, options.timestamp)];
  return families.map((family) => renderFamily(family, userLabels)).join('');
}

function validatedUserLabels(labels: Record<string, string>): Labels {
  const entries = Object.entries(labels);
  for (const [name] of entries) {
    validateLabelName(name, 'label');
    if (RESERVED_LABEL_NAMES.includes(name)) {
      throw new InputError(`label ${JSON.stringify(name)} clashes with a label driftgate writes itself (${RESERVED_LABEL_NAMES.join(', ')}); pick another name`);
    }
  }
  return entries;
}

function columnFamilies(columns: readonly ColumnResult[]): Family[] {
  const family = (name: string, help: string, samplesOf: (column: ColumnResult) => Sample[]): Family => ({
    name,
    help,
    samples: columns.flatMap(samplesOf),
  });
  const testLabels = (column: ColumnResult): Labels => [
    ['column', column.name],
    ['type', column.type],
    ['method', column.method ?? ''],
    ['output', column.output ?? ''],
  ];
  const perSide = (column: ColumnResult, read: (side: ColumnResult['reference']) => number): Sample[] => [
    { labels: [['column', column.name], ['side', 'baseline']], value: read(column.reference) },
    { labels: [['column', column.name], ['side', 'current']], value: read(column.current) },
  ];
  return [
    family(
      'driftgate_column_drift_score',
      'The value compared with the threshold: the p-value (adjusted, with a correction) when output="p_value", the distance when output="distance".',
      (column) => [{ labels: testLabels(column), value: column.score }],
    ),
    family(
      'driftgate_column_drift_threshold',
      'The threshold of the column\'s test: drift below it for p-values, at or above it for distances.',
      (column) => [{ labels: testLabels(column), value: column.threshold }],
    ),
    family('driftgate_column_drift_detected', 'Whether the column drifted (1) or not (0).', (column) => [
      { labels: [['column', column.name], ['type', column.type]], value: Number(column.drift_detected) },
    ]),
    family(
      'driftgate_column_status',
      'The column\'s outcome: 1 for its status, 0 for the others (drift, no-drift, insufficient-data, missing-in-current, new-in-current, not-tested).',
      (column) =>
        COLUMN_STATUSES.map((status) => ({
          labels: [['column', column.name], ['type', column.type], ['status', status]],
          value: Number(column.status === status),
        })),
    ),
    family('driftgate_column_missing_share', 'Share of the column\'s cells that are missing, per side (0 to 1).', (column) =>
      perSide(column, (side) => side.missing_share),
    ),
    family('driftgate_column_rows', 'Rows on each side of the column\'s comparison, missing cells included.', (column) =>
      perSide(column, (side) => side.rows),
    ),
  ];
}

function datasetFamilies(result: DriftResult, timestamp: Date): Family[] {
  const { dataset } = result;
  const single = (name: string, help: string, value: number): Family => ({ name, help, samples: [{ labels: [], value }] });
  return [
    single('driftgate_dataset_drift_share', 'Share of the judged columns that drifted (0 to 1).', dataset.drift_share),
    single(
      'driftgate_dataset_drift_share_threshold',
      'The dataset drifts when its drift share is at or above this.',
      dataset.rule.drift_share_threshold,
    ),
    single('driftgate_dataset_drift_detected', 'Whether the dataset drifted (1) or not (0).', Number(dataset.drift_detected)),
    single('driftgate_dataset_drifted_columns', 'Number of columns that drifted.', dataset.drifted_count),
    single('driftgate_dataset_tested_columns', 'Number of columns judged (drifted or not); untested columns are left out.', dataset.tested_count),
    {
      name: 'driftgate_dataset_rows',
      help: 'Rows compared on each side.',
      samples: [
        { labels: [['side', 'baseline']], value: result.baseline.rows },
        { labels: [['side', 'current']], value: result.current.rows },
      ],
    },
    single('driftgate_last_check_timestamp_seconds', 'When the drift check ran, in seconds since the Unix epoch.', timestamp.getTime() / 1000),
    { name: 'driftgate_info', help: 'Always 1; its labels describe the driftgate that ran the check.', samples: [{ labels: [['version', VERSION]], value: 1 }] },
  ];
}

/** A family with no finite value is left out entirely: a HELP without samples would only confuse. */
function renderFamily(family: Family, userLabels: Labels): string {
  const lines = family.samples
    .filter((sample): sample is { labels: Labels; value: number } => sample.value !== undefined && Number.isFinite(sample.value))
    .map((sample) => `${family.name}${renderLabels([...sample.labels, ...userLabels])} ${sample.value}\n`);
  if (lines.length === 0) return '';
  return `# HELP ${family.name} ${family.help}\n# TYPE ${family.name} gauge\n${lines.join('')}`;
}

function renderLabels(labels: Labels): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** The format's three escapes; everything else, `}` and non-ASCII included, is literal UTF-8. */
function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}
