import { randomUUID } from 'node:crypto';
import {
  orderStatusChanged as change,
  startMailerUnderTest,
  type MailerUnderTest,
} from '../support/mailer-under-test';
import { newEnvelope } from '../support/event-streams';

describe('order emails', () => {
  let mailer: MailerUnderTest;

  beforeAll(async () => {
    mailer = await startMailerUnderTest();
  });
  afterAll(() => mailer.stop());

  it('confirms a paid order to the customer and tells each vendor only its own lines', async () => {
    const customer = await mailer.register('Casey', 'CUSTOMER');
    const tea = await mailer.register('Tea', 'VENDOR');
    const books = await mailer.register('Books', 'VENDOR');
    const orderId = randomUUID();
    const vendors: [string, string] = [tea.userId, books.userId];
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'PENDING', 'AWAITING_PAYMENT'),
    );
    const paidSeq = await mailer.publish(
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

    await mailer.waitUntilHandled('order.status_changed', paidSeq);
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
    const customer = await mailer.register('Dana', 'CUSTOMER');
    const vendors: [string, string] = [randomUUID(), randomUUID()];
    const orderId = randomUUID();
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, vendors, orderId, 'AWAITING_PAYMENT', status),
    );
    const email = await mailer.sink.waitForEmail(customer.email, 2);
    expect(email.subject).toBe(`${subject} (order ${orderId.slice(0, 8)})`);
  });

  it('tells the customer a late payment was refunded, by the customer the refund names', async () => {
    const customer = await mailer.register('Eli', 'CUSTOMER');
    const orderId = randomUUID();
    await mailer.publish('payment.refunded', {
      orderId,
      paymentId: randomUUID(),
      customerId: customer.userId,
      amount: { amount: 4380, currency: 'EUR' },
      reason: 'LATE_PAYMENT',
    });
    const email = await mailer.sink.waitForEmail(customer.email, 2);
    expect(email.subject).toBe(`Payment refunded (order ${orderId.slice(0, 8)})`);
    expect(email.text).toContain('€43.80');
  });

  it('finds the customer of a late-payment refund that names none by the order', async () => {
    const customer = await mailer.register('Fay', 'CUSTOMER');
    const orderId = randomUUID();
    await mailer.publish(
      'order.status_changed',
      change(customer.userId, [randomUUID(), randomUUID()], orderId, 'AWAITING_PAYMENT', 'EXPIRED'),
    );
    await mailer.publish('payment.refunded', {
      orderId,
      paymentId: randomUUID(),
      amount: { amount: 4380, currency: 'EUR' },
      reason: 'LATE_PAYMENT',
    });
    await mailer.sink.waitForEmail(customer.email, 3);
    expect(mailer.sink.to(customer.email).map((email) => email.subject)).toContain(
      `Payment refunded (order ${orderId.slice(0, 8)})`,
    );
  });

  it('acks PENDING and AWAITING_PAYMENT without a transaction: no inbox row', async () => {
    const customer = await mailer.register('Gil', 'CUSTOMER');
    const orderId = randomUUID();
    const vendors: [string, string] = [randomUUID(), randomUUID()];
    const [placed, reserved, expired] = (
      [
        [null, 'PENDING'],
        ['PENDING', 'AWAITING_PAYMENT'],
        ['AWAITING_PAYMENT', 'EXPIRED'],
      ] as const
    ).map(([from, to]) =>
      newEnvelope('order.status_changed', change(customer.userId, vendors, orderId, from, to)),
    );
    await mailer.publishEnvelope(placed);
    await mailer.publishEnvelope(reserved);
    await mailer.waitUntilHandled('order.status_changed', await mailer.publishEnvelope(expired));
    const { rows } = await mailer.db.query<{ event_id: string }>(
      'SELECT event_id FROM inbox WHERE event_id = ANY($1)',
      [[placed.id, reserved.id, expired.id]],
    );
    expect(rows.map((row) => row.event_id)).toEqual([expired.id]);
    expect((await mailer.sink.waitForEmail(customer.email, 2)).subject).toBe(
      `Order expired (order ${orderId.slice(0, 8)})`,
    );
  });
});
