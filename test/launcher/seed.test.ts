import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runToExit } from '../support/service-processes';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { databasesOf } from '../support/databases';
import { temporaryDirectory } from '../support/temporary-directories';

describe('npm run seed when the health probe at GATEWAY_URL fails for another reason than "nothing listens"', () => {
  let unhealthy: Server;
  beforeAll(async () => {
    unhealthy = createServer((_req, res) => res.writeHead(503).end('{"status":"starting"}'));
    await new Promise<void>((done) => unhealthy.listen(0, '127.0.0.1', done));
  });
  afterAll(() => new Promise((done) => unhealthy.close(done)));

  const seed = (gatewayUrl: string) => {
    const prefix = uniquePrefix();
    const env = {
      NODE_ENV: 'test',
      GATEWAY_URL: gatewayUrl,
      DATA_DIR: temporaryDirectory('bazaar-seed-'),
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_PREFIX: prefix,
      NATS_URL: TEST_NATS_URL,
      EVENT_PREFIX: prefix,
      PORT: '0',
    };
    return { prefix, exit: runToExit('scripts/seed.ts', env) };
  };

  it('says what the probe got and starts no second system', async () => {
    const { port } = unhealthy.address() as AddressInfo;
    const { prefix, exit } = seed(`http://127.0.0.1:${port}/graphql`);
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toContain(
      `seeding failed: GATEWAY_URL: http://127.0.0.1:${port}/healthz answered 503 Service Unavailable; not starting a second system`,
    );
    expect(await databasesOf(prefix)).toEqual([]);
  });

  it('says so when fetch itself refuses the address (a blocked port)', async () => {
    const { prefix, exit } = seed('http://127.0.0.1:6000/graphql');
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(stderr).toContain(
      'seeding failed: GATEWAY_URL: could not ask http://127.0.0.1:6000/healthz whether Bazaar runs (bad port); not starting a second system',
    );
    expect(await databasesOf(prefix)).toEqual([]);
  });
});

describe('npm run seed without NODE_ENV', () => {
  it('refuses (unset is production) before it asks anything or writes any demo account', async () => {
    const prefix = uniquePrefix();
    const asked: string[] = [];
    const gateway = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200).end('{"status":"ok"}');
    });
    await new Promise<void>((done) => gateway.listen(0, '127.0.0.1', done));
    try {
      const { port } = gateway.address() as AddressInfo;
      const { code, stderr } = await runToExit('scripts/seed.ts', {
        GATEWAY_URL: `http://127.0.0.1:${port}/graphql`,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_PREFIX: prefix,
      });
      expect(code).toBe(1);
      expect(stderr).toContain('it runs only with NODE_ENV=development');
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(asked).toEqual([]);
      expect(await databasesOf(prefix)).toEqual([]);
    } finally {
      await new Promise((done) => gateway.close(done));
    }
  });
});
