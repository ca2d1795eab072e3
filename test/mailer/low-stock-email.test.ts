import { randomUUID } from 'node:crypto';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase } from '../../lib/db/database';
import type { EventCatalogue, EventType } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import type { RunningService } from '../../lib/process/run-service';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { start } from '../../workers/mailer/main';
import { newEnvelope, publishEnvelope, testLogger } from '../support/event-streams';
import { SmtpSink } from '../support/smtp-sink';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { settle } from '../support/wait-for';

describe('low-stock emails to vendors', () => {
  const prefix = uniquePrefix();
  const sink = new SmtpSink();
  let mailer: RunningService;
  let bus: EventBus;

  const publish = <T extends EventType>(type: T, data: EventCatalogue[T]) =>
    publishEnvelope(bus, newEnvelope(type, data));

  const vendor = (suffix: string) => ({
    userId: randomUUID(),
    email: `vendor-${suffix}-${Date.now()}@example.test`,
    displayName: `Vendor ${suffix}`,
    role: 'VENDOR' as const,
    verificationToken: 'unused',
  });

  const lowStock = (vendorId: string, productName: string) => ({
    productId: randomUUID(),
    vendorId,
    productName,
    available: 2,
    threshold: 5,
  });

  beforeAll(async () => {
    await sink.start();
    mailer = await start(
      mailerConfigFromEnv(
        testEnv(prefix, {
          SMTP_URL: sink.url,
          MAILER_RETRY_BASE_MS: '200',
          MAILER_RETRY_MAX_MS: '400',
        }),
      ),
    );
    bus = await connectEventBus({ url: TEST_NATS_URL, prefix, name: 'test', logger: testLogger() });
  });

  afterAll(async () => {
    await mailer?.stop();
    await bus?.close();
    await sink.stop();
    await dropDatabase(serviceDatabaseUrl('mailer', {}, TEST_DATABASE_URL, prefix));
    await deleteStreams(prefix);
  });

  it('emails the vendor by the address it registered with, under its current name', async () => {
    const v = vendor('a');
    await publish('user.registered', v);
    await sink.waitForEmail(v.email, 1); // the welcome email
    await publish('user.profile_updated', {
      userId: v.userId,
      displayName: 'Renamed Vendor',
      phone: null,
    });
    await settle(300);
    await publish('stock.low', lowStock(v.userId, 'Blue Teapot'));

    const email = await sink.waitForEmail(v.email, 2);
    expect(email.subject).toBe('Low stock: Blue Teapot');
    expect(email.text).toContain('Hello Renamed Vendor');
    expect(email.text).toContain('2 available');
    expect(email.text).toContain('threshold is 5');
  });

  it('waits for a vendor it has not heard of yet instead of dropping the email', async () => {
    const v = vendor('b');
    await publish('stock.low', lowStock(v.userId, 'Red Kettle'));
    await settle(600);
    expect(sink.to(v.email)).toHaveLength(0);

    await publish('user.registered', v);
    await sink.waitForEmail(v.email, 2);
    expect(
      sink
        .to(v.email)
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['Low stock: Red Kettle', 'Welcome to Bazaar – confirm your email']);
  });
});
