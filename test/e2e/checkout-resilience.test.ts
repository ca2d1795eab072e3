import { signUp, type SignedIn } from '../support/accounts';
import { FakeStripe } from '../support/fake-stripe';
import {
  CANCEL_ORDER,
  orderReaches,
  placeOrder,
  stockedProduct,
  type StockedProduct,
} from '../support/orders';
import { paymentOf, payThroughStripe } from '../support/payments';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('checkout under load, restarts and refunds', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let buyer: SignedIn;
  let vendor: SignedIn;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t);
    vendor = await signUp(t, { role: 'VENDOR' });
  });

  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  const pay = async (orderId: string) =>
    expect((await payThroughStripe(t, stripe, orderId)).status).toBe(200);

  const level = async (item: StockedProduct) =>
    (
      await t.sql(
        'inventory',
        'SELECT on_hand, reserved FROM stock_levels WHERE product_id = $1 AND warehouse_id = $2',
        [item.product.id, item.warehouse.id],
      )
    )[0];

  it('completes an order whose orders service was killed mid-saga, with nothing doubled', async () => {
    const item = await stockedProduct(t, vendor, 5);
    const { id: orderId } = await placeOrder(t, buyer, [
      { productId: item.product.id, quantity: 2 },
    ]);
    await t.system.restart('orders', async () => {
      // Inventory reserves and publishes stock.reserved while orders is down.
      await waitFor(
        async () => (await level(item)).reserved === 2,
        'the reservation while orders is down',
      );
    });
    await orderReaches(t, orderId, 'AWAITING_PAYMENT');
    await pay(orderId);
    await orderReaches(t, orderId, 'PAID');
    await waitFor(async () => (await level(item)).on_hand === 3, 'the sale');

    const history = await t.sql(
      'orders',
      'SELECT to_status FROM order_status_changes WHERE order_id = $1 ORDER BY seq',
      [orderId],
    );
    expect(history.map((row) => row.to_status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'PAID']);
    expect(await level(item)).toEqual({ on_hand: 3, reserved: 0 });
    expect(
      stripe
        .requestsTo('POST', '/v1/checkout/sessions')
        .filter((r) => JSON.stringify(r.params).includes(orderId)),
    ).toHaveLength(1);
  });

  it('refunds an order cancelled after payment, ending REFUNDED', async () => {
    const item = await stockedProduct(t, vendor, 4);
    const order = await placeOrder(t, buyer, [{ productId: item.product.id, quantity: 1 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    await pay(order.id);
    await orderReaches(t, order.id, 'PAID');

    const cancelled = await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
    await orderReaches(t, order.id, 'REFUNDED');
    expect((await paymentOf(t, order.id))!.status).toBe('REFUNDED');
    const refunds = stripe.requestsTo('POST', '/v1/refunds');
    expect(refunds.length).toBeGreaterThan(0);
    expect(refunds.every((r) => r.idempotencyKey !== null)).toBe(true);
    await waitFor(
      () => t.smtp.to(buyer.email).some((e) => e.subject.startsWith('Order refunded')),
      'the refund email',
    );
  });
  it('lets exactly 50 of 200 concurrent orders for 50 units through, rejecting the rest', async () => {
    const item = await stockedProduct(t, vendor, 50);
    const orders = await Promise.all(
      Array.from({ length: 200 }, () =>
        placeOrder(t, buyer, [{ productId: item.product.id, quantity: 1 }]),
      ),
    );
    const ids = orders.map((order) => order.id);
    const statuses = async () =>
      (
        await t.sql<{ status: string; n: number }>(
          'orders',
          'SELECT status, count(*)::int AS n FROM orders WHERE id = ANY($1) GROUP BY status ORDER BY status',
          [ids],
        )
      ).reduce<Record<string, number>>((all, row) => ({ ...all, [row.status]: row.n }), {});
    await waitFor(
      async () => (await statuses()).PENDING === undefined,
      'every order to leave PENDING',
      60_000,
    );
    expect(await statuses()).toEqual({ AWAITING_PAYMENT: 50, REJECTED: 150 });
    expect(await level(item)).toEqual({ on_hand: 50, reserved: 50 });
  });
});
