import type { DataSource } from 'typeorm';
import { createAccessTokenSigner } from '../../lib/auth/access-token';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import type { EventCatalogue, EventEnvelope } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { withEventTables } from '../../lib/events/event-tables';
import { enqueueEvent, transactionWithEvents } from '../../lib/events/outbox';
import { OutboxRelay, RELAY_LOCK } from '../../lib/events/outbox-relay';
import { usersConfigFromEnv, type UsersConfig } from '../../subgraphs/users/config';
import { usersDatabase } from '../../subgraphs/users/database';
import { AbuseLimits } from '../../subgraphs/users/services/abuse-limits';
import { AccountService } from '../../subgraphs/users/services/account.service';
import { PASSWORD, newAccount } from '../support/accounts';
import { messagesWithId, streamMessages, testLogger } from '../support/event-streams';
import { testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';

interface OutboxRow {
  id: string;
  type: string;
  envelope: EventEnvelope;
  published_at: Date | null;
}

describe('transactional outbox of the users service', () => {
  const prefix = uniquePrefix();
  const logger = testLogger();
  let config: UsersConfig;
  let dataSource: DataSource;
  let accounts: AccountService;
  let bus: EventBus;
  let usersStream: string;
  const relays: OutboxRelay[] = [];

  const outboxRow = async (id: string): Promise<OutboxRow | undefined> =>
    (await dataSource.query('SELECT * FROM outbox WHERE id = $1', [id]))[0];
  const outboxCount = async (): Promise<number> =>
    Number((await dataSource.query('SELECT count(*) AS n FROM outbox'))[0].n);
  const streamCount = async (): Promise<number> =>
    (await bus.jsm.streams.info(usersStream)).state.messages;
  const newRelay = () => {
    const relay = new OutboxRelay({ dataSource, bus, logger, intervalMs: 50 });
    relays.push(relay);
    return relay;
  };

  /** Registers through the real service, with no relay to wake. */
  const registerAccount = async (overrides: Record<string, unknown> = {}) => {
    const input = newAccount({ password: PASSWORD, ...overrides });
    const user = await accounts.register(input, 'req-outbox-test', null);
    const [row]: OutboxRow[] = await dataSource.query(
      `SELECT * FROM outbox WHERE type = 'user.registered' AND envelope->'data'->>'userId' = $1`,
      [user.id],
    );
    return { input, user, row };
  };

  beforeAll(async () => {
    config = usersConfigFromEnv(testEnv(prefix));
    dataSource = await openDatabase({
      url: config.databaseUrl,
      ...withEventTables(usersDatabase),
      logger,
    });
    accounts = new AccountService({
      dataSource,
      config,
      signAccessToken: await createAccessTokenSigner(config.signingKeys.privateKeyPem),
      publisher: { kick() {} },
      limits: new AbuseLimits(dataSource, config.abuseLimits),
    });
    bus = await connectEventBus({ ...config.nats, name: 'outbox-test', logger });
    usersStream = bus.subjects.stream('USERS');
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await bus?.close();
    await dataSource?.destroy();
    await dropDatabase(config.databaseUrl);
    await deleteStreams(prefix);
  });

  it('commits the account and an unpublished user.registered outbox row together', async () => {
    const { input, user, row } = await registerAccount({ displayName: 'Olga Outbox' });

    const users = await dataSource.query(
      'SELECT id, email, display_name FROM users WHERE id = $1',
      [user.id],
    );
    expect(users).toEqual([{ id: user.id, email: input.email, display_name: 'Olga Outbox' }]);
    expect(row).toBeDefined();
    expect(row.type).toBe('user.registered');
    expect(row.published_at).toBeNull();
    expect(row.envelope).toMatchObject({
      id: row.id,
      type: 'user.registered',
      requestId: 'req-outbox-test',
      data: { userId: user.id, email: input.email, displayName: 'Olga Outbox', role: 'CUSTOMER' },
    });
    expect(row.envelope.data).toHaveProperty('verificationToken', expect.any(String));
    // Nothing reaches NATS without a relay.
    expect(await streamCount()).toBe(0);
  });

  it('adds no outbox row when a duplicate registration fails with CONFLICT', async () => {
    const { input } = await registerAccount();
    const rowsBefore = await outboxCount();

    await expect(accounts.register({ ...input }, 'req-duplicate', null)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', field: 'input.email' },
    });

    expect(await outboxCount()).toBe(rowsBefore);
    const sameEmail = await dataSource.query('SELECT id FROM users WHERE email = $1', [
      input.email,
    ]);
    expect(sameEmail).toHaveLength(1);
  });

  it('publishes an outbox row written while no relay ran once a relay starts', async () => {
    const { row } = await registerAccount();
    const relay = newRelay();
    relay.start();

    await waitFor(async () => (await outboxRow(row.id))?.published_at != null, 'row marked sent');
    await relay.stop();

    const [message, ...others] = await messagesWithId(bus.jsm, usersStream, row.id);
    expect(others).toHaveLength(0);
    expect(message.subject).toBe(`${prefix}.user.registered`);
    expect(message.json<EventEnvelope>()).toEqual(row.envelope);
    // Every pending row was relayed, including those of the earlier tests.
    expect(await dataSource.query('SELECT id FROM outbox WHERE published_at IS NULL')).toEqual([]);
  });

  it('publishes an event enqueued while the relay was stopped once a new relay starts', async () => {
    const first = newRelay();
    first.start();
    await first.stop();

    const envelope = await dataSource.transaction((manager) =>
      enqueueEvent(manager, 'user.profile_updated', {
        userId: '00000000-0000-4000-8000-000000000001',
        displayName: 'Renamed While Down',
        phone: null,
      }),
    );
    // Nothing to wait for: once stop() resolved the first relay holds no timer or connection.
    expect((await outboxRow(envelope.id))?.published_at).toBeNull();
    expect(await messagesWithId(bus.jsm, usersStream, envelope.id)).toHaveLength(0);

    const second = newRelay();
    second.start();
    await waitFor(
      async () => (await outboxRow(envelope.id))?.published_at != null,
      'row marked sent by the new relay',
    );
    await second.stop();

    const messages = await messagesWithId(bus.jsm, usersStream, envelope.id);
    expect(messages.map((message) => message.json<EventEnvelope>())).toEqual([envelope]);
  });

  it('does not publish twice when the relay crashed between publishing and marking the row', async () => {
    const { row } = await registerAccount();
    const relay = newRelay();
    expect(await relay.relayBatch()).toBe(1);
    expect((await outboxRow(row.id))?.published_at).not.toBeNull();
    const messagesBefore = await streamCount();

    // What a crash after publish but before commit leaves behind: a published row still pending.
    await dataSource.query('UPDATE outbox SET published_at = NULL WHERE id = $1', [row.id]);
    expect(await relay.relayBatch()).toBe(1);

    expect((await outboxRow(row.id))?.published_at).not.toBeNull();
    expect(await streamCount()).toBe(messagesBefore);
    expect(await messagesWithId(bus.jsm, usersStream, row.id)).toHaveLength(1);
  });

  it('leaves no outbox row when the transaction rolls back', async () => {
    let enqueued: EventEnvelope | undefined;
    const rowsBefore = await outboxCount();

    await expect(
      dataSource.transaction(async (manager) => {
        enqueued = await enqueueEvent(manager, 'user.email_verified', {
          userId: '00000000-0000-4000-8000-000000000002',
          email: 'rolled-back@example.test',
        });
        throw new Error('the change failed after the event was enqueued');
      }),
    ).rejects.toThrow('the change failed');

    expect(enqueued).toBeDefined();
    expect(await outboxRow(enqueued!.id)).toBeUndefined();
    expect(await outboxCount()).toBe(rowsBefore);
    expect(await newRelay().relayBatch()).toBe(0);
    expect(await messagesWithId(bus.jsm, usersStream, enqueued!.id)).toHaveLength(0);
  });

  it('refuses a payload that does not match the catalogue, and the change rolls back', async () => {
    const rowsBefore = await outboxCount();
    const userId = '00000000-0000-4000-8000-000000000003';
    const notAProfile = {
      userId,
      displayName: 42,
    } as unknown as EventCatalogue['user.profile_updated'];

    await expect(
      dataSource.transaction((manager) =>
        enqueueEvent(manager, 'user.profile_updated', notAProfile),
      ),
    ).rejects.toThrow(/^Invalid user\.profile_updated event: displayName: .*; phone: /);

    expect(await outboxCount()).toBe(rowsBefore);
  });

  it('publishes at once when kicked after a commit, not at the next poll', async () => {
    const relay = new OutboxRelay({ dataSource, bus, logger, intervalMs: 60 * 60_000 });
    relays.push(relay);
    relay.start();
    await waitFor(
      async () =>
        (await dataSource.query('SELECT 1 FROM outbox WHERE published_at IS NULL')).length === 0,
      'the first round (at start) to publish what was pending',
    );

    const envelope = await transactionWithEvents(dataSource, relay, (manager) =>
      enqueueEvent(manager, 'user.email_verified', {
        userId: '00000000-0000-4000-8000-000000000004',
        email: 'kicked@example.test',
      }),
    );
    // The poll is an hour away: only the kick can have published it.
    await waitFor(async () => (await outboxRow(envelope.id))?.published_at != null, 'row sent');
    await relay.stop();
  });

  it('stores the events of each user in the order they were written when a batch goes out in waves', async () => {
    const users = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000010${n}`);
    const written: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (const userId of users) {
        const envelope = await dataSource.transaction((manager) =>
          enqueueEvent(manager, 'user.profile_updated', {
            userId,
            displayName: `${userId} #${round}`,
            phone: null,
          }),
        );
        written.push(envelope.id);
      }
    }
    expect(await newRelay().relayBatch()).toBe(written.length);

    const stored = (await streamMessages(bus.jsm, usersStream))
      .map((message) => message.json<EventEnvelope<'user.profile_updated'>>())
      .filter((event) => written.includes(event.id));
    for (const userId of users) {
      const names = stored
        .filter((event) => event.data.userId === userId)
        .map((e) => e.data.displayName);
      expect(names).toEqual([0, 1, 2, 3].map((round) => `${userId} #${round}`));
    }
  });

  it("leaves the rows to another replica's relay while its round is in progress", async () => {
    const { row } = await registerAccount();
    // What a round of another replica's relay holds while it publishes.
    const otherRound = dataSource.createQueryRunner();
    await otherRound.connect();
    await otherRound.startTransaction();
    await otherRound.query('SELECT pg_advisory_xact_lock($1)', [RELAY_LOCK]);
    try {
      expect(await newRelay().relayBatch()).toBe(0);
      expect((await outboxRow(row.id))?.published_at).toBeNull();
      expect(await messagesWithId(bus.jsm, usersStream, row.id)).toHaveLength(0);
    } finally {
      await otherRound.rollbackTransaction();
      await otherRound.release();
    }
    expect(await newRelay().relayBatch()).toBeGreaterThanOrEqual(1);
    expect(await messagesWithId(bus.jsm, usersStream, row.id)).toHaveLength(1);
  });
});
