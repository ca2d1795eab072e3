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
  const prefixes: string[] = [];
  const blockers: Client[] = [];
  let launcher: ChildProcess | undefined;
  afterAll(async () => {
    if (launcher?.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
    await Promise.all(blockers.map((blocker) => blocker.end().catch(() => {})));
    for (const prefix of prefixes) {
      for (const name of await databasesOf(prefix)) {
        const url = new URL(TEST_DATABASE_URL);
        url.pathname = `/${name}`;
        await dropDatabase(url.toString());
      }
      await deleteStreams(prefix);
    }
  });

  interface HeldLauncher {
    child: ChildProcess;
    output: () => string;
    exited: Promise<number | null>;
    blocker: Client;
  }

  /**
   * Starts the launcher on fresh databases and holds the seed's first category request behind a
   * lock on `categories`, its request in flight through the gateway. Null when the seed finished
   * before the lock was taken: the lock can only follow catalog's migration, and on a busy
   * machine this process may not get to run before the launcher has started and seeded.
   */
  async function launcherHeldInSeed(): Promise<HeldLauncher | null> {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const catalogUrl = new URL(TEST_DATABASE_URL);
    catalogUrl.pathname = `/${prefix}_catalog`;
    const blocker = new Client({ connectionString: catalogUrl.toString() });
    blockers.push(blocker);
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
    const withOutput = (error: Error) => {
      throw new Error(`${error.message}; the launcher said:\n${output.slice(-3000)}`);
    };

    await waitFor(
      async () => (await databasesOf(prefix)).includes(`${prefix}_catalog`),
      'the catalog database',
      120_000,
    ).catch(withOutput);
    await blocker.connect();
    await waitFor(
      async () =>
        (await blocker.query(`SELECT to_regclass('categories') IS NOT NULL AS there`)).rows[0]
          .there,
      'the categories table',
      120_000,
    ).catch(withOutput);
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE');
    const seeded = () => output.includes('Bazaar is running');
    await waitFor(
      async () => seeded() || (await sessionsWaitingOnLocks(blocker)) > 0,
      'the seed to wait on the categories',
      120_000,
    ).catch(withOutput);
    if (!seeded()) return { child, output: () => output, exited, blocker };
    await blocker.query('ROLLBACK');
    child.kill('SIGKILL');
    await exited;
    return null;
  }

  it('stops the system and exits 0, the seed cut short', async () => {
    let held: HeldLauncher | null = null;
    for (let attempt = 1; attempt <= 3 && !held; attempt += 1) held = await launcherHeldInSeed();
    if (!held) throw new Error('the seed finished before the lock three times');
    const { child, output, exited, blocker } = held;
    expect(output()).toContain('Preparing the demo world...');

    child.kill('SIGINT');
    await waitFor(() => output().includes('stopping Bazaar...'), 'the stop to begin');
    // The category request finishes; the seed's next request finds the gateway stopped.
    await blocker.query('ROLLBACK');

    expect(await exited).toBe(0);
    expect(output()).toContain('Bazaar stopped.');
    expect(output()).not.toContain('failed to start');
    expect(output()).not.toContain('Bazaar is running');
  }, 420_000);
});
