// The benchmark's engines: the baseline CSV loaded into a throwaway PostgreSQL cluster and into a two-shard
// ClickHouse cluster (a MergeTree table on each shard, a Distributed table over both), the same servers the
// engine tests start (scripts/servers/). Loading is not timed; run.js times `driftgate profile --engine`
// against the loaded tables beside the file profiler.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { COLUMN_KINDS } from './generate.js';
import { CLICKHOUSE_PASSWORD, startClickHouseCluster } from '../servers/clickhouse.js';
import { POSTGRES_BIN, startPostgres } from '../servers/postgres.js';

const TABLE = 'bench_baseline';
/** Rows per ClickHouse INSERT: a request body well under V8's string limit. */
const ROWS_PER_INSERT = 500_000;

/** What to install when a server program is missing, checked before the benchmark spends minutes on the rest. */
export function missingEngines() {
  const missing = [];
  if (!existsSync(`${POSTGRES_BIN}/initdb`) || !existsSync(`${POSTGRES_BIN}/psql`)) missing.push('postgresql-15');
  if (spawnSync('clickhouse-server', ['--help'], { stdio: 'ignore' }).error) missing.push('clickhouse-server');
  return missing.length > 0
    ? `${missing.join(' and ')} (apt-get install ${missing.join(' ')}), or --engine-rows 0 to skip the engines`
    : undefined;
}

/** The CSV's column names in file order, each with whether it is numerical or categorical. */
function csvColumns(csv) {
  const fd = openSync(csv, 'r');
  const start = Buffer.alloc(4096);
  const length = readSync(fd, start, 0, start.length, 0);
  closeSync(fd);
  const header = start.toString('utf8', 0, length).split('\n')[0];
  return header.split(',').map((name) => {
    if (COLUMN_KINDS.numerical.includes(name)) return { name, numerical: true };
    if (COLUMN_KINDS.categorical.includes(name)) return { name, numerical: false };
    throw new Error(`${csv}: column ${name} is in neither list of COLUMN_KINDS`);
  });
}

function loadPostgres(url, csv, columns) {
  const definition = columns.map(({ name, numerical }) => `"${name}" ${numerical ? 'double precision' : 'text'}`).join(', ');
  // \copy reads the file on the client side, as a user without the server's file access would load it.
  // An unquoted empty field is NULL in CSV mode. VACUUM sets the hint bits now, so the first timed scan
  // does not write the whole table back.
  const psql = spawnSync(
    `${POSTGRES_BIN}/psql`,
    [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-c',
      `CREATE TABLE ${TABLE} (${definition})`,
      '-c',
      `\\copy ${TABLE} FROM '${csv.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`,
      '-c',
      `VACUUM ANALYZE ${TABLE}`,
    ],
    { encoding: 'utf8' },
  );
  if (psql.status !== 0) throw new Error(`loading ${csv} into PostgreSQL failed:\n${psql.stderr}`);
}

/**
 * 18.16 reads an empty CSV field of a Nullable column as the type's default (0, ''), not NULL, so empty
 * fields are sent as \N. The generated data quotes nothing, so a comma always separates two fields.
 */
function withNulls(line) {
  return line.replace(/(?<=^|,)(?=,|$)/g, '\\N');
}

async function loadClickHouse(cluster, csv, columns) {
  const definition = columns.map(({ name, numerical }) => `\`${name}\` Nullable(${numerical ? 'Float64' : 'String'})`).join(', ');
  for (const port of cluster.httpPorts)
    await cluster.query(port, `CREATE TABLE ${TABLE}_local (${definition}) ENGINE = MergeTree ORDER BY tuple()`);
  await cluster.query(
    cluster.httpPorts[0],
    `CREATE TABLE ${TABLE} AS ${TABLE}_local ENGINE = Distributed(two_shards, default, ${TABLE}_local, rand())`,
  );
  // Through the Distributed table (the cluster's helper sets insert_distributed_sync=1), which splits the
  // rows between the shards.
  const insert = (lines) => cluster.query(cluster.httpPorts[0], `INSERT INTO ${TABLE} FORMAT CSV`, Buffer.from(`${lines.join('\n')}\n`));
  let batch = [];
  let header = true;
  for await (const line of createInterface({ input: createReadStream(csv), crlfDelay: Infinity })) {
    if (header) {
      header = false;
      continue;
    }
    batch.push(withNulls(line));
    if (batch.length === ROWS_PER_INSERT) {
      await insert(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insert(batch);
  await Promise.all(cluster.httpPorts.map((port) => cluster.query(port, `OPTIMIZE TABLE ${TABLE}_local FINAL`)));
  return Promise.all(cluster.httpPorts.map(async (port) => Number(await cluster.query(port, `SELECT count() FROM ${TABLE}_local`))));
}

/**
 * Starts both servers and loads `csv` (a generated baseline) into each. Returns, per engine, the
 * `driftgate profile` arguments that profile its table and the connection URL (for DRIFTGATE_CONNECTION,
 * so that a failing command line shows no password); the ClickHouse shards' rows; and `stop`, which the
 * caller runs also on failure. A failure here stops what was started.
 */
export async function startEngines(csv, log) {
  const columns = csvColumns(csv);
  const started = [];
  // Safe to call again: each server is stopped once, and one that fails to stop does not keep the other up.
  const stop = () => {
    for (const server of started.splice(0).reverse()) {
      try {
        server.stop();
      } catch (error) {
        log(`stopping a server failed: ${error.message}`);
      }
    }
  };
  try {
    log('starting PostgreSQL');
    const postgres = await startPostgres();
    started.push(postgres);
    log(`loading ${csv} into PostgreSQL`);
    loadPostgres(postgres.url, csv, columns);
    log('starting the two-shard ClickHouse cluster');
    const cluster = await startClickHouseCluster();
    started.push(cluster);
    log(`loading ${csv} into ClickHouse through the Distributed table`);
    const shardRows = await loadClickHouse(cluster, csv, columns);
    log(`ClickHouse shards hold ${shardRows.join(' + ')} rows`);
    return {
      engines: [
        { name: 'postgres', label: 'PostgreSQL', args: ['--engine', 'postgres', '--table', TABLE], connection: postgres.url },
        {
          name: 'clickhouse',
          label: 'ClickHouse (2 shards)',
          args: ['--engine', 'clickhouse', '--table', TABLE],
          connection: `http://default:${CLICKHOUSE_PASSWORD}@127.0.0.1:${cluster.httpPorts[0]}/default`,
        },
      ],
      shardRows,
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
