import { randomUUID } from 'node:crypto';
import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signUp, type SignedIn } from '../support/accounts';
import {
  MY_ORDERS,
  ORDER,
  VENDOR_ORDERS,
  customer,
  orderReaches,
  placeOrder,
  stockedProduct,
  type StockedProduct,
} from '../support/orders';
import { startTestSystem, type TestSystem } from '../support/test-system';

const SALES = `units revenue { amount currency } byStatus { status units revenue { amount } }`;

describe('who sees which orders, lines and sales', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let a: StockedProduct;
  let b: StockedProduct;
  let orderId: string;

  beforeAll(async () => {
    t = await startTestSystem();
    buyer = await customer(t);
    a = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 500, {
      price: { amount: 100, currency: 'EUR' },
    });
    b = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 500, {
      price: { amount: 250, currency: 'EUR' },
    });
    const order = await placeOrder(t, buyer, [
      { productId: a.product.id, quantity: 2 },
      { productId: b.product.id, quantity: 1 },
    ]);
    orderId = order.id;
    await orderReaches(t, orderId, 'AWAITING_PAYMENT');
  });

  afterAll(() => t?.stop());

  it('shows the customer the whole order and its history', async () => {
    const result = await t.query(ORDER, { id: orderId }, { token: buyer.accessToken });
    expect(result.data!.order.items).toHaveLength(2);
    expect(result.data!.order.history.map((h: { to: string }) => h.to)).toEqual([
      'PENDING',
      'AWAITING_PAYMENT',
    ]);
  });

  it('shows a vendor only its own lines, and nobody else anything', async () => {
    const byA = await t.query(ORDER, { id: orderId }, { token: a.vendor.accessToken });
    expect(
      byA.data!.order.items.map((item: { product: { id: string } }) => item.product.id),
    ).toEqual([a.product.id]);
    const stranger = await t.query(
      ORDER,
      { id: orderId },
      { token: (await customer(t)).accessToken },
    );
    expect(stranger.errors).toBeUndefined();
    expect(stranger.data!.order).toBeNull();
    const otherVendor = await signUp(t, { role: 'VENDOR' });
    const byOther = await t.query(ORDER, { id: orderId }, { token: otherVendor.accessToken });
    expect(byOther.data!.order).toBeNull();
    const anonymous = await t.query(ORDER, { id: orderId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists a vendor its share of orders with the subtotal of its lines', async () => {
    const result = await t.query(VENDOR_ORDERS, { first: 10 }, { token: b.vendor.accessToken });
    expect(result.errors).toBeUndefined();
    const [edge] = result.data!.vendorOrders.edges;
    expect(edge.node.order.id).toBe(orderId);
    expect(edge.node.items).toEqual([
      { id: expect.any(String), quantity: 1, vendor: { id: b.vendor.id } },
    ]);
    expect(edge.node.subtotal).toEqual({ amount: 250, currency: 'EUR' });
    const byCustomer = await t.query(VENDOR_ORDERS, { first: 10 }, { token: buyer.accessToken });
    expect(byCustomer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('shows each vendor of a mixed order its own subtotal and short lines, never the rest', async () => {
    // 600 of a's product are more than a has; b's line alone could be served.
    const order = await placeOrder(t, buyer, [
      { productId: a.product.id, quantity: 600 },
      { productId: b.product.id, quantity: 2 },
    ]);
    await orderReaches(t, order.id, 'REJECTED');
    const view = async (who: SignedIn) => {
      const result = await t.query(ORDER, { id: order.id }, { token: who.accessToken });
      expect(result.errors).toBeUndefined();
      return result.data!.order;
    };
    const shortOfA = [
      { product: { id: a.product.id }, requested: 600, available: expect.any(Number) },
    ];

    const byCustomer = await view(buyer);
    expect(byCustomer.total).toEqual({ amount: 60_500, currency: 'EUR' });
    expect(byCustomer.shortLines).toEqual(shortOfA);

    const byA = await view(a.vendor);
    expect(byA.total).toEqual({ amount: 60_000, currency: 'EUR' });
    expect(byA.items.map((item: { product: { id: string } }) => item.product.id)).toEqual([
      a.product.id,
    ]);
    expect(byA.shortLines).toEqual(shortOfA);

    const byB = await view(b.vendor);
    expect(byB.total).toEqual({ amount: 500, currency: 'EUR' });
    expect(byB.shortLines).toEqual([]);
    expect(JSON.stringify(byB)).not.toContain(a.product.id);
    expect(JSON.stringify(byB)).not.toContain('60500');

    const listed = await t.query(
      `{ vendorOrders(first: 1) { edges { node {
          subtotal { amount }
          order { id total { amount } shortLines { product { id } } items { product { id } } }
        } } } }`,
      {},
      { token: b.vendor.accessToken },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.vendorOrders.edges[0].node).toEqual({
      subtotal: { amount: 500 },
      order: {
        id: order.id,
        total: { amount: 500 },
        shortLines: [],
        items: [{ product: { id: b.product.id } }],
      },
    });
  });

  it('pages myOrders newest first, filters by status, and User.orders is the same', async () => {
    const shopper = await customer(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await placeOrder(t, shopper, [{ productId: a.product.id, quantity: 1 }])).id);
    }
    const first = await t.query(MY_ORDERS, { first: 2 }, { token: shopper.accessToken });
    const page1 = first.data!.myOrders;
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[4], ids[3]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const next = await t.query(
      MY_ORDERS,
      { first: 10, after: page1.pageInfo.endCursor },
      { token: shopper.accessToken },
    );
    expect(next.data!.myOrders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      ids[2],
      ids[1],
      ids[0],
    ]);
    expect(next.data!.myOrders.pageInfo.hasNextPage).toBe(false);
    const bad = await t.query(
      MY_ORDERS,
      { first: 2, after: 'nope' },
      { token: shopper.accessToken },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });

    for (const id of ids) await orderReaches(t, id, 'AWAITING_PAYMENT');
    await t.publish('payment.succeeded', { orderId: ids[1], paymentId: randomUUID() });
    await orderReaches(t, ids[1], 'PAID');
    const paid = await t.query(
      MY_ORDERS,
      { first: 10, status: 'PAID' },
      { token: shopper.accessToken },
    );
    expect(paid.data!.myOrders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      ids[1],
    ]);
    const me = await t.query(
      '{ me { id orders(first: 3) { edges { node { id } } pageInfo { hasNextPage } } } }',
      {},
      { token: shopper.accessToken },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.orders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      ids[4],
      ids[3],
      ids[2],
    ]);
  });

  it('shows sales of a product to its vendor only, by status', async () => {
    await t.publish('payment.succeeded', { orderId, paymentId: randomUUID() });
    await orderReaches(t, orderId, 'PAID');
    const query = `query($id: ID!) { product(id: $id) { id sales { ${SALES} } } }`;
    const own = await t.query(query, { id: b.product.id }, { token: b.vendor.accessToken });
    expect(own.errors).toBeUndefined();
    // 64-bit sums travel as strings; the REJECTED mixed order above is no sale.
    expect(own.data!.product.sales).toEqual({
      units: '1',
      revenue: [{ amount: '250', currency: 'EUR' }],
      byStatus: [{ status: 'PAID', units: '1', revenue: [{ amount: '250' }] }],
    });
    const foreign = await t.query(query, { id: b.product.id }, { token: a.vendor.accessToken });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const mine = await t.query(
      `{ me { sales { ${SALES} } } }`,
      {},
      { token: b.vendor.accessToken },
    );
    expect(mine.data!.me.sales.units).toBe('1');
    expect(mine.data!.me.sales.revenue).toEqual([{ amount: '250', currency: 'EUR' }]);
  });

  it('runs as many statements for 50 orders as for 10', async () => {
    const shopper = await customer(t);
    for (let i = 0; i < 50; i += 1) {
      await placeOrder(t, shopper, [
        { productId: a.product.id, quantity: 1 },
        { productId: b.product.id, quantity: 1 },
      ]);
    }
    const statementsFor = async (first: number) => {
      resetRequestStatementCounts();
      const result = await t.query(MY_ORDERS, { first }, { token: shopper.accessToken });
      expect(result.errors).toBeUndefined();
      expect(result.data!.myOrders.edges).toHaveLength(first);
      return requestStatementCounts()[`${t.prefix}_orders`];
    };
    const small = await statementsFor(10);
    expect(await statementsFor(50)).toBe(small);
    // The page, the items, the history.
    expect(small).toBe(3);
  });
});
