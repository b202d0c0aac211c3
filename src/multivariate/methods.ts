/**
 * The multivariate methods by name, and the `multivariate` option that picks them: a list of names,
 * `all`, or `off` (the default: see docs and `DEFAULT_MULTIVARIATE`).
 */
import { InputError } from '../core/errors.js';
import type { MultivariateMethodName } from './result.js';

export const MULTIVARIATE_METHODS: Readonly<Record<MultivariateMethodName, string>> = {
  'reconstruction-error': 'PCA reconstruction error',
  'domain-classifier': 'Domain classifier',
  mmd: 'Maximum mean discrepancy',
};

export const MULTIVARIATE_METHOD_NAMES = Object.keys(MULTIVARIATE_METHODS) as MultivariateMethodName[];

/**
 * Off unless asked for: the methods read every row (a profile baseline cannot feed them), add seconds on
 * large data, and each adds its own false-alarm rate to the gate, so turning them on is a choice a
 * pipeline makes knowingly, not a change an upgrade springs on it.
 */
export const DEFAULT_MULTIVARIATE: readonly MultivariateMethodName[] = [];

/** Comma- or line-separated names, `all`, or `off`; empty is the default. */
export function parseMultivariateMethods(entries: readonly string[], option: string): MultivariateMethodName[] {
  const words = entries
    .flatMap((entry) => entry.split(','))
    .map((word) => word.trim())
    .filter((word) => word !== '');
  if (words.length === 0) return [...DEFAULT_MULTIVARIATE];
  if (words.length === 1 && (words[0] === 'off' || words[0] === 'none')) return [];
  const chosen = new Set<MultivariateMethodName>();
  for (const word of words) {
    if (word === 'all') MULTIVARIATE_METHOD_NAMES.forEach((name) => chosen.add(name));
    else if (word in MULTIVARIATE_METHODS) chosen.add(word as MultivariateMethodName);
    else throw new InputError(`${option} takes ${MULTIVARIATE_METHOD_NAMES.join(', ')}, all or off, not ${JSON.stringify(word)}`);
  }
  return MULTIVARIATE_METHOD_NAMES.filter((name) => chosen.has(name));
}
