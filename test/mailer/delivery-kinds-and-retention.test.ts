import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { mailerDatabase } from '../../workers/mailer/database';
import { pruneEmailDeliveries } from '../../workers/mailer/delivery-retention';
import { testLogger } from '../support/event-streams';
import { testEnv, uniquePrefix } from '../support/test-env';

const DAY_MS = 24 * 3_600_000;
const migrations = mailerDatabase.migrations as Array<new () => { name: string }>;
const KINDS_MIGRATION = 'EmailDeliveryKinds1764900000000';

describe('email deliveries carried over from the sent-log', () => {
  const url = mailerConfigFromEnv(testEnv(uniquePrefix())).databaseUrl;
  let dataSource: DataSource | undefined;
  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  /** The mailer's database migrated up to, not including, `before`. */
  const migrateUpTo = async (before: string) => {
    await dataSource?.destroy();
    const upTo = migrations.findIndex((migration) => new migration().name === before);
    dataSource = await openDatabase({
      url,
      entities: [],
      migrations: upTo < 0 ? migrations : migrations.slice(0, upTo),
      logger: testLogger(),
    });
    return dataSource;
  };

  it('get the kind each handler writes, so a redelivered event finds its emails sent', async () => {
    const old = await migrateUpTo('EmailDeliveries1764500000000');
    const sent = [
      ['user.registered', 'Welcome to Bazaar – confirm your email', 'welcome'],
      ['user.verification_requested', 'Confirm your email for Bazaar', 'verification'],
      ['user.password_reset_requested', 'Reset your Bazaar password', 'password-reset'],
      ['order.status_changed', 'Order confirmed (order 1234abcd)', 'order-status'],
      ['order.status_changed', 'New paid order 1234abcd', 'vendor-new-order'],
      ['payment.refunded', 'Payment refunded (order 1234abcd)', 'late-payment-refund'],
      ['stock.low', 'Low stock: Tea', 'low-stock'],
    ].map(([eventType, subject, kind]) => ({ eventId: randomUUID(), eventType, subject, kind }));
    for (const row of sent) {
      await old.query(
        `INSERT INTO sent_emails (event_id, event_type, recipient, subject) VALUES ($1, $2, $3, $4)`,
        [row.eventId, row.eventType, 'someone@example.com', row.subject],
      );
    }
    await migrateUpTo(KINDS_MIGRATION);
    const current = await migrateUpTo('none: every migration');

    const kinds: Array<{ event_id: string; kind: string; status: string }> = await current.query(
      'SELECT event_id, kind, status FROM email_deliveries',
    );
    expect(kinds).toHaveLength(sent.length);
    for (const row of sent) {
      expect(kinds.find((found) => found.event_id === row.eventId)).toEqual({
        event_id: row.eventId,
        kind: row.kind,
        status: 'sent',
      });
    }
  });
});

describe('the retention of email deliveries', () => {
  const config = mailerConfigFromEnv(testEnv(uniquePrefix()));
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openDatabase({
      url: config.databaseUrl,
      ...mailerDatabase,
      logger: testLogger(),
    });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(config.databaseUrl);
  });

  const delivery = async (daysAgo: number, status: 'sent' | 'failed' | 'sending') => {
    const [{ id }]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO email_deliveries
         (event_id, event_type, recipient, kind, subject, status, attempts, sent_at, updated_at)
       VALUES ($1, 'user.registered', 'someone@example.com', 'welcome', 'Welcome', $2, 1,
               CASE WHEN $2 = 'sent' THEN now() END, now() - $3::double precision * interval '1 day')
       RETURNING id`,
      [randomUUID(), status, daysAgo],
    );
    return id;
  };

  it('keeps 30 days by default, and no less than a day', () => {
    expect(config.deliveryRetentionMs).toBe(30 * DAY_MS);
    expect(
      mailerConfigFromEnv(testEnv(uniquePrefix(), { EMAIL_DELIVERY_RETENTION_DAYS: '7' }))
        .deliveryRetentionMs,
    ).toBe(7 * DAY_MS);
    expect(() =>
      mailerConfigFromEnv(testEnv(uniquePrefix(), { EMAIL_DELIVERY_RETENTION_DAYS: '0.5' })),
    ).toThrow(/EMAIL_DELIVERY_RETENTION_DAYS/);
  });

  it('deletes, in batches, the rows last attempted before the retention, whatever their status', async () => {
    const old = [
      await delivery(31, 'sent'),
      await delivery(40, 'failed'),
      await delivery(35, 'sending'),
    ];
    const recent = [await delivery(29, 'sent'), await delivery(0, 'failed')];

    const deleted = await pruneEmailDeliveries(dataSource, config.deliveryRetentionMs, 2);

    expect(deleted).toBe(3);
    const left: Array<{ id: string }> = await dataSource.query('SELECT id FROM email_deliveries');
    expect(left.map((row) => row.id).sort()).toEqual([...recent].sort());
    expect(left.map((row) => row.id)).not.toContain(old[0]);
  });
});
