// Two clickhouse-server processes on 127.0.0.1 and free ports, each the other's shard in a `two_shards`
// cluster (remote_servers), for a Distributed table over both. Removed after. The servers need the user's
// password in the cluster config to query each other. Started by the engine tests and by the benchmark
// (scripts/bench/engines.js).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './ports.js';

export const CLICKHOUSE_PASSWORD = 's3cret-ch';

export async function startClickHouseCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'driftgate-ch-'));
  const ports = await freePorts(6);
  const [http, tcp, interserver] = [ports.slice(0, 2), ports.slice(2, 4), ports.slice(4, 6)];
  writeFileSync(
    join(dir, 'users.xml'),
    `<?xml version="1.0"?><yandex><profiles><default></default></profiles><users><default><password>${CLICKHOUSE_PASSWORD}</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users><quotas><default></default></quotas></yandex>`,
  );
  const shards = tcp
    .map(
      (port) =>
        `<shard><replica><host>127.0.0.1</host><port>${port}</port><user>default</user><password>${CLICKHOUSE_PASSWORD}</password></replica></shard>`,
    )
    .join('');
  const children = [0, 1].map((i) => {
    const home = join(dir, `s${i}`);
    mkdirSync(home);
    writeFileSync(
      join(home, 'config.xml'),
      `<?xml version="1.0"?><yandex><logger><level>warning</level><log>${home}/server.log</log><errorlog>${home}/error.log</errorlog><console>0</console></logger>` +
        `<listen_host>127.0.0.1</listen_host><http_port>${http[i]}</http_port><tcp_port>${tcp[i]}</tcp_port><interserver_http_port>${interserver[i]}</interserver_http_port>` +
        `<path>${home}/data/</path><tmp_path>${home}/tmp/</tmp_path><users_config>${dir}/users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database>` +
        `<mark_cache_size>53687091</mark_cache_size><remote_servers><two_shards>${shards}</two_shards></remote_servers></yandex>`,
    );
    return spawn('clickhouse-server', [`--config-file=${home}/config.xml`], { stdio: 'ignore' });
  });
  const query = async (port, sql, body) => {
    const params = new URLSearchParams({
      user: 'default',
      password: CLICKHOUSE_PASSWORD,
      insert_distributed_sync: '1',
      ...(body === undefined ? {} : { query: sql }),
    });
    const response = await fetch(`http://127.0.0.1:${port}/?${params}`, { method: 'POST', body: body ?? sql });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    return text;
  };
  // Readiness by polling, with a deadline far beyond a busy machine's start-up.
  const deadline = Date.now() + 240_000;
  for (const port of http) {
    for (;;) {
      try {
        await query(port, 'SELECT 1');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
  return {
    httpPorts: http,
    query,
    stop() {
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
