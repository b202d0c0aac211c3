#!/usr/bin/env node
// `npm run pipeline [-- node|sklearn]`: plays driftgate's retrain pipeline on this machine, job by job as
// .github/workflows/drift-retrain.yml runs them on GitHub, with the committed bundles (dist/) and the
// composite actions of actions/, against the loopback GitHub server of the tests:
//
//   1. a first version: train on examples/data/baseline.csv, publish, merge the pull request;
//   2. a weekly run on stable data (current-stable.csv): no drift, nothing retrained or published;
//   3. a weekly run on drifted data (current.csv): check against the registry's current baseline, drift,
//      retrain (scoring the deployed model on the same holdout), publish — a pull request whose model card
//      opens with the deployed and the new model's metrics on the same data — and merge;
//   4. the rollout: the Kubernetes manifest now names the new version (kubectl is not run here).
//
// The GitHub-hosted steps (actions/checkout, setup-*, the artifact up- and downloads) are played by plain
// file operations; everything driftgate ships runs for real. The test __tests__/e2e/pipeline.test.ts
// plays the same steps through the exported functions.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The driftgate checkout whose actions and bundles run: this one with its committed dist/, or the build of
// the current sources the tests make (see __tests__/global-setup.ts).
const ACTION_ROOT = process.env.DRIFTGATE_ACTION_ROOT || REPO_ROOT;
export const MODEL_NAME = 'churn';
export const REGISTRY_DIR = 'models';
export const MANIFEST = 'examples/k8s/churn-scorer.yaml';

/** The two example projects, as a caller of drift-retrain.yml would configure them. */
export const EXAMPLES = {
  node: { directory: 'examples/node', model: 'model.json', train: (data) => `node train.mjs --data ${data}` },
  sklearn: { directory: 'examples/sklearn', model: 'model.joblib', train: (data) => `python3 train.py --data ${data}` },
};

/**
 * What the caller's repository holds at first: the example data, the example project, the manifest. The
 * training outputs are left out so that only what the pipeline produces gets published.
 */
export function repositoryFiles(example) {
  const files = { 'README.md': '# churn model\n' };
  const add = (directory, keep) => {
    for (const name of readdirSync(join(REPO_ROOT, directory))) {
      const path = `${directory}/${name}`;
      if (statSync(join(REPO_ROOT, path)).isFile() && keep(name)) files[path] = readFileSync(join(REPO_ROOT, path));
    }
  };
  add('examples/data', (name) => name.endsWith('.csv'));
  add(EXAMPLES[example].directory, (name) => !['model.json', 'model.joblib', 'metrics.json'].includes(name));
  files[MANIFEST] = readFileSync(join(REPO_ROOT, MANIFEST));
  return files;
}

function git(args, options = {}) {
  const result = spawnSync('git', args, {
    encoding: options.encoding ?? 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      PATH: process.env.PATH,
      HOME: tmpdir(),
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** actions/checkout: a clone of the server's repository at its default branch. */
export function checkout(server, directory) {
  git(['clone', '--quiet', '--branch', server.state.defaultBranch, server.state.repoPath, directory]);
  return directory;
}

/**
 * Someone merges the pull request: its changes land on the base branch as one commit (a squash merge) and
 * the pull request is closed, so the next publish opens a new one.
 */
export async function mergePullRequest(server, number) {
  const pull = server.state.pulls.find((candidate) => candidate.number === number);
  if (!pull || pull.state !== 'open') throw new Error(`pull request #${number} is not open`);
  const repository = ['--git-dir', server.state.repoPath];
  const changes = git([...repository, 'diff', '--no-renames', '--name-status', '-z', pull.baseSha, pull.headSha])
    .split('\0')
    .filter(Boolean);
  const files = {};
  for (let index = 0; index < changes.length; index += 2) {
    const [status, path] = [changes[index], changes[index + 1]];
    files[path] = status === 'D' ? null : git([...repository, 'show', `${pull.headSha}:${path}`], { encoding: 'buffer' });
  }
  await server.state.pushCommit(pull.baseRef, files, `${pull.title} (#${number})`);
  pull.state = 'closed';
  pull.closedAt = new Date().toISOString();
}

/** The runner's GITHUB_OUTPUT format: `name=value`, or `name<<DELIMITER`, the value's lines, `DELIMITER`. */
function parseOutputs(text) {
  const outputs = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[index]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], index + 1);
      outputs[heredoc[1]] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (lines[index].includes('=')) {
      const equals = lines[index].indexOf('=');
      outputs[lines[index].slice(0, equals)] = lines[index].slice(equals + 1);
    }
  }
  return outputs;
}

