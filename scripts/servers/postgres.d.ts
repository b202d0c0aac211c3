/** Types of scripts/servers/postgres.js, for the tests that start a PostgreSQL server. */

/** Debian's PostgreSQL 15 programs (the server's and psql). */
export declare const POSTGRES_BIN: string;

/** A TCP port on 127.0.0.1 that nothing listens on at the moment of asking. */

export interface PostgresServer {
  readonly url: string;
  readonly dir: string;
  /**
   * A login role that must give its password (scram-sha-256) over TCP, where the cluster trusts everyone
   * else; its URL.
   */
  addPasswordRole(role: string, password: string): Promise<string>;
  stop(): void;
}

export declare function startPostgres(): Promise<PostgresServer>;
