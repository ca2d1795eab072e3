import { generateKeyPairSync } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { ConfigError } from '../../lib/config/parse-env';
import type { Env } from '../../lib/config/parse-env';
import { seedDemoWorld } from '../../launcher/demo-world';
import { startSystem } from '../../launcher/system';
import { testLogger } from '../support/event-streams';
import { TEST_DATABASE_URL, uniquePrefix } from '../support/test-env';
import { temporaryDirectory } from '../support/temporary-directories';

const keys = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** A launcher environment with nothing to reuse: it would start PostgreSQL itself in DATA_DIR. */
function freshEnv(overrides: Env = {}): Env {
  return {
    DATA_DIR: temporaryDirectory('bazaar-launcher-'),
    LOG_LEVEL: 'silent',
    PATH: process.env.PATH,
    ...overrides,
  };
}

async function refusal(env: Env): Promise<ConfigError> {
  const error = await startSystem(env).then(
    () => new Error('the launcher started'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('the launcher in production', () => {
  it('reports every missing secret of every service at once, before starting anything', async () => {
    const env = freshEnv({ NODE_ENV: 'production' });
    const error = await refusal(env);
    expect(error.problems).toEqual([
      {
        variable: 'SUBGRAPH_SECRET',
        message:
          'required in production (users, catalog, inventory, orders, payments, mailer, gateway)',
      },
      { variable: 'JWT_PRIVATE_KEY', message: 'required in production (users)' },
      { variable: 'STRIPE_SECRET_KEY', message: 'required in production (payments)' },
      { variable: 'STRIPE_WEBHOOK_SECRET', message: 'required in production (payments)' },
      { variable: 'SMTP_URL', message: 'required in production (mailer)' },
      { variable: 'JWT_PUBLIC_KEY', message: 'required in production (gateway)' },
    ]);
    // No embedded PostgreSQL, NATS store, dev mailbox or dev keys.
    expect(readdirSync(env.DATA_DIR!)).toEqual([]);
  });

  it('lists malformed settings of the launcher and the services in the same error', async () => {
    const error = await refusal(
      freshEnv({ NODE_ENV: 'production', EMBEDDED_POSTGRES_PORT: 'none', USERS_PORT: 'x' }),
    );
    const variables = error.problems.map((problem) => problem.variable);
    expect(variables).toEqual(
      expect.arrayContaining(['EMBEDDED_POSTGRES_PORT', 'USERS_PORT', 'SUBGRAPH_SECRET']),
    );
  });

  it('has no dev mailbox to fall back on: without SMTP_URL it refuses and starts nothing', async () => {
    const env = freshEnv({
      NODE_ENV: 'production',
      SUBGRAPH_SECRET: 'a-production-secret-of-enough-length',
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
      STRIPE_SECRET_KEY: 'sk_live_never_called',
      STRIPE_WEBHOOK_SECRET: 'whsec_never_called',
    });
    const error = await refusal(env);
    expect(error.problems).toEqual([
      { variable: 'SMTP_URL', message: 'required in production (mailer)' },
    ]);
    expect(readdirSync(env.DATA_DIR!)).toEqual([]);
  });

  it('refuses a dev mailbox folder handed to the gateway', async () => {
    const error = await refusal(
      freshEnv({ NODE_ENV: 'production', DEV_MAILBOX_DIR: '/tmp/bazaar-mailbox' }),
    );
    expect(error.problems.map((problem) => problem.variable)).toContain('DEV_MAILBOX_DIR');
  });

  it('treats NODE_ENV unset as production too (only `npm start` itself chooses development)', async () => {
    const error = await refusal(freshEnv());
    expect(error.problems.map((problem) => problem.variable)).toContain('SUBGRAPH_SECRET');
    expect(error.message).toMatch(/NODE_ENV is unset, which means production/);
  });
});

describe('the demo world', () => {
  it.each([
    ['production', 'production'],
    ['unset', undefined],
  ])('is never seeded with NODE_ENV %s, and no account is created', async (_label, nodeEnv) => {
    const prefix = uniquePrefix();
    const env: Env = {
      NODE_ENV: nodeEnv,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_PREFIX: prefix,
      SUBGRAPH_SECRET: 'a-production-secret-of-enough-length',
      JWT_PRIVATE_KEY: keys.privateKey,
    };
    await expect(seedDemoWorld('http://127.0.0.1:9/graphql', env, testLogger())).rejects.toThrow(
      /demo world is for development only/,
    );
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        `${prefix}_users`,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
