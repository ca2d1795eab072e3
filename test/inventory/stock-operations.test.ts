import { signUp, type SignedIn } from '../support/accounts';
import { errorCode } from '../support/graphql-client';
import {
  ADJUST_STOCK,
  CREATE_WAREHOUSE,
  PRODUCT_STOCK,
  SET_THRESHOLD,
  STOCK_MOVEMENTS,
  TRANSFER_STOCK,
  UPDATE_WAREHOUSE,
  createWarehouse,
  inventoryFingerprint,
  levelsInDatabase,
  placeOrder,
  line,
  receive,
  reservationReaches,
  stockableProduct,
} from '../support/inventory';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('warehouses and stock operations', () => {
  let t: TestSystem;
  let vendor: SignedIn;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
  });
  afterAll(() => t.stop());

  it('creates warehouses with codes unique per vendor and lists them by code', async () => {
    const created = await t.query(
      CREATE_WAREHOUSE,
      { input: { name: '  Berlin  ', code: 'BER-1' } },
      { token: vendor.accessToken },
    );
    expect(created.data!.createWarehouse).toMatchObject({
      name: 'Berlin',
      code: 'BER-1',
      active: true,
      vendor: { id: vendor.id },
    });

    const duplicate = await t.query(
      CREATE_WAREHOUSE,
      { input: { name: 'Berlin again', code: 'BER-1' } },
      { token: vendor.accessToken },
    );
    expect(duplicate.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.code',
    });

    // Another vendor may use the same code.
    const other = await signUp(t, { role: 'VENDOR' });
    expect((await createWarehouse(t, other, { code: 'BER-1' })).code).toBe('BER-1');

    await createWarehouse(t, vendor, { code: 'AAA-0' });
    const mine = await t.query('{ myWarehouses { code } }', {}, { token: vendor.accessToken });
    expect(mine.data!.myWarehouses.map((w: { code: string }) => w.code)).toEqual([
      'AAA-0',
      'BER-1',
    ]);
  });

  it('receives, adjusts and transfers stock, and the movements explain every level', async () => {
    const product = await stockableProduct(t, vendor);
    const north = await createWarehouse(t, vendor);
    const south = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, north.id, 20);

    const adjusted = await t.query(
      ADJUST_STOCK,
      {
        input: { productId: product.id, warehouseId: north.id, delta: -3, reason: 'Water damage' },
      },
      { token: vendor.accessToken },
    );
    expect(adjusted.data!.adjustStock).toMatchObject({ onHand: 17, reserved: 0, available: 17 });

    const moved = await t.query(
      TRANSFER_STOCK,
      {
        input: {
          productId: product.id,
          fromWarehouseId: north.id,
          toWarehouseId: south.id,
          quantity: 7,
        },
      },
      { token: vendor.accessToken },
    );
    expect(moved.data!.transferStock).toEqual([
      { onHand: 10, reserved: 0, available: 10, warehouse: { id: north.id, code: north.code } },
      { onHand: 7, reserved: 0, available: 7, warehouse: { id: south.id, code: south.code } },
    ]);

    const movements = await t.query(
      STOCK_MOVEMENTS,
      { productId: product.id },
      { token: vendor.accessToken },
    );
    expect(
      movements.data!.stockMovements.map((m: any) => [
        m.kind,
        m.warehouse.id,
        m.quantity,
        m.reason,
      ]),
    ).toEqual([
      ['TRANSFER_OUT', north.id, -7, null],
      ['TRANSFER_IN', south.id, 7, null],
      ['ADJUSTMENT', north.id, -3, 'Water damage'],
      ['RECEIPT', north.id, 20, null],
    ]);
    const limited = await t.query(
      STOCK_MOVEMENTS,
      { productId: product.id, first: 1 },
      { token: vendor.accessToken },
    );
    expect(limited.data!.stockMovements).toHaveLength(1);
    expect(await ledgerExplainsLevels(product.id)).toBe(true);
  });

  it('refuses to adjust on-hand below what is reserved, and changes nothing', async () => {
    const product = await stockableProduct(t, vendor);
    const warehouse = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, warehouse.id, 10);
    const orderId = await placeOrder(t, [line(product, vendor, 6)]);
    await reservationReaches(t, orderId, 'RESERVED');
    const before = await inventoryFingerprint(t);

    const result = await t.query(
      ADJUST_STOCK,
      { input: { productId: product.id, warehouseId: warehouse.id, delta: -5, reason: 'Count' } },
      { token: vendor.accessToken },
    );
    expect(errorCode(result)).toBe('INSUFFICIENT_STOCK');
    expect(await inventoryFingerprint(t)).toEqual(before);

    const ok = await t.query(
      ADJUST_STOCK,
      { input: { productId: product.id, warehouseId: warehouse.id, delta: -4, reason: 'Count' } },
      { token: vendor.accessToken },
    );
    expect(ok.data!.adjustStock).toMatchObject({ onHand: 6, reserved: 6, available: 0 });
  });

  it('transfers atomically: a transfer that would take reserved stock changes neither warehouse', async () => {
    const product = await stockableProduct(t, vendor);
    const from = await createWarehouse(t, vendor);
    const to = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, from.id, 10);
    await receive(t, vendor, product.id, to.id, 1);
    const orderId = await placeOrder(t, [line(product, vendor, 8)]);
    await reservationReaches(t, orderId, 'RESERVED');
    const before = await inventoryFingerprint(t);
    const levelsBefore = await levelsInDatabase(t, product.id);

    // The destination is credited before the source's CHECK constraint refuses the debit.
    const result = await t.query(
      TRANSFER_STOCK,
      {
        input: {
          productId: product.id,
          fromWarehouseId: from.id,
          toWarehouseId: to.id,
          quantity: 5,
        },
      },
      { token: vendor.accessToken },
    );
    expect(errorCode(result)).toBe('INSUFFICIENT_STOCK');
    expect(await levelsInDatabase(t, product.id)).toEqual(levelsBefore);
    expect(await inventoryFingerprint(t)).toEqual(before);

    const fromNowhere = await t.query(
      TRANSFER_STOCK,
      {
        input: {
          productId: product.id,
          fromWarehouseId: (await createWarehouse(t, vendor)).id,
          toWarehouseId: to.id,
          quantity: 1,
        },
      },
      { token: vendor.accessToken },
    );
    expect(errorCode(fromNowhere)).toBe('INSUFFICIENT_STOCK');
    expect(await levelsInDatabase(t, product.id)).toEqual(levelsBefore);
  });

  it('counts only active warehouses in Product.stock, and shows the owner every level', async () => {
    const product = await stockableProduct(t, vendor);
    const open = await createWarehouse(t, vendor, { code: 'OPEN-1' });
    const closing = await createWarehouse(t, vendor, { code: 'SHUT-1' });
    await receive(t, vendor, product.id, open.id, 4);
    await receive(t, vendor, product.id, closing.id, 30);

    const deactivated = await t.query(
      UPDATE_WAREHOUSE,
      { id: closing.id, input: { active: false, name: 'Closing down' } },
      { token: vendor.accessToken },
    );
    expect(deactivated.data!.updateWarehouse).toMatchObject({
      active: false,
      name: 'Closing down',
    });

    const seen = await t.query(PRODUCT_STOCK, { id: product.id }, { token: vendor.accessToken });
    expect(seen.data!.product.stock).toEqual({
      available: 4,
      reserved: 0,
      onHand: 4,
      lowStockThreshold: 5,
      lowStock: true,
      levels: [
        { onHand: 4, reserved: 0, available: 4, warehouse: { id: open.id, code: 'OPEN-1' } },
        { onHand: 30, reserved: 0, available: 0, warehouse: { id: closing.id, code: 'SHUT-1' } },
      ],
    });
  });

  it('sets the low-stock threshold of its own product', async () => {
    const product = await stockableProduct(t, vendor);
    const warehouse = await createWarehouse(t, vendor);
    await receive(t, vendor, product.id, warehouse.id, 8);
    const result = await t.query(
      SET_THRESHOLD,
      { productId: product.id, threshold: 10 },
      { token: vendor.accessToken },
    );
    expect(result.data!.setLowStockThreshold).toEqual({
      available: 8,
      onHand: 8,
      reserved: 0,
      lowStockThreshold: 10,
      lowStock: true,
    });
  });

  /** Every level equals the sum of its movements' effects (see stock-ledger.ts). */
  async function ledgerExplainsLevels(productId: string): Promise<boolean> {
    const rows = await t.sql(
      'inventory',
      `SELECT sl.on_hand, sl.reserved,
              COALESCE(sum(m.quantity) FILTER (WHERE m.kind NOT IN ('RESERVATION', 'RELEASE')), 0)::int AS ledger_on_hand,
              COALESCE(sum(m.quantity) FILTER (WHERE m.kind IN ('RESERVATION', 'RELEASE', 'SALE')), 0)::int AS ledger_reserved
         FROM stock_levels sl
         LEFT JOIN stock_movements m ON m.product_id = sl.product_id AND m.warehouse_id = sl.warehouse_id
        WHERE sl.product_id = $1
        GROUP BY sl.product_id, sl.warehouse_id`,
      [productId],
    );
    return rows.every((r) => r.on_hand === r.ledger_on_hand && r.reserved === r.ledger_reserved);
  }
});
