import { signUp, signUpUnverified, type SignedIn } from './accounts';
import type { TestProduct } from './catalog';
import { createWarehouse, receive, stockableProduct, type TestWarehouse } from './inventory';
import type { TestSystem } from './test-system';
import { waitFor } from './wait-for';

export const ORDER_FIELDS = `id status total { amount currency } createdAt expiresAt
  customer { id }
  items { id productName quantity unitPrice { amount currency } subtotal { amount currency }
          fulfilledAt product { id } vendor { id } }
  history { from to reason at }
  shortLines { product { id } requested available }`;

export const PLACE_ORDER = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { ${ORDER_FIELDS} }
}`;
export const CANCEL_ORDER = `mutation($id: ID!) { cancelOrder(id: $id) { ${ORDER_FIELDS} } }`;
export const FULFILL = `mutation($id: ID!) { fulfillOrderLines(orderId: $id) { ${ORDER_FIELDS} } }`;
export const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
export const MY_ORDERS = `query($first: Int, $after: String, $status: OrderStatus) {
  myOrders(first: $first, after: $after, status: $status) {
    edges { cursor node { ${ORDER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const VENDOR_ORDERS = `query($first: Int, $status: OrderStatus) {
  vendorOrders(first: $first, status: $status) {
    edges { node { order { id status } items { id quantity vendor { id } }
                   subtotal { amount currency } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A verified customer. */
export const customer = (t: TestSystem) => signUp(t);

/** A customer who never verified the email address. */
export const unverifiedCustomer = (t: TestSystem): Promise<SignedIn> => signUpUnverified(t);

export interface StockedProduct {
  vendor: SignedIn;
  product: TestProduct;
  warehouse: TestWarehouse;
}

/** A product of `vendor` with `quantity` units in a new warehouse, known to orders. */
export async function stockedProduct(
  t: TestSystem,
  vendor: SignedIn,
  quantity: number,
  overrides: Record<string, unknown> = {},
): Promise<StockedProduct> {
  const product = await stockableProduct(t, vendor, overrides);
  const warehouse = await createWarehouse(t, vendor);
  if (quantity > 0) await receive(t, vendor, product.id, warehouse.id, quantity);
  await orderable(t, product.id);
  return { vendor, product, warehouse };
}

/** Waits until orders has heard of the product (its read model). */
export async function orderable(t: TestSystem, productId: string, status = 'ACTIVE') {
  await waitFor(
    async () =>
      (
        await t.sql('orders', 'SELECT 1 FROM products WHERE id = $1 AND status = $2', [
          productId,
          status,
        ])
      ).length > 0,
    `orders to learn product ${productId}`,
  );
}

let keys = 0;

/** Places an order through the gateway and fails the test if that is refused. */
export async function placeOrder(
  t: TestSystem,
  buyer: SignedIn,
  items: Array<{ productId: string; quantity: number }>,
  idempotencyKey = `key-${Date.now()}-${++keys}`,
) {
  const result = await t.query(
    PLACE_ORDER,
    { input: { items, idempotencyKey } },
    { token: buyer.accessToken },
  );
  if (result.errors) throw new Error(`placeOrder failed: ${JSON.stringify(result.errors)}`);
  return result.data!.placeOrder;
}

/** The order's status straight from orders' database. */
export async function statusOf(t: TestSystem, orderId: string): Promise<string | undefined> {
  const [row] = await t.sql('orders', 'SELECT status FROM orders WHERE id = $1', [orderId]);
  return row?.status;
}

/** Waits until the order reaches `status`. */
export async function orderReaches(t: TestSystem, orderId: string, status: string) {
  await waitFor(
    async () => (await statusOf(t, orderId)) === status,
    `order ${orderId} to reach ${status}`,
  );
}

/** Counts of everything orders stores, for asserting a refused request changed nothing. */
export async function ordersFingerprint(t: TestSystem) {
  const [row] = await t.sql(
    'orders',
    `SELECT (SELECT count(*)::int FROM orders) AS orders,
            (SELECT count(*)::int FROM order_items) AS items,
            (SELECT count(*)::int FROM order_status_changes) AS history,
            (SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x.id)), '') FROM orders x) AS rows,
            (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return row;
}

/**
 * What only placing an order changes (orders, lines, `order.placed`), so it is stable while
 * earlier orders still move through the saga.
 */
export async function placementFingerprint(t: TestSystem) {
  const [row] = await t.sql(
    'orders',
    `SELECT (SELECT count(*)::int FROM orders) AS orders,
            (SELECT count(*)::int FROM order_items) AS items,
            (SELECT count(*)::int FROM outbox WHERE type = 'order.placed') AS placed`,
  );
  return row;
}
