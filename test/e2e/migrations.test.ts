import { Client } from 'pg';
import { dropDatabase } from '../../lib/db/database';
import { build } from '../../scripts/build';
import { DATABASES } from '../../launcher/databases';
import { runToExit, startServiceProcess, type ServiceProcess } from '../support/service-processes';
import { TEST_DATABASE_URL, testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';

const SERVICES = Object.keys(DATABASES);
const APPLIED = /"msg":"migrations applied"/;

function databaseUrl(prefix: string, service: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}

/** The migrations table of a service's database, or null when the database does not exist. */
async function migrationsOf(prefix: string, service: string) {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      `${prefix}_${service}`,
    ]);
    if (!exists.rowCount) return null;
  } finally {
    await client.end();
  }
  const own = new Client({ connectionString: databaseUrl(prefix, service) });
  await own.connect();
  try {
    return (await own.query('SELECT id, name FROM migrations ORDER BY id')).rows as Array<{
      id: number;
      name: string;
    }>;
  } finally {
    await own.end();
  }
}

/** Migration classes, named as TypeORM records them. */
const expectedNames = (service: string) =>
  (DATABASES[service].migrations as Array<{ name: string }>).map((migration) => migration.name);

/** The compiled command, as the image's `migrate` service runs it. */
const MIGRATE = 'dist/scripts/migrate.js';

describe('migrations, once per deploy', () => {
  const prefixes: string[] = [];
  const running: ServiceProcess[] = [];
  const freshPrefix = () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    return prefix;
  };
  const env = (prefix: string) => testEnv(prefix, { LOG_LEVEL: 'info' });

  beforeAll(() => build());

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop('SIGKILL')));
    for (const prefix of prefixes) {
      await Promise.all(SERVICES.map((service) => dropDatabase(databaseUrl(prefix, service))));
      await deleteStreams(prefix);
    }
  });

  it('two replicas started at the same moment on an empty database both come up, and migrate once', async () => {
    const prefix = freshPrefix();
    const replicas = await Promise.all(
      [1, 2].map(() => startServiceProcess('orders', 'dist/subgraphs/orders/main.js', env(prefix))),
    );
    running.push(...replicas);
    const logged = replicas.map((replica) => APPLIED.test(replica.output().stdout));
    const rows = await migrationsOf(prefix, 'orders');
    expect(rows!.map((row) => row.name)).toEqual(expectedNames('orders'));
    expect(logged.filter(Boolean)).toHaveLength(1);
  });

  it('`migrate` brings every database up to date; a second run and the services after it apply nothing', async () => {
    const prefix = freshPrefix();
    const first = await runToExit(MIGRATE, env(prefix), 60_000);
    expect(first.code).toBe(0);
    const before = new Map<string, unknown>();
    for (const service of SERVICES) {
      const rows = await migrationsOf(prefix, service);
      expect([service, rows!.map((row) => row.name)]).toEqual([service, expectedNames(service)]);
      before.set(service, rows);
    }
    const again = await runToExit(MIGRATE, env(prefix), 60_000);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(APPLIED);
    for (const service of SERVICES)
      expect(await migrationsOf(prefix, service)).toEqual(before.get(service));
    const orders = await startServiceProcess(
      'orders',
      'dist/subgraphs/orders/main.js',
      env(prefix),
    );
    running.push(orders);
    expect(orders.output().stdout).not.toMatch(APPLIED);
  });

  it('`migrate orders` migrates the orders database alone', async () => {
    const prefix = freshPrefix();
    const exit = await runToExit(MIGRATE, env(prefix), 60_000, ['orders']);
    expect(exit.code).toBe(0);
    expect((await migrationsOf(prefix, 'orders'))!.map((row) => row.name)).toEqual(
      expectedNames('orders'),
    );
    for (const service of SERVICES.filter((name) => name !== 'orders'))
      expect([service, await migrationsOf(prefix, service)]).toEqual([service, null]);
  });

  it('`migrate` refuses an unknown service and a bad DATABASE_URL at once, creating no database', async () => {
    const prefix = freshPrefix();
    const exit = await runToExit(MIGRATE, { ...env(prefix), DATABASE_URL: 'not a url' }, 60_000, [
      'orders',
      'shipping',
    ]);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('DATABASE_URL:');
    expect(exit.stderr).toContain('unknown service shipping; one of users, catalog,');
    expect(exit.stderr).not.toMatch(/^\s+at /m);
    for (const service of SERVICES)
      expect([service, await migrationsOf(prefix, service)]).toEqual([service, null]);
  });

  it('`migrate` names an unreachable PostgreSQL by its variable and address, without a trace', async () => {
    const prefix = freshPrefix();
    const unreachable = {
      ...env(prefix),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
    };
    const exit = await runToExit(MIGRATE, unreachable, 60_000, ['orders']);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1');
    expect(exit.stderr).not.toMatch(/^\s+at /m);
  });
});
