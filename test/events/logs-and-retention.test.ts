import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { SECRET_HEADER } from '../../lib/auth/caller';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import type { EventEnvelope } from '../../lib/events/catalogue';
import { startConsumer, type RunningConsumer } from '../../lib/events/consumer';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { Subjects } from '../../lib/events/subjects';
import { createLogger } from '../../lib/logger';
import { newAccount } from '../support/accounts';
import { newEnvelope, publishEnvelope } from '../support/event-streams';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';

/** A logger whose lines are kept for the test to read. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, any>);
  return { logger, lines, entries };
}

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { id } }`;

describe('the users service as its own process', () => {
  const prefix = uniquePrefix();
  const secret = `subgraph-secret-${randomUUID()}`;
  const databaseUrl = serviceDatabaseUrl('users', {}, TEST_DATABASE_URL, prefix);
  let users: ChildProcessWithoutNullStreams;
  let output = '';
  let url: string;

  /** One statement against the service's database. */
  const sql = async (text: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    // Its own process, as deployed: what it logs is what reaches standard output.
    users = spawn(process.execPath, ['-r', '@swc-node/register', 'subgraphs/users/main.ts'], {
      cwd: join(__dirname, '../..'),
      env: testEnv(prefix, {
        LOG_LEVEL: 'info',
        SUBGRAPH_SECRET: secret,
        EVENT_STREAM_MAX_AGE_HOURS: '30',
        EVENT_PRUNE_INTERVAL_SECONDS: '1',
      }),
    });
    users.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    users.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => /users ready at \S+/.test(output), 'the users service', 60_000);
    url = /users ready at (\S+)/.exec(output)![1];
  }, 90_000);

  afterAll(async () => {
    if (users && users.exitCode === null) {
      users.kill('SIGTERM');
      await once(users, 'exit');
    }
    await dropDatabase(databaseUrl);
    await deleteStreams(prefix);
  });

  it('logs a registration the database refuses without the email, the password hash or the row', async () => {
    // A constraint every new row breaks: PostgreSQL answers with the whole failing row in
    // `detail` (password hash included), and TypeORM adds the statement and its parameters.
    await sql('ALTER TABLE users ADD CONSTRAINT refuse_new_users CHECK (false) NOT VALID');
    const input = newAccount({ displayName: 'Logged Nowhere' });

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
      body: JSON.stringify({ query: REGISTER, variables: { input } }),
    });
    const body = (await response.json()) as { errors?: Array<Record<string, any>> };

    expect(body.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    await waitFor(() => output.includes('"unexpected error"'), 'the error logged');
    const entry = output
      .split('\n')
      .filter((line) => line.includes('"unexpected error"'))
      .map((line) => JSON.parse(line) as Record<string, any>)[0];
    expect(entry.err).toMatchObject({
      type: 'QueryFailedError',
      code: '23514',
      constraint: 'refuse_new_users',
      table: 'users',
    });
    expect(entry.err).not.toHaveProperty('parameters');
    expect(entry.err).not.toHaveProperty('query');
    expect(entry.err).not.toHaveProperty('detail');
    expect(output).not.toContain(input.email);
    expect(output).not.toContain(String(input.password));
    expect(output).not.toContain('$argon2');
    expect(output).not.toContain('Failing row');
    expect(output).not.toContain('Logged Nowhere');
    // And nothing was stored.
    expect(await sql('SELECT id FROM users WHERE email = $1', [input.email])).toEqual([]);
    expect(await sql('SELECT id FROM outbox')).toEqual([]);
  });

  it('gives the streams the max_age of its environment', async () => {
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const jsm = await jetstreamManager(nc);
      const subjects = new Subjects(prefix);
      for (const stream of subjects.allStreams()) {
        const { config } = await jsm.streams.info(subjects.stream(stream));
        expect(config.max_age).toBe(nanos(30 * 3_600_000));
      }
    } finally {
      await nc.close();
    }
  });

  it('prunes its published outbox rows after the retention and publishes old unsent ones', async () => {
    const stale = randomUUID();
    const unsent = randomUUID();
    await sql(
      `INSERT INTO outbox (id, type, envelope, created_at, published_at) VALUES
         ($1, 'user.profile_updated', '{}', now() - interval '3 days', now() - interval '25 hours'),
         ($2, 'user.profile_updated', $3, now() - interval '3 days', NULL)`,
      [
        stale,
        unsent,
        newEnvelope('user.profile_updated', {
          userId: randomUUID(),
          displayName: 'Late',
          phone: null,
        }),
      ],
    );

    // The pruner and the relay's poll are separate timers: either may come first.
    await waitFor(
      async () => (await sql('SELECT 1 FROM outbox WHERE id = $1', [stale])).length === 0,
      'the stale row pruned',
    );
    await waitFor(
      async () =>
        (await sql('SELECT published_at FROM outbox WHERE id = $1', [unsent]))[0]?.published_at !==
        null,
      'the old unsent row published',
    );
    const [row] = await sql('SELECT published_at FROM outbox WHERE id = $1', [unsent]);
    expect(row.published_at).not.toBeNull();
  });
});

