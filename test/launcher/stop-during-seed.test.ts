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
   * lock on `categories`, its request in flight through the gateway. Otherwise it stops the
   * launcher and says why: the seed finished before the lock was taken, or in a minute it
   * neither finished nor waited on the lock. The second was seen on a fresh checkout's first
   * start, whose TypeScript swc-node compiles as it goes (nothing waiting in PostgreSQL, every
   * session idle); the next start on the same checkout held. Not explained yet.
   */
  async function launcherHeldInSeed(): Promise<HeldLauncher | string> {
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
    const withOutput = async (error: Error) => {
      const sessions = await blocker
        .query(
          `SELECT datname, state, wait_event_type, wait_event, left(query, 120) AS query
             FROM pg_stat_activity WHERE datname LIKE $1 AND state <> 'idle'`,
          [`${prefix}%`],
        )
        .then((result) => JSON.stringify(result.rows, null, 1))
        .catch(() => 'unknown');
      throw new Error(
        `${error.message}; the launcher said:\n${output.slice(-3000)}\nsessions: ${sessions}`,
      );
    };

    // Locked only once the system has started and the seed has begun. Taken as soon as the
    // table existed (after catalog's first migration), the lock could catch a fresh checkout's
    // start still migrating, and the seed never began within the wait.
    await waitFor(
      () => output.includes('Preparing the demo world...'),
      'the seed to begin',
      120_000,
    ).catch(withOutput);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE');
    const seeded = () => output.includes('Bazaar is running');
    const held = await waitFor(
      async () => seeded() || (await sessionsWaitingOnLocks(blocker)) > 0,
      'the seed to wait on the categories',
      60_000,
    ).then(
      () => !seeded(),
      (error: Error) => withOutput(error).catch((explained: Error) => explained),
    );
    if (held === true) return { child, output: () => output, exited, blocker };
    await blocker.query('ROLLBACK');
    child.kill('SIGKILL');
    await exited;
    return held === false ? 'the seed finished before the lock' : held.message;
  }

  it('stops the system and exits 0, the seed cut short', async () => {
    const missed: string[] = [];
    let held: HeldLauncher | null = null;
    while (!held && missed.length < 3) {
      const attempt = await launcherHeldInSeed();
      if (typeof attempt === 'string') missed.push(attempt);
      else held = attempt;
    }
    if (!held) throw new Error(`no attempt held the seed:\n${missed.join('\n---\n')}`);
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
