/**
 * The CLI's arguments, parsed into the same settings the action builds from its inputs. Usage mistakes are
 * InputErrors, shown as one line with exit status 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/errors.js';
import { defaultDriftOptions } from '../engine/options.js';
import {
  memoryBudgetOf,
  optionalNumber,
  optionalThreshold,
  parseColumnMethods,
  parseColumnThresholds,
  parseCorrection,
  parseInsufficientData,
  positiveInteger,
  pValue,
  shareInRange,
  wholeNumber,
} from '../option-values.js';
import { parseGateOn, parseModelOptions } from '../model-option-values.js';
import { parseProfileCli, type CliProfileCommand } from './profile-args.js';
import { collectVariadic, declaredKindsOf } from './variadic.js';
import { missingValueTokens } from '../core/missing-values.js';
import { parseMultivariateMethods } from '../multivariate/methods.js';
import type { CheckSettings } from '../check.js';
import { reportFormatOf, type ReportFormat } from './report-format.js';


export interface CliCheckCommand {
  command: 'check';
  settings: CheckSettings;
  format: ReportFormat;
  /** Write the report here instead of standard output. */
  output?: string;
  /** Exit 0 when the gate trips too (for demos and non-gating runs); bad input still exits 2. */
  exitZero: boolean;
}

export type CliCommand = CliCheckCommand | CliProfileCommand | { command: 'help' } | { command: 'version' };

const OPTIONS = {
  baseline: { type: 'string', multiple: true },
  current: { type: 'string', multiple: true },
  numerical: { type: 'string', multiple: true },
  categorical: { type: 'string', multiple: true },
  'na-values': { type: 'string', multiple: true },
  'no-default-na-values': { type: 'boolean' },
  columns: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  method: { type: 'string' },
  'numerical-method': { type: 'string' },
  'categorical-method': { type: 'string' },
  'column-method': { type: 'string', multiple: true },
  threshold: { type: 'string' },
  'numerical-threshold': { type: 'string' },
  'categorical-threshold': { type: 'string' },
  'column-threshold': { type: 'string', multiple: true },
  'p-value-threshold': { type: 'string' },
  'distance-threshold': { type: 'string' },
  permutations: { type: 'string' },
  'permutation-seed': { type: 'string' },
  'drift-share': { type: 'string' },
  correction: { type: 'string' },
  'min-rows': { type: 'string' },
  'missing-share-threshold': { type: 'string' },
  'all-methods': { type: 'boolean' },
  prediction: { type: 'string' },
  target: { type: 'string' },
  probability: { type: 'string', multiple: true },
  'positive-label': { type: 'string' },
  order: { type: 'string' },
  'performance-metric': { type: 'string' },
  'max-degradation': { type: 'string' },
  'gate-on': { type: 'string', multiple: true },
  'insufficient-data': { type: 'string' },
  multivariate: { type: 'string', multiple: true },
  segment: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'exit-zero': { type: 'boolean' },
  'memory-budget': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Options that take several values in a row, so a shell glob (`--baseline data/*.csv`) works. */
const VARIADIC = ['baseline', 'current'];

export function parseCli(argv: readonly string[]): CliCommand {
  if (argv[0] === 'profile') return parseProfileCli(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // One line, but all of it: the last line of Node's message is the fix (`--threshold=-0.1` for a negative value).
    throw new InputError(`${(error as Error).message.split('\n').join(' ')} (see driftgate --help)`);
  }
  const { values, tokens } = parsed;
  const { variadic: variadicValues, positionals } = collectVariadic(tokens, VARIADIC);
  if (values.version) return { command: 'version' };
  if (values.help || positionals.length === 0 || positionals[0] === 'help') return { command: 'help' };
  if (positionals[0] !== 'check') throw new InputError(`unknown command ${JSON.stringify(positionals[0])}; the commands are: driftgate check, driftgate profile (see driftgate --help)`);
  if (positionals.length > 1) throw new InputError(`unexpected argument ${JSON.stringify(positionals[1])} (see driftgate --help)`);
  for (const side of ['baseline', 'current']) {
    if (variadicValues[side].length === 0) throw new InputError(`--${side} is required: the path (or glob) of the ${side} data`);
  }

  const declaredKinds = declaredKindsOf(values.numerical ?? [], values.categorical ?? []);

  const drift = defaultDriftOptions({
    columns: values.columns ?? [],
    ignoreColumns: values.ignore ?? [],
    declaredKinds,
    naValues: missingValueTokens(values['na-values'] ?? [], !values['no-default-na-values']),
    method: values.method,
    numericalMethod: values['numerical-method'],
    categoricalMethod: values['categorical-method'],
    columnMethods: parseColumnMethods('--column-method', values['column-method'] ?? []),
    threshold: optionalThreshold('--threshold', values.threshold),
    numericalThreshold: optionalThreshold('--numerical-threshold', values['numerical-threshold']),
    categoricalThreshold: optionalThreshold('--categorical-threshold', values['categorical-threshold']),
    columnThresholds: parseColumnThresholds('--column-threshold', values['column-threshold'] ?? []),
    pValueThreshold: optionalNumber('--p-value-threshold', values['p-value-threshold'], pValue),
    distanceThreshold: optionalThreshold('--distance-threshold', values['distance-threshold']),
  });
  const permutations = optionalNumber('--permutations', values.permutations, positiveInteger);
  if (permutations !== undefined) drift.permutations = permutations;
  const permutationSeed = optionalNumber('--permutation-seed', values['permutation-seed'], wholeNumber);
  if (permutationSeed !== undefined) drift.permutationSeed = permutationSeed;
  const driftShare = optionalNumber('--drift-share', values['drift-share'], shareInRange);
  if (driftShare !== undefined) drift.driftShare = driftShare;
  const minRows = optionalNumber('--min-rows', values['min-rows'], positiveInteger);
  if (minRows !== undefined) drift.minRows = minRows;
  const missingShare = optionalNumber('--missing-share-threshold', values['missing-share-threshold'], shareInRange);
  if (missingShare !== undefined) drift.missingShareThreshold = missingShare;
  drift.correction = parseCorrection(values.correction ?? 'none', '--correction');
  drift.allMethods = values['all-methods'] ?? false;
  drift.model = parseModelOptions(
    {
      prediction: values.prediction,
      target: values.target,
      probabilities: values.probability ?? [],
      positiveLabel: values['positive-label'],
      order: values.order,
      performanceMetric: values['performance-metric'],
      maxDegradation: values['max-degradation'],
    },
    {
      prediction: '--prediction',
      target: '--target',
      probabilities: '--probability',
      positiveLabel: '--positive-label',
      order: '--order',
      performanceMetric: '--performance-metric',
      maxDegradation: '--max-degradation',
    },
  );
  drift.multivariate = parseMultivariateMethods(values.multivariate ?? [], '--multivariate');
  if (values.segment !== undefined) drift.segment = values.segment;
  drift.gateOn = parseGateOn(values['gate-on'] ?? [], '--gate-on', drift.model, drift.multivariate, drift.segment);
  drift.insufficientData = parseInsufficientData(values['insufficient-data'] ?? 'pass', '--insufficient-data');

  return {
    command: 'check',
    settings: { baseline: variadicValues.baseline, current: variadicValues.current, drift, ...memoryBudgetOf('--memory-budget', values['memory-budget']) },
    format: reportFormatOf(values.format, values.output),
    output: values.output,
    exitZero: values['exit-zero'] ?? false,
  };
}

