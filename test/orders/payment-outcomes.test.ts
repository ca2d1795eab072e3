import { randomUUID } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import { levelsInDatabase } from '../support/inventory';
import {
  ORDER,
  customer,
  orderReaches,
  ordersFingerprint,
  placeOrder,
  stockedProduct,
  statusOf,
  type StockedProduct,
} from '../support/orders';
import { waitUntilCaughtUp } from '../support/caught-up';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('orders driven by payment outcomes', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let stocked: StockedProduct;

  beforeAll(async () => {
    t = await startTestSystem();
    buyer = await customer(t);
    stocked = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 20);
  });

  afterAll(() => t?.stop());

  const awaitingPayment = async () => {
    const order = await placeOrder(t, buyer, [{ productId: stocked.product.id, quantity: 4 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    return order.id as string;
  };
  const reserved = async () => (await levelsInDatabase(t, stocked.product.id))[0].reserved;
  const cancelledEvents = (orderId: string) =>
    t.sql(
      'orders',
      `SELECT envelope->'data'->>'reason' AS reason FROM outbox
        WHERE type = 'order.cancelled' AND envelope->'data'->>'orderId' = $1`,
      [orderId],
    );

  it('cancels the order and releases its stock when the payment fails', async () => {
    const orderId = await awaitingPayment();
    expect(await reserved()).toBe(4);
    await t.publish('payment.failed', { orderId, paymentId: randomUUID(), reason: 'declined' });
    await orderReaches(t, orderId, 'CANCELLED');
    expect(await cancelledEvents(orderId)).toHaveLength(1);
    await waitFor(async () => (await reserved()) === 0, 'the stock to be released');
    const result = await t.query(ORDER, { id: orderId }, { token: buyer.accessToken });
    expect(result.data!.order.history.at(-1)).toMatchObject({
      from: 'AWAITING_PAYMENT',
      to: 'CANCELLED',
      reason: 'PAYMENT_FAILED: declined',
    });
  });

  it('expires the order and releases its stock when the checkout session expires', async () => {
    const orderId = await awaitingPayment();
    await t.publish('payment.expired', { orderId, paymentId: randomUUID() });
    await orderReaches(t, orderId, 'EXPIRED');
    expect(await cancelledEvents(orderId)).toEqual([{ reason: 'PAYMENT_EXPIRED' }]);
    await waitFor(async () => (await reserved()) === 0, 'the stock to be released');
  });

  it('ignores events an order has moved past, changing nothing', async () => {
    const orderId = await awaitingPayment();
    await t.publish('payment.expired', { orderId, paymentId: randomUUID() });
    await orderReaches(t, orderId, 'EXPIRED');
    await waitFor(async () => (await reserved()) === 0, 'the stock to be released');
    await waitUntilCaughtUp(t, ['orders', 'inventory']);
    const before = await ordersFingerprint(t);
    const handled = await inboxCount();
    await t.publish('payment.succeeded', { orderId, paymentId: randomUUID() });
    await t.publish('stock.reserved', {
      orderId,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      allocations: [],
    });
    await t.publish('payment.refunded', {
      orderId,
      paymentId: randomUUID(),
      amount: { amount: 1, currency: 'EUR' },
      reason: 'ORDER_CANCELLED',
    });
    // Every one reaches the inbox, and nothing else changes.
    await waitFor(async () => (await inboxCount()) === handled + 3, 'the events to be handled');
    expect(await statusOf(t, orderId)).toBe('EXPIRED');
    expect(await ordersFingerprint(t)).toEqual(before);
  });

  const inboxCount = async () => {
    const [{ count }] = await t.sql('orders', 'SELECT count(*)::int AS count FROM inbox');
    return count as number;
  };
});
