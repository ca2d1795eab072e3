import { randomUUID } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import { waitUntilCaughtUp } from '../support/caught-up';
import { FakeStripe, deliverWebhook, stripeEvent } from '../support/fake-stripe';
import { orderReaches, placeOrder, stockedProduct, type StockedProduct } from '../support/orders';
import { paymentOf, waitForPaymentStatus } from '../support/payments';
import { REFUND_FIELDS, paidOrder, refundFingerprint, requestRefund } from '../support/refunds';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const ORDER = `query($id: ID!) { order(id: $id) { ${REFUND_FIELDS} } }`;

describe('vendor line refunds through the gateway, Stripe and the warehouses', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let buyer: SignedIn;
  let tea: StockedProduct;
  let books: StockedProduct;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t, { displayName: 'Casey Buyer' });
    const teaVendor = await signUp(t, { role: 'VENDOR', displayName: 'Tea Vendor' });
    const bookVendor = await signUp(t, { role: 'VENDOR', displayName: 'Book Vendor' });
    tea = await stockedProduct(t, teaVendor, 5, {
      name: 'Sencha',
      price: { amount: 890, currency: 'EUR' },
    });
    books = await stockedProduct(t, bookVendor, 3, { price: { amount: 1499, currency: 'EUR' } });
  });

  afterAll(async () => {
    await t?.stop();
    await stripe.stop();
  });

  const onHand = async (product: StockedProduct) =>
    (
      await t.sql('inventory', 'SELECT on_hand FROM stock_levels WHERE product_id = $1', [
        product.product.id,
      ])
    )[0].on_hand as number;

  const stripeRefundsOf = (paymentIntent: string) =>
    stripe
      .requestsTo('POST', '/v1/refunds')
      .filter((request) => request.params.payment_intent === paymentIntent);

  it('refunds part of a line with restock, then the rest of the order, and tells everyone', async () => {
    const order = await paidOrder(t, stripe, buyer, [
      { productId: tea.product.id, quantity: 3 },
      { productId: books.product.id, quantity: 1 },
    ]);
    const [teaLine, bookLine] = order.items;
    await waitFor(async () => (await onHand(tea)) === 2, 'the sale of 3 tea');
    const intent = (await paymentOf(t, order.id))!.payment_intent_id!;

    const asked = await requestRefund(t, tea.vendor, order.id, [
      { itemId: teaLine.id, quantity: 1 },
    ]);
    expect(asked.errors).toBeUndefined();
    const pending = asked.data!.refundOrderLines.refunds;
    expect(pending).toMatchObject([
      { status: 'PENDING', amount: { amount: 890, currency: 'EUR' }, restock: true },
    ]);
    await orderReaches(t, order.id, 'PARTIALLY_REFUNDED');

    // Stripe got one partial refund of unit price × units, keyed by the request.
    expect(stripeRefundsOf(intent)).toMatchObject([
      { params: { amount: '890' }, idempotencyKey: `order-refund-${pending[0].id}` },
    ]);
    // The unit went back into the warehouse it was sold from, tied to the refund.
    await waitFor(async () => (await onHand(tea)) === 3, 'the restock of 1 tea');
    expect(
      await t.sql(
        'inventory',
        "SELECT warehouse_id, quantity, reason FROM stock_movements WHERE order_id = $1 AND kind = 'RESTOCK'",
        [order.id],
      ),
    ).toEqual([{ warehouse_id: tea.warehouse.id, quantity: 1, reason: `refund ${pending[0].id}` }]);

    await waitFor(
      () => t.smtp.to(buyer.email).some((e) => e.subject.startsWith('Refund of €8.90')),
      'the customer’s refund email',
    );
    const refundMail = t.smtp.to(buyer.email).find((e) => e.subject.startsWith('Refund of'))!;
    expect(refundMail.text).toContain('1 × Sencha: €8.90 refunded');
    expect(refundMail.text).toContain('Arrived damaged');
    await waitFor(
      () =>
        t.smtp.to(tea.vendor.email).some((e) => e.subject.startsWith('Refund confirmed: €8.90')),
      'the tea vendor’s confirmation',
    );

    const seen = await t.query(ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(seen.data!.order.items).toMatchObject([
      { refundedQuantity: 1, refundedAmount: { amount: 890 } },
      { refundedQuantity: 0, refundedAmount: { amount: 0 } },
    ]);
    expect(seen.data!.order.refunds).toMatchObject([
      { status: 'SUCCEEDED', lines: [{ item: { id: teaLine.id }, quantity: 1 }] },
    ]);

    const sales = await t.query(
      'query($id: ID!) { product(id: $id) { sales { units revenue { amount currency } } } }',
      { id: tea.product.id },
      { token: tea.vendor.accessToken },
    );
    expect(sales.data!.product.sales).toEqual({
      units: '2',
      revenue: [{ amount: '1780', currency: 'EUR' }],
    });

    // The rest: the tea vendor keeps two units' money back without restock, books restock.
    expect(
      (
        await requestRefund(t, tea.vendor, order.id, [{ itemId: teaLine.id, quantity: 2 }], {
          restock: false,
        })
      ).errors,
    ).toBeUndefined();
    await waitFor(
      async () =>
        (
          await t.sql(
            'orders',
            "SELECT 1 FROM order_refunds WHERE status = 'SUCCEEDED' AND order_id = $1",
            [order.id],
          )
        ).length === 2,
      'the second refund',
    );
    expect(
      (await requestRefund(t, books.vendor, order.id, [{ itemId: bookLine.id, quantity: 1 }]))
        .errors,
    ).toBeUndefined();
    await orderReaches(t, order.id, 'REFUNDED');
    expect(stripeRefundsOf(intent).map((r) => Number(r.params.amount))).toEqual([890, 1780, 1499]);
    expect(890 + 1780 + 1499).toBe(3 * 890 + 1499);
    await waitFor(
      async () => (await paymentOf(t, order.id))!.status === 'REFUNDED',
      'payment REFUNDED',
    );
    await waitFor(async () => (await onHand(books)) === 3, 'the restock of the book');
    expect(await onHand(tea)).toBe(3);
    const history = await t.sql(
      'orders',
      'SELECT to_status FROM order_status_changes WHERE order_id = $1 ORDER BY seq',
      [order.id],
    );
    expect(history.map((row) => row.to_status).slice(-3)).toEqual([
      'PARTIALLY_REFUNDED',
      'PARTIALLY_REFUNDED',
      'REFUNDED',
    ]);
    // One refund email per refund; the REFUNDED status itself sends none.
    await waitFor(
      () => t.smtp.to(buyer.email).filter((e) => e.subject.startsWith('Refund of')).length === 3,
      'three refund emails',
    );
    expect(t.smtp.to(buyer.email).some((e) => e.subject.startsWith('Order refunded'))).toBe(false);
  });

  it('refuses another vendor’s line as if it did not exist, changing nothing', async () => {
    const order = await paidOrder(t, stripe, buyer, [
      { productId: tea.product.id, quantity: 1 },
      { productId: books.product.id, quantity: 1 },
    ]);
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    const before = await refundFingerprint(t, stripe);
    const foreign = await requestRefund(t, books.vendor, order.id, [
      { itemId: order.items[0].id, quantity: 1 },
    ]);
    const missing = await requestRefund(t, books.vendor, order.id, [
      { itemId: randomUUID(), quantity: 1 },
    ]);
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'lines.0.itemId',
    });
    expect(foreign.errors?.[0].message).toBe(missing.errors?.[0].message);
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    expect(await refundFingerprint(t, stripe)).toEqual(before);
    expect(await t.query(ORDER, { id: order.id }, { token: buyer.accessToken })).toMatchObject({
      data: { order: { status: 'PAID', refunds: [] } },
    });
  });

  it('lets one of two concurrent refunds of the last unit win', async () => {
    const order = await paidOrder(t, stripe, buyer, [{ productId: tea.product.id, quantity: 1 }]);
    const line = [{ itemId: order.items[0].id, quantity: 1 }];
    const answers = await Promise.all([
      requestRefund(t, tea.vendor, order.id, line),
      requestRefund(t, tea.vendor, order.id, line),
    ]);
    const codes = answers.map((answer) => answer.errors?.[0].extensions?.code ?? 'ok').sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'ok']);
    const refused = answers.find((answer) => answer.errors)!;
    expect(refused.errors![0].extensions).toMatchObject({ field: 'lines.0.quantity' });
    await orderReaches(t, order.id, 'REFUNDED');
    const intent = (await paymentOf(t, order.id))!.payment_intent_id!;
    expect(stripeRefundsOf(intent).map((r) => Number(r.params.amount))).toEqual([890]);
  });

  it('refunds an expired order’s late payment: REFUNDED, one email, no stock moved', async () => {
    const order = await placeOrder(t, buyer, [{ productId: books.product.id, quantity: 1 }]);
    const payment = await waitForPaymentStatus(t, order.id, 'OPEN');
    const session = stripe.sessions.get(payment.checkout_session_id)!;
    session.status = 'expired';
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.expired', session));
    await orderReaches(t, order.id, 'EXPIRED');
    const booksOnHand = await onHand(books);
    session.status = 'open';
    const paid = stripe.pay(payment.checkout_session_id);
    await deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.completed', paid));
    await orderReaches(t, order.id, 'REFUNDED');
    expect(
      stripeRefundsOf(String(paid.payment_intent)).map((r) => Number(r.params.amount)),
    ).toEqual([1499]);
    const late = await t.sql(
      'orders',
      `SELECT from_status, reason FROM order_status_changes WHERE order_id = $1 AND to_status = 'REFUNDED'`,
      [order.id],
    );
    expect(late).toEqual([{ from_status: 'EXPIRED', reason: 'LATE_PAYMENT_REFUNDED' }]);
    const subject = `(order ${order.id.slice(0, 8)})`;
    await waitFor(
      () => t.smtp.to(buyer.email).some((e) => e.subject === `Payment refunded ${subject}`),
      'the late-payment refund email',
    );
    await waitUntilCaughtUp(t, ['orders', 'payments', 'inventory', 'mailer']);
    // One of each, in either order: the mailer handles the expiry and the refund as separate
    // events of separate aggregates, concurrently.
    expect(
      t.smtp
        .to(buyer.email)
        .filter((e) => e.subject.endsWith(subject))
        .map((e) => e.subject)
        .sort(),
    ).toEqual([`Order expired ${subject}`, `Payment refunded ${subject}`]);
    expect(await onHand(books)).toBe(booksOnHand);
  });
});
