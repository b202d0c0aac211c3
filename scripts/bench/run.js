#!/usr/bin/env node
// `npm run bench`: times `driftgate check` against the pandas + SciPy script a team would write instead,
// as whole processes on the same files, alternating the two so that both see the same machine load.
// Wall time is measured here; peak memory is the kernel's maximum resident set size from GNU time.
//
// Then `driftgate profile` of each baseline: time, peak memory, the profile's size, and a check against it;
// at --engine-rows, also `driftgate profile --engine` of the same rows loaded into PostgreSQL and a
// two-shard ClickHouse cluster (engines.js), which the benchmark starts and stops itself.
//
// polars and DuckDB doing only the reading, sorting and counting (peers.js) are timed alongside, as the
// lower bound a dataframe engine gives; the machine's load average is printed with the results, since
// shared runners make every number a function of it.
//
// Options: --runs N (timed runs of each, default 5), --rows 100000,500000,... (CSV sizes, default
// 100000,500000,1000000,2000000; add 10000000 for the largest, which takes minutes to generate and about
// 3 GB of memory for the peers), --parquet-rows N (default 500000; 0 skips Parquet), --multivariate-rows N
// (default 100000; 0 skips the multivariate methods), --no-peers (skip
// polars and DuckDB), --engine-rows N (default 1000000; 10000000 is the issue's must-show size, about 4
// minutes of loading; 0 skips the engines), --no-checks (skip the check timings before the profiles),
// --json FILE (also write the raw measurements).
//
// The 10M-row engine figures in docs/benchmark.md come from
//   node scripts/bench/run.js --runs 1 --rows 10000000 --no-checks --multivariate-rows 0 --engine-rows 10000000 --no-peers
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { missingEngines, startEngines } from './engines.js';
import { ensureData } from './generate.js';
import { ensurePeers, PEER_SCRIPT } from './peers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli/index.js');
const PANDAS_SCRIPT = join(ROOT, 'scripts/bench/pandas_check.py');
// Debian's interpreter: the one with python3-pandas and python3-scipy, whatever python3 is first on PATH.
const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    rows: { type: 'string', default: '100000,500000,1000000,2000000' },
    'parquet-rows': { type: 'string', default: '500000' },
    'multivariate-rows': { type: 'string', default: '100000' },
    json: { type: 'string' },
    'no-peers': { type: 'boolean', default: false },
    'engine-rows': { type: 'string', default: '1000000' },
    'no-checks': { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const sizes = args.rows.split(',').map(Number);
const parquetRows = Number(args['parquet-rows']);
const multivariateRows = Number(args['multivariate-rows']);
const engineRows = Number(args['engine-rows']);
const scratch = mkdtempSync(join(tmpdir(), 'driftgate-bench-'));
// Also when fail() ends the run early.
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
// A copy of the bundle, so that rebuilding dist/ while the benchmark runs cannot change what it times.
const bundle = join(scratch, 'cli');

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

if (!existsSync(CLI)) fail(`${CLI} is missing; run npm run bundle first`);
mkdirSync(bundle);
for (const name of ['index.js', 'package.json']) copyFileSync(join(dirname(CLI), name), join(bundle, name));
const missing = engineRows > 0 ? missingEngines() : undefined;
if (missing) fail(`the engine profiles need ${missing}`);
if (!existsSync(TIME)) fail(`${TIME} (GNU time) is needed for peak memory; apt-get install time`);
const pandasProbe = spawnSync(PYTHON, ['-c', 'import pandas, scipy; print(pandas.__version__, scipy.__version__)'], { encoding: 'utf8' });
const pandasVersions = pandasProbe.status === 0 ? pandasProbe.stdout.trim().split(' ') : undefined;
if (!pandasVersions) console.log('pandas + SciPy not found (apt-get install python3-pandas python3-scipy): timing driftgate alone\n');
const peers = args['no-peers'] ? [] : ensurePeers((line) => console.log(`bench: ${line}`));
const loadAtStart = loadavg();

/**
 * Runs a command under GNU time, with `env` added to the environment; returns wall seconds, CPU seconds
 * (user + system), peak RSS in MB and stdout.
 */
function measure(command, commandArgs, cwd, env = {}) {
  const timeFile = join(scratch, 'time.txt');
  const outFile = join(scratch, 'stdout.txt');
  const out = openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const child = spawnSync(TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...commandArgs], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', out, 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(out);
  // driftgate exits 1 when it finds dataset drift: that is a result, not a failure.
  if (child.status !== 0 && child.status !== 1) fail(`${command} ${commandArgs.join(' ')} failed (${child.status}):\n${child.stderr}`);
  const [user, system, kilobytes] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpuSeconds: user + system, megabytes: kilobytes / 1024, stdout: readFileSync(outFile, 'utf8'), stderr: child.stderr };
}

