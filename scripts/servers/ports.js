// Ports for the servers the tests and the benchmark start, on 127.0.0.1.
import { createServer } from 'node:net';

/**
 * `count` distinct ports the system had free: all are held at once until every one is known, so two of
 * them cannot be the same port. The kernel picks each at random over its ephemeral range, so tests in
 * parallel workers (or other runs on the machine) are unlikely to be handed the same one in the moment
 * between its release here and the server binding it.
 */
export async function freePorts(count) {
  const servers = await Promise.all(Array.from({ length: count }, () => listening()));
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export async function freePort() {
  const [port] = await freePorts(1);
  return port;
}

function listening() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
