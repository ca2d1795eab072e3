import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processAlive, runningPostmaster } from '../../launcher/embedded-postgres';
import { runToExit } from '../support/service-processes';
import { TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';
import { freePort } from '../support/free-port';
import { temporaryDirectory } from '../support/temporary-directories';

const ROOT = resolve(__dirname, '../..');
const LAUNCHER_SECRET = 'npm-start-secret-the-servers-must-not-see';

/** `npm start` as a developer runs it; `closed` resolves once nothing holds its output any more. */
function npmStart(env: Record<string, string>) {
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  return { child, output: () => output, closed };
}

describe('npm start on one data directory', () => {
  const prefix = uniquePrefix();
  // The embedded PostgreSQL runs as the postgres user when the tests run as root: it must be
  // able to enter the data directory.
  const dataDir = temporaryDirectory('bazaar-npm-start-');
  chmodSync(dataDir, 0o755);
  const postgresDir = join(dataDir, 'postgres');
  let env: Record<string, string>;
  let first: ReturnType<typeof npmStart>;
  const launcherPid = () =>
    (JSON.parse(readFileSync(join(dataDir, 'launcher.pid'), 'utf8')) as { pid: number }).pid;

  beforeAll(async () => {
    env = {
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      NATS_URL: TEST_NATS_URL,
      EVENT_PREFIX: prefix,
      SEED_DEMO: 'false',
      // A secret of the launcher's, which the servers it starts must not inherit.
      SUBGRAPH_SECRET: LAUNCHER_SECRET,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(
        ['PORT', 'USERS_PORT', 'CATALOG_PORT', 'INVENTORY_PORT', 'ORDERS_PORT']
          .concat(['PAYMENTS_PORT', 'MAILER_PORT'])
          .map((name) => [name, '0']),
      ),
    };
    first = npmStart(env);
    await waitFor(() => first.output().includes('Press Ctrl-C to stop.'), 'npm start', 120_000);
  }, 150_000);
  afterAll(async () => {
    for (const pid of [runningPostmaster(postgresDir)?.pid]) if (pid) process.kill(pid, 'SIGINT');
    await deleteStreams(prefix);
  });

  it('refuses a second launcher with the running one’s pid and port, and leaves it running', async () => {
    const pid = launcherPid();
    const gatewayUrl = /GraphQL \(Apollo Sandbox\)\s+(\S+)/.exec(first.output())![1];
    const second = await runToExit('launcher/main.ts', {
      ...env,
      NODE_ENV: 'development',
      HOME: process.env.HOME,
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `Bazaar is already running (pid ${pid}) on port ${new URL(gatewayUrl).port}`,
    );
    expect(second.stderr).not.toMatch(/^\s+at /m);
    expect((await fetch(new URL('/healthz', gatewayUrl))).status).toBe(200);
    expect(launcherPid()).toBe(pid);
  }, 60_000);

  it('starts the embedded PostgreSQL with a minimal environment, without the launcher’s secrets', () => {
    const { pid } = runningPostmaster(postgresDir)!;
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('LC_MESSAGES=C');
    expect(environ.join('\n')).not.toContain(LAUNCHER_SECRET);
    expect(environ.filter((entry) => entry.startsWith('EVENT_PREFIX='))).toEqual([]);
  });

  it('after the launcher is killed outright, the next start stops its orphaned PostgreSQL and runs', async () => {
    process.kill(launcherPid(), 'SIGKILL');
    await first.closed;
    const orphan = runningPostmaster(postgresDir);
    expect(orphan).not.toBeNull();

    first = npmStart(env);
    await waitFor(() => first.output().includes('Press Ctrl-C to stop.'), 'npm start', 120_000);
    expect(first.output()).toContain('stopping the embedded PostgreSQL an earlier launcher left');
    expect(processAlive(orphan!.pid)).toBe(false);
    expect(runningPostmaster(postgresDir)?.pid).not.toBe(orphan!.pid);
  }, 150_000);

  it('kill -TERM of the npm process stops the launcher and everything it started', async () => {
    const pid = launcherPid();
    const postmaster = runningPostmaster(postgresDir)!;
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    // Closed once nothing holds npm's output: the launcher (under npm's shell) has exited too.
    await first.closed;
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    expect(first.output()).toContain('Bazaar stopped.');
    expect(processAlive(pid)).toBe(false);
    await waitFor(() => !processAlive(postmaster.pid), 'PostgreSQL to stop', 10_000);
    expect(runningPostmaster(postgresDir)).toBeNull();
    expect(existsSync(join(dataDir, 'launcher.pid'))).toBe(false);
  }, 60_000);
});
