/**
 * The drift check as Prometheus metrics, in the text exposition format (version 0.0.4), for a Pushgateway
 * or a node_exporter textfile. Every value is a gauge: each check replaces the previous one, nothing
 * accumulates.
 *
 * No sample carries a timestamp: the Pushgateway rejects them, and a scraper should stamp the values when
 * it reads them. When the check ran is its own gauge, `driftgate_last_check_timestamp_seconds`, so a
 * dashboard can tell when checks stop.
 */
import { InputError } from '../core/errors.js';
import { GATES } from '../engine/options.js';
import type { ColumnResult, DriftResult, EstimatedMetricResult, EstimatedPerformance, ModelResult, StreamPoint } from '../engine/result.js';
import { DETECTOR_NAMES } from '../performance/change-point.js';
import { VERSION } from '../core/version.js';
import { ESTIMATED_METRIC_NAMES, metricRows } from './model-format.js';
import type { MultivariateResult } from '../multivariate/result.js';
import type { SegmentResult, SegmentsResult } from '../engine/result.js';
import { RESERVED_LABEL_NAMES, validateLabelName } from '../io/prometheus-labels.js';

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

/** Every status a column can have, so the status gauge can carry a 0 for each one it is not (the enum pattern). */
const COLUMN_STATUSES: readonly ColumnResult['status'][] = [
  'drift',
  'no-drift',
  'insufficient-data',
  'missing-in-current',
  'new-in-current',
  'not-tested',
];

export function renderPrometheus(result: DriftResult, options: PrometheusOptions): string {
  const userLabels = validatedUserLabels(options.labels);
  const families = [
    ...columnFamilies(result.columns),
    ...datasetFamilies(result, options.timestamp),
    ...(result.model ? modelFamilies(result.model) : []),
    ...(result.multivariate ? multivariateFamilies(result.multivariate) : []),
    ...(result.segments ? segmentFamilies(result.segments) : []),
  ];
  return families.map((family) => renderFamily(family, userLabels)).join('');
}

