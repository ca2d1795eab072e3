import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

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

/** Starts `nats-server` with JetStream, its store under `storeDir`, and waits until it listens. */
export async function startNatsServer(
  binary: string,
  storeDir: string,
  port: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  mkdirSync(storeDir, { recursive: true });
  const child = spawn(
    binary,
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', resolve(storeDir)],
    // Its own process group: a Ctrl-C meant for the launcher must not stop NATS before the
    // services have drained into it; the launcher stops it after them.
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  for (let attempt = 0; attempt < 50; attempt++) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with code ${child.exitCode}`);
    if (await portOpen('127.0.0.1', port)) {
      return {
        url: `nats://127.0.0.1:${port}`,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('nats-server did not start listening within 5 s');
}