describe('database errors of a failing event handler', () => {
  const prefix = uniquePrefix();
  const databaseUrl = serviceDatabaseUrl('logs', {}, TEST_DATABASE_URL, prefix);
  const captured = capturedLogger();
  let dataSource: DataSource;
  let bus: EventBus;
  const running: RunningConsumer[] = [];

  const deadLetter = (consumer: string) =>
    bus.jsm.streams.getMessage(bus.subjects.stream('DEADLETTER'), {
      last_by_subj: `${prefix}.deadletter.${consumer}`,
    });

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl,
      entities: [InboxEntry, OutboxMessage],
      migrations: [EventTables1763700000000],
      logger: captured.logger,
    });
    await dataSource.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        email text NOT NULL CONSTRAINT accounts_email_key UNIQUE,
        password_hash text NOT NULL
      )`);
    bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix,
      name: 'logs-test',
      logger: captured.logger,
    });
  });

  afterAll(async () => {
    await Promise.all(running.map((consumer) => consumer.stop()));
    await bus?.close();
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
    await deleteStreams(prefix);
  });

  it('logs and dead-letters a unique violation without the values of the statement', async () => {
    const email = `taken-${randomUUID()}@example.test`;
    const passwordHash = `$argon2id$v=19$m=19456,t=2,p=1$${randomUUID()}`;
    await dataSource.query('INSERT INTO accounts VALUES ($1, $2, $3)', [
      randomUUID(),
      email,
      'first',
    ]);
    running.push(
      await startConsumer({
        bus,
        dataSource,
        logger: captured.logger,
        name: 'copier',
        type: 'user.email_verified',
        retry: { maxDeliver: 2, baseDelayMs: 50, maxDelayMs: 50 },
        handle: async (event: EventEnvelope<'user.email_verified'>, manager) => {
          await manager.query('INSERT INTO accounts VALUES ($1, $2, $3)', [
            event.data.userId,
            event.data.email,
            passwordHash,
          ]);
        },
      }),
    );
    const event = newEnvelope('user.email_verified', { userId: randomUUID(), email });

    await publishEnvelope(bus, event);

    await waitFor(async () => (await deadLetter('copier')) !== null, 'the dead letter');
    const failures = captured.entries().filter((entry) => entry.eventId === event.id);
    expect(failures.map((entry) => entry.msg)).toEqual([
      'event failed; will retry',
      'event failed for good; dead-lettered',
    ]);
    for (const failure of failures) {
      expect(failure.err).toMatchObject({ code: '23505', constraint: 'accounts_email_key' });
    }
    const everything = captured.lines.join('\n');
    expect(everything).not.toContain(email);
    expect(everything).not.toContain(passwordHash);
    expect(everything).not.toContain('Key (email)');
    const parked = await deadLetter('copier');
    expect(parked!.header.get('Bazaar-Dead-Letter-Reason')).toBe(
      'duplicate key value violates unique constraint "accounts_email_key"',
    );
    expect(
      await dataSource.query('SELECT id FROM accounts WHERE email = $1', [email]),
    ).toHaveLength(1);
  });

  it('keeps a value quoted in the database message out of the dead letter and the logs', async () => {
    const token = `token-${randomUUID()}`;
    running.push(
      await startConsumer({
        bus,
        dataSource,
        logger: captured.logger,
        name: 'token_reader',
        type: 'user.password_reset_requested',
        retry: { maxDeliver: 1, baseDelayMs: 50, maxDelayMs: 50 },
        handle: async (event: EventEnvelope<'user.password_reset_requested'>, manager) => {
          await manager.query('SELECT $1::uuid', [event.data.resetToken]);
        },
      }),
    );
    const event = newEnvelope('user.password_reset_requested', {
      userId: randomUUID(),
      email: 'reset@example.test',
      displayName: 'Reset',
      resetToken: token,
    });

    await publishEnvelope(bus, event);

    await waitFor(async () => (await deadLetter('token_reader')) !== null, 'the dead letter');
    const parked = await deadLetter('token_reader');
    expect(parked!.header.get('Bazaar-Dead-Letter-Reason')).toBe(
      'invalid input syntax for type uuid: "[redacted]"',
    );
    const [failure] = captured.entries().filter((entry) => entry.eventId === event.id);
    expect(failure.err).toMatchObject({
      code: '22P02',
      message: parked!.header.get('Bazaar-Dead-Letter-Reason'),
    });
    expect(captured.lines.join('\n')).not.toContain(token);
  });
});
