import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ReservationService } from '../../subgraphs/inventory/services/reservation.service';
import { effectOf } from '../../subgraphs/inventory/services/stock-ledger';
import type { StockMovementKind } from '../../subgraphs/inventory/generated/resolvers-types';
import { signUp, type SignedIn } from '../support/accounts';
import type { TestProduct } from '../support/catalog';
import {
  createWarehouse,
  directReservations,
  inventoryFingerprint,
  levelsInDatabase,
  line,
  receive,
  stockableProduct,
  type OrderLine,
} from '../support/inventory';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Races against the reservation's single write statement (levels, ledger, lines and the product
 * locks at once), driven straight through the service with a pool big enough for real parallelism.
 */
describe('reservation races', () => {
  let t: TestSystem;
  let vendor: SignedIn;
  let dataSource: DataSource;
  let reservations: ReservationService;

  beforeAll(async () => {
    t = await startTestSystem();
    vendor = await signUp(t, { role: 'VENDOR' });
    ({ reservations, dataSource } = await directReservations(t));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await t.stop();
  });

  const reserve = (orderId: string, lines: OrderLine[]) =>
    dataSource.transaction((manager) =>
      reservations.reserve(manager, { orderId, customerId: randomUUID(), lines }),
    );
  const statuses = async (orderIds: string[]) =>
    (
      await t.sql<{ status: string }>(
        'inventory',
        'SELECT status FROM reservations WHERE order_id = ANY($1::uuid[]) ORDER BY status',
        [orderIds],
      )
    ).map((row) => row.status);
  /** Each level of the product as its ledger adds up, beside the level itself. */
  const ledgerAndLevels = async (product: TestProduct) => {
    const movements = await t.sql<{ warehouseId: string; kind: string; quantity: number }>(
      'inventory',
      `SELECT warehouse_id AS "warehouseId", kind, quantity FROM stock_movements
        WHERE product_id = $1`,
      [product.id],
    );
    const ledger = new Map<string, { onHand: number; reserved: number }>();
    for (const movement of movements) {
      const sum = ledger.get(movement.warehouseId) ?? { onHand: 0, reserved: 0 };
      const effect = effectOf(movement.kind as StockMovementKind, movement.quantity);
      ledger.set(movement.warehouseId, {
        onHand: sum.onHand + effect.onHand,
        reserved: sum.reserved + effect.reserved,
      });
    }
    const levels = await levelsInDatabase(t, product.id);
    return {
      ledger: levels.map((level) => ({
        warehouseId: level.warehouseId,
        ...ledger.get(level.warehouseId),
      })),
      levels,
    };
  };
  const reservedLines = async (orderIds: string[]) =>
    (
      await t.sql<{ n: number }>(
        'inventory',
        'SELECT coalesce(sum(quantity), 0)::int AS n FROM reservation_lines WHERE order_id = ANY($1::uuid[])',
        [orderIds],
      )
    )[0].n;
  const lowStockAlerts = async (product: TestProduct) =>
    t.sql<{ available: number }>(
      'inventory',
      `SELECT (envelope->'data'->>'available')::int AS available FROM outbox
        WHERE type = 'stock.low' AND envelope->'data'->>'productId' = $1`,
      [product.id],
    );

  it('gives the last unit to exactly one of two orders racing for it, round after round', async () => {
    for (let round = 0; round < 10; round += 1) {
      const product = await stockableProduct(t, vendor);
      await receive(t, vendor, product.id, (await createWarehouse(t, vendor)).id, 1);
      const orderIds = [randomUUID(), randomUUID()];
      const outcomes = await Promise.allSettled(
        orderIds.map((orderId) => reserve(orderId, [line(product, vendor, 1)])),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(await statuses(orderIds)).toEqual(['REJECTED', 'RESERVED']);
      expect((await levelsInDatabase(t, product.id)).map((l) => [l.onHand, l.reserved])).toEqual([
        [1, 1],
      ]);
      expect(await reservedLines(orderIds)).toBe(1);
    }
  });

  it('keeps the ledger equal to the levels when many split orders race over two warehouses', async () => {
    const product = await stockableProduct(t, vendor);
    for (const quantity of [7, 5]) {
      await receive(t, vendor, product.id, (await createWarehouse(t, vendor)).id, quantity);
    }
    const orderIds = Array.from({ length: 20 }, () => randomUUID());
    const outcomes = await Promise.allSettled(
      orderIds.map((orderId) => reserve(orderId, [line(product, vendor, 2)])),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const { ledger, levels } = await ledgerAndLevels(product);
    expect(ledger).toEqual(levels);
    expect(levels.reduce((sum, level) => sum + level.reserved, 0)).toBe(12);
    expect(await reservedLines(orderIds)).toBe(12);
    expect((await statuses(orderIds)).filter((status) => status === 'RESERVED')).toHaveLength(6);
  });

  it('changes nothing when an order it already reserved is handled again', async () => {
    const product = await stockableProduct(t, vendor);
    await receive(t, vendor, product.id, (await createWarehouse(t, vendor)).id, 3);
    const orderId = randomUUID();
    await reserve(orderId, [line(product, vendor, 2)]);
    const before = await inventoryFingerprint(t);

    await reserve(orderId, [line(product, vendor, 2)]);

    expect(await inventoryFingerprint(t)).toEqual(before);
    expect((await levelsInDatabase(t, product.id)).map((l) => [l.onHand, l.reserved])).toEqual([
      [3, 2],
    ]);
  });

  it('alerts low stock once when concurrent reservations cross the threshold together', async () => {
    const product = await stockableProduct(t, vendor); // threshold 5
    await receive(t, vendor, product.id, (await createWarehouse(t, vendor)).id, 12);
    const orderIds = Array.from({ length: 12 }, () => randomUUID());
    const outcomes = await Promise.allSettled(
      orderIds.map((orderId) => reserve(orderId, [line(product, vendor, 1)])),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(await lowStockAlerts(product)).toEqual([{ available: 5 }]);
  });
});
