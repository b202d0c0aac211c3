/**
 * Runs a committed JavaScript action the way the GitHub runner does, so tests exercise the same contract
 * users get: the action's own `action.yml` decides the defaults and the entry point, inputs arrive as
 * `INPUT_<NAME>` variables, results leave through the file commands and the workflow commands on stdout.
 *
 * Unlike the runner, it refuses a `with:` key the action does not declare (the runner only warns): in a
 * test that is always a typo. Like the runner, it does not enforce `required: true`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { runNode } from './processes.js';

export interface ActionDefinition {
  name?: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; pre?: string; post?: string };
}

export interface WorkflowCommand {
  /** `error`, `warning`, `notice`, `group`, `endgroup`, `add-mask`, `debug`, ... */
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface RunActionOptions {
  /** The directory holding the action's `action.yml`. */
  actionDir: string;
  /** The step's `with:`, merged over the declared defaults. */
  with?: Record<string, string>;
  /** Checked-out repository; the action runs with it as GITHUB_WORKSPACE and cwd. */
  workspace: string;
  /** What `${{ github.token }}` evaluates to. */
  githubToken?: string;
  /** RUNNER_TEMP; by default a fresh directory removed after the run. Give one to look inside it afterwards. */
  runnerTemp?: string;
  /** Added over the runner's variables: endpoints of a test server, the runtime token, other context. */
  env?: Record<string, string>;
  /** The webhook payload at GITHUB_EVENT_PATH. */
  event?: object;
  timeoutMs?: number;
}

export interface ActionRun {
  /** Null when the process was killed (by the timeout or a signal). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT, parsed: what `steps.<id>.outputs.<name>` would hold. */
  outputs: Record<string, string>;
  /** GITHUB_ENV, parsed: the variables later steps would see. */
  exportedEnv: Record<string, string>;
  /** GITHUB_STATE, parsed: what a post step would get as STATE_<name>. */
  state: Record<string, string>;
  /** GITHUB_PATH lines: directories prepended to PATH for later steps. */
  addedPaths: string[];
  /** GITHUB_STEP_SUMMARY as written (the runner drops it whole above 1 MiB; tests check the size themselves). */
  summary: string;
  /** Workflow commands found in stdout, in order, with properties and message unescaped. */
  commands: WorkflowCommand[];
  /** The variables the action ran with (INPUT_* included). */
  env: Record<string, string>;
}

export function readActionDefinition(actionDir: string): ActionDefinition {
  const file = ['action.yml', 'action.yaml'].map((name) => join(actionDir, name)).find((path) => existsSync(path));
  if (!file) throw new Error(`no action.yml or action.yaml in ${actionDir}`);
  const parsed = parse(readFileSync(file, 'utf8')) as Partial<ActionDefinition>;
  if (!parsed.runs?.main) throw new Error(`${file} has no runs.main`);
  return { ...parsed, inputs: parsed.inputs ?? {}, outputs: parsed.outputs ?? {}, runs: parsed.runs };
}

/** The variable name the runner gives an input: upper-cased, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const action = readActionDefinition(options.actionDir);
  if (!/^node\d+$/.test(action.runs.using)) throw new Error(`only JavaScript actions are supported, not runs.using ${action.runs.using}`);
  // A pre or post script would need its own run with the state; none of ours has one, so say so rather than skip it.
  if (action.runs.pre || action.runs.post) throw new Error('actions with runs.pre or runs.post are not supported by this helper');

  const root = mkdtempSync(join(tmpdir(), 'driftgate-runner-'));
  try {
    const runnerTemp = options.runnerTemp ?? join(root, '_temp');
    const commandsDir = join(root, '_runner_file_commands');
    const home = join(root, 'home');
    for (const directory of [runnerTemp, commandsDir, home, join(root, '_tool')]) mkdirSync(directory, { recursive: true });
    const fileCommand = (name: string) => {
      const path = join(commandsDir, name);
      writeFileSync(path, '');
      return path;
    };
    const files = {
      output: fileCommand('set_output'),
      env: fileCommand('set_env'),
      state: fileCommand('save_state'),
      path: fileCommand('add_path'),
      summary: fileCommand('step_summary'),
    };
    const eventPath = join(root, 'event.json');
    writeFileSync(eventPath, JSON.stringify(options.event ?? {}));

    const context = { token: options.githubToken ?? '', workspace: options.workspace, runnerTemp };
    const env: Record<string, string> = {
      ...runnerEnvironment({ home, runnerTemp, toolCache: join(root, '_tool'), workspace: options.workspace, eventPath }),
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_STATE: files.state,
      GITHUB_PATH: files.path,
      GITHUB_STEP_SUMMARY: files.summary,
      ...options.env,
      ...inputVariables(action, options.with ?? {}, context),
    };
    env.GITHUB_REPOSITORY_OWNER = env.GITHUB_REPOSITORY.split('/')[0];

    // Asynchronous on purpose: a test's loopback server lives in this process and must keep answering.
    const child = await runNode(join(options.actionDir, action.runs.main), [], {
      cwd: options.workspace,
      env,
      timeoutMs: options.timeoutMs ?? 60_000,
    });
    const read = (path: string) => readFileSync(path, 'utf8');
    return {
      exitCode: child.status,
      stdout: child.stdout,
      stderr: child.stderr,
      outputs: parseFileCommand(read(files.output), 'GITHUB_OUTPUT'),
      exportedEnv: parseFileCommand(read(files.env), 'GITHUB_ENV'),
      state: parseFileCommand(read(files.state), 'GITHUB_STATE'),
      addedPaths: read(files.path).split(/\r?\n/).filter(Boolean),
      summary: read(files.summary),
      commands: parseWorkflowCommands(child.stdout),
      env,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The context a hosted runner gives every step; tests override what they need through `env`. */
