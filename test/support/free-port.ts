import { createServer } from 'node:net';

/**
 * A port nothing listens on right now, for a process that must be told its port in advance
 * (`PUBLIC_URL`, an embedded PostgreSQL). Prefer port 0 wherever the process reports its own.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
