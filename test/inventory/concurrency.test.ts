import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RunningService } from '../../lib/process/run-service';
import { startFromEnv as startInventory } from '../../subgraphs/inventory/main';
import type { ReservationService } from '../../subgraphs/inventory/services/reservation.service';
import { signUp, type SignedIn } from '../support/accounts';
import {
  createWarehouse,
  directReservations,
  inventoryEvents,
  levelsInDatabase,
  line,
  placeOrder,
  receive,
  stockableProduct,
  type OrderLine,
} from '../support/inventory';
import { testEnv } from '../support/test-env';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('reservations under concurrency', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  const replicas: RunningService[] = [];
  let dataSource: DataSource;
  let reservations: ReservationService;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    // Two more inventory processes on the same database and subjects: the durable consumers hand
    // events to all three, so order.placed events are handled in parallel transactions.
    for (let i = 0; i < 2; i += 1) replicas.push(await startInventory(testEnv(t.prefix)));
    // The reservation service driven directly, with a pool big enough for real parallelism. Its
    // outbox rows are published by the running system's relays on their next poll.
    ({ reservations, dataSource } = await directReservations(t));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    for (const replica of replicas) await replica.stop();
    await t.stop();
  });

  /** A product with 10 units: 6 in one warehouse, 4 in another. */
  async function tenUnits() {
    const product = await stockableProduct(t, vendor);
    for (const quantity of [6, 4]) {
      const warehouse = await createWarehouse(t, vendor);
      await receive(t, vendor, product.id, warehouse.id, quantity);
    }
    return product;
  }

  const statusCounts = async (orderIds: string[]): Promise<Record<string, number>> => {
    const rows = await t.sql(
      'inventory',
      `SELECT status, count(*)::int AS n FROM reservations
        WHERE order_id = ANY($1::uuid[]) GROUP BY status`,
      [orderIds],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  };
  const totals = async (productId: string) => {
    const levels = await levelsInDatabase(t, productId);
    return {
      onHand: levels.reduce((sum, level) => sum + level.onHand, 0),
      reserved: levels.reduce((sum, level) => sum + level.reserved, 0),
      lowestAvailable: Math.min(...levels.map((level) => level.onHand - level.reserved)),
    };
  };
  const reserveDirectly = (orderId: string, lines: OrderLine[]) =>
    dataSource.transaction((manager) =>
      reservations.reserve(manager, { orderId, customerId: randomUUID(), lines }),
    );

  it('reserves exactly 10 units when 50 order.placed events compete for them', async () => {
    const product = await tenUnits();
    const orderIds = await Promise.all(
      Array.from({ length: 50 }, () => placeOrder(t, [line(product, vendor, 1)])),
    );
    await waitFor(
      async () => Object.values(await statusCounts(orderIds)).reduce((a, b) => a + b, 0) === 50,
      'all 50 orders to be decided',
      30_000,
    );

    expect(await statusCounts(orderIds)).toEqual({ RESERVED: 10, REJECTED: 40 });
    expect(await totals(product.id)).toEqual({ onHand: 10, reserved: 10, lowestAvailable: 0 });
    const ofThese = <E extends { data: { orderId: string } }>(events: E[]) =>
      events.filter((event) => orderIds.includes(event.data.orderId));
    expect(ofThese(await inventoryEvents(t, 'stock.reserved'))).toHaveLength(10);
    const rejected = ofThese(await inventoryEvents(t, 'stock.rejected'));
    expect(rejected).toHaveLength(40);
    expect(rejected.every((event) => event.data.shortLines[0].available === 0)).toBe(true);
  });

  it('reserves exactly 10 units when 50 transactions call the reservation service at once', async () => {
    const product = await tenUnits();
    const orderIds = Array.from({ length: 50 }, () => randomUUID());
    const outcomes = await Promise.allSettled(
      orderIds.map((orderId) => reserveDirectly(orderId, [line(product, vendor, 1)])),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(await statusCounts(orderIds)).toEqual({ RESERVED: 10, REJECTED: 40 });
    expect(await totals(product.id)).toEqual({ onHand: 10, reserved: 10, lowestAvailable: 0 });
  });

  it('never deadlocks when concurrent orders list the same products in opposite orders', async () => {
    const a = await tenUnits();
    const b = await tenUnits();
    const orderIds = Array.from({ length: 50 }, () => randomUUID());
    const outcomes = await Promise.allSettled(
      orderIds.map((orderId, i) =>
        reserveDirectly(
          orderId,
          i % 2
            ? [line(a, vendor, 1), line(b, vendor, 1)]
            : [line(b, vendor, 1), line(a, vendor, 1)],
        ),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(await statusCounts(orderIds)).toEqual({ RESERVED: 10, REJECTED: 40 });
    expect(await totals(a.id)).toEqual({ onHand: 10, reserved: 10, lowestAvailable: 0 });
    expect(await totals(b.id)).toEqual({ onHand: 10, reserved: 10, lowestAvailable: 0 });
  });

  it('settles a sale racing a cancellation one way: released, or sold then restocked', async () => {
    const product = await tenUnits();
    const orderIds = Array.from({ length: 10 }, () => randomUUID());
    for (const orderId of orderIds) await reserveDirectly(orderId, [line(product, vendor, 1)]);
    const outcomes = await Promise.allSettled(
      orderIds.flatMap((orderId) => [
        dataSource.transaction((manager) => reservations.sell(manager, orderId)),
        dataSource.transaction((manager) => reservations.release(manager, orderId)),
      ]),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const counts = await statusCounts(orderIds);
    expect((counts.RESTOCKED ?? 0) + (counts.RELEASED ?? 0)).toBe(10);
    expect(await totals(product.id)).toEqual({
      onHand: 10,
      reserved: 0,
      lowestAvailable: expect.any(Number),
    });
    const settled = await t.sql(
      'inventory',
      `SELECT order_id, count(*)::int AS n FROM stock_movements
        WHERE order_id = ANY($1::uuid[]) AND kind IN ('SALE', 'RELEASE') GROUP BY order_id`,
      [orderIds],
    );
    expect(settled.map((row) => row.n)).toEqual(Array(10).fill(1));
    const restocks = await t.sql(
      'inventory',
      `SELECT count(*)::int AS n FROM stock_movements
        WHERE order_id = ANY($1::uuid[]) AND kind = 'RESTOCK'`,
      [orderIds],
    );
    expect(restocks[0].n).toBe(counts.RESTOCKED ?? 0);
  });

  it('reports each reservation past its expiry once when several sweepers run at the same time, holding its units', async () => {
    const product = await tenUnits();
    const orderIds = Array.from({ length: 10 }, () => randomUUID());
    for (const orderId of orderIds) await reserveDirectly(orderId, [line(product, vendor, 1)]);
    await t.sql(
      'inventory',
      `UPDATE reservations SET expires_at = now() - interval '1 second'
        WHERE order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    const released = await Promise.all(Array.from({ length: 4 }, () => reservations.expireDue()));

    // The system's own sweepers may take some too; together every reservation lapses once.
    // Orders never heard of these orders, so nothing releases the units they still hold.
    expect(released.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
    expect(await statusCounts(orderIds)).toEqual({ LAPSED: 10 });
    expect(await totals(product.id)).toEqual({ onHand: 10, reserved: 10, lowestAvailable: 0 });
    const expired = await t.sql(
      'inventory',
      `SELECT envelope->'data'->>'orderId' AS "orderId" FROM outbox
        WHERE type = 'stock.reservation_expired' AND envelope->'data'->>'orderId' = ANY($1)`,
      [orderIds],
    );
    expect(expired.map((row) => row.orderId).sort()).toEqual([...orderIds].sort());
    expect(await reservations.expireDue()).toBe(0);
  });
});