function runnerEnvironment(paths: {
  home: string;
  runnerTemp: string;
  toolCache: string;
  workspace: string;
  eventPath: string;
}): Record<string, string> {
  return {
    PATH: [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter),
    HOME: paths.home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: paths.runnerTemp,
    RUNNER_TOOL_CACHE: paths.toolCache,
    GITHUB_WORKSPACE: paths.workspace,
    GITHUB_EVENT_PATH: paths.eventPath,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_ID: '1',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'check',
    GITHUB_ACTION: '__run',
    GITHUB_WORKFLOW: 'drift',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/drift.yml@refs/heads/main',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_HEAD_REF: '',
    GITHUB_BASE_REF: '',
    GITHUB_ACTOR: 'octocat',
    GITHUB_ACTOR_ID: '1',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RETENTION_DAYS: '90',
  };
}

function inputVariables(
  action: ActionDefinition,
  given: Record<string, string>,
  context: { token: string; workspace: string; runnerTemp: string },
): Record<string, string> {
  const undeclared = Object.keys(given).filter((name) => !(name in action.inputs));
  if (undeclared.length > 0) throw new Error(`inputs not declared in action.yml: ${undeclared.join(', ')}`);
  const variables: Record<string, string> = {};
  for (const [name, declaration] of Object.entries(action.inputs)) {
    const value =
      name in given
        ? given[name]
        : declaration?.default === undefined || declaration.default === null
          ? undefined
          : evaluate(String(declaration.default), context);
    if (value !== undefined) variables[inputVariable(name)] = value;
  }
  return variables;
}

/** The few expressions an action's defaults use; anything else fails loudly instead of passing through as text. */
function evaluate(text: string, context: { token: string; workspace: string; runnerTemp: string }): string {
  const values: Record<string, string> = {
    'github.token': context.token,
    'github.workspace': context.workspace,
    'runner.temp': context.runnerTemp,
  };
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_expression, name: string) => {
    if (!(name in values)) throw new Error(`this helper cannot evaluate the default expression \${{ ${name} }}`);
    return values[name];
  });
}

/**
 * The runner's reading of GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE: `name=value` lines, or `name<<DELIM`,
 * the value's lines, then `DELIM` alone on a line. Whichever of `=` and `<<` comes first decides the form.
 */
export function parseFileCommand(text: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === '') throw new Error(`${file} line ${index + 1}: a value without a name`);
      values[name] = line.slice(equals + 1);
    } else if (heredoc > 0) {
      const name = line.slice(0, heredoc);
      const end = line.slice(heredoc + 2);
      const close = lines.indexOf(end, index + 1);
      if (end === '' || close < 0) throw new Error(`${file} line ${index + 1}: the delimiter ${JSON.stringify(end)} is never closed`);
      values[name] = lines.slice(index + 1, close).join('\n');
      index = close;
    } else {
      throw new Error(`${file} line ${index + 1}: neither name=value nor name<<DELIMITER: ${JSON.stringify(line)}`);
    }
  }
  return values;
}

const PROPERTY_ESCAPES: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };
const MESSAGE_ESCAPES: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n' };

/** One pass, so an escaped `%` (`%25`) followed by `0A` stays the text `%0A`. */
function unescapeCommandData(text: string, escapes: Record<string, string>): string {
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (escape) => escapes[escape] ?? escape);
}

/** `::command key=value,key=value::message` lines, as the runner recognizes them in the step's stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      properties[pair.slice(0, equals)] = unescapeCommandData(pair.slice(equals + 1), PROPERTY_ESCAPES);
    }
    commands.push({ command: match[1], properties, message: unescapeCommandData(match[3], MESSAGE_ESCAPES) });
  }
  return commands;
}