/** A run counts only when it printed a whole report: exit status 1 is also what a crash gives. */
function checked(run, what) {
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    // Nothing to parse: the report is missing.
  }
  if (typeof report !== 'object' || report === null || Object.keys(report).length === 0) {
    fail(`${what} printed no report:\n${run.stderr}${run.stdout.slice(0, 500)}`);
  }
  return run;
}

function driftgate(directory, extension, baseline = `baseline.${extension}`, extra = []) {
  return checked(
    measure(
      process.execPath,
      [
        join(bundle, 'index.js'),
        'check',
        ...extra,
        '--baseline',
        baseline,
        '--current',
        `current.${extension}`,
        '--numerical-method',
        'ks',
        '--categorical-method',
        'chi2',
        '--format',
        'json',
      ],
      directory,
    ),
    `driftgate on ${directory}/*.${extension}`,
  );
}

function pandas(directory) {
  return checked(measure(PYTHON, [PANDAS_SCRIPT, 'baseline.csv', 'current.csv', 'kinds.json'], directory), `pandas on ${directory}`);
}

function peer(tool, directory, extension) {
  return checked(measure(process.execPath, [PEER_SCRIPT, tool, directory, extension], directory), `${tool} on ${directory}/*.${extension}`);
}

/** Each peer's timed runs of one size and format, one run of each after one of driftgate's. */
function timePeers(directory, extension, ours) {
  const timed = Object.fromEntries(peers.map((tool) => [tool, []]));
  for (const tool of peers) peer(tool, directory, extension);
  for (let run = 0; run < runs; run++) {
    ours.push(driftgate(directory, extension));
    for (const tool of peers) timed[tool].push(peer(tool, directory, extension));
  }
  return Object.fromEntries(Object.entries(timed).map(([tool, samples]) => [tool, summarize(samples)]));
}

