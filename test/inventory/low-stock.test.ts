import { signUp, type SignedIn } from '../support/accounts';
import type { TestProduct } from '../support/catalog';
import {
  ADJUST_STOCK,
  SET_THRESHOLD,
  UPDATE_WAREHOUSE,
  createWarehouse,
  line,
  orderPaid,
  placeOrder,
  receive,
  reservationReaches,
  stockableProduct,
} from '../support/inventory';
import { waitUntilCaughtUp } from '../support/caught-up';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

describe('low-stock alerts', () => {
  let t: TestSystem;
  let vendor: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR', displayName: 'Lowstock Supplies' });
  });
  afterAll(() => t.stop());

  /** The `stock.low` events inventory wrote for a product, oldest first. */
  const alerts = async (product: TestProduct) =>
    (
      await t.sql(
        'inventory',
        `SELECT envelope->'data' AS data FROM outbox
          WHERE type = 'stock.low' AND envelope->'data'->>'productId' = $1
          ORDER BY seq`,
        [product.id],
      )
    ).map((row) => row.data);

  const adjust = (product: TestProduct, warehouseId: string, delta: number) =>
    t.query(
      ADJUST_STOCK,
      { input: { productId: product.id, warehouseId, delta, reason: 'Stocktake' } },
      { token: vendor.accessToken },
    );

  it('alerts once when available stock falls to the threshold, and again only after it recovered', async () => {
    const product = await stockableProduct(t, vendor, { name: 'Brass hinge' });
    const warehouse = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, warehouse.id, 10);
    expect(await alerts(product)).toEqual([]);

    const first = await placeOrder(t, [line(product, vendor, 5)]); // 5 left: at the threshold
    await reservationReaches(t, first, 'RESERVED');
    expect(await alerts(product)).toEqual([
      {
        productId: product.id,
        vendorId: vendor.id,
        productName: 'Brass hinge',
        available: 5,
        threshold: 5,
      },
    ]);

    const second = await placeOrder(t, [line(product, vendor, 1)]); // 4 left: still low
    await reservationReaches(t, second, 'RESERVED');
    expect((await adjust(product, warehouse.id, -1)).errors).toBeUndefined(); // 3 left
    expect(await alerts(product)).toHaveLength(1);

    await t.publish('order.cancelled', { orderId: first, reason: 'customer' }); // 8: re-armed
    await reservationReaches(t, first, 'RELEASED');
    expect(await alerts(product)).toHaveLength(1);

    const third = await placeOrder(t, [line(product, vendor, 4)]); // 4 left: a new crossing
    await reservationReaches(t, third, 'RESERVED');
    const all = await alerts(product);
    expect(all.map((alert) => alert.available)).toEqual([5, 4]);

    // A sale takes reserved stock that was already not available: no new crossing.
    await t.publish('order.status_changed', orderPaid(third));
    await reservationReaches(t, third, 'SOLD');
    expect(await alerts(product)).toHaveLength(2);

    // The mailer turns each alert into one email to the vendor.
    await waitFor(
      () =>
        t.smtp.to(vendor.email).filter((m) => m.subject === 'Low stock: Brass hinge').length >= 2,
      'two low-stock emails',
    );
    await waitUntilCaughtUp(t, ['inventory', 'mailer_stock_low']);
    expect(
      t.smtp.to(vendor.email).filter((m) => m.subject === 'Low stock: Brass hinge'),
    ).toHaveLength(2);
  });

  it('alerts when deactivating a warehouse or raising the threshold makes stock low', async () => {
    const product = await stockableProduct(t, vendor);
    const main = await createWarehouse(t, vendor);
    const overflow = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, main.id, 7);
    await receive(t, vendor, product.id, overflow.id, 20);

    const closed = await t.query(
      UPDATE_WAREHOUSE,
      { id: overflow.id, input: { active: false } },
      { token: vendor.accessToken },
    );
    expect(closed.errors).toBeUndefined();
    expect(await alerts(product)).toEqual([]); // 7 available, threshold 5

    const raised = await t.query(
      SET_THRESHOLD,
      { productId: product.id, threshold: 7 },
      { token: vendor.accessToken },
    );
    expect(raised.data!.setLowStockThreshold).toMatchObject({ available: 7, lowStock: true });
    expect((await alerts(product)).map((a) => [a.available, a.threshold])).toEqual([[7, 7]]);

    // Reopening the overflow warehouse re-arms; closing it again is a new crossing.
    for (const active of [true, false]) {
      await t.query(
        UPDATE_WAREHOUSE,
        { id: overflow.id, input: { active } },
        { token: vendor.accessToken },
      );
    }
    expect((await alerts(product)).map((a) => a.available)).toEqual([7, 7]);
  });

  it('alerts once when many concurrent adjustments cross the threshold together', async () => {
    const product = await stockableProduct(t, vendor);
    const warehouse = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, warehouse.id, 12);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => adjust(product, warehouse.id, -1)),
    );

    expect(results.filter((result) => result.errors)).toEqual([]);
    const all = await alerts(product);
    expect(all).toHaveLength(1);
    expect(all[0].available).toBe(5);
  });
});
