/**
 * The model-monitoring options given as text — CLI flags and action inputs alike — turned into typed
 * options, each mistake named with the option the user wrote (`--target` or `target-column`).
 */
import { InputError } from '../core/errors.js';
import { ANY_GATES, DEFAULT_MAX_DEGRADATION, GATES, type Gate, type ModelOptions, type ProbabilityColumns } from '../engine/options.js';
import { PERFORMANCE_METRIC_NAMES, performanceMetric } from '../performance/metric-registry.js';
import { parseMaxDegradation } from '../performance/verdict.js';

export interface ModelOptionTexts {
  prediction?: string;
  target?: string;
  probabilities: readonly string[];
  positiveLabel?: string;
  order?: string;
  performanceMetric?: string;
  maxDegradation?: string;
}

/** What each option is called where the user wrote it. */
export type ModelOptionNames = Record<keyof ModelOptionTexts, string>;

/** Undefined when neither a prediction nor a target column is named: no model section. */
export function parseModelOptions(texts: ModelOptionTexts, names: ModelOptionNames): ModelOptions | undefined {
  const present = (text: string | undefined) => (text === undefined || text === '' ? undefined : text);
  const prediction = present(texts.prediction);
  const target = present(texts.target);
  const performanceOption = (['order', 'performanceMetric', 'maxDegradation'] as const).find((key) => present(texts[key]) !== undefined);
  if (performanceOption && (prediction === undefined || target === undefined)) {
    throw new InputError(
      `${names[performanceOption]} is about the model's performance: it needs both ${names.prediction} and ${names.target}`,
    );
  }
  if (texts.probabilities.length > 0 && prediction === undefined) {
    throw new InputError(`${names.probabilities} needs ${names.prediction}: the column of the class the model predicted`);
  }
  const positiveLabel = present(texts.positiveLabel);
  if (positiveLabel !== undefined && texts.probabilities.length === 0) {
    throw new InputError(
      `${names.positiveLabel} is the class whose probability one ${names.probabilities} column holds: name that column too`,
    );
  }
  if (prediction === undefined && target === undefined) return undefined;
  const metricName = present(texts.performanceMetric);
  const metric = metricName === undefined ? undefined : performanceMetric(metricName);
  if (metricName !== undefined && !metric) {
    throw new InputError(
      `${names.performanceMetric} must be one of ${PERFORMANCE_METRIC_NAMES.join(', ')}, not ${JSON.stringify(metricName)}`,
    );
  }
  const maxDegradation = present(texts.maxDegradation);
  const probabilities = parseProbabilityColumns(texts.probabilities, names.probabilities);
  return {
    ...(prediction === undefined ? {} : { prediction }),
    ...(target === undefined ? {} : { target }),
    ...(probabilities ? { probabilities } : {}),
    ...(positiveLabel === undefined ? {} : { positiveLabel }),
    ...(present(texts.order) === undefined ? {} : { order: texts.order }),
    ...(metric ? { performanceMetric: metric.name } : {}),
    maxDegradation: maxDegradation === undefined ? DEFAULT_MAX_DEGRADATION : parseMaxDegradation(maxDegradation, names.maxDegradation),
  };
}

/**
 * `CLASS=COLUMN` entries, split at the first `=` (class labels are short and rarely hold one; column
 * names of flattened JSON may), or one `PREFIX*` entry: every column named PREFIX followed by a class, or
 * one bare `COLUMN`: a binary model's probability of the positive class (a name holding `=` or ending in
 * `*` is written `CLASS=COLUMN` instead).
 */
export function parseProbabilityColumns(entries: readonly string[], option: string): ProbabilityColumns | undefined {
  if (entries.length === 0) return undefined;
  const alone = entries.filter((entry) => !entry.includes('='));
  if (alone.length > 0) {
    if (entries.length > 1) {
      throw new InputError(
        `${option} takes one PREFIX* entry, one COLUMN (the positive class's probability) or CLASS=COLUMN entries, not a mix or several of the first two`,
      );
    }
    const [entry] = alone;
    return entry.endsWith('*') ? { kind: 'prefix', prefix: entry.slice(0, -1) } : { kind: 'positive', column: entry };
  }
  const columns = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at === 0 || at === entry.length - 1) {
      throw new InputError(
        `${option} takes CLASS=COLUMN (one per class), PREFIX* (columns named PREFIX followed by the class) or one COLUMN (the positive class's probability), got ${JSON.stringify(entry)}`,
      );
    }
    const label = entry.slice(0, at);
    if (columns.has(label)) throw new InputError(`${option} names class ${JSON.stringify(label)} twice`);
    columns.set(label, entry.slice(at + 1));
  }
  return { kind: 'columns', columns };
}

/**
 * `data`, `prediction`, `performance`, `estimated-performance`, `multivariate`, `segment`, several of
 * them, or `any` (all but `segment` and `estimated-performance`: a segment's drift, and an estimate made
 * without labels, trip the gate only when asked). Asking to
 * gate on the model without naming its columns, or on multivariate drift without a multivariate method,
 * would never trip, so it is refused rather than silently ignored.
 */
export function parseGateOn(
  entries: readonly string[],
  option: string,
  model: ModelOptions | undefined,
  multivariate: readonly string[] = [],
  segment?: string,
): Set<Gate> {
  const words = entries
    .flatMap((entry) => entry.split(','))
    .map((word) => word.trim())
    .filter((word) => word !== '');
  if (words.length === 0) return new Set(ANY_GATES);
  const gates = new Set<Gate>();
  for (const word of words) {
    if (word === 'any') ANY_GATES.forEach((gate) => gates.add(gate));
    else if ((GATES as readonly string[]).includes(word)) gates.add(word as Gate);
    else
      throw new InputError(
        `${option} takes data, prediction, performance, estimated-performance, multivariate, segment or any, not ${JSON.stringify(word)}`,
      );
  }
  if (gates.has('segment') && segment === undefined) throw new InputError(`${option} segment needs a segment column`);
  if (
    gates.has('estimated-performance') &&
    !(model?.prediction !== undefined && model.target !== undefined && model.probabilities?.kind === 'positive')
  ) {
    throw new InputError(
      `${option} estimated-performance needs the prediction and target columns and one probability column (the positive class's)`,
    );
  }
  if (!words.includes('any')) {
    if (gates.has('prediction') && !model) throw new InputError(`${option} prediction needs the prediction or target column`);
    if (gates.has('performance') && !(model?.prediction !== undefined && model.target !== undefined)) {
      throw new InputError(`${option} performance needs both the prediction and the target column`);
    }
    if (gates.has('multivariate') && multivariate.length === 0)
      throw new InputError(`${option} multivariate needs a multivariate method (multivariate: all, or a list of methods)`);
  }
  return gates;
}
