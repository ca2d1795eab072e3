import { randomUUID } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import type { TestProduct } from '../support/catalog';
import {
  PRODUCT_STOCK,
  UPDATE_WAREHOUSE,
  createWarehouse,
  inventoryEvents,
  inventoryFingerprint,
  levelsInDatabase,
  line,
  orderPaid,
  placeOrder,
  publishTwice,
  receive,
  reservationReaches,
  stockableProduct,
  type TestWarehouse,
} from '../support/inventory';
import { waitUntilCaughtUp } from '../support/caught-up';
import { startTestSystem, type TestSystem } from '../support/test-system';

const byWarehouse = (a: { warehouseId: string }, b: { warehouseId: string }) =>
  a.warehouseId.localeCompare(b.warehouseId);

describe('reservations driven by order and payment events', () => {
  let t: TestSystem;
  let vendor: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem({ RESERVATION_SWEEP_INTERVAL_MS: '200' });
    vendor = await signUp(t, { role: 'VENDOR' });
  });
  afterAll(() => t.stop());

  /** A product with `quantities[i]` units in a new warehouse each. */
  async function stocked(...quantities: number[]) {
    const product = await stockableProduct(t, vendor);
    const warehouses: TestWarehouse[] = [];
    for (const quantity of quantities) {
      const warehouse = await createWarehouse(t, vendor);
      await receive(t, vendor, product.id, warehouse.id, quantity);
      warehouses.push(warehouse);
    }
    return { product, warehouses };
  }

  const level = async (product: TestProduct, warehouse: TestWarehouse) =>
    (await levelsInDatabase(t, product.id)).find((row) => row.warehouseId === warehouse.id);

  it('reserves every line, taking each from the warehouse with most available first and splitting when needed', async () => {
    const a = await stocked(3, 5);
    const b = await stocked(10);
    const [aSmall, aLarge] = a.warehouses;
    const before = Date.now();
    const orderId = await placeOrder(t, [line(a.product, vendor, 7), line(b.product, vendor, 2)]);
    await reservationReaches(t, orderId, 'RESERVED');

    expect(await levelsInDatabase(t, a.product.id)).toEqual(
      [
        { warehouseId: aLarge.id, onHand: 5, reserved: 5 },
        { warehouseId: aSmall.id, onHand: 3, reserved: 2 },
      ].sort(byWarehouse),
    );
    expect(await level(b.product, b.warehouses[0])).toMatchObject({ onHand: 10, reserved: 2 });

    const [reserved] = await inventoryEvents(t, 'stock.reserved', orderId);
    expect([...reserved.data.allocations].sort(byWarehouse)).toEqual(
      [
        { productId: a.product.id, warehouseId: aLarge.id, quantity: 5 },
        { productId: a.product.id, warehouseId: aSmall.id, quantity: 2 },
        { productId: b.product.id, warehouseId: b.warehouses[0].id, quantity: 2 },
      ].sort(byWarehouse),
    );
    // RESERVATION_TTL_MINUTES defaults to 15.
    const ttl = Date.parse(reserved.data.expiresAt) - before;
    expect(ttl).toBeGreaterThan(14.9 * 60_000);
    expect(ttl).toBeLessThan(15.1 * 60_000);

    const movements = await t.sql(
      'inventory',
      `SELECT kind, quantity FROM stock_movements WHERE order_id = $1 ORDER BY quantity`,
      [orderId],
    );
    expect(movements).toEqual([
      { kind: 'RESERVATION', quantity: 2 },
      { kind: 'RESERVATION', quantity: 2 },
      { kind: 'RESERVATION', quantity: 5 },
    ]);
  });

  it('reserves nothing of a multi-line order when one line is short, and says which', async () => {
    const plenty = await stocked(50);
    const scarce = await stocked(2, 1);
    const before = {
      plenty: await levelsInDatabase(t, plenty.product.id),
      scarce: await levelsInDatabase(t, scarce.product.id),
    };
    const orderId = await placeOrder(t, [
      line(plenty.product, vendor, 5),
      line(scarce.product, vendor, 4),
    ]);
    await reservationReaches(t, orderId, 'REJECTED');

    expect(await levelsInDatabase(t, plenty.product.id)).toEqual(before.plenty);
    expect(await levelsInDatabase(t, scarce.product.id)).toEqual(before.scarce);
    const [rejected] = await inventoryEvents(t, 'stock.rejected', orderId);
    expect(rejected.data.shortLines).toEqual([
      { productId: scarce.product.id, requested: 4, available: 3 },
    ]);
    expect(await inventoryEvents(t, 'stock.reserved', orderId)).toEqual([]);
    const movements = await t.sql(
      'inventory',
      'SELECT 1 FROM stock_movements WHERE order_id = $1',
      [orderId],
    );
    expect(movements).toEqual([]);
  });

  it('adds up lines of the same product and rejects an unknown product', async () => {
    const { product } = await stocked(5);
    const twice = await placeOrder(t, [line(product, vendor, 3), line(product, vendor, 3)]);
    await reservationReaches(t, twice, 'REJECTED');
    const [rejected] = await inventoryEvents(t, 'stock.rejected', twice);
    expect(rejected.data.shortLines).toEqual([
      { productId: product.id, requested: 6, available: 5 },
    ]);

    const unknown = randomUUID();
    const orderId = await placeOrder(t, [{ productId: unknown, vendorId: vendor.id, quantity: 1 }]);
    await reservationReaches(t, orderId, 'REJECTED');
    const [short] = await inventoryEvents(t, 'stock.rejected', orderId);
    expect(short.data.shortLines).toEqual([{ productId: unknown, requested: 1, available: 0 }]);
  });

  it('reserves a redelivered order.placed once, and a second event for the same order not at all', async () => {
    const { product, warehouses } = await stocked(10);
    const orderId = randomUUID();
    const data = { orderId, customerId: randomUUID(), lines: [line(product, vendor, 3)] };
    const eventId = await publishTwice(t, 'order.placed', data);
    await reservationReaches(t, orderId, 'RESERVED');
    await t.publish('order.placed', data);
    await waitUntilCaughtUp(t, ['inventory']);

    expect(await level(product, warehouses[0])).toMatchObject({ onHand: 10, reserved: 3 });
    expect(await inventoryEvents(t, 'stock.reserved', orderId)).toHaveLength(1);
    const inbox = await t.sql('inventory', 'SELECT 1 FROM inbox WHERE event_id = $1', [eventId]);
    expect(inbox).toHaveLength(1);
  });

  it('never counts or reserves stock in an inactive warehouse', async () => {
    const { product, warehouses } = await stocked(100, 2);
    const [closed, open] = warehouses;
    const result = await t.query(
      UPDATE_WAREHOUSE,
      { id: closed.id, input: { active: false } },
      { token: vendor.accessToken },
    );
    expect(result.errors).toBeUndefined();

    const tooMany = await placeOrder(t, [line(product, vendor, 3)]);
    await reservationReaches(t, tooMany, 'REJECTED');
    const [rejected] = await inventoryEvents(t, 'stock.rejected', tooMany);
    expect(rejected.data.shortLines).toEqual([
      { productId: product.id, requested: 3, available: 2 },
    ]);

    const fits = await placeOrder(t, [line(product, vendor, 2)]);
    await reservationReaches(t, fits, 'RESERVED');
    expect(await level(product, closed)).toMatchObject({ onHand: 100, reserved: 0 });
    expect(await level(product, open)).toMatchObject({ onHand: 2, reserved: 2 });

    const stock = await t.query(PRODUCT_STOCK, { id: product.id });
    expect(stock.data!.product.stock).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
  });

  it('releases a cancelled order once and publishes stock.released', async () => {
    const { product, warehouses } = await stocked(4, 4);
    const orderId = await placeOrder(t, [line(product, vendor, 6)]);
    await reservationReaches(t, orderId, 'RESERVED');

    await publishTwice(t, 'order.cancelled', { orderId, reason: 'customer' });
    await t.publish('order.cancelled', { orderId, reason: 'customer again' });
    await reservationReaches(t, orderId, 'RELEASED');
    await waitUntilCaughtUp(t, ['inventory']);

    for (const warehouse of warehouses) {
      expect(await level(product, warehouse)).toMatchObject({ onHand: 4, reserved: 0 });
    }
    expect(await inventoryEvents(t, 'stock.released', orderId)).toHaveLength(1);
    const releases = await t.sql(
      'inventory',
      `SELECT sum(quantity)::int AS total FROM stock_movements WHERE order_id = $1 AND kind = 'RELEASE'`,
      [orderId],
    );
    expect(releases).toEqual([{ total: -6 }]);
  });

  it('reserves nothing for an order whose cancellation arrived first', async () => {
    const { product, warehouses } = await stocked(5);
    const orderId = randomUUID();
    await t.publish('order.cancelled', { orderId, reason: 'changed mind' });
    await reservationReaches(t, orderId, 'RELEASED');
    await placeOrder(t, [line(product, vendor, 1)], orderId);
    await waitUntilCaughtUp(t, ['inventory']);

    expect(await level(product, warehouses[0])).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await inventoryEvents(t, 'stock.reserved', orderId)).toEqual([]);
    expect(await inventoryEvents(t, 'stock.released', orderId)).toEqual([]);
  });

  it('sells a reservation once orders accepts the order as PAID, from the warehouses it was reserved in, once', async () => {
    const { product, warehouses } = await stocked(2, 6, 1);
    const [small, large, tiny] = warehouses;
    const orderId = await placeOrder(t, [line(product, vendor, 7)]);
    await reservationReaches(t, orderId, 'RESERVED');

    await publishTwice(t, 'order.status_changed', orderPaid(orderId));
    await reservationReaches(t, orderId, 'SOLD');
    await t.publish('order.status_changed', orderPaid(orderId));
    await waitUntilCaughtUp(t, ['inventory']);

    expect(await level(product, large)).toMatchObject({ onHand: 0, reserved: 0 });
    expect(await level(product, small)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await level(product, tiny)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await ledgerOf(orderId, 'SALE')).toEqual(
      [
        { warehouseId: large.id, quantity: -6 },
        { warehouseId: small.id, quantity: -1 },
      ].sort(byWarehouse),
    );
    expect(await inventoryEvents(t, 'stock.sold', orderId)).toHaveLength(1);
  });

  it('never sells on a payment alone: orders decides whether the order was still payable', async () => {
    const { product, warehouses } = await stocked(5);
    const orderId = await placeOrder(t, [line(product, vendor, 2)]);
    await reservationReaches(t, orderId, 'RESERVED');

    await t.publish('payment.succeeded', { orderId, paymentId: randomUUID() });
    await t.publish('order.cancelled', { orderId, reason: 'cancelled before the payment' });
    await reservationReaches(t, orderId, 'RELEASED');
    await waitUntilCaughtUp(t, ['inventory']);

    expect(await level(product, warehouses[0])).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await ledgerOf(orderId, 'SALE')).toEqual([]);
    expect(await inventoryEvents(t, 'stock.sold', orderId)).toEqual([]);
  });

  it('restocks a sold order that is cancelled into the warehouses it was sold from, once', async () => {
    const { product, warehouses } = await stocked(2, 6);
    const [small, large] = warehouses;
    const orderId = await placeOrder(t, [line(product, vendor, 7)]);
    await reservationReaches(t, orderId, 'RESERVED');
    await t.publish('order.status_changed', orderPaid(orderId));
    await reservationReaches(t, orderId, 'SOLD');

    await publishTwice(t, 'order.cancelled', { orderId, reason: 'CANCELLED_BY_CUSTOMER' });
    await reservationReaches(t, orderId, 'RESTOCKED');
    await t.publish('order.cancelled', { orderId, reason: 'again' });
    await t.publish('order.status_changed', orderPaid(orderId));
    await waitUntilCaughtUp(t, ['inventory']);

    expect(await level(product, large)).toMatchObject({ onHand: 6, reserved: 0 });
    expect(await level(product, small)).toMatchObject({ onHand: 2, reserved: 0 });
    expect(await ledgerOf(orderId, 'RESTOCK')).toEqual(
      [
        { warehouseId: large.id, quantity: 6 },
        { warehouseId: small.id, quantity: 1 },
      ].sort(byWarehouse),
    );
    const restocked = await inventoryEvents(t, 'stock.restocked', orderId);
    expect(restocked).toHaveLength(1);
    expect(restocked[0].data.lines.sort(byWarehouse)).toEqual(
      [
        { productId: product.id, warehouseId: large.id, quantity: 6 },
        { productId: product.id, warehouseId: small.id, quantity: 1 },
      ].sort(byWarehouse),
    );
    expect(await inventoryEvents(t, 'stock.released', orderId)).toEqual([]);
  });

  it('keeps the units of a reservation past its expiry until orders decides: expired releases them', async () => {
    const { product, warehouses } = await stocked(5);
    const orderId = await placeOrder(t, [line(product, vendor, 4)]);
    await reservationReaches(t, orderId, 'RESERVED');

    await pastExpiry(orderId);
    await reservationReaches(t, orderId, 'LAPSED');
    expect(await level(product, warehouses[0])).toMatchObject({ onHand: 5, reserved: 4 });
    const expired = await inventoryEvents(t, 'stock.reservation_expired', orderId);
    expect(expired.map((event) => event.data)).toEqual([{ orderId }]);

    await t.publish('order.cancelled', { orderId, reason: 'RESERVATION_EXPIRED' });
    await reservationReaches(t, orderId, 'EXPIRED');
    expect(await level(product, warehouses[0])).toMatchObject({ onHand: 5, reserved: 0 });

    const before = await inventoryFingerprint(t);
    await t.publish('order.status_changed', orderPaid(orderId));
    await t.publish('order.cancelled', { orderId, reason: 'too late' });
    await waitUntilCaughtUp(t, ['inventory']); // both consumers had their chance
    const after = await inventoryFingerprint(t);
    expect({ ...after, outbox: undefined }).toEqual({ ...before, outbox: undefined });
    expect(await inventoryEvents(t, 'stock.reservation_expired', orderId)).toHaveLength(1);
    expect(await inventoryEvents(t, 'stock.sold', orderId)).toEqual([]);
  });

  it('sells a reservation past its expiry when orders accepted the payment in time', async () => {
    const { product, warehouses } = await stocked(5);
    const orderId = await placeOrder(t, [line(product, vendor, 3)]);
    await reservationReaches(t, orderId, 'RESERVED');
    await pastExpiry(orderId);
    await reservationReaches(t, orderId, 'LAPSED');

    await t.publish('order.status_changed', orderPaid(orderId));
    await reservationReaches(t, orderId, 'SOLD');

    expect(await level(product, warehouses[0])).toMatchObject({ onHand: 2, reserved: 0 });
    expect(await ledgerOf(orderId, 'SALE')).toEqual([
      { warehouseId: warehouses[0].id, quantity: -3 },
    ]);
  });

  const pastExpiry = (orderId: string) =>
    t.sql(
      'inventory',
      `UPDATE reservations SET expires_at = now() - interval '1 second' WHERE order_id = $1`,
      [orderId],
    );

  const ledgerOf = (orderId: string, kind: string) =>
    t.sql(
      'inventory',
      `SELECT warehouse_id AS "warehouseId", quantity FROM stock_movements
        WHERE order_id = $1 AND kind = $2 ORDER BY warehouse_id`,
      [orderId, kind],
    );
});
