import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import { startConsumer, type RunningConsumer } from '../../lib/events/consumer';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { OutboxRelay } from '../../lib/events/outbox-relay';
import {
  DEFAULT_EVENT_RETENTION,
  eventRetention,
  pruneInbox,
  prunePublishedOutbox,
  type EventRetention,
} from '../../lib/events/retention';
import { testLogger } from '../support/event-streams';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const HOUR_MS = 3_600_000;

/** A day of published outbox rows, two hours of stream messages (so 26 h of inbox), batches of two. */
const RETENTION: EventRetention = eventRetention({
  publishedOutboxMs: 24 * HOUR_MS,
  streamMaxAgeMs: 2 * HOUR_MS,
  pruneIntervalMs: 100,
  pruneBatchSize: 2,
});

describe('retention of outbox and inbox rows', () => {
  const prefix = uniquePrefix();
  const databaseUrl = serviceDatabaseUrl('retention', {}, TEST_DATABASE_URL, prefix);
  const logger = testLogger();
  let dataSource: DataSource;
  let bus: EventBus;
  const running: Array<{ stop(): Promise<void> }> = [];

  /** An outbox row created and (unless null) published the given hours ago. */
  const outboxRow = async (createdHoursAgo: number, publishedHoursAgo: number | null) => {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO outbox (id, type, envelope, created_at, published_at)
       VALUES ($1, 'user.profile_updated', $2,
               now() - $3 * interval '1 hour',
               now() - $4 * interval '1 hour')`,
      [id, { id, secret: 'one-time-token' }, createdHoursAgo, publishedHoursAgo],
    );
    return id;
  };
  const inboxRow = async (consumer: string, processedHoursAgo: number) => {
    const eventId = randomUUID();
    await dataSource.query(
      `INSERT INTO inbox (event_id, consumer, processed_at)
       VALUES ($1, $2, now() - $3 * interval '1 hour')`,
      [eventId, consumer, processedHoursAgo],
    );
    return eventId;
  };
  const outboxIds = async (ids: string[]): Promise<string[]> =>
    (await dataSource.query('SELECT id FROM outbox WHERE id = ANY($1::uuid[])', [ids])).map(
      (row: { id: string }) => row.id,
    );
  const inboxIds = async (ids: string[]): Promise<string[]> =>
    (
      await dataSource.query('SELECT event_id FROM inbox WHERE event_id = ANY($1::uuid[])', [ids])
    ).map((row: { event_id: string }) => row.event_id);

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl,
      entities: [InboxEntry, OutboxMessage],
      migrations: [EventTables1763700000000],
      logger,
    });
    bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix,
      name: 'retention-test',
      logger,
      retention: RETENTION,
    });
  });

  afterAll(async () => {
    await Promise.all(running.map((part) => part.stop()));
    await bus?.close();
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
    await deleteStreams(prefix);
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM outbox');
    await dataSource.query('DELETE FROM inbox');
  });

  it('keeps inbox rows longer than the streams keep messages, by default and when configured', () => {
    expect(DEFAULT_EVENT_RETENTION.inboxMs).toBeGreaterThan(DEFAULT_EVENT_RETENTION.streamMaxAgeMs);
    expect(RETENTION.inboxMs).toBeGreaterThan(RETENTION.streamMaxAgeMs);
    // A verification token lives 48 h: its published outbox row is gone well before that.
    expect(DEFAULT_EVENT_RETENTION.publishedOutboxMs).toBeLessThan(48 * HOUR_MS);
  });

  it('deletes published outbox rows older than the retention, in batches, and nothing else', async () => {
    const old = [
      await outboxRow(30, 25),
      await outboxRow(48, 47),
      await outboxRow(200, 199),
      await outboxRow(26, 24.5),
      await outboxRow(100, 99),
    ];
    const recent = await outboxRow(30, 23); // created long ago, published within the retention
    const unpublished = await outboxRow(24 * 30, null); // a month old but never sent
    const fresh = await outboxRow(0, 0);

    // Five rows, batches of two: three statements, one call.
    expect(await prunePublishedOutbox(dataSource, RETENTION)).toBe(5);

    expect(await outboxIds(old)).toEqual([]);
    expect((await outboxIds([recent, unpublished, fresh])).sort()).toEqual(
      [recent, unpublished, fresh].sort(),
    );
    expect(await prunePublishedOutbox(dataSource, RETENTION)).toBe(0);
  });

  it('stops between batches when told to', async () => {
    const old = [await outboxRow(30, 25), await outboxRow(30, 26), await outboxRow(30, 27)];

    expect(await prunePublishedOutbox(dataSource, RETENTION, () => false)).toBe(2);
    expect(await outboxIds(old)).toHaveLength(1);
  });

  it("deletes one consumer's inbox rows older than the retention and keeps the rest", async () => {
    const inboxHours = RETENTION.inboxMs / HOUR_MS;
    const old = [
      await inboxRow('mailer', inboxHours + 1),
      await inboxRow('mailer', inboxHours + 50),
      await inboxRow('mailer', inboxHours + 0.1),
    ];
    const recent = await inboxRow('mailer', inboxHours - 0.5);
    const otherConsumer = await inboxRow('orders', inboxHours + 10);

    expect(await pruneInbox(dataSource, 'mailer', RETENTION)).toBe(3);

    expect(await inboxIds(old)).toEqual([]);
    expect((await inboxIds([recent, otherConsumer])).sort()).toEqual(
      [recent, otherConsumer].sort(),
    );
  });

  it('prunes the outbox while a relay runs, publishing old unsent rows instead of deleting them', async () => {
    const old = await outboxRow(30, 25);
    const unsent = await outboxRow(24 * 30, null);
    const relay = new OutboxRelay({ dataSource, bus, logger, intervalMs: 50 });
    running.push(relay);
    relay.start();

    await waitFor(async () => (await outboxIds([old])).length === 0, 'the old row pruned');
    await relay.stop();

    const [row] = await dataSource.query('SELECT published_at FROM outbox WHERE id = $1', [unsent]);
    expect(row.published_at).not.toBeNull();
  });

  it('prunes the inbox of a running consumer', async () => {
    const inboxHours = RETENTION.inboxMs / HOUR_MS;
    const old = await inboxRow('pruning', inboxHours + 1);
    const recent = await inboxRow('pruning', 1);
    const consumer: RunningConsumer = await startConsumer({
      bus,
      dataSource,
      logger,
      name: 'pruning',
      type: 'user.email_verified',
      handle: async () => {},
    });
    running.push(consumer);

    await waitFor(async () => (await inboxIds([old])).length === 0, 'the old inbox row pruned');
    await consumer.stop();

    expect(await inboxIds([recent])).toEqual([recent]);
  });
});