function validatedUserLabels(labels: Record<string, string>): Labels {
  const entries = Object.entries(labels);
  for (const [name] of entries) {
    validateLabelName(name, 'label');
    if (RESERVED_LABEL_NAMES.includes(name)) {
      throw new InputError(
        `label ${JSON.stringify(name)} clashes with a label driftgate writes itself (${RESERVED_LABEL_NAMES.join(', ')}); pick another name`,
      );
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
  const perSide = (column: ColumnResult, read: (side: ColumnResult['baseline']) => number): Sample[] => [
    {
      labels: [
        ['column', column.name],
        ['side', 'baseline'],
      ],
      value: read(column.baseline),
    },
    {
      labels: [
        ['column', column.name],
        ['side', 'current'],
      ],
      value: read(column.current),
    },
  ];
  return [
    family(
      'driftgate_column_drift_score',
      'The value compared with the threshold: the p-value (adjusted, with a correction) when output="p_value", the distance when output="distance".',
      (column) => [{ labels: testLabels(column), value: column.score }],
    ),
    family(
      'driftgate_column_drift_threshold',
      "The threshold of the column's test: drift below it for p-values, at or above it for distances.",
      (column) => [{ labels: testLabels(column), value: column.threshold }],
    ),
    family('driftgate_column_drift_detected', 'Whether the column drifted (1) or not (0).', (column) => [
      {
        labels: [
          ['column', column.name],
          ['type', column.type],
        ],
        value: Number(column.drift_detected),
      },
    ]),
    family(
      'driftgate_column_status',
      "The column's outcome: 1 for its status, 0 for the others (drift, no-drift, insufficient-data, missing-in-current, new-in-current, not-tested).",
      (column) =>
        COLUMN_STATUSES.map((status) => ({
          labels: [
            ['column', column.name],
            ['type', column.type],
            ['status', status],
          ],
          value: Number(column.status === status),
        })),
    ),
    family('driftgate_column_missing_share', "Share of the column's cells that are missing, per side (0 to 1).", (column) =>
      perSide(column, (side) => side.missing_share),
    ),
    family('driftgate_column_rows', "Rows on each side of the column's comparison, missing cells included.", (column) =>
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
    single(
      'driftgate_dataset_tested_columns',
      'Number of columns judged (drifted or not); untested columns are left out.',
      dataset.tested_count,
    ),
    {
      name: 'driftgate_dataset_rows',
      help: 'Rows compared on each side.',
      samples: [
        { labels: [['side', 'baseline']], value: result.baseline.rows },
        { labels: [['side', 'current']], value: result.current.rows },
      ],
    },
    single(
      'driftgate_gate_tripped',
      'Whether the gate tripped (1) or not (0): any verdict chosen with gate-on found drift.',
      Number(result.gate.tripped),
    ),
    {
      name: 'driftgate_gate_verdict',
      help: 'Per verdict the gate considers (data, prediction, performance): 1 when it found drift and is chosen with gate-on, else 0.',
      samples: GATES.filter((gate) => result.gate.on.includes(gate)).map((gate) => ({
        labels: [['gate', gate]],
        value: Number(result.gate.tripped_by.includes(gate)),
      })),
    },
    single(
      'driftgate_last_check_timestamp_seconds',
      'When the drift check ran, in seconds since the Unix epoch.',
      timestamp.getTime() / 1000,
    ),
    {
      name: 'driftgate_info',
      help: 'Always 1; its labels describe the driftgate that ran the check.',
      samples: [{ labels: [['version', VERSION]], value: 1 }],
    },
  ];
}

/**
 * The model section: its columns' drift, the performance metrics of each side with the verdict, the
 * estimate without labels, and where each detector put the change. Change points are given as rows and, when the order column holds
 * ISO 8601 times, as Unix seconds, so a dashboard can mark them on a time axis.
 */
function modelFamilies(model: ModelResult): Family[] {
  const roleLabels = (column: ModelResult['columns'][number]): Labels => [
    ['column', column.name],
    ['role', column.role],
  ];
  const families: Family[] = [
    {
      name: 'driftgate_model_column_drift_score',
      help: 'Prediction, probability and target columns: the value compared with the threshold (p-value or distance, see output).',
      samples: model.columns.map((column) => ({
        labels: [...roleLabels(column), ['method', column.method ?? ''], ['output', column.output ?? '']],
        value: column.score,
      })),
    },
    {
      name: 'driftgate_model_column_drift_detected',
      help: 'Prediction, probability and target columns: whether the column drifted (1) or not (0).',
      samples: model.columns.map((column) => ({ labels: roleLabels(column), value: Number(column.drift_detected) })),
    },
    {
      name: 'driftgate_prediction_drift_detected',
      help: 'Whether the prediction or a class-probability column drifted (1) or not (0).',
      samples: [{ labels: [], value: Number(model.prediction_drift.drift_detected) }],
    },
    {
      name: 'driftgate_target_drift_detected',
      help: 'Whether the target column drifted (1) or not (0).',
      samples: [{ labels: [], value: Number(model.target_drift.drift_detected) }],
    },
  ];
  const { performance, change_point: changePoint } = model;
  if (performance) {
    const rows = metricRows(performance);
    const metric = (name: string, help: string, value: number | undefined): Family => ({
      name,
      help,
      samples: [{ labels: [['metric', performance.metric]], value }],
    });
    families.push(
      {
        name: 'driftgate_performance_metric_value',
        help: 'Every performance metric of each side with labelled rows (scikit-learn definitions).',
        samples: rows.flatMap((row) => [
          {
            labels: [
              ['metric', row.name],
              ['side', 'baseline'],
            ],
            value: row.baseline,
          },
          {
            labels: [
              ['metric', row.name],
              ['side', 'current'],
            ],
            value: row.current,
          },
        ]),
      },
      metric(
        'driftgate_performance_drift_detected',
        'Whether the verdict metric degraded beyond the tolerance (1) or not (0).',
        Number(performance.drift_detected),
      ),
      metric(
        'driftgate_performance_degradation',
        'How much worse the verdict metric is now, in its units (negative: better).',
        performance.degradation,
      ),
      metric('driftgate_performance_max_degradation', "The largest degradation tolerated, in the metric's units.", performance.allowed),
      metric(
        'driftgate_performance_difference_lower',
        'Lower end of the bootstrap interval of current minus baseline.',
        performance.interval?.lower,
      ),
      metric(
        'driftgate_performance_difference_upper',
        'Upper end of the bootstrap interval of current minus baseline.',
        performance.interval?.upper,
      ),
      {
        name: 'driftgate_performance_labelled_rows',
        help: 'Rows with target, prediction and probabilities present, per side.',
        samples: [
          { labels: [['side', 'baseline']], value: performance.labelled_rows.baseline },
          { labels: [['side', 'current']], value: performance.labelled_rows.current },
        ],
      },
    );
    if (performance.estimated) families.push(...estimatedFamilies(performance.estimated));
  }
  if (changePoint) {
    const point = (name: string, help: string, read: (point: StreamPoint) => number | undefined): Family => ({
      name,
      help,
      samples: DETECTOR_NAMES.flatMap((detector) => {
        const outcome = changePoint.detectors[detector];
        return (['onset', 'detected'] as const).map((kind) => {
          const found = outcome[kind];
          return {
            labels: [
              ['detector', detector],
              ['point', kind],
            ],
            value: found && read(found),
          };
        });
      }),
    });
    families.push(
      {
        name: 'driftgate_change_point_detected',
        help: 'Per detector: whether it found a rise in the error of the current stream (1) or not (0).',
        samples: DETECTOR_NAMES.filter((detector) => changePoint.detectors[detector].status !== 'not-applicable').map((detector) => ({
          labels: [['detector', detector]],
          value: Number(changePoint.detectors[detector].status === 'change'),
        })),
      },
      point(
        'driftgate_change_point_row',
        'Per detector: the 0-based current row where the rise began (point="onset") or was detected (point="detected").',
        (found) => found.row,
      ),
      point(
        'driftgate_change_point_timestamp_seconds',
        'The same points as Unix seconds, when the order column holds ISO 8601 times.',
        (found) => isoSeconds(found.order),
      ),
    );
  }
  return families;
}

/**
 * CBPE's estimate: each metric with its band edges on the current rows without labels (`rows="unlabelled"`)
 * and on the labelled ones estimated as if unlabelled (`rows="labelled"`, with the realized value beside).
 */
function estimatedFamilies(estimated: EstimatedPerformance): Family[] {
  const blocks = (['unlabelled', 'labelled'] as const).flatMap((rows) => {
    const block = estimated[rows];
    return block ? [{ rows, block }] : [];
  });
  const perMetric = (name: string, help: string, read: (metric: EstimatedMetricResult) => number | undefined): Family => ({
    name,
    help,
    samples: blocks.flatMap(({ rows, block }) =>
      ESTIMATED_METRIC_NAMES.flatMap((metric) => {
        const result = block[metric];
        return result
          ? [
              {
                labels: [
                  ['metric', metric],
                  ['rows', rows],
                ] as Labels,
                value: read(result),
              },
            ]
          : [];
      }),
    ),
  });
  const { verdict } = estimated;
  return [
    perMetric(
      'driftgate_performance_estimated',
      'Performance estimated without labels (CBPE), on the current rows without labels and on the labelled ones.',
      (metric) => metric.value,
    ),
    perMetric(
      'driftgate_performance_estimated_lower',
      `Lower edge of the estimate's band (±${estimated.band_standard_errors} standard errors, within 0 and 1).`,
      (metric) => metric.lower,
    ),
    perMetric(
      'driftgate_performance_estimated_upper',
      `Upper edge of the estimate's band (±${estimated.band_standard_errors} standard errors, within 0 and 1).`,
      (metric) => metric.upper,
    ),
    perMetric(
      'driftgate_performance_estimated_realized',
      'The realized value on the labelled current rows, beside their estimate.',
      (metric) => metric.realized,
    ),
    {
      name: 'driftgate_performance_estimated_rows',
      help: 'Current rows estimated: without labels, and labelled.',
      samples: blocks.map(({ rows, block }) => ({ labels: [['rows', rows]], value: block.rows })),
    },
    {
      name: 'driftgate_performance_estimated_calibrated',
      help: 'Whether the scores were calibrated on the baseline before estimating (1) or not (0).',
      samples: [{ labels: [], value: Number(estimated.calibration.calibrated) }],
    },
    {
      name: 'driftgate_performance_estimated_degraded',
      help: "Whether the estimate's verdict is degraded (1) or not (0): even the band's upper edge worse than the baseline by more than the tolerance.",
      samples:
        verdict && verdict.status !== 'insufficient-data'
          ? [{ labels: [['metric', verdict.metric]], value: Number(verdict.status === 'degraded') }]
          : [],
    },
  ];
}

function isoSeconds(order: StreamPoint['order']): number | undefined {
  if (typeof order !== 'string' || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(order)) return undefined;
  const milliseconds = Date.parse(order);
  return Number.isFinite(milliseconds) ? milliseconds / 1000 : undefined;
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

/** The multivariate section: per method its value, thresholds and verdict, and the verdict over them. */
function segmentFamilies(segments: SegmentsResult): Family[] {
  const labelsOf = (segment: SegmentResult): Labels => [
    ['segment_column', segments.column],
    ['segment', segment.value],
  ];
  const perSegment = (name: string, help: string, read: (segment: SegmentResult) => number | undefined): Family => ({
    name,
    help,
    samples: segments.segments.map((segment) => ({ labels: labelsOf(segment), value: read(segment) })),
  });
  return [
    perSegment(
      'driftgate_segment_drift_detected',
      'Whether the segment drifted (its features by the dataset rule, or its performance) (1) or not (0).',
      (segment) => Number(segment.drift_detected),
    ),
    perSegment(
      'driftgate_segment_drift_share',
      "Share of the segment's compared columns that drifted.",
      (segment) => segment.dataset.drift_share,
    ),
    {
      name: 'driftgate_segment_rows',
      help: 'Rows of the segment on each side.',
      samples: segments.segments.flatMap((segment) => [
        { labels: [...labelsOf(segment), ['side', 'baseline']] as Labels, value: segment.rows.baseline },
        { labels: [...labelsOf(segment), ['side', 'current']] as Labels, value: segment.rows.current },
      ]),
    },
  ];
}

function multivariateFamilies(multivariate: MultivariateResult): Family[] {
  const perMethod = (name: string, help: string, read: (method: MultivariateResult['methods'][number]) => number | undefined): Family => ({
    name,
    help,
    samples: multivariate.methods.map((method) => ({
      labels: [
        ['method', method.method],
        ['output', method.output],
      ],
      value: read(method),
    })),
  });
  return [
    perMethod(
      'driftgate_multivariate_score',
      'The value each multivariate method judges: mean reconstruction error (output="band"), 2·AUC − 1 of the domain classifier (output="distance"), MMD permutation p-value (output="p_value").',
      (method) => method.score,
    ),
    perMethod(
      'driftgate_multivariate_threshold',
      'Drift at or above it (distance), below it (p_value); for a band, its upper edge.',
      (method) => method.threshold ?? method.upper_threshold,
    ),
    perMethod('driftgate_multivariate_lower_threshold', 'Band methods: drift below this too.', (method) => method.lower_threshold),
    perMethod('driftgate_multivariate_method_drift_detected', 'Whether the multivariate method found drift (1) or not (0).', (method) =>
      Number(method.drift_detected),
    ),
    {
      name: 'driftgate_multivariate_drift_detected',
      help: 'Whether any multivariate method found drift in the joint distribution of the features (1) or not (0).',
      samples: [{ labels: [], value: Number(multivariate.drift_detected) }],
    },
  ];
}
