import { join } from 'node:path';
import { ConfigError } from '../lib/config/config-error';
import { checkPostgres } from '../lib/db/database';
import { connectNats } from '../lib/events/event-bus';
import { startDevMailbox } from '../lib/mail/dev-mailbox';
import type { Logger } from '../lib/logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findNatsServer, portOpen, startNatsServer, stopOrphanedNatsServer } from './nats-server';

/** A piece of infrastructure the launcher found or started; `stop` undoes only what it started. */
export interface Provided {
  url: string;
  /** How it was obtained, for the start-up banner. */
  source: string;
  stop(): Promise<void>;
}

const nothingToStop = async () => {};

/** `DATABASE_URL` if set; otherwise an embedded PostgreSQL under `<dataDir>/postgres`. */
export async function providePostgres(
  databaseUrl: string | undefined,
  dataDir: string,
  embeddedPort: number,
  logger: Logger,
): Promise<Provided> {
  if (databaseUrl) {
    // Said once, as such, before six services each fail on it.
    await checkPostgres(databaseUrl);
    return { url: databaseUrl, source: 'DATABASE_URL', stop: nothingToStop };
  }
  const server = await startEmbeddedPostgres(join(dataDir, 'postgres'), embeddedPort, logger);
  return { ...server, source: `embedded PostgreSQL (${join(dataDir, 'postgres')})` };
}

/**
 * `NATS_URL` if set; else a server already on 127.0.0.1:4222; else `nats-server` from PATH with
 * JetStream and its store under `<dataDir>/nats`; else a clear error. A nats-server an earlier
 * launcher of `dataDir` left running is stopped first rather than taken for someone else's.
 */
export async function provideNats(
  natsUrl: string | undefined,
  dataDir: string,
  searchPath: string,
  logger: Logger,
): Promise<Provided> {
  if (natsUrl) {
    await (await connectNats(natsUrl, 'launcher')).close();
    return { url: natsUrl, source: 'NATS_URL', stop: nothingToStop };
  }
  const pidFile = join(dataDir, 'nats-server.pid');
  const orphan = await stopOrphanedNatsServer(pidFile, join(dataDir, 'nats'));
  if (orphan) {
    logger.warn(
      { natsServerPid: orphan },
      'stopped the nats-server an earlier launcher left running',
    );
  }
  if (await portOpen('127.0.0.1', 4222)) {
    return { url: 'nats://127.0.0.1:4222', source: 'local server on 4222', stop: nothingToStop };
  }
  const binary = findNatsServer(searchPath);
  if (!binary) {
    throw new Error(
      'No NATS server: set NATS_URL, start one on 127.0.0.1:4222, or install nats-server ' +
        '(Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server).',
    );
  }
  const server = await startNatsServer(binary, join(dataDir, 'nats'), 4222, pidFile);
  return { ...server, source: `${binary} (JetStream store ${join(dataDir, 'nats')})` };
}

/**
 * `SMTP_URL` if set; otherwise, in development and test only, the dev mailbox under
 * `<dataDir>/mailbox` (the gateway shows it to anyone at `/dev/mailbox`, reset links included).
 */
export async function provideSmtp(
  smtpUrl: string | undefined,
  dataDir: string,
  devMailboxAllowed: boolean,
): Promise<Provided & { mailboxDir: string | null }> {
  if (smtpUrl) return { url: smtpUrl, source: 'SMTP_URL', stop: nothingToStop, mailboxDir: null };
  if (!devMailboxAllowed) {
    // The launcher's configuration check reports this first; a guard, not a path.
    throw new ConfigError([{ variable: 'SMTP_URL', message: 'required in production' }]);
  }
  const mailboxDir = join(dataDir, 'mailbox');
  const mailbox = await startDevMailbox(mailboxDir);
  return { ...mailbox, source: `dev mailbox (${mailboxDir})`, mailboxDir };
}
