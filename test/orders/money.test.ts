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

/** The dearest price catalog allows: 1 000 000.00 EUR. */
const DEAREST = 100_000_000;
const SALES = `units revenue { amount currency } byStatus { status units revenue { amount currency } }`;

describe('money that never overflows', () => {
  let t: TestSystem;
  let buyer: SignedIn;
  let vendor: SignedIn;
  /** In stock: 42 units, enough for two orders of 21. */
  let stocked: StockedProduct;
  /** No stock at all: every order of it is REJECTED. */
  let unstocked: StockedProduct;

  beforeAll(async () => {
    t = await startTestSystem();
    buyer = await customer(t);
    vendor = await signUp(t, { role: 'VENDOR' });
    const price = { amount: DEAREST, currency: 'EUR' };
    stocked = await stockedProduct(t, vendor, 42, { price });
    unstocked = await stockedProduct(t, vendor, 0, { price });
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

  it('refuses an order whose total passes 2147483647 minor units, storing nothing', async () => {
    const before = await placementFingerprint(t);
    const tooMuch = [
      [{ productId: unstocked.product.id, quantity: 22 }],
      [
        { productId: unstocked.product.id, quantity: 11 },
        { productId: stocked.product.id, quantity: 11 },
      ],
      [{ productId: unstocked.product.id, quantity: 1000 }],
    ];
    for (const items of tooMuch) {
      const result = await attempt(items);
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.items',
      });
      expect(result.errors?.[0].message).toContain('at most €21,474,836.47');
    }
    expect(await placementFingerprint(t)).toEqual(before);
  });

  it('keeps a vendor’s sales readable after rejected orders of its dearest product', async () => {
    // The attack: two orders just under the limit that can never be paid (no stock). Their
    // lines once summed past 32 bits and broke `me.sales` for good.
    const rejected = [];
    for (let i = 0; i < 2; i += 1) {
      rejected.push(
        await placeOrder(t, buyer, [{ productId: unstocked.product.id, quantity: 21 }]),
      );
    }
    expect(rejected[0].total).toEqual({ amount: 2_100_000_000, currency: 'EUR' });
    for (const order of rejected) await orderReaches(t, order.id, 'REJECTED');
    const nothingSold = { units: '0', revenue: [], byStatus: [] };
    expect(await salesOfVendor()).toEqual(nothingSold);
    expect(await salesOfProduct(unstocked.product.id)).toEqual(nothingSold);
  });

  it('sums paid orders past 2^31 exactly, as 64-bit strings', async () => {
    const paid = [];
    for (let i = 0; i < 2; i += 1) {
      paid.push(await placeOrder(t, buyer, [{ productId: stocked.product.id, quantity: 21 }]));
    }
    for (const order of paid) {
      await orderReaches(t, order.id, 'AWAITING_PAYMENT');
      await t.publish('payment.succeeded', { orderId: order.id, paymentId: randomUUID() });
      await orderReaches(t, order.id, 'PAID');
    }
    const revenue = [{ amount: '4200000000', currency: 'EUR' }];
    const expected = { units: '42', revenue, byStatus: [{ status: 'PAID', units: '42', revenue }] };
    expect(await salesOfVendor()).toEqual(expected);
    expect(await salesOfProduct(stocked.product.id)).toEqual(expected);
  });
});
