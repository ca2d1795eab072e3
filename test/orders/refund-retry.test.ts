import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { signInAsAdmin, signUp, type SignedIn } from '../support/accounts';
import { waitUntilCaughtUp } from '../support/caught-up';
import { streamMessages } from '../support/event-streams';
import { FakeStripe } from '../support/fake-stripe';
import { orderReaches, statusOf, stockedProduct, type StockedProduct } from '../support/orders';
import { paymentOf } from '../support/payments';
import { paidOrder, refundFingerprint, requestRefund } from '../support/refunds';
import { TEST_NATS_URL } from '../support/test-env';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const RETRY = `mutation($refundId: ID!) {
  retryOrderRefund(refundId: $refundId) {
    id status amount { amount currency } lines { item { id } quantity }
  }
}`;

describe('retryOrderRefund: an admin sends again a line refund payments gave up on', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let buyer: SignedIn;
  let admin: SignedIn;
  let tea: StockedProduct;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t);
    admin = await signInAsAdmin(t);
    tea = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 20, {
      price: { amount: 450, currency: 'EUR' },
    });
  });

  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });

  const retry = (who: SignedIn, refundId: string) =>
    t.query(RETRY, { refundId }, { token: who.accessToken });

  /** As if `interval` had passed since the request (negative: back again). */
  const age = (refundId: string, interval: string) =>
    t.sql(
      'orders',
      'UPDATE order_refunds SET requested_at = requested_at - $2::interval WHERE id = $1',
      [refundId, interval],
    );
  /** As if a minute had passed since the request, the age a retry needs. */
  const ageByAMinute = (refundId: string) => age(refundId, '1 minute');

  /** How often orders asked payments for this refund (rows of its outbox). */
  const requestsOf = async (refundId: string) =>
    (
      await t.sql<{ n: number }>(
        'orders',
        `SELECT count(*)::int AS n FROM outbox
          WHERE type = 'order.refund_requested' AND envelope->'data'->>'refundId' = $1`,
        [refundId],
      )
    )[0].n;

  const statusOfRefund = async (refundId: string) =>
    (await t.sql('orders', 'SELECT status FROM order_refunds WHERE id = $1', [refundId]))[0]
      .status as string;

  /** Whether payments parked a `order.refund_requested` of this refund on its dead-letter subject. */
  async function deadLettered(refundId: string): Promise<boolean> {
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const messages = await streamMessages(
        await jetstreamManager(nc),
        `${t.prefix.toUpperCase()}_DEADLETTER`,
      );
      return messages.some(
        (message) =>
          message.subject === `${t.prefix}.deadletter.payments` &&
          (message.json<{ data: { refundId?: string } }>().data.refundId ?? '') === refundId,
      );
    } finally {
      await nc.close();
    }
  }

  /** Sends the retry, expects the refusal on `refundId`, and that nothing anywhere changed. */
  async function expectRefused(who: SignedIn, refundId: string, code: string) {
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    const before = await refundFingerprint(t, stripe);
    const answer = await retry(who, refundId);
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0].extensions).toMatchObject({
      code,
      ...(code === 'FORBIDDEN' ? {} : { field: 'refundId' }),
    });
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    expect(await refundFingerprint(t, stripe)).toEqual(before);
  }

  /**
   * A paid order of 3 tea whose refund of 1 tea payments dead-lettered, Stripe answering every
   * refunds call (list and create) with `outage` on every delivery; Stripe works again afterwards.
   */
  async function stuckRefund(outage: 500 | 502 | 503) {
    const order = await paidOrder(t, stripe, buyer, [{ productId: tea.product.id, quantity: 3 }]);
    const intent = (await paymentOf(t, order.id))!.payment_intent_id!;
    stripe.refundOutage = outage;
    try {
      const asked = await requestRefund(t, tea.vendor, order.id, [
        { itemId: order.items[0].id, quantity: 1 },
      ]);
      expect(asked.errors).toBeUndefined();
      const refundId: string = asked.data!.refundOrderLines.refunds[0].id;

      // A request younger than a minute may still be on its way through payments' retries.
      const early = await retry(admin, refundId);
      expect(early.errors?.[0].extensions).toMatchObject({
        code: 'INVALID_STATE',
        field: 'refundId',
      });
      expect(await requestsOf(refundId)).toBe(1);

      await waitFor(() => deadLettered(refundId), 'payments to give up on the refund', 60_000);
      expect(await statusOfRefund(refundId)).toBe('PENDING');
      expect(await statusOf(t, order.id)).toBe('PAID');
      await ageByAMinute(refundId);
      return { order, intent, refundId };
    } finally {
      stripe.refundOutage = null;
    }
  }

  const refundsAtStripe = (intent: string) =>
    [...stripe.refunds.values()].filter((refund) => refund.payment_intent === intent);

  /** An admin's retry settles the refund: one Stripe refund, one email, one payments refund. */
  async function expectRetrySettles(stuck: Awaited<ReturnType<typeof stuckRefund>>) {
    const { order, intent, refundId } = stuck;
    const retried = await retry(admin, refundId);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryOrderRefund).toMatchObject({
      id: refundId,
      amount: { amount: 450, currency: 'EUR' },
      lines: [{ item: { id: order.items[0].id }, quantity: 1 }],
    });
    expect(await requestsOf(refundId)).toBe(2);
    await orderReaches(t, order.id, 'PARTIALLY_REFUNDED');
    expect(await statusOfRefund(refundId)).toBe('SUCCEEDED');

    expect(refundsAtStripe(intent)).toMatchObject([{ amount: 450 }]);
    expect(
      stripe
        .requestsTo('POST', '/v1/refunds')
        .filter((r) => r.params.payment_intent === intent)
        .every((r) => r.idempotencyKey === `order-refund-${refundId}`),
    ).toBe(true);
    const subject = `Refund of €4.50 (order ${order.id.slice(0, 8)})`;
    const refundMails = () => t.smtp.to(buyer.email).filter((e) => e.subject === subject);
    await waitFor(() => refundMails().length > 0, 'the refund email');
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    expect(refundMails()).toHaveLength(1);
    const payment = (await paymentOf(t, order.id))!;
    expect(
      await t.sql('payments', 'SELECT amount, status FROM refunds WHERE payment_id = $1', [
        payment.id,
      ]),
    ).toEqual([{ amount: 450, status: 'SUCCEEDED' }]);
  }

  /** Refund calls to Stripe for the payment intent so far. */
  const refundCallsFor = (intent: string) =>
    stripe.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intent);

  /** As if days had passed: the request is old and Stripe forgot its idempotency keys. */
  async function daysLater(refundId: string) {
    await age(refundId, '3 days');
    stripe.forgetIdempotencyKeys();
  }

  it('refunds once when an admin retries days after Stripe answered 503 to every delivery', async () => {
    const stuck = await stuckRefund(503);
    expect(refundsAtStripe(stuck.intent)).toEqual([]);
    expect(refundCallsFor(stuck.intent)).toEqual([]);
    await expectRefused(tea.vendor, stuck.refundId, 'FORBIDDEN');
    await expectRefused(buyer, stuck.refundId, 'FORBIDDEN');
    await daysLater(stuck.refundId);
    await expectRetrySettles(stuck);
    // Stripe had none for the request: one is made, naming the request.
    expect(refundCallsFor(stuck.intent)).toMatchObject([
      { params: { metadata: { orderId: stuck.order.id, refundRequestId: stuck.refundId } } },
    ]);
    // Settled now: a second retry is refused and changes nothing.
    await expectRefused(admin, stuck.refundId, 'INVALID_STATE');
  }, 120_000);

  it('adopts, days later, the refund Stripe made for the request, and makes no second one', async () => {
    const stuck = await stuckRefund(503);
    // Stripe carried out a call whose answer payments never had, then the outage began.
    const made = stripe.makeRefund({
      payment_intent: stuck.intent,
      amount: 450,
      metadata: { orderId: stuck.order.id, refundRequestId: stuck.refundId },
    });
    await daysLater(stuck.refundId);
    await expectRetrySettles(stuck);
    expect(refundCallsFor(stuck.intent)).toEqual([]);
    expect(
      await t.sql('orders', 'SELECT provider_refund_id FROM order_refunds WHERE id = $1', [
        stuck.refundId,
      ]),
    ).toEqual([{ provider_refund_id: made.id }]);
  }, 120_000);

  it('fails the request, moving no money, when Stripe’s refund for it is of another amount', async () => {
    const stuck = await stuckRefund(503);
    stripe.makeRefund({
      payment_intent: stuck.intent,
      amount: 300,
      metadata: { orderId: stuck.order.id, refundRequestId: stuck.refundId },
    });
    await daysLater(stuck.refundId);
    const retried = await retry(admin, stuck.refundId);
    expect(retried.errors).toBeUndefined();
    await waitFor(
      async () => (await statusOfRefund(stuck.refundId)) === 'FAILED',
      'payments to refuse the refund',
    );
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    const [failed] = await t.sql(
      'orders',
      'SELECT failure_reason FROM order_refunds WHERE id = $1',
      [stuck.refundId],
    );
    expect(failed.failure_reason).toMatch(/of 300, the request of 450 .*nothing more was refunded/);
    expect(refundCallsFor(stuck.intent)).toEqual([]);
    expect(refundsAtStripe(stuck.intent)).toMatchObject([{ amount: 300 }]);
    expect(await statusOf(t, stuck.order.id)).toBe('PAID');
    const payment = (await paymentOf(t, stuck.order.id))!;
    expect(payment.status).toBe('PAID');
    expect(
      await t.sql(
        'payments',
        'SELECT stripe_refund_id, amount, status FROM refunds WHERE payment_id = $1',
        [payment.id],
      ),
    ).toEqual([{ stripe_refund_id: null, amount: 450, status: 'FAILED' }]);
    expect(
      await t.sql('orders', 'SELECT refunded_quantity FROM order_items WHERE order_id = $1', [
        stuck.order.id,
      ]),
    ).toEqual([{ refunded_quantity: 0 }]);
    const aboutOrder = `(order ${stuck.order.id.slice(0, 8)})`;
    const refundMails = t.smtp
      .to(buyer.email)
      .filter((e) => e.subject.startsWith('Refund') && e.subject.endsWith(aboutOrder));
    expect(refundMails).toEqual([]);
  }, 120_000);

  it('adopts on the next delivery a refund whose answer was lost, without an admin', async () => {
    const order = await paidOrder(t, stripe, buyer, [{ productId: tea.product.id, quantity: 3 }]);
    const intent = (await paymentOf(t, order.id))!.payment_intent_id!;
    stripe.refundOutage = 'answer-lost';
    try {
      const asked = await requestRefund(t, tea.vendor, order.id, [
        { itemId: order.items[0].id, quantity: 1 },
      ]);
      expect(asked.errors).toBeUndefined();
      await orderReaches(t, order.id, 'PARTIALLY_REFUNDED');
      expect(await requestsOf(asked.data!.refundOrderLines.refunds[0].id)).toBe(1);
    } finally {
      stripe.refundOutage = null;
    }
    expect(refundsAtStripe(intent)).toMatchObject([{ amount: 450 }]);
    const payment = (await paymentOf(t, order.id))!;
    expect(
      await t.sql(
        'payments',
        'SELECT stripe_refund_id, status FROM refunds WHERE payment_id = $1',
        [payment.id],
      ),
    ).toEqual([{ stripe_refund_id: refundsAtStripe(intent)[0].id, status: 'SUCCEEDED' }]);
  });

  it('refuses an unknown refund as NOT_FOUND and a malformed id as BAD_USER_INPUT, changing nothing', async () => {
    await expectRefused(admin, randomUUID(), 'NOT_FOUND');
    await expectRefused(admin, 'not-an-id', 'BAD_USER_INPUT');
  });

  it('refuses a refund Stripe refused (FAILED) as INVALID_STATE, changing nothing', async () => {
    const order = await paidOrder(t, stripe, buyer, [{ productId: tea.product.id, quantity: 1 }]);
    stripe.refuseRefunds = 'Charge ch_2 has been disputed';
    let refundId: string;
    try {
      const asked = await requestRefund(t, tea.vendor, order.id, [
        { itemId: order.items[0].id, quantity: 1 },
      ]);
      expect(asked.errors).toBeUndefined();
      refundId = asked.data!.refundOrderLines.refunds[0].id;
      await waitFor(async () => (await statusOfRefund(refundId)) === 'FAILED', 'the refusal');
    } finally {
      stripe.refuseRefunds = null;
    }
    await ageByAMinute(refundId);
    await expectRefused(admin, refundId, 'INVALID_STATE');
    expect(await statusOfRefund(refundId)).toBe('FAILED');
  });
});
