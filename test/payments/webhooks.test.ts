import { signUp } from '../support/accounts';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import {
  expiredOrder,
  openCheckout,
  paymentEvents,
  paymentOf,
  waitForPaymentStatus,
} from '../support/payments';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('the Stripe webhook at the gateway', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
  });
  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });
  beforeEach(() => {
    stripe.refundStatus = 'succeeded';
  });

  const storedEvents = async () =>
    (await t.sql('payments', 'SELECT count(*)::int AS n FROM stripe_events'))[0].n as number;

  it('has one effect for a completed event delivered 10 times', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const event = stripeEvent('checkout.session.completed', stripe.pay(row.checkout_session_id));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => deliverWebhook(t.system.gatewayUrl, event)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const paid = await paymentOf(t, row.order_id);
    expect(paid).toMatchObject({ status: 'PAID', checkout_url: null });
    expect(paid!.payment_intent_id).toMatch(/^pi_test_/);
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toEqual([
      { orderId: row.order_id, paymentId: row.id },
    ]);
    const stored = await t.sql('payments', 'SELECT id FROM stripe_events WHERE id = $1', [
      event.id,
    ]);
    expect(stored).toHaveLength(1);
  });

  it('has one effect for completed then async_payment_succeeded, in either order', async () => {
    const customer = await signUp(t);
    const first = await openCheckout(t, customer.id);
    const session = stripe.pay(first.checkout_session_id);
    for (const type of ['checkout.session.completed', 'checkout.session.async_payment_succeeded']) {
      expect((await deliverWebhook(t.system.gatewayUrl, stripeEvent(type, session))).status).toBe(
        200,
      );
    }
    const second = await openCheckout(t, customer.id);
    const pending = stripe.pay(second.checkout_session_id, 'unpaid');
    const succeeded = { ...pending, payment_status: 'paid' };
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.async_payment_succeeded', succeeded),
    );
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.completed', pending));

    for (const row of [first, second]) {
      expect((await paymentOf(t, row.order_id))!.status).toBe('PAID');
      expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toHaveLength(1);
    }
  });

  it('waits on an unpaid completed session and fails it on async_payment_failed', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const session = stripe.pay(row.checkout_session_id, 'unpaid');
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.completed', session));
    expect((await paymentOf(t, row.order_id))!.status).toBe('OPEN');
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.async_payment_failed', session),
    );
    expect((await paymentOf(t, row.order_id))!.status).toBe('FAILED');
    expect(await paymentEvents(t, 'payment.failed', row.order_id)).toEqual([
      { orderId: row.order_id, paymentId: row.id, reason: expect.any(String) },
    ]);
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toEqual([]);
  });

  it('refuses a bad or missing signature with 400 and writes nothing', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const event = stripeEvent('checkout.session.completed', stripe.pay(row.checkout_session_id));
    const before = await storedEvents();
    const forged = await deliverWebhook(t.system.gatewayUrl, event, { secret: 'whsec_guess' });
    const unsigned = await deliverWebhook(t.system.gatewayUrl, event, { signature: null });
    const garbage = await deliverWebhook(t.system.gatewayUrl, event, { signature: 't=1,v1=abc' });
    expect([forged.status, unsigned.status, garbage.status]).toEqual([400, 400, 400]);
    expect(await storedEvents()).toBe(before);
    expect((await paymentOf(t, row.order_id))!.status).toBe('OPEN');
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toEqual([]);
  });

  it('refuses a signed event whose id is not a Stripe event id with 400 and writes nothing', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const session = stripe.pay(row.checkout_session_id);
    const before = await storedEvents();
    const hostile = [
      "evt_x'); DELETE FROM stripe_events; --",
      'evt_x\\', // a backslash
      "evt_x\\'); SELECT pg_sleep(5); --",
      'evt_',
      '',
    ];
    for (const id of hostile) {
      const event = stripeEvent('checkout.session.completed', session, id);
      expect((await deliverWebhook(t.system.gatewayUrl, event)).status).toBe(400);
    }
    expect(await storedEvents()).toBe(before);
    expect((await paymentOf(t, row.order_id))!.status).toBe('OPEN');
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toEqual([]);
  });

  it('marks an unpaid expired session EXPIRED but never a paid one', async () => {
    const customer = await signUp(t);
    const open = await openCheckout(t, customer.id);
    const session = stripe.sessions.get(open.checkout_session_id)!;
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.expired', { ...session, status: 'expired' }),
    );
    expect((await paymentOf(t, open.order_id))!.status).toBe('EXPIRED');
    expect(await paymentEvents(t, 'payment.expired', open.order_id)).toHaveLength(1);

    const paid = await openCheckout(t, customer.id);
    const paidSession = stripe.pay(paid.checkout_session_id);
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.completed', paidSession),
    );
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.expired', paidSession));
    expect((await paymentOf(t, paid.order_id))!.status).toBe('PAID');
    expect(await paymentEvents(t, 'payment.expired', paid.order_id)).toEqual([]);
  });

  it('refunds a payment that arrives after orders expired the order (LATE_PAYMENT)', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    const session = stripe.pay(row.checkout_session_id); // paid just before our expire call
    await t.publish('order.status_changed', expiredOrder(customer.id, row.order_id));
    await waitForPaymentStatus(t, row.order_id, 'EXPIRED');

    const event = stripeEvent('checkout.session.completed', session);
    for (let i = 0; i < 3; i++) await deliverWebhook(t.system.gatewayUrl, event);
    const refunded = await waitForPaymentStatus(t, row.order_id, 'REFUNDED');
    const refunds = stripe
      .requestsTo('POST', '/v1/refunds')
      .filter((r) => r.params.payment_intent === refunded.payment_intent_id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].idempotencyKey).toBe(`refund-${row.id}`);
    expect(refunds[0].params.amount).toBe('3000');
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([
      {
        orderId: row.order_id,
        paymentId: row.id,
        customerId: row.customer_id,
        amount: { amount: 3000, currency: 'USD' },
        reason: 'LATE_PAYMENT',
      },
    ]);
    expect(await paymentEvents(t, 'payment.succeeded', row.order_id)).toEqual([]);
  });

  it('refunds a paid order on cancellation and settles a pending refund by webhook', async () => {
    stripe.refundStatus = 'pending';
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.completed', stripe.pay(row.checkout_session_id)),
    );
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    let refundId = '';
    await waitFor(async () => {
      const rows = await t.sql('payments', 'SELECT * FROM refunds WHERE payment_id = $1', [row.id]);
      refundId = rows[0]?.stripe_refund_id;
      return rows.length === 1;
    }, 'a pending refund');
    const paid = await paymentOf(t, row.order_id);
    expect(paid!.status).toBe('PAID');
    const requests = stripe
      .requestsTo('POST', '/v1/refunds')
      .filter((r) => r.params.payment_intent === paid!.payment_intent_id);
    expect(new Set(requests.map((r) => r.idempotencyKey))).toEqual(new Set([`refund-${row.id}`]));

    const refund = { ...stripe.refunds.get(refundId)!, status: 'succeeded' };
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('refund.updated', refund));
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('charge.refunded', {
        id: 'ch_test_1',
        object: 'charge',
        refunded: true,
        payment_intent: paid!.payment_intent_id,
      }),
    );
    expect((await paymentOf(t, row.order_id))!.status).toBe('REFUNDED');
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([
      {
        orderId: row.order_id,
        paymentId: row.id,
        customerId: row.customer_id,
        amount: { amount: 3000, currency: 'USD' },
        reason: 'ORDER_CANCELLED',
      },
    ]);
    const own = await t.query(
      '{ payments { edges { node { status refunds { status reason amount { amount } } } } } }',
      {},
      { token: customer.accessToken },
    );
    expect(own.data!.payments.edges).toEqual([
      {
        node: {
          status: 'REFUNDED',
          refunds: [{ status: 'SUCCEEDED', reason: 'ORDER_CANCELLED', amount: { amount: 3000 } }],
        },
      },
    ]);
  });

  it('refunds at once when Stripe answers the refund as succeeded', async () => {
    const customer = await signUp(t);
    const row = await openCheckout(t, customer.id);
    await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.completed', stripe.pay(row.checkout_session_id)),
    );
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await waitForPaymentStatus(t, row.order_id, 'REFUNDED');
    const events = await paymentEvents(t, 'payment.refunded', row.order_id);
    expect(events).toEqual([expect.objectContaining({ reason: 'ORDER_CANCELLED' })]);
  });
});
