/**
 * What the action shows in the step's log: lines, annotations and the failure. Everything goes through
 * `escapeTerminal` first, since @actions/core escapes only what would end a workflow command early (line
 * breaks, `%`, and `:` `,` in properties): not escape sequences, not a line that opens with `::`, not `##[`.
 */
import * as core from '@actions/core';
import { escapeTerminal } from '../report/escape.js';

export function logLine(text: string): void {
  core.info(escapeTerminal(text));
}

export function logDebug(text: string): void {
  core.debug(escapeTerminal(text));
}

export function annotate(kind: 'warning' | 'error', message: string, properties: core.AnnotationProperties = {}): void {
  const { title, file } = properties;
  core[kind](escapeTerminal(message), {
    ...properties,
    ...(title === undefined ? {} : { title: escapeTerminal(title) }),
    ...(file === undefined ? {} : { file: escapeTerminal(file) }),
  });
}

export function failStep(message: string): void {
  core.setFailed(escapeTerminal(message));
}