/** A hosted runner's PATH here: this Node first, then the system's tools (and Debian's python3). */
export function runnerPath() {
  return [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter);
}

function runScript(script, cwd, env) {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/**
 * Runs a composite action of this repository the way the runner does: inputs over the declared defaults,
 * each `run:` step under `bash -eo pipefail` with its `env:` and working directory, outputs through
 * GITHUB_OUTPUT. A `uses:` step is a GitHub-hosted action (set-up, artifact upload): it is not run, and is
 * returned with its `with:` evaluated so the caller can play its part. Only the expressions our composite
 * actions use are understood; any other fails loudly rather than passing through as text.
 */
export async function runComposite(actionDir, given, { workspace, runnerTemp, env = {} }) {
  const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'));
  const undeclared = Object.keys(given).filter((name) => !(name in (action.inputs ?? {})));
  if (undeclared.length > 0) throw new Error(`inputs not declared in ${actionDir}/action.yml: ${undeclared.join(', ')}`);
  const inputs = Object.fromEntries(
    Object.entries(action.inputs ?? {}).map(([name, input]) => [name, String(given[name] ?? input.default ?? '')]),
  );
  const steps = {};
  const context = { 'github.action_path': actionDir, 'github.workspace': workspace, 'runner.temp': runnerTemp };
  const value = (expression) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return inputs[input[1]];
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return steps[output[1]]?.[output[2]] ?? '';
    if (expression in context) return context[expression];
    throw new Error(`runComposite cannot evaluate \${{ ${expression} }}`);
  };
  const evaluate = (text) => String(text).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression) => value(expression));
  const condition = (text) => {
    const match = /^inputs\.([\w-]+) (==|!=) ''$/.exec(text);
    if (!match) throw new Error(`runComposite cannot evaluate the condition ${text}`);
    return (inputs[match[1]] === '') === (match[2] === '==');
  };

  const skipped = [];
  const log = [];
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.if !== undefined && !condition(step.if)) continue;
    if (step.uses) {
      skipped.push({
        name: step.name,
        uses: step.uses,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([key, text]) => [key, evaluate(text)])),
      });
      continue;
    }
    const outputFile = join(runnerTemp, `composite-output-${index}`);
    writeFileSync(outputFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, text]) => [key, evaluate(text)]));
    const cwd = resolve(workspace, evaluate(step['working-directory'] ?? '.'));
    const run = await runScript(step.run, cwd, {
      ...env,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_OUTPUT: outputFile,
      ...stepEnv,
    });
    log.push({ name: step.name, output: run.output });
    if (run.code !== 0)
      throw new Error(`step "${step.name}" of ${relative(ACTION_ROOT, actionDir)} failed (exit ${run.code}):\n${run.output}`);
    if (step.id) steps[step.id] = parseOutputs(readFileSync(outputFile, 'utf8'));
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, output]) => [name, evaluate(output.value)]));
  return { outputs, skipped, log };
}

