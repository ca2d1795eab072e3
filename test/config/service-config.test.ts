import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../lib/config/parse-env';
import type { Env } from '../../lib/config/parse-env';
import { gatewayConfigFromEnv } from '../../gateway/config';
import { catalogConfigFromEnv } from '../../subgraphs/catalog/config';
import { inventoryConfigFromEnv } from '../../subgraphs/inventory/config';
import { ordersConfigFromEnv } from '../../subgraphs/orders/config';
import { paymentsConfigFromEnv } from '../../subgraphs/payments/config';
import { usersConfigFromEnv } from '../../subgraphs/users/config';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { temporaryDirectory } from '../support/temporary-directories';

const keys = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const SECRET = 'a-production-secret-of-enough-length';
const development = { NODE_ENV: 'development', DATA_DIR: '/tmp/bazaar-config-test' };

/** Every service's configuration reader with the secrets it needs in production. */
const SERVICES: Array<{ name: string; read(env: Env): unknown; secrets: string[] }> = [
  { name: 'users', read: usersConfigFromEnv, secrets: ['SUBGRAPH_SECRET', 'JWT_PRIVATE_KEY'] },
  { name: 'catalog', read: catalogConfigFromEnv, secrets: ['SUBGRAPH_SECRET'] },
  { name: 'inventory', read: inventoryConfigFromEnv, secrets: ['SUBGRAPH_SECRET'] },
  { name: 'orders', read: ordersConfigFromEnv, secrets: ['SUBGRAPH_SECRET'] },
  {
    name: 'payments',
    read: paymentsConfigFromEnv,
    secrets: ['SUBGRAPH_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
  },
  { name: 'mailer', read: mailerConfigFromEnv, secrets: ['SUBGRAPH_SECRET', 'SMTP_URL'] },
  { name: 'gateway', read: gatewayConfigFromEnv, secrets: ['SUBGRAPH_SECRET', 'JWT_PUBLIC_KEY'] },
];

describe('configuration', () => {
  it('names every bad variable at once', () => {
    const read = () =>
      usersConfigFromEnv({
        ...development,
        USERS_PORT: 'eighty',
        LOG_LEVEL: 'loud',
        EVENT_PREFIX: 'Has Spaces',
      });
    const error = captureError(read);
    for (const variable of ['USERS_PORT', 'LOG_LEVEL', 'EVENT_PREFIX'])
      expect(error.message).toContain(variable);
  });

  it('gives each service its own database on the shared server, unless overridden', () => {
    const env = { ...development, DATABASE_URL: 'postgres://u:p@db.internal:5432/postgres' };
    expect(usersConfigFromEnv(env).databaseUrl).toBe(
      'postgres://u:p@db.internal:5432/bazaar_users',
    );
    expect(mailerConfigFromEnv({ ...env, DATABASE_PREFIX: 'shop' }).databaseUrl).toBe(
      'postgres://u:p@db.internal:5432/shop_mailer',
    );
    expect(
      usersConfigFromEnv({ ...env, USERS_DATABASE_URL: 'postgres://other:5432/accounts' })
        .databaseUrl,
    ).toBe('postgres://other:5432/accounts');
  });

  it('routes each subgraph to its <NAME>_URL when given', () => {
    const config = gatewayConfigFromEnv({ ...development, USERS_URL: 'http://users:4001/graphql' });
    expect(config.subgraphUrls.users).toBe('http://users:4001/graphql');
  });
});

describe('a service started with NODE_ENV unset', () => {
  it.each(SERVICES)('$name runs as production and names every missing secret at once', (s) => {
    const dataDir = temporaryDirectory('bazaar-config-');
    const error = captureError(() => s.read({ DATA_DIR: dataDir }));
    expect(error.problems).toEqual(
      s.secrets.map((variable) => ({ variable, message: 'required in production' })),
    );
    expect(error.message).toMatch(/NODE_ENV is unset, which means production/);
    // No dev key pair was generated as a stand-in.
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
  });

  it('reports missing secrets together with every malformed variable', () => {
    const error = captureError(() =>
      usersConfigFromEnv({
        USERS_PORT: 'eighty',
        LOG_LEVEL: 'loud',
        SUBGRAPH_SECRET: 'short',
        DATABASE_URL: 'not a url',
      }),
    );
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'DATABASE_URL',
      'JWT_PRIVATE_KEY',
      'LOG_LEVEL',
      'SUBGRAPH_SECRET',
      'USERS_PORT',
    ]);
  });

  it('starts with every secret given, binding every interface, introspection and Sandbox off', () => {
    const gateway = gatewayConfigFromEnv({
      SUBGRAPH_SECRET: SECRET,
      JWT_PUBLIC_KEY: keys.publicKey,
    });
    expect(gateway).toMatchObject({
      nodeEnv: 'production',
      host: '0.0.0.0',
      subgraphSecret: SECRET,
      introspection: false,
      sandbox: false,
      corsOrigins: [],
      devMailboxDir: null,
    });
    const users = usersConfigFromEnv({ SUBGRAPH_SECRET: SECRET, JWT_PRIVATE_KEY: keys.privateKey });
    expect(users).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0' });
    expect(users.signingKeys.publicKeyPem).toBe(keys.publicKey);
  });
});

