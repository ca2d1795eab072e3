import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../../lib/events/catalogue';
import { newEnvelope } from '../support/event-streams';
import {
  orderStatusChanged,
  startMailerUnderTest,
  type MailerUnderTest,
  type Registered,
} from '../support/mailer-under-test';

describe('email deliveries: a retried or redelivered event sends only what is missing', () => {
  let mailer: MailerUnderTest;

  beforeAll(async () => {
    mailer = await startMailerUnderTest();
  });
  afterAll(() => mailer.stop());

  interface PaidOrder {
    customer: Registered;
    vendors: [Registered, Registered];
    event: EventEnvelope<'order.status_changed'>;
  }

  async function paidOrder(): Promise<PaidOrder> {
    const customer = await mailer.register('Casey Customer', 'CUSTOMER');
    const vendors: [Registered, Registered] = [
      await mailer.register('Tea Vendor', 'VENDOR'),
      await mailer.register('Book Vendor', 'VENDOR'),
    ];
    const change = orderStatusChanged(
      customer.userId,
      [vendors[0].userId, vendors[1].userId],
      randomUUID(),
      'AWAITING_PAYMENT',
      'PAID',
    );
    return { customer, vendors, event: newEnvelope('order.status_changed', change) };
  }

  /** Emails each person received, the "account ready" one included. */
  const inboxSizes = ({ customer, vendors }: PaidOrder) =>
    [customer, ...vendors].map((person) => mailer.sink.to(person.email).length);

  it('retries a PAID order whose third email was refused without mailing the first two again', async () => {
    const order = await paidOrder();
    mailer.sink.refuseNthMessage(3);
    const seq = await mailer.publishEnvelope(order.event);
    await mailer.waitUntilHandled('order.status_changed', seq);

    expect(mailer.sink.refused.map((email) => email.to)).toEqual([order.vendors[1].email]);
    expect(inboxSizes(order)).toEqual([2, 2, 2]);
    expect(mailer.sink.to(order.vendors[1].email)[1].text).toContain('Piranesi');
    const ledger = await mailer.deliveries(order.event.id);
    expect(ledger).toHaveLength(3);
    const byRecipient = Object.fromEntries(ledger.map((row) => [row.recipient, row]));
    expect(byRecipient[order.customer.email]).toMatchObject({
      kind: 'order-status',
      status: 'sent',
      attempts: 1,
    });
    expect(byRecipient[order.vendors[0].email]).toMatchObject({
      kind: 'vendor-new-order',
      status: 'sent',
      attempts: 1,
    });
    expect(byRecipient[order.vendors[1].email]).toMatchObject({
      kind: 'vendor-new-order',
      status: 'sent',
      attempts: 2,
      last_error: 'EMESSAGE 451',
    });
  });

  it('sends nothing when a delivered event comes again, even after its inbox row was pruned', async () => {
    const order = await paidOrder();
    const firstSeq = await mailer.publishEnvelope(order.event);
    await mailer.waitUntilHandled('order.status_changed', firstSeq);
    expect(inboxSizes(order)).toEqual([2, 2, 2]);
    const ledgerBefore = await mailer.deliveries(order.event.id);

    const copySeq = await mailer.publishEnvelope(order.event, randomUUID());
    await mailer.waitUntilHandled('order.status_changed', copySeq);
    expect(inboxSizes(order)).toEqual([2, 2, 2]);

    // Retention deletes inbox rows; the ledger alone must still stop a second email.
    await mailer.db.query('DELETE FROM inbox WHERE event_id = $1', [order.event.id]);
    const lateSeq = await mailer.publishEnvelope(order.event, randomUUID());
    await mailer.waitUntilHandled('order.status_changed', lateSeq);
    expect(inboxSizes(order)).toEqual([2, 2, 2]);
    expect(await mailer.deliveries(order.event.id)).toEqual(ledgerBefore);
  });

  it('still mails the vendors when the customer’s email is refused, and the customer on the retry', async () => {
    const order = await paidOrder();
    mailer.sink.refuseMessagesTo(order.customer.email);
    const seq = await mailer.publishEnvelope(order.event);
    await mailer.waitUntilHandled('order.status_changed', seq);

    expect(mailer.sink.refused.filter((email) => email.to === order.customer.email)).toHaveLength(
      1,
    );
    expect(inboxSizes(order)).toEqual([2, 2, 2]);
    const attempts = (await mailer.deliveries(order.event.id)).map((row) => [
      row.recipient,
      row.attempts,
    ]);
    expect(attempts).toEqual(
      expect.arrayContaining([
        [order.customer.email, 2],
        [order.vendors[0].email, 1],
        [order.vendors[1].email, 1],
      ]),
    );
  });

  it('sends again, under the same Message-ID, an email an interrupted attempt may have sent', async () => {
    const order = await paidOrder();
    // As a mailer that crashed between the SMTP server's acceptance and recording it leaves them:
    // the customer's email "sending", the first vendor's recorded as sent.
    const arranged = `INSERT INTO email_deliveries
        (event_id, event_type, recipient, kind, subject, message_id, status, attempts, sent_at)
      VALUES ($1, 'order.status_changed', $2, $3, 'arranged', $4, $5, 1, $6)`;
    await mailer.db.query(arranged, [
      order.event.id,
      order.customer.email,
      'order-status',
      '<interrupted@bazaar.local>',
      'sending',
      null,
    ]);
    await mailer.db.query(arranged, [
      order.event.id,
      order.vendors[0].email,
      'vendor-new-order',
      '<delivered@bazaar.local>',
      'sent',
      new Date(),
    ]);

    const seq = await mailer.publishEnvelope(order.event);
    await mailer.waitUntilHandled('order.status_changed', seq);

    expect(inboxSizes(order)).toEqual([2, 1, 2]);
    expect(mailer.sink.to(order.customer.email)[1].messageId).toBe('<interrupted@bazaar.local>');
    expect(await mailer.deliveries(order.event.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipient: order.customer.email, status: 'sent', attempts: 2 }),
        expect.objectContaining({ recipient: order.vendors[0].email, attempts: 1 }),
      ]),
    );
  });

  it('mails a customer who is also a vendor of the order both the confirmation and the vendor email', async () => {
    const both = await mailer.register('Vera Both', 'VENDOR');
    const other = await mailer.register('Otto Other', 'VENDOR');
    const change = orderStatusChanged(
      both.userId,
      [both.userId, other.userId],
      randomUUID(),
      'AWAITING_PAYMENT',
      'PAID',
    );
    const seq = await mailer.publish('order.status_changed', change);
    await mailer.waitUntilHandled('order.status_changed', seq);

    const subjects = mailer.sink
      .to(both.email)
      .slice(1)
      .map((email) => email.subject)
      .sort();
    const shortId = change.orderId.slice(0, 8);
    expect(subjects).toEqual([`New paid order ${shortId}`, `Order confirmed (order ${shortId})`]);
  });
});
