/**
 * The check action's inputs, read once and turned into typed settings. Nothing else in the action calls
 * `core.getInput`. Lists are one item per line, because column names may contain commas.
 */
import * as core from '@actions/core';
import { InputError } from '../core/errors.js';
import type { CheckSettings, Side } from '../check.js';
import { SQL_ENGINES, type SqlEngine } from '../profile/sql/connect.js';
import { secretsOf } from '../profile/sql/postgres.js';
import type { SqlSource } from '../profile/sql/statements.js';
import { allowedRoots, resolveInside, type AllowedRoots } from '../github/workspace-paths.js';
import { registerSecret } from '../github/secrets.js';
import { checkOptionsOf, type OptionReader } from '../options/check-options.js';
import { CHECK_OPTIONS, type CheckInputName, type OptionSpec } from '../options/table.js';
import { oneOf, splitAssignment } from '../options/values.js';

export interface BaselineArtifact {
  name: string;
  /** Undefined: this workflow run. A number: that run. `latest`: the newest successful run of `workflow` on `branch`. */
  runId?: number | 'latest';
  workflow?: string;
  branch?: string;
}

/** Sides profiled inside a SQL engine instead of read from files. */
export interface EngineSides {
  engine: SqlEngine;
  /** Registered as a secret before anything connects; absent for an in-memory DuckDB. */
  connection?: string;
  sides: Partial<Record<Side, SqlSource>>;
}

export interface CheckActionSettings {
  check: CheckSettings;
  baselineArtifact?: BaselineArtifact;
  engine?: EngineSides;
  githubToken: string;
  failOnDrift: boolean;
  /** Absolute; inside the workspace or RUNNER_TEMP. */
  reportDir: string;
  /** Artifact name for the reports; empty: no upload. */
  uploadReport: string;
  summary: boolean;
  pushgatewayUrl?: string;
  metricsJob: string;
  metricsLabels: Record<string, string>;
}

const lines = (name: CheckInputName) =>
  core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter((line) => line !== '');
const text = (name: CheckInputName) => core.getInput(name).trim();

/** The inputs as the options the action shares with the CLI; an option without an input reads as not given. */
const inputReader: OptionReader = {
  text: (option) => (option.input ? text(option.input.name as CheckInputName) : ''),
  list: (option) => (option.input ? lines(option.input.name as CheckInputName) : []),
  switch: (option) => switchInput(option),
  nameOf: (option) => option.input?.name ?? `--${option.flag}`,
};

export function getInputs(): CheckActionSettings {
  const githubToken = core.getInput('github-token');
  registerSecret(githubToken);
  // The artifact service's token, which the runner gives every step.
  registerSecret(process.env.ACTIONS_RUNTIME_TOKEN ?? '');

  const engine = engineSides();

  const roots: AllowedRoots = {
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: process.env.RUNNER_TEMP || undefined,
  };
  const baseline = lines('baseline');
  const current = lines('current');
  const artifactName = text('baseline-artifact');
  const fromEngine = engine?.sides ?? {};
  if (current.length > 0 && fromEngine.current)
    throw new InputError(
      'set either "current" (a path in the workspace) or current-table / current-query (profiled in the engine), not both',
    );
  if (current.length === 0 && !fromEngine.current)
    throw new InputError(
      'input "current" is required: the path (or glob) of the fresh data (or current-table / current-query with engine)',
    );
  if (artifactName && baseline.length > 0) {
    throw new InputError('set either "baseline" (a path in the workspace) or "baseline-artifact" (an artifact to download), not both');
  }
  if (fromEngine.baseline && (artifactName || baseline.length > 0)) {
    throw new InputError(
      `set either baseline-table / baseline-query (profiled in the engine) or "${artifactName ? 'baseline-artifact' : 'baseline'}", not both`,
    );
  }
  if (!artifactName && baseline.length === 0 && !fromEngine.baseline) {
    throw new InputError(
      'input "baseline" is required (or "baseline-artifact" to fetch the baseline from a workflow artifact, or baseline-table / baseline-query with engine)',
    );
  }
  for (const path of baseline) resolveInside('baseline', path, roots);
  for (const path of current) resolveInside('current', path, roots);
  const reportDir = resolveInside('report-dir', text('report-dir') || CHECK_OPTIONS.reportDir.input.default, roots);

  return {
    check: { baseline, current, cwd: roots.workspace, globRoots: allowedRoots(roots), ...checkOptionsOf(inputReader) },
    baselineArtifact: artifactName ? baselineArtifact(artifactName) : undefined,
    engine,
    githubToken,
    failOnDrift: switchInput(CHECK_OPTIONS.failOnDrift),
    reportDir,
    uploadReport: text('upload-report'),
    summary: switchInput(CHECK_OPTIONS.summary),
    pushgatewayUrl: pushgatewayUrl(),
    metricsJob: text('metrics-job') || CHECK_OPTIONS.metricsJob.input.default,
    metricsLabels: Object.fromEntries(lines('metrics-labels').map((entry) => splitAssignment('metrics-labels', entry))),
  };
}