describe('production', () => {
  const production = { NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET };

  it('treats a misspelt NODE_ENV as production and says so with the missing secrets', () => {
    const error = captureError(() => usersConfigFromEnv({ NODE_ENV: 'prod' }));
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'NODE_ENV',
      'SUBGRAPH_SECRET',
      'JWT_PRIVATE_KEY',
    ]);
  });

  it('refuses keys that are not Ed25519 PEM, naming the variable', () => {
    const users = captureError(() =>
      usersConfigFromEnv({ ...production, JWT_PRIVATE_KEY: keys.publicKey }),
    );
    expect(users.problems).toEqual([
      { variable: 'JWT_PRIVATE_KEY', message: 'not an Ed25519 private key (PKCS#8 PEM)' },
    ]);
    const gateway = captureError(() =>
      gatewayConfigFromEnv({ ...production, JWT_PUBLIC_KEY: 'unused-here' }),
    );
    expect(gateway.problems).toEqual([
      { variable: 'JWT_PUBLIC_KEY', message: 'not an Ed25519 public key (SPKI PEM)' },
    ]);
  });

  it('refuses a dev mailbox folder, with the other problems', () => {
    const error = captureError(() =>
      gatewayConfigFromEnv({ ...production, DEV_MAILBOX_DIR: '/tmp/mailbox', PORT: 'x' }),
    );
    expect(error.problems.map((problem) => problem.variable)).toEqual([
      'PORT',
      'DEV_MAILBOX_DIR',
      'JWT_PUBLIC_KEY',
    ]);
  });

  it('turns introspection and Sandbox on only when asked, and binds where HOST says', () => {
    const env = { ...production, JWT_PUBLIC_KEY: keys.publicKey };
    expect(gatewayConfigFromEnv({ ...env, INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(gatewayConfigFromEnv({ ...env, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe('development and test', () => {
  it('bind to 127.0.0.1 unless HOST says otherwise', () => {
    expect(usersConfigFromEnv(development).host).toBe('127.0.0.1');
    expect(ordersConfigFromEnv({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(gatewayConfigFromEnv(development).host).toBe('127.0.0.1');
    expect(catalogConfigFromEnv({ ...development, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('turn on the dev conveniences, each replaceable by the real setting', () => {
    expect(gatewayConfigFromEnv({ ...development, DEV_MAILBOX_DIR: '/tmp/m' })).toMatchObject({
      introspection: true,
      sandbox: true,
      corsOrigins: '*',
      devMailboxDir: '/tmp/m',
    });
    expect(gatewayConfigFromEnv({ ...development, SANDBOX: 'false' }).sandbox).toBe(false);
    expect(catalogConfigFromEnv(development).subgraphSecret).toBe(
      'bazaar-dev-subgraph-secret-not-for-production',
    );
    expect(catalogConfigFromEnv({ ...development, SUBGRAPH_SECRET: SECRET }).subgraphSecret).toBe(
      SECRET,
    );
  });
});

function captureError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
