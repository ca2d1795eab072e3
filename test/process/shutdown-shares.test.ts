import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { dropDatabase } from '../../lib/db/database';
import { SECRET_HEADER } from '../../lib/auth/caller';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';

const BUDGET_MS = 4000;

describe('the shutdown budget shared between the steps (a catalog process, SHUTDOWN_TIMEOUT_MS=4000)', () => {
  const prefixes: string[] = [];
  const secret = randomBytes(32).toString('base64url');
  afterAll(async () => {
    for (const prefix of prefixes) {
      const database = new URL(TEST_DATABASE_URL);
      database.pathname = `/${prefix}_catalog`;
      await dropDatabase(database.toString());
      await deleteStreams(prefix);
    }
  });

  const startCatalog = (env: Record<string, string> = {}): Promise<ServiceProcess> => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    return startServiceProcess('catalog', 'subgraphs/catalog/main.ts', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_PREFIX: prefix,
      NATS_URL: TEST_NATS_URL,
      EVENT_PREFIX: prefix,
      SUBGRAPH_SECRET: secret,
      CATALOG_PORT: '0',
      SHUTDOWN_TIMEOUT_MS: String(BUDGET_MS),
      ...env,
    });
  };

  /**
   * Sends SIGTERM to `service` while a request whose body never arrives is in flight, and checks
   * that the request is cut at half the budget and the process still exits 0 in time.
   */
  async function stopsCleanlyDespiteAHungRequest(service: ServiceProcess, headers = {}) {
    // The server answers `100 Continue` as it takes the request, so the request is in flight
    // once that came.
    const hung = request(service.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '100',
        expect: '100-continue',
        ...headers,
      },
    });
    const cut = new Promise<string>((done) => {
      hung.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      hung.once('response', (response) => done(String(response.statusCode)));
    });
    await new Promise<void>((done) => hung.once('continue', () => done()));
    hung.write('{"query":');
    const signalledAt = Date.now();
    const exit = await service.stop('SIGTERM');
    const elapsed = Date.now() - signalledAt;
    expect(exit.stderr).not.toContain('unclean shutdown');
    expect(exit.code).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(BUDGET_MS / 2 - 100);
    expect(elapsed).toBeLessThan(BUDGET_MS);
    expect(await cut).toMatch(/ECONNRESET|socket hang up/);
  }

  it('a subgraph cuts a request that never ends at half the budget and still stops cleanly', async () => {
    await stopsCleanlyDespiteAHungRequest(await startCatalog(), { [SECRET_HEADER]: secret });
  }, 120_000);

  it('the gateway cuts a request that never ends at half the budget and still stops cleanly', async () => {
    const { publicKey } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const gateway = await startServiceProcess('gateway', 'gateway/main.ts', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      NATS_URL: TEST_NATS_URL,
      EVENT_PREFIX: prefix,
      SUBGRAPH_SECRET: secret,
      JWT_PUBLIC_KEY: publicKey,
      PORT: '0',
      SHUTDOWN_TIMEOUT_MS: String(BUDGET_MS),
    });
    await stopsCleanlyDespiteAHungRequest(gateway);
  }, 120_000);

  it('gives up the export of the last spans when the collector does not answer, and exits 0 in time', async () => {
    const silent = await silentCollector();
    try {
      const catalog = await startCatalog({
        OTEL_EXPORTER_OTLP_ENDPOINT: silent.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      });
      // A traced request whose span is still buffered (the exporter sends every 5 s) at the signal.
      expect((await fetch(catalog.url, { method: 'POST' })).status).toBe(401);
      const signalledAt = Date.now();
      const exit = await catalog.stop('SIGTERM');
      const elapsed = Date.now() - signalledAt;
      expect(exit.stderr).not.toContain('unclean shutdown');
      expect(exit.code).toBe(0);
      expect(elapsed).toBeLessThan(BUDGET_MS);
      expect(exit.stderr).toMatch(/tracing: the last spans were not exported within \d+ ms/);
    } finally {
      await silent.close();
    }
  }, 120_000);
});

/** An OTLP endpoint that accepts connections and never answers. */
async function silentCollector(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.resume();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