/**
 * A switch input; empty (a runner that passes no default) is the table's default. Not core.getBooleanInput,
 * whose TypeError the step would report as a crash instead of bad input.
 */
function switchInput(option: OptionSpec): boolean {
  if (!option.input) return false;
  const value = text(option.input.name as CheckInputName);
  return value === '' ? option.input.default === 'true' : parseBoolean(option.input.name, value);
}

/**
 * The engine inputs. The connection (a URL with a password, usually) is registered as a secret first, so
 * nothing printed later, by driftgate or quoted by the engine, can show it.
 */
function engineSides(): EngineSides | undefined {
  const connection = text('connection');
  for (const secret of connection ? secretsOf(connection) : []) registerSecret(secret);
  const sides: EngineSides['sides'] = {
    baseline: sqlSource(['baseline-table', text('baseline-table')], ['baseline-query', text('baseline-query')]),
    current: sqlSource(['current-table', text('current-table')], ['current-query', text('current-query')]),
  };
  const name = text('engine');
  if (!name) {
    if (connection || sides.baseline || sides.current)
      throw new InputError('connection and the *-table / *-query inputs need the engine input (postgres, clickhouse or duckdb)');
    return undefined;
  }
  const engine = oneOf(name, 'engine', SQL_ENGINES);
  if (!sides.baseline && !sides.current)
    throw new InputError(
      `engine ${engine} needs baseline-table or baseline-query (or current-table or current-query): what to profile inside it`,
    );
  if (!connection && engine !== 'duckdb')
    throw new InputError(`engine ${engine} needs the connection input, its URL (pass it from a secret)`);
  return { engine, connection: connection || undefined, sides };
}

function sqlSource([tableInput, table]: [CheckInputName, string], [queryInput, query]: [CheckInputName, string]): SqlSource | undefined {
  if (table && query) throw new InputError(`set either ${tableInput} or ${queryInput}, not both`);
  return table ? { table } : query ? { query } : undefined;
}

/** The URL's password is a secret like the token: a Pushgateway's error may quote the Basic credential made of it. */
function pushgatewayUrl(): string | undefined {
  const value = text('pushgateway-url');
  if (!URL.canParse(value)) return value || undefined;
  const { username, password } = new URL(value);
  if (password) {
    registerSecret(decodeURIComponent(password));
    registerSecret(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`);
  }
  return value;
}

/** The spellings the runner's own boolean inputs accept (YAML 1.2 core schema). */
function parseBoolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`${name} must be true or false, not ${JSON.stringify(value)}`);
}

function baselineArtifact(name: string): BaselineArtifact {
  const runText = text('baseline-run-id');
  const workflow = text('baseline-workflow') || undefined;
  const branch = text('baseline-branch') || undefined;
  if (runText === '') return { name };
  if (runText === 'latest') {
    if (!workflow)
      throw new InputError(
        'baseline-run-id "latest" needs baseline-workflow: the workflow file (e.g. train.yml) whose newest successful run holds the artifact',
      );
    return { name, runId: 'latest', workflow, branch };
  }
  if (!/^\d+$/.test(runText))
    throw new InputError(`baseline-run-id must be a workflow run id (digits) or "latest", not ${JSON.stringify(runText)}`);
  return { name, runId: Number(runText) };
}