/** The registry's current version in a checkout, through the same bundle the workflow's check job runs. */
function currentVersion(workspace, runnerTemp) {
  const outputFile = join(runnerTemp, 'registry-output');
  writeFileSync(outputFile, '');
  const result = spawnSync(
    process.execPath,
    [join(ACTION_ROOT, 'dist/rollout/index.js'), 'current', '--model', MODEL_NAME, '--registry-dir', REGISTRY_DIR],
    {
      cwd: workspace,
      env: { PATH: runnerPath(), GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`driftgate-rollout current failed: ${result.stderr}`);
  return parseOutputs(readFileSync(outputFile, 'utf8'));
}

/**
 * One run of drift-retrain.yml: the check job (registry's current baseline, or none yet), the retrain job
 * (the retrain composite action), the publish job (the publish action). `fresh` names the data file of
 * examples/data/ the run gets; `force` retrains without a check, as the workflow's force-retrain input does.
 */
export async function weeklyRun({ server, runAction, example, fresh, force = false, scratch, log = () => {} }) {
  const project = EXAMPLES[example];
  const current = `examples/data/${fresh}.csv`;
  const job = (name) => {
    const root = mkdtempSync(join(scratch, `${name}-`));
    const temp = join(root, 'temp');
    mkdirSync(temp);
    return { root, temp };
  };

  // The check job.
  const check = job('check');
  const workspace = checkout(server, join(check.root, 'workspace'));
  const registry = currentVersion(workspace, check.temp);
  let report;
  let verdict = { 'drift-detected': 'false', status: 'no-baseline' };
  if (registry.version) {
    log(`check: comparing ${current} with the baseline of ${MODEL_NAME} ${registry.version} (${registry.baseline})`);
    const run = await runAction({
      actionDir: ACTION_ROOT,
      workspace,
      runnerTemp: check.temp,
      with: { baseline: registry.baseline, current },
    });
    if (run.exitCode !== 0) throw new Error(`the check action failed:\n${run.stdout}\n${run.stderr}`);
    verdict = run.outputs;
    report = run.outputs.report;
    log(`check: ${JSON.parse(readFileSync(report, 'utf8')).dataset.summary}`);
  } else if (!force) {
    throw new Error(`${MODEL_NAME} has no current version yet: the first run needs force`);
  }
  const retrain = verdict['drift-detected'] === 'true' || force;
  if (!retrain) {
    log('decide: no drift, nothing to retrain');
    return { status: verdict.status, driftDetected: false, retrained: false };
  }

  // The retrain job: a fresh checkout, the registry's current version handed to the training command (to
  // score the deployed model on the same holdout), the retrain composite action.
  const training = job('retrain');
  const trainingWorkspace = checkout(server, join(training.root, 'workspace'));
  const deployed = currentVersion(trainingWorkspace, training.temp);
  const dataFromProject = relative(project.directory, current);
  log(
    `retrain: ${project.train(dataFromProject)} (in ${project.directory}${deployed.version ? `, deployed model in ${deployed.folder}/model` : ''})`,
  );
  const trained = await runComposite(
    join(ACTION_ROOT, 'actions/retrain'),
    {
      'train-command': project.train(dataFromProject),
      'working-directory': project.directory,
      'model-files': project.model,
      'deployed-model-dir': deployed.folder ? `${deployed.folder}/model` : '',
      'deployed-version': deployed.version,
      'artifact-name': `${MODEL_NAME}-model`,
    },
    { workspace: trainingWorkspace, runnerTemp: training.temp, env: { PATH: runnerPath(), HOME: training.root } },
  );
  const upload = trained.skipped.find((step) => step.uses.startsWith('actions/upload-artifact@'));
  log(
    `retrain: ${trained.log
      .find((step) => step.name === 'Train')
      .output.trim()
      .split('\n')
      .join('\n         ')}`,
  );

  // The publish job: the artifacts downloaded under RUNNER_TEMP, the fresh data unpacked in the workspace.
  const publishing = job('publish');
  const publishWorkspace = join(publishing.root, 'workspace');
  mkdirSync(join(publishWorkspace, 'examples/data'), { recursive: true });
  cpSync(join(workspace, current), join(publishWorkspace, current));
  cpSync(upload.with.path, join(publishing.temp, 'driftgate-model'), { recursive: true });
  const inputs = {
    'model-files': join(publishing.temp, 'driftgate-model/model'),
    'model-name': MODEL_NAME,
    'registry-dir': REGISTRY_DIR,
    metrics: join(publishing.temp, 'driftgate-model/metrics.json'),
    baseline: current,
  };
  if (report) {
    mkdirSync(join(publishing.temp, 'driftgate-report'));
    cpSync(report, join(publishing.temp, 'driftgate-report/drift-report.json'));
    inputs['drift-report'] = join(publishing.temp, 'driftgate-report/drift-report.json');
  }
  const published = await runAction({
    actionDir: join(ACTION_ROOT, 'publish'),
    workspace: publishWorkspace,
    runnerTemp: publishing.temp,
    githubToken: server.token,
    with: inputs,
    env: server.env,
  });
  if (published.exitCode !== 0) throw new Error(`the publish action failed:\n${published.stdout}\n${published.stderr}`);
  const { version, 'pull-request-number': number, 'pull-request-url': url, 'pull-request-operation': operation } = published.outputs;
  log(`publish: ${MODEL_NAME} ${version}, pull request #${number} ${operation} (${url})`);
  return {
    status: verdict.status,
    driftDetected: verdict['drift-detected'] === 'true',
    retrained: true,
    version,
    pullRequest: number ? Number(number) : undefined,
    metrics: JSON.parse(readFileSync(trained.outputs.metrics, 'utf8')),
  };
}

/** The rollout workflow's manifest update (the rollout composite action without a kubeconfig). */
export async function rolloutRun({ server, scratch, log = () => {} }) {
  const root = mkdtempSync(join(scratch, 'rollout-'));
  const temp = join(root, 'temp');
  mkdirSync(temp);
  const workspace = checkout(server, join(root, 'workspace'));
  const rolled = await runComposite(
    join(ACTION_ROOT, 'actions/rollout'),
    {
      model: MODEL_NAME,
      'registry-dir': REGISTRY_DIR,
      manifest: MANIFEST,
      container: 'scorer',
      'version-label': 'driftgate.dev/model-version',
      'version-env': 'MODEL_VERSION',
      'model-uri-env': 'MODEL_URI',
      'model-uri': 's3://acme-models/{model}/{version}/model',
    },
    { workspace, runnerTemp: temp, env: { PATH: runnerPath(), HOME: root } },
  );
  log(`rollout: ${rolled.log[0].output.trim().split('\n').join('\n         ')}`);
  return { ...rolled.outputs, manifest: readFileSync(join(workspace, MANIFEST), 'utf8') };
}

/** Loads a TypeScript module of the tests (self-contained but for packages) as JavaScript, for the CLI. */
async function importTypeScript(path, cache) {
  const { default: ts } = await import('typescript');
  const output = join(cache, path.replace(/[\\/]/g, '_').replace(/\.ts$/, '.mjs'));
  const source = readFileSync(join(REPO_ROOT, path), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
  writeFileSync(output, outputText);
  return import(pathToFileURL(output).href);
}

async function main(example) {
  if (!(example in EXAMPLES)) throw new Error(`unknown example ${JSON.stringify(example)}: use node or sklearn`);
  if (example === 'sklearn' && spawnSync('python3', ['-c', 'import sklearn'], { env: { PATH: runnerPath() } }).status !== 0) {
    throw new Error("python3 here has no scikit-learn: install Debian's python3-sklearn (apt-get install python3-sklearn)");
  }
  // Inside node_modules, so that the modules' own imports (yaml) resolve from the project.
  const cache = join(REPO_ROOT, 'node_modules/.cache/driftgate-pipeline');
  mkdirSync(cache, { recursive: true });
  const { startGitHubServer } = await importTypeScript('__tests__/servers/github-git-server.ts', cache);
  const { runAction } = await importTypeScript('__tests__/helpers/runner.ts', cache);
  const server = await startGitHubServer({ owner: 'acme', repo: 'churn-model', files: repositoryFiles(example) });
  const scratch = mkdtempSync(join(tmpdir(), 'driftgate-pipeline-'));
  const log = (line) => process.stdout.write(`  ${line}\n`);
  const section = (title) => process.stdout.write(`\n${title}\n`);
  try {
    section(`1. A first version of ${MODEL_NAME} (${example} example), trained on baseline.csv`);
    const first = await weeklyRun({ server, runAction, example, fresh: 'baseline', force: true, scratch, log });
    await mergePullRequest(server, first.pullRequest);
    log(`merged pull request #${first.pullRequest}: ${first.version} is current`);

    section('2. Monday: fresh data like the training data (current-stable.csv)');
    await weeklyRun({ server, runAction, example, fresh: 'current-stable', scratch, log });
    log(`pull requests opened: ${server.state.pulls.length - 1}`);

    section('3. Next Monday: fresh data that drifted (current.csv)');
    const drifted = await weeklyRun({ server, runAction, example, fresh: 'current', scratch, log });
    const pull = server.state.pulls.find((candidate) => candidate.number === drifted.pullRequest);
    section(`   Pull request #${pull.number}: ${pull.title}`);
    process.stdout.write(`${pull.body.replace(/^/gm, '   | ')}\n`);
    await mergePullRequest(server, drifted.pullRequest);
    log(`merged pull request #${drifted.pullRequest}: ${drifted.version} is current`);

    section('4. The merge triggers the rollout (the manifest update; kubectl apply and rollout status need a cluster)');
    await rolloutRun({ server, scratch, log });
  } finally {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2] ?? 'node').catch((error) => {
    process.stderr.write(`pipeline: ${error.message}\n`);
    process.exitCode = 1;
  });
}
