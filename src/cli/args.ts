/**
 * The CLI's arguments, parsed into the same settings the action builds from its inputs. Usage mistakes are
 * InputErrors, shown as one line with exit status 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../engine/errors.js';
import { defaultDriftOptions } from '../engine/options.js';
import {
  nonNegative,
  optionalNumber,
  parseColumnMethods,
  parseColumnThresholds,
  parseCorrection,
  positiveInteger,
  shareInRange,
} from '../option-values.js';
import { parseGateOn, parseModelOptions } from '../model-option-values.js';
import { parseMultivariateMethods } from '../multivariate/methods.js';
import type { ColumnKind } from '../engine/table.js';
import type { CheckSettings } from '../check.js';

export type ReportFormat = 'text' | 'markdown' | 'json';

export interface CliCheckCommand {
  command: 'check';
  settings: CheckSettings;
  format: ReportFormat;
  /** Write the report here instead of standard output. */
  output?: string;
  /** Exit 0 when the gate trips too (for demos and non-gating runs); bad input still exits 2. */
  exitZero: boolean;
}

export type CliCommand = CliCheckCommand | { command: 'help' } | { command: 'version' };

const OPTIONS = {
  baseline: { type: 'string', multiple: true },
  current: { type: 'string', multiple: true },
  numerical: { type: 'string', multiple: true },
  categorical: { type: 'string', multiple: true },
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
  'drift-share': { type: 'string' },
  correction: { type: 'string' },
  'min-rows': { type: 'string' },
  'missing-share-threshold': { type: 'string' },
  'all-methods': { type: 'boolean' },
  prediction: { type: 'string' },
  target: { type: 'string' },
  probability: { type: 'string', multiple: true },
  order: { type: 'string' },
  'performance-metric': { type: 'string' },
  'max-degradation': { type: 'string' },
  'gate-on': { type: 'string', multiple: true },
  multivariate: { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'exit-zero': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Options that take several values in a row, so a shell glob (`--baseline data/*.csv`) works. */
const VARIADIC = new Set(['baseline', 'current']);

export function parseCli(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    // One line, but all of it: the last line of Node's message is the fix (`--threshold=-0.1` for a negative value).
    throw new InputError(`${(error as Error).message.split('\n').join(' ')} (see driftgate --help)`);
  }
  const { values, tokens } = parsed;
  const variadicValues: Record<string, string[]> = { baseline: [], current: [] };
  const positionals: string[] = [];
  let openVariadic: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'option') {
      openVariadic = VARIADIC.has(token.name) ? token.name : undefined;
      if (openVariadic && token.value !== undefined) variadicValues[openVariadic].push(token.value);
    } else if (token.kind === 'positional') {
      if (openVariadic) variadicValues[openVariadic].push(token.value);
      else positionals.push(token.value);
    } else {
      openVariadic = undefined;
    }
  }
  if (values.version) return { command: 'version' };
  if (values.help || positionals.length === 0 || positionals[0] === 'help') return { command: 'help' };
  if (positionals[0] !== 'check') throw new InputError(`unknown command ${JSON.stringify(positionals[0])}; the command is: driftgate check (see driftgate --help)`);
  if (positionals.length > 1) throw new InputError(`unexpected argument ${JSON.stringify(positionals[1])} (see driftgate --help)`);
  for (const side of ['baseline', 'current']) {
    if (variadicValues[side].length === 0) throw new InputError(`--${side} is required: the path (or glob) of the ${side} data`);
  }

  const declaredKinds = new Map<string, ColumnKind>();
  for (const [kind, names] of [['numerical', values.numerical], ['categorical', values.categorical]] as const) {
    for (const name of names ?? []) {
      const other = declaredKinds.get(name);
      if (other && other !== kind) throw new InputError(`column ${JSON.stringify(name)} is declared both numerical and categorical`);
      declaredKinds.set(name, kind);
    }
  }

  const drift = defaultDriftOptions({
    columns: values.columns ?? [],
    ignoreColumns: values.ignore ?? [],
    declaredKinds,
    method: values.method,
    numericalMethod: values['numerical-method'],
    categoricalMethod: values['categorical-method'],
    columnMethods: parseColumnMethods('--column-method', values['column-method'] ?? []),
    threshold: optionalNumber('--threshold', values.threshold, nonNegative),
    numericalThreshold: optionalNumber('--numerical-threshold', values['numerical-threshold'], nonNegative),
    categoricalThreshold: optionalNumber('--categorical-threshold', values['categorical-threshold'], nonNegative),
    columnThresholds: parseColumnThresholds('--column-threshold', values['column-threshold'] ?? []),
  });
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
      order: values.order,
      performanceMetric: values['performance-metric'],
      maxDegradation: values['max-degradation'],
    },
    {
      prediction: '--prediction',
      target: '--target',
      probabilities: '--probability',
      order: '--order',
      performanceMetric: '--performance-metric',
      maxDegradation: '--max-degradation',
    },
  );
  drift.multivariate = parseMultivariateMethods(values.multivariate ?? [], '--multivariate');
  drift.gateOn = parseGateOn(values['gate-on'] ?? [], '--gate-on', drift.model, drift.multivariate);

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    throw new InputError(`--format must be text, markdown or json, not ${JSON.stringify(format)}`);
  }
  return {
    command: 'check',
    settings: { baseline: variadicValues.baseline, current: variadicValues.current, drift },
    format,
    output: values.output,
    exitZero: values['exit-zero'] ?? false,
  };
}
