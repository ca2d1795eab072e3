import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { StartupError } from '../lib/process/startup-error';
import { childEnv } from './child-env';
import { processAlive, runsWithArgument } from './embedded-postgres';

/** Whether something accepts TCP connections at host:port. */
export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = tcpConnect({ host, port });
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** The first `nats-server` on PATH (or in /usr/sbin, where Debian puts it), if any. */
export function findNatsServer(path: string): string | null {
  for (const dir of [...path.split(delimiter), '/usr/sbin', '/usr/local/sbin']) {
    if (!dir) continue;
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** The running nats-server a launcher started, as its pid file records it. */
export interface StartedNatsServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `nats-server` with JetStream, its store under `storeDir`, and waits until it listens. Its
 * pid goes to `pidFile` (removed when it stops), so that a launcher that died without stopping it
 * can be told apart from someone else's server: see {@link stopOrphanedNatsServer}.
 */
export async function startNatsServer(
  binary: string,
  storeDir: string,
  port: number,
  pidFile: string,
): Promise<StartedNatsServer> {
  mkdirSync(storeDir, { recursive: true });
  const child = spawn(
    binary,
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', resolve(storeDir)],
    // Its own process group: a Ctrl-C meant for the launcher must not stop NATS before the
    // services have drained into it; the launcher stops it after them. Not the launcher's
    // environment, which holds secrets.
    { stdio: 'ignore', detached: true, env: childEnv() },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  writeFileSync(pidFile, `${child.pid}\n`);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(pidFile, { force: true });
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (child.exitCode !== null) {
      rmSync(pidFile, { force: true });
      throw new Error(`nats-server exited with code ${child.exitCode}`);
    }
    if (await portOpen('127.0.0.1', port)) {
      return { url: `nats://127.0.0.1:${port}`, pid: child.pid!, stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  await stop();
  throw new Error('nats-server did not start listening within 5 s');
}

/**
 * Stops the nats-server an earlier launcher of this data directory left running (killed, crashed):
 * the one whose pid `pidFile` holds, if that process is a `nats-server` with `storeDir` as its
 * store. A pid file naming any other process is stale and only removed. Resolves with the pid
 * stopped, or null.
 */
export async function stopOrphanedNatsServer(
  pidFile: string,
  storeDir: string,
): Promise<number | null> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return null;
  }
  const ours =
    Number.isInteger(pid) &&
    pid > 0 &&
    processAlive(pid) &&
    runsWithArgument(pid, 'nats-server', '-sd', resolve(storeDir));
  if (ours) {
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; processAlive(pid); waited += 100) {
      if (waited >= 10_000) {
        throw new StartupError(
          `the nats-server left running with its store in ${resolve(storeDir)} (pid ${pid}) ` +
            'did not stop; stop it and start again',
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  rmSync(pidFile, { force: true });
  return ours ? pid : null;
}
