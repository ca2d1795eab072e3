import { signUp, type SignedIn } from '../support/accounts';
import { ARCHIVE_PRODUCT } from '../support/catalog';
import {
  PLACE_ORDER,
  customer,
  orderable,
  placementFingerprint,
  placeOrder,
  stockedProduct,
  unverifiedCustomer,
  type StockedProduct,
} from '../support/orders';
import { startTestSystem, type TestSystem } from '../support/test-system';

describe('placing orders', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let vendor: SignedIn;
  let eur: StockedProduct;
  let usd: StockedProduct;
  let draft: StockedProduct;

  beforeAll(async () => {
    t = await startTestSystem();
    buyer = await customer(t);
    vendor = await signUp(t, { role: 'VENDOR' });
    eur = await stockedProduct(t, vendor, 100, { price: { amount: 500, currency: 'EUR' } });
    usd = await stockedProduct(t, vendor, 100, { price: { amount: 700, currency: 'USD' } });
    const product = await stockedProduct(t, vendor, 0);
    await t.query(ARCHIVE_PRODUCT, { id: product.product.id }, { token: vendor.accessToken });
    await orderable(t, product.product.id, 'ARCHIVED');
    draft = product;
  });

  afterAll(() => t?.stop());

  const attempt = (who: SignedIn, input: Record<string, unknown>) =>
    t.query(PLACE_ORDER, { input }, { token: who.accessToken });

  it('returns the same order for the same key, one after the other', async () => {
    const items = [{ productId: eur.product.id, quantity: 2 }];
    const first = await placeOrder(t, buyer, items, 'same-key');
    const second = await placeOrder(t, buyer, items, 'same-key');
    expect(second.id).toBe(first.id);
    const rows = await t.sql('orders', 'SELECT id FROM orders WHERE idempotency_key = $1', [
      'same-key',
    ]);
    expect(rows).toHaveLength(1);
    // Another customer's key is their own.
    const other = await placeOrder(t, await customer(t), items, 'same-key');
    expect(other.id).not.toBe(first.id);
  });

  it('creates one order when the same key is placed concurrently', async () => {
    const items = [{ productId: eur.product.id, quantity: 1 }];
    const results = await Promise.all(
      Array.from({ length: 8 }, () => attempt(buyer, { items, idempotencyKey: 'race' })),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => result.data!.placeOrder.id));
    expect(ids.size).toBe(1);
    const [{ count }] = await t.sql(
      'orders',
      `SELECT count(*)::int AS count FROM orders WHERE idempotency_key = 'race'`,
    );
    expect(count).toBe(1);
    const placed = await t.sql(
      'orders',
      `SELECT 1 FROM outbox WHERE type = 'order.placed' AND envelope->'data'->>'orderId' = $1`,
      [[...ids][0]],
    );
    expect(placed).toHaveLength(1);
  });

  it('answers CONFLICT on the key when it is reused for another cart, storing nothing', async () => {
    const items = [{ productId: eur.product.id, quantity: 2 }];
    const first = await placeOrder(t, buyer, items, 'reused-key');
    const before = await placementFingerprint(t);
    const otherCarts = [
      [{ productId: eur.product.id, quantity: 3 }],
      [{ productId: usd.product.id, quantity: 2 }],
      [...items, { productId: usd.product.id, quantity: 1 }],
    ];
    for (const other of otherCarts) {
      const result = await attempt(buyer, { items: other, idempotencyKey: 'reused-key' });
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.idempotencyKey',
      });
      expect(result.data).toBeNull();
    }
    expect(await placementFingerprint(t)).toEqual(before);
    const retried = await placeOrder(t, buyer, items, 'reused-key');
    expect(retried.id).toBe(first.id);
  });

  it('creates one order when one key races with two carts: its cart gets it, the other CONFLICT', async () => {
    const carts = [
      [{ productId: eur.product.id, quantity: 1 }],
      [{ productId: eur.product.id, quantity: 4 }],
    ];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        attempt(buyer, { items: carts[index % 2], idempotencyKey: 'race-two-carts' }),
      ),
    );
    const rows = await t.sql(
      'orders',
      `SELECT o.id, i.quantity FROM orders o JOIN order_items i ON i.order_id = o.id
        WHERE o.idempotency_key = 'race-two-carts'`,
    );
    expect(rows).toHaveLength(1);
    const [{ id, quantity }] = rows;
    results.forEach((result, index) => {
      if (carts[index % 2][0].quantity === quantity) {
        expect(result.errors).toBeUndefined();
        expect(result.data!.placeOrder.id).toBe(id);
      } else {
        expect(result.errors?.[0].extensions).toMatchObject({
          code: 'CONFLICT',
          field: 'input.idempotencyKey',
        });
      }
    });
    const placed = await t.sql(
      'orders',
      `SELECT 1 FROM outbox WHERE type = 'order.placed' AND envelope->'data'->>'orderId' = $1`,
      [id],
    );
    expect(placed).toHaveLength(1);
  });

  it('refuses unverified customers and vendors, storing nothing', async () => {
    const input = { items: [{ productId: eur.product.id, quantity: 1 }], idempotencyKey: 'k' };
    const before = await placementFingerprint(t);
    const unverified = await attempt(await unverifiedCustomer(t), input);
    expect(unverified.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byVendor = await attempt(vendor, input);
    expect(byVendor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await t.query(PLACE_ORDER, { input });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await placementFingerprint(t)).toEqual(before);
  });

  it('refuses bad input with the field, storing nothing', async () => {
    const ok = { productId: eur.product.id, quantity: 1 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ items: [], idempotencyKey: 'k' }, 'input.items'],
      [{ items: Array.from({ length: 51 }, () => ok), idempotencyKey: 'k' }, 'input.items'],
      [{ items: [{ ...ok, quantity: 0 }], idempotencyKey: 'k' }, 'input.items.0.quantity'],
      [{ items: [{ ...ok, quantity: 1001 }], idempotencyKey: 'k' }, 'input.items.0.quantity'],
      [{ items: [{ ...ok, productId: 'nope' }], idempotencyKey: 'k' }, 'input.items.0.productId'],
      [{ items: [ok], idempotencyKey: '' }, 'input.idempotencyKey'],
      [{ items: [ok], idempotencyKey: 'x'.repeat(101) }, 'input.idempotencyKey'],
      [{ items: [ok, ok], idempotencyKey: 'k' }, 'input.items.1.productId'],
      [
        { items: [ok, { productId: usd.product.id, quantity: 1 }], idempotencyKey: 'k' },
        'input.items.1.productId',
      ],
      [
        { items: [ok, { productId: draft.product.id, quantity: 1 }], idempotencyKey: 'k' },
        'input.items.1.productId',
      ],
      [
        {
          items: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }],
          idempotencyKey: 'k',
        },
        'input.items.0.productId',
      ],
    ];
    const before = await placementFingerprint(t);
    for (const [input, field] of cases) {
      const result = await attempt(buyer, input);
      expect([result.errors?.[0].extensions?.code, result.errors?.[0].extensions?.field]).toEqual([
        'BAD_USER_INPUT',
        field,
      ]);
    }
    expect(await placementFingerprint(t)).toEqual(before);
  });

  it('prices lines from its own product read model, not from catalog', async () => {
    // Only orders' copy changes: the order shows it was priced without asking catalog.
    await t.sql('orders', 'UPDATE products SET price_amount = 123 WHERE id = $1', [usd.product.id]);
    const order = await placeOrder(t, buyer, [{ productId: usd.product.id, quantity: 3 }]);
    expect(order.total).toEqual({ amount: 369, currency: 'USD' });
    expect(order.items[0].unitPrice).toEqual({ amount: 123, currency: 'USD' });
  });
});
