import { ConfigError } from '../../lib/config/parse-env';
import { gatewayConfigFromEnv } from '../../gateway/config';
import { usersConfigFromEnv } from '../../subgraphs/users/config';
import { mailerConfigFromEnv } from '../../workers/mailer/config';

describe('configuration', () => {
  it('names every bad variable at once', () => {
    const read = () =>
      usersConfigFromEnv({ USERS_PORT: 'eighty', LOG_LEVEL: 'loud', EVENT_PREFIX: 'Has Spaces' });
    expect(read).toThrow(ConfigError);
    const message = captureMessage(read);
    for (const variable of ['USERS_PORT', 'LOG_LEVEL', 'EVENT_PREFIX'])
      expect(message).toContain(variable);
  });

  it('gives each service its own database on the shared server, unless overridden', () => {
    const env = {
      DATABASE_URL: 'postgres://u:p@db.internal:5432/postgres',
      DATA_DIR: '/tmp/bazaar-config-test',
    };
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

  it('refuses to start in production without secrets and keys', () => {
    const production = { NODE_ENV: 'production', DATA_DIR: '/tmp/bazaar-config-test' };
    expect(() => usersConfigFromEnv(production)).toThrow(/SUBGRAPH_SECRET/);
    expect(() => usersConfigFromEnv({ ...production, SUBGRAPH_SECRET: 'x'.repeat(32) })).toThrow(
      /JWT_PRIVATE_KEY/,
    );
    expect(() => gatewayConfigFromEnv({ ...production, SUBGRAPH_SECRET: 'x'.repeat(32) })).toThrow(
      /JWT_PUBLIC_KEY/,
    );
    expect(() => mailerConfigFromEnv({ ...production, SUBGRAPH_SECRET: 'x'.repeat(32) })).toThrow(
      /SMTP_URL/,
    );
    expect(() => usersConfigFromEnv({ ...production, SUBGRAPH_SECRET: 'short' })).toThrow(
      /SUBGRAPH_SECRET/,
    );
  });

  it('turns introspection and Sandbox off in production unless enabled', () => {
    const production = {
      NODE_ENV: 'production',
      SUBGRAPH_SECRET: 'x'.repeat(32),
      JWT_PUBLIC_KEY: 'unused-here',
    };
    expect(gatewayConfigFromEnv(production)).toMatchObject({
      introspection: false,
      sandbox: false,
      corsOrigins: [],
    });
    expect(gatewayConfigFromEnv({ ...production, INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(gatewayConfigFromEnv({ DATA_DIR: '/tmp/bazaar-config-test' })).toMatchObject({
      introspection: true,
      sandbox: true,
      corsOrigins: '*',
    });
  });

  it('routes each subgraph to its <NAME>_URL when given', () => {
    const config = gatewayConfigFromEnv({
      DATA_DIR: '/tmp/bazaar-config-test',
      USERS_URL: 'http://users:4001/graphql',
    });
    expect(config.subgraphUrls.users).toBe('http://users:4001/graphql');
  });
});

function captureMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
