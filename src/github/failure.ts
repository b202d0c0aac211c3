/**
 * How an action's run ends on an error, the same for every driftgate action: an `InputError` becomes one
 * error annotation, placed on the file it names when that file is in the workspace, and anything else one
 * failed step with the action's explanation. Both are redacted first, since either may quote a request.
 */
import * as core from '@actions/core';
import { InputError } from '../core/errors.js';
import { annotate, failStep } from './log.js';
import { redactSecrets } from './secrets.js';
import { workspaceRelative } from './workspace-paths.js';

export function failRun(error: unknown, explain: (error: unknown) => string): void {
  if (error instanceof InputError) {
    annotate('error', redactSecrets(error.describe()), { title: 'driftgate: bad input', ...annotationLocation(error.location) });
    // Not core.setFailed: it would add a second, bare error annotation after this one.
    process.exitCode = core.ExitCode.Failure;
  } else {
    failStep(redactSecrets(explain(error)));
  }
}

function annotationLocation({ file, line }: InputError['location']): core.AnnotationProperties {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const path = file === undefined ? undefined : workspaceRelative(workspace, file);
  return path === undefined ? {} : { file: path, startLine: line };
}
