// The lower bounds a team could build on a dataframe engine instead of driftgate: read both files, then per
// column the sorted values (numerical) or the count per category (categorical), and no statistics at all.
// polars and DuckDB are installed on demand into .bench/peers/, for the benchmark only: they are never
// dependencies of the action. Run as `node peers.js TOOL DIRECTORY FORMAT` it does one tool's work and
// prints the number of values it ordered or counted, as JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_DIR } from './generate.js';

const PEERS_DIR = join(BENCH_DIR, 'peers');
/** Pinned, so that numbers from different days compare the same tools. */
const PACKAGES = {
  polars: { entry: 'nodejs-polars', install: ['nodejs-polars@0.26.1', 'nodejs-polars-linux-x64-gnu@0.26.1'] },
  duckdb: { entry: '@duckdb/node-api', install: ['@duckdb/node-api@1.5.6-r.1'] },
};
export const PEERS = Object.keys(PACKAGES);

/** Installs the peers that are missing; returns the ones that can run (an install may fail offline). */
export function ensurePeers(log) {
  mkdirSync(PEERS_DIR, { recursive: true });
  const manifest = join(PEERS_DIR, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, `${JSON.stringify({ name: 'driftgate-bench-peers', private: true })}\n`);
  const ready = [];
  for (const [name, { entry, install }] of Object.entries(PACKAGES)) {
    if (!existsSync(join(PEERS_DIR, 'node_modules', entry))) {
      log(`installing ${install.join(' ')} into ${PEERS_DIR}`);
      // Saved in the peers' own manifest: an install with --no-save would prune the peer installed before it.
      const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...install], {
        cwd: PEERS_DIR,
        encoding: 'utf8',
      });
      if (npm.status !== 0) {
        log(`could not install ${name}; timing without it:\n${npm.stderr}`);
        continue;
      }
    }
    ready.push(name);
  }
  return ready;
}

export const PEER_SCRIPT = fileURLToPath(import.meta.url);

async function polars(directory, format) {
  const { default: pl } = await import(pathToFileURL(join(PEERS_DIR, 'node_modules/nodejs-polars/bin/index.js')).href);
  let ordered = 0;
  for (const side of ['baseline', 'current']) {
    const path = join(directory, `${side}.${format}`);
    const frame = format === 'csv' ? pl.readCSV(path) : pl.readParquet(path);
    for (const name of frame.columns) {
      const column = frame.getColumn(name);
      ordered += column.dtype.equals(pl.String) ? column.valueCounts().height : column.dropNulls().sort().len();
    }
  }
  return ordered;
}

async function duckdb(directory, format) {
  const { DuckDBInstance } = await import(pathToFileURL(join(PEERS_DIR, 'node_modules/@duckdb/node-api/lib/index.js')).href);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  let ordered = 0;
  for (const side of ['baseline', 'current']) {
    const path = join(directory, `${side}.${format}`).replaceAll("'", "''");
    await connection.run(`CREATE TABLE ${side} AS SELECT * FROM ${format === 'csv' ? 'read_csv' : 'read_parquet'}('${path}')`);
    const columns = (
      await connection.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = '${side}'`)
    ).getRows();
    for (const [name] of columns) {
      // The distinct values in order with their counts: what a KS or chi-square test needs of a column.
      const quoted = `"${name.replaceAll('"', '""')}"`;
      const query = `SELECT count(*) FROM (SELECT ${quoted}, count(*) FROM ${side} WHERE ${quoted} IS NOT NULL GROUP BY 1 ORDER BY 1)`;
      ordered += Number((await connection.runAndReadAll(query)).getRows()[0][0]);
    }
  }
  return ordered;
}

if (process.argv[1] === PEER_SCRIPT) {
  const [tool, directory, format] = process.argv.slice(2);
  const ordered = await (tool === 'polars' ? polars : duckdb)(directory, format);
  process.stdout.write(`${JSON.stringify({ tool, ordered })}\n`);
}
