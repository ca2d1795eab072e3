import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { dropDatabase } from '../../lib/db/database';
import { databasesOf, sessionsWaitingOnLocks } from '../support/databases';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { temporaryDirectory } from '../support/temporary-directories';
import { waitFor } from '../support/wait-for';

const ROOT = resolve(__dirname, '../..');

describe('Ctrl-C while the launcher seeds the demo world', () => {
  const prefix = uniquePrefix();
  const catalogUrl = new URL(TEST_DATABASE_URL);
  catalogUrl.pathname = `/${prefix}_catalog`;
  const blocker = new Client({ connectionString: catalogUrl.toString() });
  let launcher: ChildProcess | undefined;
  afterAll(async () => {
    if (launcher?.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
    await blocker.end().catch(() => {});
    for (const name of await databasesOf(prefix)) {
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      await dropDatabase(url.toString());
    }
    await deleteStreams(prefix);
  });

  it('stops the system and exits 0, the seed cut short', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'launcher/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        APOLLO_TELEMETRY_DISABLED: 'true',
        NODE_ENV: 'development',
        LOG_LEVEL: 'error',
        DATA_DIR: temporaryDirectory('bazaar-seed-stop-'),
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_PREFIX: prefix,
        NATS_URL: TEST_NATS_URL,
        EVENT_PREFIX: prefix,
        ...Object.fromEntries(
          ['PORT', 'USERS_PORT', 'CATALOG_PORT', 'INVENTORY_PORT', 'ORDERS_PORT']
            .concat(['PAYMENTS_PORT', 'MAILER_PORT'])
            .map((name) => [name, '0']),
        ),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    // The seed's first category waits behind this lock, its request in flight through the gateway.
    await waitFor(
      async () => (await databasesOf(prefix)).includes(`${prefix}_catalog`),
      'the catalog database',
      120_000,
    );
    await blocker.connect();
    await waitFor(
      async () =>
        (await blocker.query(`SELECT to_regclass('categories') IS NOT NULL AS there`)).rows[0]
          .there,
      'the categories table',
      120_000,
    );
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE');
    await waitFor(
      async () => (await sessionsWaitingOnLocks(blocker)) > 0,
      'the seed to wait on the categories',
      120_000,
    );
    expect(output).toContain('Preparing the demo world...');

    child.kill('SIGINT');
    await waitFor(() => output.includes('stopping Bazaar...'), 'the stop to begin');
    // The category request finishes; the seed's next request finds the gateway stopped.
    await blocker.query('ROLLBACK');

    expect(await exited).toBe(0);
    expect(output).toContain('Bazaar stopped.');
    expect(output).not.toContain('failed to start');
    expect(output).not.toContain('Bazaar is running');
  }, 180_000);
});