/** The largest relative difference between driftgate's and SciPy's statistics and p-values. */
function agreement(ours, theirs) {
  const report = JSON.parse(ours);
  const scipy = JSON.parse(theirs);
  let worst = 0;
  for (const [name, want] of Object.entries(scipy)) {
    const column = report.columns.find((candidate) => candidate.name === name);
    if (!column || column.statistic === undefined) fail(`driftgate did not test column ${name}`);
    for (const [field, got] of [
      ['statistic', column.statistic],
      ['p_value', column.p_value],
    ]) {
      const expected = want[field];
      const scale = Math.max(Math.abs(expected), 1e-300);
      worst = Math.max(worst, Math.abs(got - expected) / scale);
    }
  }
  return worst;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function summarize(samples) {
  return {
    seconds: median(samples.map((s) => s.seconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    megabytes: median(samples.map((s) => s.megabytes)),
    runs: samples.map(({ seconds, cpuSeconds, megabytes }) => ({ seconds, cpuSeconds, megabytes })),
  };
}

function readProfile(file) {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
}

/**
 * A cheap sanity check that an engine profiled the rows the file profiler did: rows and each column's
 * rows and missing cells equal, each numerical mean within 1e-12 relative. Returns the largest relative
 * difference of the means.
 */
function agreeingProfiles(fromFile, fromEngine, label) {
  if (fromEngine.rows !== fromFile.rows) fail(`${label} profiled ${fromEngine.rows} rows, the file profiler ${fromFile.rows}`);
  let worst = 0;
  for (const column of fromFile.columns) {
    const engineColumn = fromEngine.columns.find((candidate) => candidate.name === column.name);
    if (!engineColumn || engineColumn.rows !== column.rows || engineColumn.missing !== column.missing) {
      fail(
        `${label}'s column ${column.name} has ${engineColumn?.rows} rows, ${engineColumn?.missing} missing; the file's ${column.rows}, ${column.missing}`,
      );
    }
    if (!column.moments) continue;
    const difference = Math.abs(engineColumn.moments.mean - column.moments.mean) / Math.max(Math.abs(column.moments.mean), 1e-300);
    if (!(difference <= 1e-12))
      fail(`${label}'s mean of ${column.name} is ${engineColumn.moments.mean}, the file's ${column.moments.mean}`);
    worst = Math.max(worst, difference);
  }
  return worst;
}

function fileMegabytes(directory, name) {
  return statSync(join(directory, name)).size / 1e6;
}

const results = [];
for (const rows of args['no-checks'] ? [] : sizes) {
  const directory = await ensureData(rows, { parquet: rows === parquetRows, log: (line) => console.log(`bench: ${line}`) });
  // One untimed run of each warms the page cache and checks that both compute the same thing.
  const warmOurs = driftgate(directory, 'csv');
  let difference;
  if (pandasVersions) difference = agreement(warmOurs.stdout, pandas(directory).stdout);
  const ours = [];
  const theirs = [];
  for (let run = 0; run < runs; run++) {
    ours.push(driftgate(directory, 'csv'));
    if (pandasVersions) theirs.push(pandas(directory));
  }
  const peerTimes = timePeers(directory, 'csv', ours);
  const row = {
    format: 'CSV',
    rows,
    megabytesOnDisk: fileMegabytes(directory, 'baseline.csv') + fileMegabytes(directory, 'current.csv'),
    driftgate: summarize(ours),
    pandas: pandasVersions ? summarize(theirs) : undefined,
    peers: peerTimes,
    largestRelativeDifference: difference,
  };
  results.push(row);
  printRow(row);

  if (rows === parquetRows) {
    driftgate(directory, 'parquet');
    const parquet = [];
    for (let run = 0; run < runs; run++) parquet.push(driftgate(directory, 'parquet'));
    const parquetPeers = timePeers(directory, 'parquet', parquet);
    const parquetRow = {
      format: 'Parquet',
      rows,
      megabytesOnDisk: fileMegabytes(directory, 'baseline.parquet') + fileMegabytes(directory, 'current.parquet'),
      driftgate: summarize(parquet),
      peers: parquetPeers,
    };
    results.push(parquetRow);
    printRow(parquetRow);
  }
}
// Profiles: one streaming pass over the baseline CSV (peak memory bounded by the profile, time linear in
// rows), the profile's size, and a check of the current CSV against it beside the raw check above.
const profileResults = [];
const profileSizes = [...new Set([...sizes, ...(engineRows > 0 ? [engineRows] : [])])].sort((a, b) => a - b);
for (const rows of profileSizes) {
  const directory = await ensureData(rows, { log: (line) => console.log(`bench: ${line}`) });
  const profileFile = join(scratch, `baseline-${rows}.profile.json.gz`);
  const profiling = [];
  const againstProfile = [];
  const engines =
    rows === engineRows ? await startEngines(join(directory, 'baseline.csv'), (line) => console.log(`bench: ${line}`)) : undefined;
  // fail(), an exception or an interrupt ends the process: the servers go with it.
  if (engines) {
    process.on('exit', engines.stop);
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(1));
  }
  const engineTimes = Object.fromEntries((engines?.engines ?? []).map(({ name }) => [name, []]));
  const engineFile = (name) => join(scratch, `baseline-${rows}.${name}.profile.json.gz`);
  for (let run = 0; run < runs; run++) {
    profiling.push(
      measure(process.execPath, [join(bundle, 'index.js'), 'profile', '--data', 'baseline.csv', '-o', profileFile], directory),
    );
    againstProfile.push(driftgate(directory, 'csv', profileFile));
    for (const { name, args: engineArgs, connection } of engines?.engines ?? []) {
      engineTimes[name].push(
        measure(process.execPath, [join(bundle, 'index.js'), 'profile', ...engineArgs, '-o', engineFile(name)], directory, {
          DRIFTGATE_CONNECTION: connection,
        }),
      );
    }
  }
  const profile = readProfile(profileFile);
  const columnBytes = profile.columns.map((column) => JSON.stringify(column).length);
  const row = {
    rows,
    profiling: summarize(profiling),
    profileBytes: statSync(profileFile).size,
    largestColumnBytes: Math.max(...columnBytes),
    jsonBytes: columnBytes.reduce((sum, bytes) => sum + bytes, 0),
    summarised: profile.columns.filter((column) => column.distribution?.kind === 'summary').length,
    checkAgainstProfile: summarize(againstProfile),
    checkRaw: results.find((result) => result.format === 'CSV' && result.rows === rows)?.driftgate,
    engines: engines?.engines.map(({ name, label }) => ({
      name,
      label,
      profiling: summarize(engineTimes[name]),
      largestMeanDifference: agreeingProfiles(profile, readProfile(engineFile(name)), label),
    })),
    clickhouseShardRows: engines?.shardRows,
  };
  engines?.stop();
  profileResults.push(row);
  console.log(
    `bench: profile of ${rows} rows: ${row.profiling.seconds.toFixed(2)} s, ${row.profiling.megabytes.toFixed(0)} MB peak; check against it ${row.checkAgainstProfile.seconds.toFixed(2)} s` +
      `${(row.engines ?? []).map(({ label, profiling }) => `; ${label} ${profiling.seconds.toFixed(2)} s`).join('')} (load ${loadavg()[0].toFixed(1)})`,
  );
}
// Multivariate drift: each method alone, on top of the column checks, at --multivariate-rows rows a side.
const multivariateResults = [];
if (multivariateRows > 0) {
  const directory = await ensureData(multivariateRows, { log: (line) => console.log(`bench: ${line}`) });
  const columnsOnly = [];
  for (let run = 0; run < runs; run++) columnsOnly.push(driftgate(directory, 'csv'));
  for (const method of ['reconstruction-error', 'domain-classifier', 'mmd']) {
    const times = [];
    for (let run = 0; run < runs; run++) times.push(driftgate(directory, 'csv', 'baseline.csv', ['--multivariate', method]));
    const row = { method, rows: multivariateRows, check: summarize(times), columnsOnly: summarize(columnsOnly) };
    multivariateResults.push(row);
    console.log(
      `bench: ${method} at ${multivariateRows} rows: ${row.check.seconds.toFixed(2)} s with the column checks, ${(row.check.seconds - row.columnsOnly.seconds).toFixed(2)} s for the method (load ${loadavg()[0].toFixed(1)})`,
    );
  }
}
function printRow(row) {
  const ours = `${row.driftgate.seconds.toFixed(2)} s, ${row.driftgate.megabytes.toFixed(0)} MB`;
  const theirs = row.pandas ? `${row.pandas.seconds.toFixed(2)} s, ${row.pandas.megabytes.toFixed(0)} MB` : 'n/a';
  const others = Object.entries(row.peers).map(
    ([tool, times]) => `; ${tool} ${times.seconds.toFixed(2)} s, ${times.megabytes.toFixed(0)} MB`,
  );
  console.log(
    `bench: ${row.format} ${row.rows} rows: driftgate ${ours}; pandas + SciPy ${theirs}${others.join('')} (load ${loadavg()[0].toFixed(1)})`,
  );
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node.js ${process.versions.node}` +
    (pandasVersions ? `; pandas ${pandasVersions[0]}, SciPy ${pandasVersions[1]}` : ''),
);
console.log(`Median of ${runs} runs each, alternating; time is wall time (CPU time, user + system, in brackets), memory is peak RSS.`);
const loadAtEnd = loadavg();
console.log(
  `Load average (1, 5, 15 min) on ${cpus().length} cores: ${loadAtStart.map((v) => v.toFixed(2)).join(', ')} at the start, ${loadAtEnd.map((v) => v.toFixed(2)).join(', ')} at the end.`,
);
if (peers.length > 0)
  console.log(
    `Peers (${peers.join(', ')}): read both sides, then sort each numerical column and count each categorical one; no statistics.`,
  );
console.log('');
const peerHeads = peers.map((tool) => ` ${tool} time | driftgate / ${tool} |`).join('');
if (results.length > 0)
  console.log(
    `| Format | Rows per side | On disk | driftgate time | driftgate s per M rows | driftgate memory | pandas + SciPy time | pandas + SciPy memory | Time ratio | Memory ratio |${peerHeads}`,
  );
if (results.length > 0)
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${peers.map(() => ' ---: | ---: |').join('')}`);
const timeOf = (times) => `${times.seconds.toFixed(2)} s (${times.cpuSeconds.toFixed(2)})`;
const csvAt = new Map(results.filter((row) => row.format === 'CSV').map((row) => [row.rows, row]));
for (const row of results) {
  const ours = row.driftgate;
  // Parquet has no pandas run here (no pyarrow), so its ratios are against the same rows as pandas read them from CSV.
  const theirs = row.pandas ?? csvAt.get(row.rows)?.pandas;
  const cells = [
    row.format,
    row.rows.toLocaleString('en-US'),
    `${row.megabytesOnDisk.toFixed(0)} MB`,
    timeOf(ours),
    `${((ours.seconds * 1e6) / row.rows).toFixed(2)} s`,
    `${ours.megabytes.toFixed(0)} MB`,
    row.pandas ? timeOf(row.pandas) : '—',
    row.pandas ? `${row.pandas.megabytes.toFixed(0)} MB` : '—',
    theirs ? `${(ours.seconds / theirs.seconds).toFixed(2)}${row.pandas ? '' : ' (vs CSV)'}` : '—',
    theirs ? `${(ours.megabytes / theirs.megabytes).toFixed(2)}${row.pandas ? '' : ' (vs CSV)'}` : '—',
    ...peers.flatMap((tool) => {
      const times = row.peers[tool];
      return times ? [timeOf(times), (ours.seconds / times.seconds).toFixed(2)] : ['—', '—'];
    }),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
const compared = results.filter((row) => row.largestRelativeDifference !== undefined);
if (compared.length > 0) {
  const worst = Math.max(...compared.map((row) => row.largestRelativeDifference));
  console.log(`\nLargest relative difference between driftgate's and SciPy's statistics and p-values: ${worst.toExponential(1)}`);
}
console.log(
  '\n| Rows | Profile time | s per M rows | Peak memory | Profile (gzip) | JSON, all columns | Largest column (JSON) | Summarised columns | Check vs profile | Check raw vs raw |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of profileResults) {
  console.log(
    `| ${[
      row.rows.toLocaleString('en-US'),
      timeOf(row.profiling),
      `${((row.profiling.seconds * 1e6) / row.rows).toFixed(2)} s`,
      `${row.profiling.megabytes.toFixed(0)} MB`,
      `${(row.profileBytes / 1024).toFixed(0)} KB`,
      `${(row.jsonBytes / 1024).toFixed(0)} KB`,
      `${(row.largestColumnBytes / 1024).toFixed(0)} KB`,
      row.summarised,
      timeOf(row.checkAgainstProfile),
      row.checkRaw ? timeOf(row.checkRaw) : '—',
    ].join(' | ')} |`,
  );
}
const engineResults = profileResults.filter((row) => row.engines);
if (engineResults.length > 0) {
  console.log(
    `\nProfiles inside the engines (driftgate profile --engine, the servers on this machine): wall time; in brackets the CPU time of the driftgate process only, since GNU time does not see the servers' own.`,
  );
  console.log(`\n| Rows | File profiler (CSV) | ${engineResults[0].engines.map(({ label }) => label).join(' | ')} |`);
  console.log(`| ---: | ---: |${engineResults[0].engines.map(() => ' ---: |').join('')}`);
  for (const row of engineResults)
    console.log(
      `| ${[row.rows.toLocaleString('en-US'), timeOf(row.profiling), ...row.engines.map(({ profiling }) => timeOf(profiling))].join(' | ')} |`,
    );
  for (const row of engineResults) {
    const worst = Math.max(...row.engines.map(({ largestMeanDifference }) => largestMeanDifference));
    console.log(
      `\nAt ${row.rows.toLocaleString('en-US')} rows the three profiles agree on rows and each column's rows and missing cells; largest relative difference of a mean from the file profiler's: ${worst.toExponential(1)}. ClickHouse shards: ${row.clickhouseShardRows.join(' + ')} rows.`,
    );
  }
}
if (multivariateResults.length > 0) {
  console.log('\n| Multivariate method | Rows per side | Check with it | Column checks alone | The method |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of multivariateResults) {
    console.log(
      `| ${row.method} | ${row.rows.toLocaleString('en-US')} | ${timeOf(row.check)} | ${timeOf(row.columnsOnly)} | ${(row.check.seconds - row.columnsOnly.seconds).toFixed(2)} s |`,
    );
  }
}
if (args.json)
  writeFileSync(args.json, `${JSON.stringify({ runs, results, profiles: profileResults, multivariate: multivariateResults }, null, 2)}\n`);
