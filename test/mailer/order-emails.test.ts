import { randomUUID } from 'node:crypto';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { dropDatabase } from '../../lib/db/database';
import type { EventCatalogue, EventType, OrderStatus } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import type { RunningService } from '../../lib/process/run-service';
import { mailerConfigFromEnv } from '../../workers/mailer/config';
import { start } from '../../workers/mailer/main';
import { newEnvelope, publishEnvelope, testLogger } from '../support/event-streams';
import { SmtpSink } from '../support/smtp-sink';
import { TEST_DATABASE_URL, TEST_NATS_URL, testEnv, uniquePrefix } from '../support/test-env';
import { deleteStreams } from '../support/test-system';
import { settle } from '../support/wait-for';

describe('order emails', () => {
  const prefix = uniquePrefix();
  const sink = new SmtpSink();
  let mailer: RunningService;
  let bus: EventBus;

  const publish = <T extends EventType>(type: T, data: EventCatalogue[T]) =>
    publishEnvelope(bus, newEnvelope(type, data));

  async function person(name: string, role: 'CUSTOMER' | 'VENDOR') {
    const account = {
      userId: randomUUID(),
      email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`,
      displayName: name,
      role,
      verificationToken: null,
    };
    await publish('user.registered', account);
    await sink.waitForEmail(account.email, 1); // "account ready"
    return account;
  }

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

  function change(
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

  it('confirms a paid order to the customer and tells each vendor only its own lines', async () => {
    const customer = await person('Casey', 'CUSTOMER');
    const tea = await person('Tea', 'VENDOR');
    const books = await person('Books', 'VENDOR');
    const orderId = randomUUID();
    const vendors: [string, string] = [tea.userId, books.userId];
    await publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'PENDING', 'AWAITING_PAYMENT'),
    );
    await publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'AWAITING_PAYMENT', 'PAID'),
    );

    const confirmed = await sink.waitForEmail(customer.email, 2);
    expect(confirmed.subject).toBe(`Order confirmed (order ${orderId.slice(0, 8)})`);
    expect(confirmed.text).toContain('2 × Green Tea at €8.90');
    expect(confirmed.text).toContain('Total: €43.80');

    const teaEmail = await sink.waitForEmail(tea.email, 2);
    expect(teaEmail.subject).toBe(`New paid order ${orderId.slice(0, 8)}`);
    expect(teaEmail.text).toContain('Green Tea');
    expect(teaEmail.text).not.toContain('Piranesi');
    const booksEmail = await sink.waitForEmail(books.email, 2);
    expect(booksEmail.text).toContain('Piranesi');
    expect(booksEmail.text).not.toContain('Green Tea');

    await settle(500);
    // AWAITING_PAYMENT sends nothing: one email each beyond the account email.
    expect(sink.to(customer.email)).toHaveLength(2);
    expect(sink.to(tea.email)).toHaveLength(2);
  });

  it.each([
    ['CANCELLED', 'Order cancelled'],
    ['EXPIRED', 'Order expired'],
    ['REJECTED', 'Order could not be placed'],
    ['REFUNDED', 'Order refunded'],
  ] as const)('tells the customer when an order is %s', async (status, subject) => {
    const customer = await person('Dana', 'CUSTOMER');
    const vendors: [string, string] = [randomUUID(), randomUUID()];
    const orderId = randomUUID();
    await publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'AWAITING_PAYMENT', status),
    );
    const email = await sink.waitForEmail(customer.email, 2);
    expect(email.subject).toBe(`${subject} (order ${orderId.slice(0, 8)})`);
  });

  it('tells the customer a late payment was refunded', async () => {
    const customer = await person('Eli', 'CUSTOMER');
    const orderId = randomUUID();
    await publish(
      'order.status_changed',
      change(customer.userId, [randomUUID(), randomUUID()], orderId, null, 'PENDING'),
    );
    await publish('payment.refunded', {
      orderId,
      paymentId: randomUUID(),
      amount: { amount: 4380, currency: 'EUR' },
      reason: 'LATE_PAYMENT',
    });
    const email = await sink.waitForEmail(customer.email, 2);
    expect(email.subject).toBe(`Payment refunded (order ${orderId.slice(0, 8)})`);
    expect(email.text).toContain('€43.80');
  });
});
