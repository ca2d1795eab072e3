import { randomUUID } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import { levelsInDatabase } from '../support/inventory';
import {
  CANCEL_ORDER,
  FULFILL,
  ORDER,
  customer,
  orderReaches,
  ordersFingerprint,
  placeOrder,
  stockedProduct,
  type StockedProduct,
} from '../support/orders';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('checkout: from placing an order to fulfilment', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let a: StockedProduct;
  let b: StockedProduct;

  beforeAll(async () => {
    t = await startTestSystem({ RESERVATION_SWEEP_INTERVAL_MS: '200' });
    buyer = await customer(t);
    a = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 10, {
      price: { amount: 1250, currency: 'EUR' },
    });
    b = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 5, {
      price: { amount: 300, currency: 'EUR' },
    });
  });

  afterAll(() => t?.stop());

  const paid = async (orderId: string) => {
    await orderReaches(t, orderId, 'AWAITING_PAYMENT');
    await t.publish('payment.succeeded', { orderId, paymentId: randomUUID() });
    await orderReaches(t, orderId, 'PAID');
  };

  it('reserves, sells and fulfils an order with lines of two vendors', async () => {
    const order = await placeOrder(t, buyer, [
      { productId: a.product.id, quantity: 2 },
      { productId: b.product.id, quantity: 3 },
    ]);
    expect(order.status).toBe('PENDING');
    expect(order.total).toEqual({ amount: 2 * 1250 + 3 * 300, currency: 'EUR' });
    expect(order.customer.id).toBe(buyer.id);
    expect(order.items.map((item: { vendor: { id: string } }) => item.vendor.id)).toEqual([
      a.vendor.id,
      b.vendor.id,
    ]);
    expect(order.items[0]).toMatchObject({
      productName: a.product.name,
      quantity: 2,
      unitPrice: { amount: 1250, currency: 'EUR' },
      subtotal: { amount: 2500, currency: 'EUR' },
    });

    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    const awaiting = await t.query(ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(awaiting.data!.order.expiresAt).not.toBeNull();
    expect(await levelsInDatabase(t, a.product.id)).toEqual([
      { warehouseId: a.warehouse.id, onHand: 10, reserved: 2 },
    ]);

    await paid(order.id);
    // The reservation became a sale in the warehouses it was taken from.
    const sold = async () =>
      (await levelsInDatabase(t, a.product.id))[0].onHand === 8 &&
      (await levelsInDatabase(t, b.product.id))[0].onHand === 2;
    await waitFor(sold, 'stock to be sold');
    expect(await levelsInDatabase(t, b.product.id)).toEqual([
      { warehouseId: b.warehouse.id, onHand: 2, reserved: 0 },
    ]);

    const first = await t.query(FULFILL, { id: order.id }, { token: a.vendor.accessToken });
    expect(first.errors).toBeUndefined();
    expect(first.data!.fulfillOrderLines.status).toBe('PAID');
    expect(first.data!.fulfillOrderLines.items).toHaveLength(1);
    expect(first.data!.fulfillOrderLines.items[0].fulfilledAt).not.toBeNull();
    const again = await t.query(FULFILL, { id: order.id }, { token: a.vendor.accessToken });
    expect(again.errors?.[0].extensions?.code).toBe('INVALID_STATE');

    const last = await t.query(FULFILL, { id: order.id }, { token: b.vendor.accessToken });
    expect(last.data!.fulfillOrderLines.status).toBe('FULFILLED');

    const final = await t.query(ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(
      final.data!.order.history.map((h: { from: string | null; to: string }) => [h.from, h.to]),
    ).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'AWAITING_PAYMENT'],
      ['AWAITING_PAYMENT', 'PAID'],
      ['PAID', 'FULFILLED'],
    ]);
    const events = await t.sql(
      'orders',
      `SELECT envelope->'data'->>'from' AS "from", envelope->'data'->>'to' AS "to",
              envelope->'data'->'vendorIds' AS "vendorIds", envelope->'data'->'total' AS total
         FROM outbox WHERE type = 'order.status_changed' AND envelope->'data'->>'orderId' = $1
        ORDER BY seq`,
      [order.id],
    );
    expect(events.map((e) => [e.from, e.to])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'AWAITING_PAYMENT'],
      ['AWAITING_PAYMENT', 'PAID'],
      ['PAID', 'FULFILLED'],
    ]);
    expect(events[0].vendorIds).toEqual([a.vendor.id, b.vendor.id]);
    expect(events[0].total).toEqual({ amount: 3400, currency: 'EUR' });
    const placed = await t.sql('orders', `SELECT 1 FROM outbox WHERE type = 'order.placed'`);
    expect(placed.length).toBeGreaterThan(0);

    // A FULFILLED order cannot be cancelled; nothing changes.
    const before = await ordersFingerprint(t);
    const cancel = await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(cancel.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    expect(await ordersFingerprint(t)).toEqual(before);
  });

  it('refuses to fulfil an unpaid order and changes nothing', async () => {
    const order = await placeOrder(t, buyer, [{ productId: a.product.id, quantity: 1 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    const before = await ordersFingerprint(t);
    const result = await t.query(FULFILL, { id: order.id }, { token: a.vendor.accessToken });
    expect(result.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    expect(await ordersFingerprint(t)).toEqual(before);
    // A vendor without lines in it learns nothing.
    const other = await t.query(FULFILL, { id: order.id }, { token: b.vendor.accessToken });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
  });

  it('gives the stock back when the customer cancels before paying', async () => {
    const order = await placeOrder(t, buyer, [{ productId: b.product.id, quantity: 2 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    const reserved = (await levelsInDatabase(t, b.product.id))[0].reserved;
    expect(reserved).toBe(2);
    const result = await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(result.data!.cancelOrder.status).toBe('CANCELLED');
    await waitFor(
      async () => (await levelsInDatabase(t, b.product.id))[0].reserved === 0,
      'the reservation to be released',
    );
    const cancelled = await t.sql(
      'orders',
      `SELECT 1 FROM outbox WHERE type = 'order.cancelled' AND envelope->'data'->>'orderId' = $1`,
      [order.id],
    );
    expect(cancelled).toHaveLength(1);
  });

  it('cancels a paid order, then marks it REFUNDED when payments refunds it', async () => {
    const order = await placeOrder(t, buyer, [{ productId: a.product.id, quantity: 1 }]);
    await paid(order.id);
    const result = await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(result.data!.cancelOrder.status).toBe('CANCELLED');
    await t.publish('payment.refunded', {
      orderId: order.id,
      paymentId: randomUUID(),
      amount: order.total,
      reason: 'ORDER_CANCELLED',
    });
    await orderReaches(t, order.id, 'REFUNDED');
    const final = await t.query(ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(final.data!.order.history.at(-1)).toMatchObject({ from: 'CANCELLED', to: 'REFUNDED' });
  });

  it('expires an order whose reservation runs out, with the stock back', async () => {
    const order = await placeOrder(t, buyer, [{ productId: b.product.id, quantity: 1 }]);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    // Make inventory's sweeper find the reservation due.
    await t.sql('inventory', `UPDATE reservations SET expires_at = now() WHERE order_id = $1`, [
      order.id,
    ]);
    await orderReaches(t, order.id, 'EXPIRED');
    // Inventory held the units until orders decided the order expired; now they go back.
    await waitFor(
      async () => (await levelsInDatabase(t, b.product.id))[0].reserved === 0,
      'the expired order’s stock to be released',
    );
    // A payment that comes later is refunded by payments: the order says the money went back.
    await t.publish('payment.refunded', {
      orderId: order.id,
      paymentId: randomUUID(),
      amount: order.total,
      reason: 'LATE_PAYMENT',
    });
    await orderReaches(t, order.id, 'REFUNDED');
    const rows = await t.sql(
      'orders',
      `SELECT from_status, to_status FROM order_status_changes
        WHERE order_id = $1 AND reason = 'LATE_PAYMENT_REFUNDED'`,
      [order.id],
    );
    expect(rows).toEqual([{ from_status: 'EXPIRED', to_status: 'REFUNDED' }]);
  });

  it('rejects an order when stock is short, with the short lines', async () => {
    const order = await placeOrder(t, buyer, [
      { productId: a.product.id, quantity: 1 },
      { productId: b.product.id, quantity: 999 },
    ]);
    await orderReaches(t, order.id, 'REJECTED');
    const result = await t.query(ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(result.data!.order.shortLines).toEqual([
      { product: { id: b.product.id }, requested: 999, available: expect.any(Number) },
    ]);
  });
});
