import fc from 'fast-check';
import { signUp, type SignedIn } from '../support/accounts';
import { waitUntilCaughtUp } from '../support/caught-up';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import {
  expiredOrder,
  openCheckout,
  paymentEvents,
  paymentOf,
  waitForPaymentStatus,
  type PaymentRow,
} from '../support/payments';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

/**
 * Full refunds (late payment, order cancelled after payment) reconcile with Stripe's refunds of the
 * payment intent: an earlier attempt whose answer was lost after Stripe forgot its idempotency key,
 * or a refund made by hand in the dashboard, is adopted instead of refused or made twice.
 */
describe('full refunds reconcile with Stripe', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let customer: SignedIn;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    customer = await signUp(t);
  });
  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });
  afterEach(() => {
    stripe.refundOutage = null;
    stripe.refundStatus = 'succeeded';
    stripe.refuseRefunds = null;
  });

  /**
   * A payment of 30.00 USD captured at Stripe just as orders expired its order: payments has it
   * EXPIRED, and Stripe's `checkout.session.completed` (the event returned) is still to come.
   */
  async function latePayment() {
    const row = await openCheckout(t, customer.id);
    const session = stripe.pay(row.checkout_session_id);
    await t.publish('order.status_changed', expiredOrder(customer.id, row.order_id));
    await waitForPaymentStatus(t, row.order_id, 'EXPIRED');
    const intent = session.payment_intent as string;
    return { row, intent, event: stripeEvent('checkout.session.completed', session) };
  }

  /** A payment of 30.00 USD that payments has PAID (its webhook delivered). */
  async function paidPayment() {
    const row = await openCheckout(t, customer.id);
    const session = stripe.pay(row.checkout_session_id);
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.completed', session));
    await waitForPaymentStatus(t, row.order_id, 'PAID');
    return { row, intent: session.payment_intent as string };
  }

  const deliver = async (event: object) =>
    (await deliverWebhook(t.system.gatewayUrl, event)).status;
  const refundCallsFor = (intent: string) =>
    stripe.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intent);
  const refundsAtStripe = (intent: string) =>
    [...stripe.refunds.values()].filter((refund) => refund.payment_intent === intent);
  const liveAtStripe = (intent: string) =>
    refundsAtStripe(intent)
      .filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled')
      .reduce((sum, refund) => sum + Number(refund.amount), 0);
  const refundRows = (row: PaymentRow) =>
    t.sql(
      'payments',
      `SELECT stripe_refund_id, amount, status, reason, failure_reason FROM refunds
        WHERE payment_id = $1 ORDER BY amount, status`,
      [row.id],
    );
  const waitForRows = (row: PaymentRow, count: number) =>
    waitFor(async () => (await refundRows(row)).length === count, `${count} refund rows`);
  const lateRefundMails = (row: PaymentRow) =>
    t.smtp
      .to(customer.email)
      .filter((email) => email.subject === `Payment refunded (order ${row.order_id.slice(0, 8)})`);

  /** The payment is REFUNDED and told once, of its whole amount; the customer got one email. */
  async function expectRefundedOnce(row: PaymentRow, reason: 'LATE_PAYMENT' | 'ORDER_CANCELLED') {
    await waitForPaymentStatus(t, row.order_id, 'REFUNDED');
    await waitUntilCaughtUp(t, ['payments', 'mailer']);
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([
      {
        orderId: row.order_id,
        paymentId: row.id,
        customerId: customer.id,
        amount: { amount: 3000, currency: 'USD' },
        reason,
      },
    ]);
    if (reason === 'LATE_PAYMENT') expect(lateRefundMails(row)).toHaveLength(1);
  }

  it('adopts the refund whose answer was lost once Stripe forgot its key, and refunds no more', async () => {
    const { row, intent, event } = await latePayment();
    stripe.refundOutage = 'answer-lost';
    expect(await deliver(event)).toBe(500);
    const [made] = refundsAtStripe(intent);
    expect(made).toMatchObject({
      amount: 3000,
      metadata: { orderId: row.order_id, paymentId: row.id, kind: 'full' },
    });
    expect((await paymentOf(t, row.order_id))!.status).toBe('EXPIRED');

    stripe.refundOutage = null;
    stripe.forgetIdempotencyKeys();
    const calls = refundCallsFor(intent).length;
    expect(await deliver(event)).toBe(200);

    expect(refundCallsFor(intent)).toHaveLength(calls);
    expect(refundsAtStripe(intent)).toHaveLength(1);
    expect(stripe.refundRefusals).toEqual([]);
    expect(await refundRows(row)).toEqual([
      {
        stripe_refund_id: made.id,
        amount: 3000,
        status: 'SUCCEEDED',
        reason: 'LATE_PAYMENT',
        failure_reason: null,
      },
    ]);
    await expectRefundedOnce(row, 'LATE_PAYMENT');
    expect(await deliver(event)).toBe(200);
    expect(refundCallsFor(intent)).toHaveLength(calls);
  });

  it('adopts on the next delivery of order.cancelled the refund whose answer was lost', async () => {
    const { row, intent } = await paidPayment();
    stripe.refundOutage = 'answer-lost';
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    // Every answer to a refund call is lost, yet the listing works: a redelivery adopts.
    await expectRefundedOnce(row, 'ORDER_CANCELLED');
    expect(refundsAtStripe(intent)).toMatchObject([{ amount: 3000 }]);
    expect(new Set(refundCallsFor(intent).map((call) => call.idempotencyKey))).toEqual(
      new Set([`refund-${row.id}`]),
    );
    expect(await refundRows(row)).toMatchObject([
      { stripe_refund_id: refundsAtStripe(intent)[0].id, amount: 3000, status: 'SUCCEEDED' },
    ]);
  });

  it('adopts a refund made by hand in the dashboard that covers a cancelled order’s payment', async () => {
    const { row, intent } = await paidPayment();
    const byHand = stripe.makeRefund({ payment_intent: intent, amount: 3000 });
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await expectRefundedOnce(row, 'ORDER_CANCELLED');
    expect(refundCallsFor(intent)).toEqual([]);
    expect(await refundRows(row)).toMatchObject([
      { stripe_refund_id: byHand.id, amount: 3000, status: 'SUCCEEDED' },
    ]);
  });

  it('adopts a partial refund made by hand and refunds the rest, naming it', async () => {
    const { row, intent, event } = await latePayment();
    const byHand = stripe.makeRefund({ payment_intent: intent, amount: 1200 });
    expect(await deliver(event)).toBe(200);

    expect(refundCallsFor(intent)).toMatchObject([
      {
        idempotencyKey: `refund-${row.id}-rest-after-1200`,
        params: { amount: '1800', metadata: { paymentId: row.id, kind: 'full' } },
      },
    ]);
    expect(liveAtStripe(intent)).toBe(3000);
    const rest = refundsAtStripe(intent).find((refund) => refund.id !== byHand.id)!;
    expect(await refundRows(row)).toMatchObject([
      { stripe_refund_id: byHand.id, amount: 1200, status: 'SUCCEEDED', reason: 'LATE_PAYMENT' },
      { stripe_refund_id: rest.id, amount: 1800, status: 'SUCCEEDED', reason: 'LATE_PAYMENT' },
    ]);
    await expectRefundedOnce(row, 'LATE_PAYMENT');
  });

  it('waits for a pending refund made by hand to succeed before the payment is REFUNDED', async () => {
    const { row, intent } = await paidPayment();
    const byHand = stripe.makeRefund({ payment_intent: intent, amount: 1000 });
    byHand.status = 'pending';
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await waitForRows(row, 2);
    await waitUntilCaughtUp(t, ['payments']);
    expect((await paymentOf(t, row.order_id))!.status).toBe('PAID');
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([]);

    byHand.status = 'succeeded';
    expect(await deliver(stripeEvent('refund.updated', { ...byHand }))).toBe(200);
    await expectRefundedOnce(row, 'ORDER_CANCELLED');
    expect(liveAtStripe(intent)).toBe(3000);
  });

  it('records a refund it cannot account for as FAILED, naming it, and moves no money', async () => {
    const { row, intent, event } = await latePayment();
    const unknown = stripe.makeRefund({
      payment_intent: intent,
      amount: 500,
      metadata: { refundRequestId: 'request-never-recorded' },
    });
    expect(await deliver(event)).toBe(200);
    expect(await deliver(event)).toBe(200);

    expect(refundCallsFor(intent)).toEqual([]);
    expect(refundsAtStripe(intent)).toHaveLength(1);
    expect(await refundRows(row)).toEqual([
      {
        stripe_refund_id: null,
        amount: 3000,
        status: 'FAILED',
        reason: 'LATE_PAYMENT',
        failure_reason: expect.stringContaining(
          `Stripe's refund ${unknown.id} is for line refund request request-never-recorded`,
        ),
      },
    ]);
    await waitUntilCaughtUp(t, ['payments', 'mailer']);
    expect((await paymentOf(t, row.order_id))!.status).toBe('EXPIRED');
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([]);
    expect(lateRefundMails(row)).toEqual([]);
  });

  /** A Stripe event about the refunds of `intent`, as the dashboard's refund makes them. */
  const chargeRefunded = (intent: string, refunded: boolean) =>
    stripeEvent('charge.refunded', {
      id: `ch_${intent}`,
      object: 'charge',
      payment_intent: intent,
      amount: 3000,
      refunded,
    });

  it('settles a failed full refund when an operator refunds it by hand, creating no refund', async () => {
    const { row, intent, event } = await latePayment();
    stripe.refuseRefunds = 'This charge is disputed.';
    expect(await deliver(event)).toBe(200);
    expect(await refundRows(row)).toMatchObject([{ status: 'FAILED', reason: 'LATE_PAYMENT' }]);
    stripe.refuseRefunds = null;
    const calls = refundCallsFor(intent).length;
    const other = await paidPayment();
    const byHand = stripe.makeRefund({ payment_intent: intent, amount: 3000 });

    expect(await deliver(chargeRefunded(other.intent, false))).toBe(200);
    expect(await refundRows(row)).toHaveLength(1);
    expect(await refundRows(other.row)).toEqual([]);
    const settled = chargeRefunded(intent, true);
    expect(await deliver(settled)).toBe(200);

    await expectRefundedOnce(row, 'LATE_PAYMENT');
    expect(refundCallsFor(intent)).toHaveLength(calls);
    expect(await refundRows(row)).toMatchObject([
      { stripe_refund_id: null, status: 'FAILED' },
      { stripe_refund_id: byHand.id, amount: 3000, status: 'SUCCEEDED', reason: 'LATE_PAYMENT' },
    ]);
    expect(await deliver(settled)).toBe(200);
    expect(await deliver(stripeEvent('refund.updated', { ...byHand }))).toBe(200);
    await waitUntilCaughtUp(t, ['payments', 'mailer']);
    expect(await refundRows(row)).toHaveLength(2);
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toHaveLength(1);
    expect(lateRefundMails(row)).toHaveLength(1);
    expect((await paymentOf(t, other.row.order_id))!.status).toBe('PAID');
  });

  it('adopts refunds made by hand for a failed full refund only once they cover the payment', async () => {
    const { row, intent } = await paidPayment();
    stripe.refuseRefunds = 'This charge is disputed.';
    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await waitForRows(row, 1);
    stripe.refuseRefunds = null;
    const calls = refundCallsFor(intent).length;

    const part = stripe.makeRefund({ payment_intent: intent, amount: 1000 });
    expect(await deliver(stripeEvent('refund.created', { ...part }))).toBe(200);
    expect(await refundRows(row)).toMatchObject([{ status: 'FAILED' }]);
    expect((await paymentOf(t, row.order_id))!.status).toBe('PAID');

    const rest = stripe.makeRefund({ payment_intent: intent, amount: 2000 });
    expect(await deliver(stripeEvent('refund.created', { ...rest }))).toBe(200);
    await expectRefundedOnce(row, 'ORDER_CANCELLED');
    expect(refundCallsFor(intent)).toHaveLength(calls);
    expect(await refundRows(row)).toMatchObject([
      { stripe_refund_id: part.id, amount: 1000, status: 'SUCCEEDED' },
      { stripe_refund_id: rest.id, amount: 2000, status: 'SUCCEEDED' },
      { stripe_refund_id: null, amount: 3000, status: 'FAILED' },
    ]);
  });

  it('records nothing when a paid payment with no refund asked is refunded by hand', async () => {
    const { row, intent } = await paidPayment();
    stripe.makeRefund({ payment_intent: intent, amount: 3000 });
    expect(await deliver(chargeRefunded(intent, true))).toBe(200);
    await waitUntilCaughtUp(t, ['payments']);
    expect(await refundRows(row)).toEqual([]);
    expect((await paymentOf(t, row.order_id))!.status).toBe('PAID');
    expect(await paymentEvents(t, 'payment.refunded', row.order_id)).toEqual([]);

    await t.publish('order.cancelled', { orderId: row.order_id, reason: 'customer cancelled' });
    await expectRefundedOnce(row, 'ORDER_CANCELLED');
    expect(refundCallsFor(intent)).toEqual([]);
  });

  it('never refunds more than the payment, whatever answers are lost and deliveries repeated', async () => {
    type Step =
      | { kind: 'deliver'; outage: 'answer-lost' | 503 | null }
      | { kind: 'forget-keys' }
      | { kind: 'refund-by-hand'; share: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('deliver' as const),
        outage: fc.constantFrom('answer-lost' as const, 503 as const, null),
      }),
      fc.constant({ kind: 'forget-keys' as const }),
      fc.record({
        kind: fc.constant('refund-by-hand' as const),
        share: fc.double({ min: 0.05, max: 1, noNaN: true }),
      }),
    );
    const refusalsBefore = stripe.refundRefusals.length;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const { row, intent, event } = await latePayment();
        for (const next of steps) {
          if (next.kind === 'forget-keys') stripe.forgetIdempotencyKeys();
          if (next.kind === 'refund-by-hand') {
            const left = 3000 - liveAtStripe(intent);
            const amount = Math.max(1, Math.floor(left * next.share));
            if (left > 0) stripe.makeRefund({ payment_intent: intent, amount });
          }
          if (next.kind === 'deliver') {
            stripe.refundOutage = next.outage;
            await deliver(event);
            stripe.refundOutage = null;
          }
          expect(liveAtStripe(intent)).toBeLessThanOrEqual(3000);
          expect(stripe.refundRefusals).toHaveLength(refusalsBefore);
        }
        // Stripe answers again, perhaps days later: the next delivery settles the payment.
        stripe.forgetIdempotencyKeys();
        expect(await deliver(event)).toBe(200);
        expect(liveAtStripe(intent)).toBe(3000);
        expect(stripe.refundRefusals).toHaveLength(refusalsBefore);
        const live = refundsAtStripe(intent).map((refund) => refund.id);
        const rows = await refundRows(row);
        expect(rows.map((r) => r.stripe_refund_id).sort()).toEqual(live.sort());
        expect(rows.every((r) => r.status === 'SUCCEEDED')).toBe(true);
        await expectRefundedOnce(row, 'LATE_PAYMENT');
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
