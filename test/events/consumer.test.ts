import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import type { EventEnvelope, EventType } from '../../lib/events/catalogue';
import { startConsumer, type RunningConsumer } from '../../lib/events/consumer';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { EventTables1763700000000 } from '../../lib/events/event-tables.migration';
import { InboxEntry } from '../../lib/events/inbox-entry.entity';
import { OutboxMessage } from '../../lib/events/outbox-message.entity';
import { newEnvelope, publishEnvelope, streamMessages, testLogger } from '../support/event-streams';
import { TEST_DATABASE_URL, TEST_NATS_URL, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const RETRY = { maxDeliver: 3, baseDelayMs: 100, maxDelayMs: 400 };

/** The handler's visible effect: one row per event it handled. */
const recordEffect = (event: EventEnvelope, manager: EntityManager) =>
  manager.query('INSERT INTO effects (event_id) VALUES ($1)', [event.id]) as Promise<unknown>;

describe('durable event consumer', () => {
  const prefix = uniquePrefix();
  const databaseUrl = serviceDatabaseUrl('consumer', {}, TEST_DATABASE_URL, prefix);
  const logger = testLogger();
  let dataSource: DataSource;
  let bus: EventBus;
  const running: RunningConsumer[] = [];

  /** Attempts per event id, counted before the handler does anything else. */
  const attempts = new Map<string, number>();
  const countAttempt = (event: EventEnvelope) => {
    const attempt = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, attempt);
    return attempt;
  };

  const consume = async (
    name: string,
    type: EventType,
    handle: (event: EventEnvelope, manager: EntityManager) => Promise<void>,
    only?: (event: EventEnvelope) => boolean,
  ) => {
    const consumer = await startConsumer({
      bus,
      dataSource,
      logger,
      name,
      type,
      retry: RETRY,
      handle,
      only,
    });
    running.push(consumer);
    return consumer;
  };
  const effectsOf = async (eventId: string): Promise<number> =>
    Number(
      (
        await dataSource.query('SELECT count(*) AS n FROM effects WHERE event_id = $1', [eventId])
      )[0].n,
    );
  const inboxOf = (eventId: string): Promise<Array<{ consumer: string }>> =>
    dataSource.query('SELECT consumer FROM inbox WHERE event_id = $1', [eventId]);
  const consumerInfo = (type: EventType, name: string) =>
    bus.jsm.consumers.info(bus.subjects.stream('USERS'), `${name}_${type.replace(/\./g, '_')}`);

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl,
      entities: [InboxEntry, OutboxMessage],
      migrations: [EventTables1763700000000],
      logger,
    });
    await dataSource.query(`
      CREATE TABLE effects (
        id serial PRIMARY KEY,
        event_id uuid NOT NULL
      )`);
    bus = await connectEventBus({ url: TEST_NATS_URL, prefix, name: 'consumer-test', logger });
  });

  afterAll(async () => {
    await Promise.all(running.map((consumer) => consumer.stop()));
    await bus?.close();
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
    await deleteStreams(prefix);
  });

  // Each test consumes its own event type, so no consumer sees another test's events.

  it('has the effect of an event delivered twice only once and acks both deliveries', async () => {
    const type = 'user.email_verified';
    await consume('dedupe', type, async (event, manager) => {
      countAttempt(event);
      await recordEffect(event, manager);
    });
    const event = newEnvelope(type, { userId: randomUUID(), email: 'twice@example.test' });

    const firstSeq = await publishEnvelope(bus, event);
    const secondSeq = await publishEnvelope(bus, event, randomUUID());
    expect(secondSeq).toBe(firstSeq + 1); // really stored twice, not dropped as a duplicate

    await waitFor(async () => {
      const info = await consumerInfo(type, 'dedupe');
      return info.ack_floor.stream_seq === secondSeq && info.num_ack_pending === 0;
    }, 'both deliveries acked');
    const info = await consumerInfo(type, 'dedupe');
    expect(info.num_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
    expect(await effectsOf(event.id)).toBe(1);
    expect(attempts.get(event.id)).toBe(1); // the second copy stopped at the inbox
    expect(await inboxOf(event.id)).toEqual([{ consumer: 'dedupe' }]);
  });

  it('retries a failing handler and dead-letters the event after maxDeliver attempts', async () => {
    const type = 'user.password_changed';
    await consume('always_fails', type, async (event, manager) => {
      const attempt = countAttempt(event);
      await recordEffect(event, manager);
      throw new Error(`handler broke on attempt ${attempt}`);
    });
    const deadLetters = bus.subjects.stream('DEADLETTER');
    const event = newEnvelope(type, { userId: randomUUID(), email: 'broken@example.test' });
    await publishEnvelope(bus, event);

    await waitFor(
      async () => (await bus.jsm.streams.info(deadLetters)).state.messages > 0,
      'a dead letter',
    );
    const parked = await bus.jsm.streams.getMessage(deadLetters, {
      last_by_subj: `${prefix}.deadletter.always_fails`,
    });
    expect(parked).not.toBeNull();
    expect(parked!.json<EventEnvelope>()).toEqual(event);
    expect(parked!.header.get('Bazaar-Dead-Letter-Reason')).toBe(
      `handler broke on attempt ${RETRY.maxDeliver}`,
    );
    expect(parked!.header.get('Bazaar-Original-Subject')).toBe(`${prefix}.${type}`);
    expect(attempts.get(event.id)).toBe(RETRY.maxDeliver);

    // Terminated: no further attempts, and every attempt's writes were rolled back.
    await waitFor(async () => {
      const info = await consumerInfo(type, 'always_fails');
      return info.num_ack_pending === 0 && info.num_pending === 0;
    }, 'the dead-lettered event to be terminated');
    expect(attempts.get(event.id)).toBe(RETRY.maxDeliver);
    expect((await bus.jsm.streams.info(deadLetters)).state.messages).toBe(1);
    expect(await effectsOf(event.id)).toBe(0);
    expect(await inboxOf(event.id)).toEqual([]);
    const info = await consumerInfo(type, 'always_fails');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  });

  it('writes the effect exactly once when the handler fails once and then succeeds', async () => {
    const type = 'user.profile_updated';
    await consume('flaky', type, async (event, manager) => {
      const attempt = countAttempt(event);
      await recordEffect(event, manager);
      if (attempt === 1) throw new Error('transient failure');
    });
    const event = newEnvelope(type, { userId: randomUUID(), displayName: 'Flaky', phone: null });
    await publishEnvelope(bus, event);

    await waitFor(async () => (await effectsOf(event.id)) > 0, 'the effect');
    await waitFor(
      async () => (await consumerInfo(type, 'flaky')).num_ack_pending === 0,
      'the retry acked',
    );
    expect(attempts.get(event.id)).toBe(2);
    expect(await effectsOf(event.id)).toBe(1);
    expect(await inboxOf(event.id)).toEqual([{ consumer: 'flaky' }]);
    const deadLetters = await bus.jsm.streams.getMessage(bus.subjects.stream('DEADLETTER'), {
      last_by_subj: `${prefix}.deadletter.flaky`,
    });
    expect(deadLetters).toBeNull();
  });

  describe('an event that does not match the catalogue', () => {
    const type = 'user.registered';
    const deadLetterOf = (eventId: string) =>
      streamMessages(bus.jsm, bus.subjects.stream('DEADLETTER')).then((messages) =>
        messages.find((message) => message.json<{ id: string }>().id === eventId),
      );
    const handled: string[] = [];

    beforeAll(() =>
      consume('validating', type, async (event, manager) => {
        handled.push(event.id);
        await recordEffect(event, manager);
      }),
    );

    const goodEvent = () =>
      newEnvelope(type, {
        userId: randomUUID(),
        email: 'good@example.test',
        displayName: 'Good',
        role: 'CUSTOMER',
        verificationToken: null,
      });

    type Registered = ReturnType<typeof goodEvent>;
    it.each([
      [
        'a payload of the wrong shape',
        (good: Registered) => ({
          ...good,
          data: { ...good.data, role: 'OWNER', verificationToken: 7 },
        }),
        /^bad user\.registered payload: role: .*; verificationToken: /,
      ],
      [
        'an unknown version',
        (good: Registered) => ({ ...good, version: 2 }),
        /^unknown version 2 of user\.registered \(knows 1\)$/,
      ],
    ])('dead-letters %s with the reason and handles the next event', async (_, spoil, reason) => {
      const good = goodEvent();
      const bad = { ...spoil(good), id: randomUUID() };
      const raw = new TextEncoder().encode(JSON.stringify(bad));
      await bus.js.publish(bus.subjects.event(type), raw, { msgID: bad.id });
      await publishEnvelope(bus, good);

      await waitFor(async () => (await effectsOf(good.id)) === 1, 'the good event handled');
      await waitFor(async () => (await deadLetterOf(bad.id)) !== undefined, 'a dead letter');
      const parked = (await deadLetterOf(bad.id))!;
      expect(parked.header.get('Bazaar-Dead-Letter-Reason')).toMatch(reason);
      expect(parked.header.get('Bazaar-Original-Subject')).toBe(`${prefix}.${type}`);
      expect(handled).not.toContain(bad.id);
      expect(await inboxOf(bad.id)).toEqual([]);
      expect(await effectsOf(bad.id)).toBe(0);
      await waitFor(async () => {
        const info = await consumerInfo(type, 'validating');
        return info.num_pending === 0 && info.num_ack_pending === 0;
      }, 'both settled, nothing redelivered');
    });
  });

  it('handles events of different aggregates at once and those of one aggregate in order', async () => {
    const type = 'user.verification_requested';
    const users = [randomUUID(), randomUUID()];
    const log: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    await consume('keyed', type, async (event, manager) => {
      const token = (event as EventEnvelope<typeof type>).data.verificationToken;
      log.push(`start ${token}`);
      if (token === 'a1') await firstHeld;
      await recordEffect(event, manager);
      log.push(`end ${token}`);
    });
    const event = (userId: string, token: string) =>
      newEnvelope(type, {
        userId,
        email: 'k@example.test',
        displayName: 'K',
        verificationToken: token,
      });
    const events = [event(users[0], 'a1'), event(users[0], 'a2'), event(users[1], 'b1')];
    for (const each of events) await publishEnvelope(bus, each);

    // b1 finishes while a1 is held: another user's event does not wait; a2 waits for a1.
    await waitFor(async () => log.includes('end b1'), 'the other user handled');
    expect(log).not.toContain('start a2');
    releaseFirst();
    await waitFor(async () => log.includes('end a2'), 'the held user handled');
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
  });

  it('acks the events its filter leaves out without handling them or writing the inbox', async () => {
    const type = 'user.password_reset_requested';
    const handled: string[] = [];
    await consume(
      'filtered',
      type,
      async (event, manager) => {
        handled.push(event.id);
        await recordEffect(event, manager);
      },
      (event) => (event as EventEnvelope<typeof type>).data.resetToken === 'wanted',
    );
    const event = (resetToken: string) =>
      newEnvelope(type, {
        userId: randomUUID(),
        email: 'f@example.test',
        displayName: 'F',
        resetToken,
      });
    const [skipped, wanted] = [event('other'), event('wanted')];
    await publishEnvelope(bus, skipped);
    const lastSeq = await publishEnvelope(bus, wanted);

    await waitFor(async () => {
      const info = await consumerInfo(type, 'filtered');
      return info.ack_floor.stream_seq === lastSeq && info.num_ack_pending === 0;
    }, 'both events acked');
    expect(handled).toEqual([wanted.id]);
    expect(await effectsOf(skipped.id)).toBe(0);
    expect(await inboxOf(skipped.id)).toEqual([]);
    expect(await effectsOf(wanted.id)).toBe(1);
    expect(await inboxOf(wanted.id)).toEqual([{ consumer: 'filtered' }]);
    expect((await consumerInfo(type, 'filtered')).num_redelivered).toBe(0);
  });
});
