import { randomUUID } from 'node:crypto';
import type { ConsumerInfo } from '@nats-io/jetstream';
import { Client } from 'pg';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import type { Env } from '../../lib/config/parse-env';
import { dropDatabase } from '../../lib/db/database';
import {
  streamOf,
  type EventCatalogue,
  type EventEnvelope,
  type EventType,
  type OrderStatus,
} from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { start } from '../../workers/mailer/main';
import { newEnvelope, publishEnvelope, testLogger } from './event-streams';
import { SmtpSink } from './smtp-sink';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from './test-env';
import { deleteStreams } from './test-system';
import { waitFor } from './wait-for';

/** A row of the mailer's delivery ledger, as the database holds it. */
export interface DeliveryRow {
  event_id: string;
  event_type: string;
  recipient: string;
  kind: string;
  subject: string;
  status: 'sending' | 'sent' | 'failed';
  message_id: string | null;
  attempts: number;
  last_error: string | null;
}

export interface MailerUnderTest {
  prefix: string;
  sink: SmtpSink;
  /** The mailer's own database, for looking at (or arranging) its rows. */
  db: Client;
  /** Publishes an event as its producer would; resolves with its stream sequence. */
  publish<T extends EventType>(type: T, data: EventCatalogue[T]): Promise<number>;
  /**
   * Publishes `envelope` as it is; pass another `msgID` to store a second copy of one event (a
   * redelivery JetStream's duplicate window does not drop). Resolves with its stream sequence.
   */
  publishEnvelope(envelope: EventEnvelope, msgID?: string): Promise<number>;
  /** The ledger rows of one event, by recipient and kind. */
  deliveries(eventId: string): Promise<DeliveryRow[]>;
  /** Waits until the mailer has acknowledged every `type` event up to stream sequence `seq`. */
  waitUntilHandled(type: EventType, seq: number): Promise<void>;
  /** Waits until the mailer has failed at the `type` event at `seq` and is delivering it again. */
  waitUntilRetried(type: EventType, seq: number): Promise<void>;
  /** Registers a user already verified and waits for its one "account ready" email. */
  register(displayName: string, role: 'CUSTOMER' | 'VENDOR'): Promise<Registered>;
  stop(): Promise<void>;
}

export type Registered = EventCatalogue['user.registered'];

/**
 * An `order.status_changed` payload for an order of two lines, the first from `vendors[0]`
 * (2 × Green Tea at €8.90), the second from `vendors[1]` (2 × Piranesi at €13.00).
 */
export function orderStatusChanged(
  customerId: string,
  vendors: [string, string],
  orderId: string,
  from: OrderStatus | null,
  to: OrderStatus,
): EventCatalogue['order.status_changed'] {
  return {
    orderId,
    customerId,
    vendorIds: vendors,
    total: { amount: 4380, currency: 'EUR' },
    lines: [
      {
        productId: randomUUID(),
        productName: 'Green Tea',
        vendorId: vendors[0],
        quantity: 2,
        unitPrice: { amount: 890, currency: 'EUR' },
      },
      {
        productId: randomUUID(),
        productName: 'Piranesi',
        vendorId: vendors[1],
        quantity: 2,
        unitPrice: { amount: 1300, currency: 'EUR' },
      },
    ],
    expiresAt: null,
    from,
    to,
    reason: null,
    at: new Date().toISOString(),
  };
}

/**
 * The mailer alone, with fresh subjects and database, an SMTP sink and short retry delays; events
 * are published straight to JetStream, as the services that own them would.
 */
export async function startMailerUnderTest(overrides: Env = {}): Promise<MailerUnderTest> {
  const prefix = uniquePrefix();
  const databaseUrl = serviceDatabaseUrl('mailer', {}, TEST_DATABASE_URL, prefix);
  const sink = new SmtpSink();
  await sink.start();
  const mailer = await start(
    mailerConfigFromEnv(
      testEnv(prefix, {
        SMTP_URL: sink.url,
        MAILER_RETRY_BASE_MS: '200',
        MAILER_RETRY_MAX_MS: '400',
        ...overrides,
      }),
    ),
  );
  const bus: EventBus = await connectEventBus({
    url: TEST_NATS_URL,
    prefix,
    name: 'test',
    logger: testLogger(),
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();

  // The durable consumer the mailer keeps for one event type (named as lib/events/consumer does).
  const consumerInfo = (type: EventType): Promise<ConsumerInfo> =>
    bus.jsm.consumers.info(
      bus.subjects.stream(streamOf(type)),
      `mailer_${type.replace(/\./g, '_')}`,
    );

  const publish: MailerUnderTest['publish'] = (type, data) =>
    publishEnvelope(bus, newEnvelope(type, data));

  return {
    prefix,
    sink,
    db,
    publish,
    publishEnvelope: (envelope, msgID) => publishEnvelope(bus, envelope, msgID),
    deliveries: async (eventId) =>
      (
        await db.query<DeliveryRow>(
          `SELECT event_id, event_type, recipient, kind, subject, status, message_id, attempts,
                  last_error
             FROM email_deliveries WHERE event_id = $1 ORDER BY recipient, kind`,
          [eventId],
        )
      ).rows,
    waitUntilHandled: (type, seq) =>
      waitFor(async () => {
        const info = await consumerInfo(type);
        return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0;
      }, `the mailer to handle ${type} #${seq}`),
    waitUntilRetried: (type, seq) =>
      waitFor(async () => {
        const info = await consumerInfo(type);
        return info.delivered.stream_seq >= seq && info.num_redelivered > 0;
      }, `the mailer to retry ${type} #${seq}`),
    register: async (displayName, role) => {
      const user: Registered = {
        userId: randomUUID(),
        email: `${displayName.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}@example.test`,
        displayName,
        role,
        verificationToken: null,
      };
      await publish('user.registered', user);
      await sink.waitForEmail(user.email, 1);
      return user;
    },
    stop: async () => {
      await mailer.stop();
      await bus.close();
      await db.end();
      await sink.stop();
      await dropDatabase(databaseUrl);
      await deleteStreams(prefix);
    },
  };
}
