import { randomUUID } from 'node:crypto';
import { signUp, type SignedIn } from '../support/accounts';
import {
  PLACE_ORDER,
  customer,
  orderReaches,
  placementFingerprint,
  placeOrder,
  stockedProduct,
  type StockedProduct,
} from '../support/orders';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** The dearest price catalog allows: 1 000 000.00 EUR, more than one order may come to. */
const DEAREST = 100_000_000;
/** The most one order may come to (Stripe's most per charge): 999 999.99 EUR. */
const MOST = 99_999_999;
/** A price ten of which make an order just under the limit. */
const TENTH = 9_999_999;
const SALES = `units revenue { amount currency } byStatus { status units revenue { amount currency } }`;

describe('money that never overflows', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let vendor: SignedIn;
  /** In stock: 220 units, enough for 22 orders of 10. */
  let stocked: StockedProduct;
  /** No stock at all: every order of them is REJECTED. */
  let dearest: StockedProduct;
  let unstocked: StockedProduct;

  beforeAll(async () => {
    t = await startTestSystem();
    buyer = await customer(t);
    vendor = await signUp(t, { role: 'VENDOR' });
    stocked = await stockedProduct(t, vendor, 220, { price: { amount: TENTH, currency: 'EUR' } });
    dearest = await stockedProduct(t, vendor, 0, { price: { amount: DEAREST, currency: 'EUR' } });
    unstocked = await stockedProduct(t, vendor, 0, { price: { amount: MOST, currency: 'EUR' } });
  });

  afterAll(() => t?.stop());

  const attempt = (items: Array<{ productId: string; quantity: number }>) =>
    t.query(
      PLACE_ORDER,
      { input: { items, idempotencyKey: randomUUID() } },
      { token: buyer.accessToken },
    );

  const salesOfVendor = async () => {
    const result = await t.query(
      `{ me { sales { ${SALES} } } }`,
      {},
      { token: vendor.accessToken },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.me.sales;
  };

  const salesOfProduct = async (productId: string) => {
    const result = await t.query(
      `query($id: ID!) { product(id: $id) { sales { ${SALES} } } }`,
      { id: productId },
      { token: vendor.accessToken },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.product.sales;
  };

  it('refuses an order whose total passes 99999999 minor units (Stripe’s most per charge), storing nothing', async () => {
    const before = await placementFingerprint(t);
    const tooMuch = [
      [{ productId: dearest.product.id, quantity: 1 }],
      [
        { productId: unstocked.product.id, quantity: 1 },
        { productId: stocked.product.id, quantity: 1 },
      ],
      [{ productId: stocked.product.id, quantity: 11 }],
      [{ productId: dearest.product.id, quantity: 1000 }],
    ];
    for (const items of tooMuch) {
      const result = await attempt(items);
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.items',
      });
      expect(result.errors?.[0].message).toContain('at most €999,999.99');
    }
    expect(await placementFingerprint(t)).toEqual(before);
  });

  it('keeps a vendor’s sales readable after rejected orders at the limit', async () => {
    const rejected = [];
    for (let i = 0; i < 2; i += 1) {
      rejected.push(await placeOrder(t, buyer, [{ productId: unstocked.product.id, quantity: 1 }]));
    }
    expect(rejected[0].total).toEqual({ amount: MOST, currency: 'EUR' });
    for (const order of rejected) await orderReaches(t, order.id, 'REJECTED');
    const nothingSold = { units: '0', revenue: [], byStatus: [] };
    expect(await salesOfVendor()).toEqual(nothingSold);
    expect(await salesOfProduct(unstocked.product.id)).toEqual(nothingSold);
  });

  it('sums paid orders past 2^31 exactly, as 64-bit strings', async () => {
    const paid = await Promise.all(
      Array.from({ length: 22 }, () =>
        placeOrder(t, buyer, [{ productId: stocked.product.id, quantity: 10 }]),
      ),
    );
    await Promise.all(
      paid.map(async (order) => {
        await orderReaches(t, order.id, 'AWAITING_PAYMENT');
        await t.publish('payment.succeeded', { orderId: order.id, paymentId: randomUUID() });
        await orderReaches(t, order.id, 'PAID');
      }),
    );
    const revenue = [{ amount: String(22 * 10 * TENTH), currency: 'EUR' }];
    expect(22 * 10 * TENTH).toBeGreaterThan(2 ** 31);
    const expected = {
      units: '220',
      revenue,
      byStatus: [{ status: 'PAID', units: '220', revenue }],
    };
    expect(await salesOfVendor()).toEqual(expected);
    expect(await salesOfProduct(stocked.product.id)).toEqual(expected);
  });
});
