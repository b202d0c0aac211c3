/** Types of scripts/servers/clickhouse.js, for the tests that start a two-shard ClickHouse cluster. */

/** The password of the cluster's `default` user. */
export declare const CLICKHOUSE_PASSWORD: string;

export interface ClickHouseCluster {
  /** HTTP ports of the two servers. */
  readonly httpPorts: readonly number[];
  query(port: number, sql: string, body?: string | Buffer): Promise<string>;
  stop(): void;
}

export declare function startClickHouseCluster(): Promise<ClickHouseCluster>;
