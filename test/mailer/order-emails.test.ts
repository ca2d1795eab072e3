import { randomUUID } from 'node:crypto';
import type { EventCatalogue, OrderStatus } from '../../lib/events/catalogue';
import { startMailerUnderTest, type MailerUnderTest } from '../support/mailer-under-test';
import { settle } from '../support/wait-for';

describe('order emails', () => {
  let mailer: MailerUnderTest;

  async function person(name: string, role: 'CUSTOMER' | 'VENDOR') {
    const account = {
      userId: randomUUID(),
      email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`,
      displayName: name,
      role,
      verificationToken: null,
    };
    await mailer.publish('user.registered', account);
    await mailer.sink.waitForEmail(account.email, 1); // "account ready"
    return account;
  }

  beforeAll(async () => {
    mailer = await startMailerUnderTest();
  });
  afterAll(() => mailer.stop());

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
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'PENDING', 'AWAITING_PAYMENT'),
    );
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'AWAITING_PAYMENT', 'PAID'),
    );

    const confirmed = await mailer.sink.waitForEmail(customer.email, 2);
    expect(confirmed.subject).toBe(`Order confirmed (order ${orderId.slice(0, 8)})`);
    expect(confirmed.text).toContain('2 × Green Tea at €8.90');
    expect(confirmed.text).toContain('Total: €43.80');

    const teaEmail = await mailer.sink.waitForEmail(tea.email, 2);
    expect(teaEmail.subject).toBe(`New paid order ${orderId.slice(0, 8)}`);
    expect(teaEmail.text).toContain('Green Tea');
    expect(teaEmail.text).not.toContain('Piranesi');
    const booksEmail = await mailer.sink.waitForEmail(books.email, 2);
    expect(booksEmail.text).toContain('Piranesi');
    expect(booksEmail.text).not.toContain('Green Tea');

    await settle(500);
    // AWAITING_PAYMENT sends nothing: one email each beyond the account email.
    expect(mailer.sink.to(customer.email)).toHaveLength(2);
    expect(mailer.sink.to(tea.email)).toHaveLength(2);
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
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'AWAITING_PAYMENT', status),
    );
    const email = await mailer.sink.waitForEmail(customer.email, 2);
    expect(email.subject).toBe(`${subject} (order ${orderId.slice(0, 8)})`);
  });

  it('tells the customer a late payment was refunded', async () => {
    const customer = await person('Eli', 'CUSTOMER');
    const orderId = randomUUID();
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, [randomUUID(), randomUUID()], orderId, null, 'PENDING'),
    );
    await mailer.publish('payment.refunded', {
      orderId,
      paymentId: randomUUID(),
      amount: { amount: 4380, currency: 'EUR' },
      reason: 'LATE_PAYMENT',
    });
    const email = await mailer.sink.waitForEmail(customer.email, 2);
    expect(email.subject).toBe(`Payment refunded (order ${orderId.slice(0, 8)})`);
    expect(email.text).toContain('€43.80');
  });
});
