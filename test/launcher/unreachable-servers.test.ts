import { randomBytes } from 'node:crypto';
import { dropDatabase } from '../../lib/db/database';
import { runToExit } from '../support/service-processes';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { databasesOf } from '../support/databases';
import { temporaryDirectory } from '../support/temporary-directories';

const NO_POSTGRES = 'postgres://postgres@127.0.0.1:1/postgres';
const NO_NATS = 'nats://127.0.0.1:1';

function serviceEnv(overrides: Record<string, string>) {
  const prefix = uniquePrefix();
  return {
    prefix,
    env: {
      NODE_ENV: 'production',
      DATA_DIR: temporaryDirectory('bazaar-unreachable-'),
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_PREFIX: prefix,
      NATS_URL: TEST_NATS_URL,
      EVENT_PREFIX: prefix,
      SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
      ORDERS_PORT: '0',
      ...overrides,
    },
  };
}

describe('a PostgreSQL or NATS that cannot be reached', () => {
  it('is named with its variable and address by a service started alone, without a stack trace', async () => {
    const { env } = serviceEnv({ DATABASE_URL: NO_POSTGRES });
    const exit = await runToExit('subgraphs/orders/main.ts', env);
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toBe(
      'orders failed to start: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)',
    );
  });

  it('is named for NATS too', async () => {
    const { env, prefix } = serviceEnv({ NATS_URL: NO_NATS });
    const exit = await runToExit('subgraphs/orders/main.ts', env);
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toBe(
      'orders failed to start: NATS_URL: cannot reach NATS at 127.0.0.1:1 (connection refused)',
    );
    // Its database was created before NATS was tried; nothing else was.
    expect(await databasesOf(prefix)).toEqual([`${prefix}_orders`]);
    await dropDatabase(new URL(`/${prefix}_orders`, TEST_DATABASE_URL).toString());
  });

  it('is said once by the launcher, before any service starts', async () => {
    const { env, prefix } = serviceEnv({ DATABASE_URL: NO_POSTGRES, NODE_ENV: 'test' });
    const exit = await runToExit('launcher/main.ts', { ...env, PORT: '0' });
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toBe(
      'Bazaar failed to start: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused)',
    );
    const nats = serviceEnv({ NATS_URL: NO_NATS, NODE_ENV: 'test' });
    const natsExit = await runToExit('launcher/main.ts', { ...nats.env, PORT: '0' });
    expect(natsExit.code).toBe(1);
    expect(natsExit.stderr.trim()).toBe(
      'Bazaar failed to start: NATS_URL: cannot reach NATS at 127.0.0.1:1 (connection refused)',
    );
    expect(await databasesOf(prefix)).toEqual([]);
    expect(await databasesOf(nats.prefix)).toEqual([]);
  });
});
