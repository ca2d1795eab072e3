import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { serviceDatabaseUrl } from '../../lib/config/common-env';
import { openDatabase } from '../../lib/db/database';
import { withEventTables } from '../../lib/events/event-tables';
import { inventoryDatabase } from '../../subgraphs/inventory/database';
import { ReservationService } from '../../subgraphs/inventory/services/reservation.service';
import type { EventCatalogue, EventEnvelope, EventType } from '../../lib/events/catalogue';
import { connectEventBus } from '../../lib/events/event-bus';
import type { SignedIn } from './accounts';
import { createProduct, type TestProduct } from './catalog';
import { newEnvelope, publishEnvelope, testLogger } from './event-streams';
import { TEST_DATABASE_URL, TEST_NATS_URL } from './test-env';
import type { TestSystem } from './test-system';
import { waitFor } from './wait-for';

export const WAREHOUSE_FIELDS = 'id name code active createdAt vendor { id }';
export const LEVEL_FIELDS = `onHand reserved available warehouse { id code }`;

export const CREATE_WAREHOUSE = `mutation($input: CreateWarehouseInput!) {
  createWarehouse(input: $input) { ${WAREHOUSE_FIELDS} }
}`;
export const UPDATE_WAREHOUSE = `mutation($id: ID!, $input: UpdateWarehouseInput!) {
  updateWarehouse(id: $id, input: $input) { ${WAREHOUSE_FIELDS} }
}`;
export const RECEIVE_STOCK = `mutation($input: ReceiveStockInput!) {
  receiveStock(input: $input) { ${LEVEL_FIELDS} }
}`;
export const ADJUST_STOCK = `mutation($input: AdjustStockInput!) {
  adjustStock(input: $input) { ${LEVEL_FIELDS} }
}`;
export const TRANSFER_STOCK = `mutation($input: TransferStockInput!) {
  transferStock(input: $input) { ${LEVEL_FIELDS} }
}`;
export const SET_THRESHOLD = `mutation($productId: ID!, $threshold: Int!) {
  setLowStockThreshold(productId: $productId, threshold: $threshold) {
    available onHand reserved lowStockThreshold lowStock
  }
}`;
export const STOCK_MOVEMENTS = `query($productId: ID!, $first: Int) {
  stockMovements(productId: $productId, first: $first) {
    id kind quantity reason orderId createdAt warehouse { id code }
  }
}`;
export const PRODUCT_STOCK = `query($id: ID!) {
  product(id: $id) {
    id
    stock { available reserved onHand lowStockThreshold lowStock levels { ${LEVEL_FIELDS} } }
  }
}`;

export interface TestWarehouse {
  id: string;
  name: string;
  code: string;
  active: boolean;
}

let counter = 0;

