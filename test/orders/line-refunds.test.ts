import { randomUUID } from 'node:crypto';
import type { EventCatalogue } from '../../lib/events/catalogue';
import { signInAsAdmin, signUp, type SignedIn } from '../support/accounts';
import { waitUntilCaughtUp } from '../support/caught-up';
import { deliverWebhook, FakeStripe, stripeEvent } from '../support/fake-stripe';
import {
  orderReaches,
  placeOrder,
  statusOf,
  stockedProduct,
  type StockedProduct,
} from '../support/orders';
import { paymentOf } from '../support/payments';
import { paidOrder, refundFingerprint, requestRefund } from '../support/refunds';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('refundOrderLines: who may refund what, and what Stripe says', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let buyer: SignedIn;
  let tea: StockedProduct;
  let books: StockedProduct;
  /** A paid order of 2 tea and 1 book that no refusal may touch. */
  let order: Awaited<ReturnType<typeof paidOrder>>;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t);
    tea = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 20, {
      price: { amount: 450, currency: 'EUR' },
    });
    books = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 20, {
      price: { amount: 1200, currency: 'EUR' },
    });
    order = await paidOrder(t, stripe, buyer, [
      { productId: tea.product.id, quantity: 2 },
      { productId: books.product.id, quantity: 1 },
    ]);
    // The paid order's emails, so that the refusals below start from a quiet system.
    for (const [to, subject] of [
      [buyer.email, 'Order confirmed'],
      [tea.vendor.email, 'New paid order'],
      [books.vendor.email, 'New paid order'],
    ]) {
      await waitFor(() => t.smtp.to(to).some((e) => e.subject.startsWith(subject)), subject);
    }
  });

  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });

  const teaLine = (quantity: number) => [{ itemId: order.items[0].id, quantity }];

  /** Sends the request, expects the refusal, and that nothing anywhere changed. */
  async function expectRefused(
    send: () => ReturnType<typeof requestRefund>,
    code: string,
    field?: string,
  ) {
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    const before = await refundFingerprint(t, stripe);
    const answer = await send();
    expect(answer.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    expect(await refundFingerprint(t, stripe)).toEqual(before);
    return answer;
  }

  it.each([
    { what: 'an empty list', lines: [], field: 'lines' },
    { what: 'no units', lines: [{ quantity: 0 }], field: 'lines.0.quantity' },
    { what: 'negative units', lines: [{ quantity: -1 }], field: 'lines.0.quantity' },
    {
      what: 'the same line twice',
      lines: [{ quantity: 1 }, { quantity: 1 }],
      field: 'lines.1.itemId',
    },
    { what: 'more units than the line has', lines: [{ quantity: 3 }], field: 'lines.0.quantity' },
  ])('refuses $what on $field, changing nothing', async ({ lines, field }) => {
    const withIds = lines.map((line) => ({ itemId: order.items[0].id, ...line }));
    await expectRefused(
      () => requestRefund(t, tea.vendor, order.id, withIds),
      'BAD_USER_INPUT',
      field,
    );
  });

  it.each([
    ['too short', 'no'],
    ['too long', 'x'.repeat(501)],
    ['blank', '    '],
  ])('refuses a reason that is %s, on reason, changing nothing', async (_what, reason) => {
    await expectRefused(
      () => requestRefund(t, tea.vendor, order.id, teaLine(1), { reason }),
      'BAD_USER_INPUT',
      'reason',
    );
  });

  it('refuses an unknown line, an unknown order and an order of no line of the vendor as NOT_FOUND', async () => {
    const unknownLine = [{ itemId: randomUUID(), quantity: 1 }];
    await expectRefused(
      () => requestRefund(t, tea.vendor, order.id, unknownLine),
      'NOT_FOUND',
      'lines.0.itemId',
    );
    await expectRefused(
      () => requestRefund(t, tea.vendor, randomUUID(), teaLine(1)),
      'NOT_FOUND',
      'orderId',
    );
    const stranger = await signUp(t, { role: 'VENDOR' });
    await expectRefused(
      () => requestRefund(t, stranger, order.id, teaLine(1)),
      'NOT_FOUND',
      'orderId',
    );
  });

  it('refuses customers outright, and an order that was never paid as INVALID_STATE', async () => {
    await expectRefused(() => requestRefund(t, buyer, order.id, teaLine(1)), 'FORBIDDEN');
    const unpaid = await placeOrder(t, buyer, [{ productId: tea.product.id, quantity: 1 }]);
    await orderReaches(t, unpaid.id, 'AWAITING_PAYMENT');
    const lines = [{ itemId: unpaid.items[0].id, quantity: 1 }];
    await expectRefused(
      () => requestRefund(t, tea.vendor, unpaid.id, lines),
      'INVALID_STATE',
      'orderId',
    );
  });

  it('records a refund Stripe refuses as FAILED, keeps the order PAID, and refunds on a retry', async () => {
    const paid = await paidOrder(t, stripe, buyer, [{ productId: tea.product.id, quantity: 2 }]);
    const line = [{ itemId: paid.items[0].id, quantity: 2 }];
    stripe.refuseRefunds = 'Charge ch_1 has been disputed';
    try {
      expect((await requestRefund(t, tea.vendor, paid.id, line)).errors).toBeUndefined();
      await waitFor(
        async () =>
          (
            await t.sql(
              'orders',
              "SELECT 1 FROM order_refunds WHERE order_id = $1 AND status = 'FAILED'",
              [paid.id],
            )
          ).length === 1,
        'the failed refund',
      );
    } finally {
      stripe.refuseRefunds = null;
    }
    const seen = await requestRefund(t, tea.vendor, paid.id, line);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.refundOrderLines.refunds[0]).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringContaining('Charge ch_1 has been disputed'),
    });
    await orderReaches(t, paid.id, 'REFUNDED');
    const history = await t.sql(
      'orders',
      'SELECT to_status, reason FROM order_status_changes WHERE order_id = $1 ORDER BY seq',
      [paid.id],
    );
    expect(history.slice(-2)).toEqual([
      { to_status: 'PAID', reason: 'REFUND_FAILED' },
      { to_status: 'REFUNDED', reason: 'LINES_REFUNDED' },
    ]);
  });

  it('lets an admin refund any vendor’s line, and never refunds a redelivered request twice', async () => {
    const admin = await signInAsAdmin(t);
    const answer = await requestRefund(t, admin, order.id, [
      { itemId: order.items[1].id, quantity: 1 },
    ]);
    expect(answer.errors).toBeUndefined();
    await orderReaches(t, order.id, 'PARTIALLY_REFUNDED');
    const [request] = await t.sql<{ envelope: { data: EventCatalogue['order.refund_requested'] } }>(
      'orders',
      "SELECT envelope FROM outbox WHERE type = 'order.refund_requested' AND envelope->'data'->>'orderId' = $1",
      [order.id],
    );
    const refundsAtStripe = () => stripe.requestsTo('POST', '/v1/refunds').length;
    const before = refundsAtStripe();
    const redelivered = await t.publish('order.refund_requested', request.envelope.data);
    await waitFor(
      async () =>
        (await t.sql('payments', 'SELECT 1 FROM inbox WHERE event_id = $1', [redelivered]))
          .length === 1,
      'the redelivery to be handled',
    );
    expect(refundsAtStripe()).toBe(before);
    const payment = (await paymentOf(t, order.id))!;
    const refunds = await t.sql(
      'payments',
      'SELECT amount, status FROM refunds WHERE payment_id = $1',
      [payment.id],
    );
    expect(refunds).toEqual([{ amount: 1200, status: 'SUCCEEDED' }]);
  });

  it('settles a refund Stripe leaves pending by its webhook: failed frees the units, succeeded refunds them', async () => {
    const paid = await paidOrder(t, stripe, buyer, [{ productId: tea.product.id, quantity: 2 }]);
    const line = [{ itemId: paid.items[0].id, quantity: 1 }];
    const settleAtStripe = async (status: 'failed' | 'succeeded') => {
      const before = stripe.refunds.size;
      stripe.refundStatus = 'pending';
      try {
        expect((await requestRefund(t, tea.vendor, paid.id, line)).errors).toBeUndefined();
        await waitFor(() => stripe.refunds.size === before + 1, 'the refund at Stripe');
      } finally {
        stripe.refundStatus = 'succeeded';
      }
      const refund = [...stripe.refunds.values()].at(-1)!;
      refund.status = status;
      const answer = await deliverWebhook(
        t.system.gatewayUrl,
        stripeEvent('refund.updated', refund),
      );
      expect(answer.status).toBe(200);
    };
    await settleAtStripe('failed');
    await waitFor(
      async () =>
        (
          await t.sql(
            'orders',
            "SELECT 1 FROM order_refunds WHERE order_id = $1 AND status = 'FAILED'",
            [paid.id],
          )
        ).length === 1,
      'the failed refund',
    );
    expect(await statusOf(t, paid.id)).toBe('PAID');
    await settleAtStripe('succeeded');
    await orderReaches(t, paid.id, 'PARTIALLY_REFUNDED');
    const [item] = await t.sql(
      'orders',
      'SELECT refunded_quantity, refunded_amount::int AS amount FROM order_items WHERE order_id = $1',
      [paid.id],
    );
    expect(item).toEqual({ refunded_quantity: 1, amount: 450 });
  });
});