/** Creates a warehouse as `vendor` through the gateway; the code is unique unless given. */
export async function createWarehouse(
  t: TestSystem,
  vendor: SignedIn,
  overrides: { name?: string; code?: string } = {},
): Promise<TestWarehouse> {
  counter += 1;
  const input = { name: `Warehouse ${counter}`, code: `WH-${counter}`, ...overrides };
  const result = await t.query(CREATE_WAREHOUSE, { input }, { token: vendor.accessToken });
  if (result.errors) throw new Error(`createWarehouse failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createWarehouse;
}

/**
 * A product created by `vendor` through catalog, once inventory has heard of it from
 * `product.created` (ownership checks use inventory's read model).
 */
export async function stockableProduct(
  t: TestSystem,
  vendor: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<TestProduct> {
  const product = await createProduct(t, vendor, overrides);
  await waitFor(
    async () =>
      (await t.sql('inventory', 'SELECT 1 FROM products WHERE id = $1', [product.id])).length > 0,
    `inventory to learn product ${product.id}`,
  );
  return product;
}

/** Receives stock through the gateway and fails the test if that is refused. */
export async function receive(
  t: TestSystem,
  vendor: SignedIn,
  productId: string,
  warehouseId: string,
  quantity: number,
): Promise<void> {
  const result = await t.query(
    RECEIVE_STOCK,
    { input: { productId, warehouseId, quantity } },
    { token: vendor.accessToken },
  );
  if (result.errors) throw new Error(`receiveStock failed: ${JSON.stringify(result.errors)}`);
}

export interface LevelRow {
  warehouseId: string;
  onHand: number;
  reserved: number;
}

/** A product's stock levels straight from inventory's database, by warehouse id. */
export async function levelsInDatabase(t: TestSystem, productId: string): Promise<LevelRow[]> {
  return t.sql<LevelRow>(
    'inventory',
    `SELECT warehouse_id AS "warehouseId", on_hand AS "onHand", reserved
       FROM stock_levels WHERE product_id = $1 ORDER BY warehouse_id`,
    [productId],
  );
}

/**
 * A fingerprint of everything inventory stores (levels, movements, warehouses, products,
 * reservations, outbox), for asserting that a refused request changed nothing at all.
 */
export async function inventoryFingerprint(t: TestSystem): Promise<Record<string, string>> {
  const table = (name: string, order: string) =>
    `(SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY ${order})), '') FROM ${name} x)`;
  const [row] = await t.sql(
    'inventory',
    `SELECT ${table('stock_levels', 'x.product_id, x.warehouse_id')} AS levels,
            ${table('stock_movements', 'x.seq')} AS movements,
            ${table('warehouses', 'x.id')} AS warehouses,
            ${table('products', 'x.id')} AS products,
            ${table('reservations', 'x.order_id')} AS reservations,
            (SELECT count(*)::text FROM outbox) AS outbox`,
  );
  return row;
}

export type OrderLine = EventCatalogue['order.placed']['lines'][number];

/** A line of `quantity` units of a catalog product, as orders would put it in `order.placed`. */
export function line(product: TestProduct, vendor: SignedIn, quantity: number): OrderLine {
  return { productId: product.id, vendorId: vendor.id, quantity };
}

/** Publishes `order.placed` for a new order, as orders would; resolves with the order id. */
export async function placeOrder(
  t: TestSystem,
  lines: OrderLine[],
  orderId: string = randomUUID(),
): Promise<string> {
  await t.publish('order.placed', { orderId, customerId: randomUUID(), lines });
  return orderId;
}

/**
 * `order.status_changed` to PAID as orders publishes it when it accepts a payment: the one event
 * that makes inventory sell. The summary's other fields do not matter to inventory.
 */
export function orderPaid(orderId: string): EventCatalogue['order.status_changed'] {
  return {
    orderId,
    customerId: randomUUID(),
    vendorIds: [],
    total: { amount: 0, currency: 'EUR' },
    lines: [],
    expiresAt: null,
    from: 'AWAITING_PAYMENT',
    to: 'PAID',
    reason: 'PAID',
    at: new Date().toISOString(),
  };
}

/** Waits until inventory's reservation for `orderId` is in one of `statuses`; returns it. */
export async function reservationReaches(
  t: TestSystem,
  orderId: string,
  ...statuses: string[]
): Promise<string> {
  let status: string | undefined;
  await waitFor(
    async () => {
      const rows = await t.sql('inventory', 'SELECT status FROM reservations WHERE order_id = $1', [
        orderId,
      ]);
      status = rows[0]?.status;
      return status !== undefined && statuses.includes(status);
    },
    `reservation of ${orderId} to be ${statuses.join(' or ')} (is ${status})`,
  );
  return status!;
}

/** Events of `type` inventory wrote to its outbox, oldest first, optionally for one order. */
export async function inventoryEvents<T extends EventType>(
  t: TestSystem,
  type: T,
  orderId?: string,
): Promise<Array<EventEnvelope<T>>> {
  const rows = await t.sql<{ envelope: EventEnvelope<T> }>(
    'inventory',
    `SELECT envelope FROM outbox
      WHERE type = $1 AND ($2::text IS NULL OR envelope->'data'->>'orderId' = $2)
      ORDER BY seq`,
    [type, orderId ?? null],
  );
  return rows.map((row) => row.envelope);
}

/**
 * Publishes one event twice under different `Nats-Msg-Id`s: a redelivery that JetStream's
 * duplicate window does not drop, so only the consumer's inbox stands between it and a second
 * effect. Resolves with the event id.
 */
export async function publishTwice<T extends EventType>(
  t: TestSystem,
  type: T,
  data: EventCatalogue[T],
): Promise<string> {
  const bus = await connectEventBus({
    url: TEST_NATS_URL,
    prefix: t.prefix,
    name: 'test-redelivery',
    logger: testLogger(),
  });
  try {
    const envelope = newEnvelope(type, data);
    await publishEnvelope(bus, envelope);
    await publishEnvelope(bus, envelope, randomUUID());
    return envelope.id;
  } finally {
    await bus.close();
  }
}

/**
 * Inventory's reservation service driven directly (no consumer in between), on its own pool of
 * `poolSize` connections so that reservations really run in parallel. Its outbox rows go out with
 * the running system's relays on their next round. `close()` ends the pool.
 */
export async function directReservations(
  t: TestSystem,
  { poolSize = 25, reservationTtlMs = 60_000 } = {},
): Promise<{ reservations: ReservationService; dataSource: DataSource; close(): Promise<void> }> {
  const dataSource = await openDatabase({
    url: serviceDatabaseUrl('inventory', {}, TEST_DATABASE_URL, t.prefix),
    ...withEventTables(inventoryDatabase),
    logger: testLogger(),
    poolSize,
  });
  const reservations = new ReservationService({
    dataSource,
    config: { reservationTtlMs },
    publisher: { kick: () => undefined },
  });
  return { reservations, dataSource, close: () => dataSource.destroy() };
}
