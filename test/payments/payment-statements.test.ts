import {
  requestStatementCounts,
  resetRequestStatementCounts,
} from '../../lib/db/request-statements';
import { signUp } from '../support/accounts';
import { customer, placeOrder, stockedProduct, type StockedProduct } from '../support/orders';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { waitFor } from '../support/wait-for';

const MY_PAYMENTS = `query($first: Int) {
  myOrders(first: $first) { edges { node { id payment { status refunds { id } } } } }
}`;

describe('payments reads a page of orders in constant statements', () => {
  let t: TestSystem;
  let stocked: StockedProduct;

  beforeAll(async () => {
    t = await startTestSystem();
    stocked = await stockedProduct(t, await signUp(t, { role: 'VENDOR' }), 500);
  });
  afterAll(() => t.stop());

  it('runs as many statements for the payments of 50 orders as for 10', async () => {
    const shopper = await customer(t);
    // Ten at a time: fifty one after another outlast the test's time on a busy machine.
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          placeOrder(t, shopper, [{ productId: stocked.product.id, quantity: 1 }]),
        ),
      );
    }
    await waitFor(
      async () =>
        (
          await t.sql(
            'payments',
            'SELECT count(*)::int AS n FROM payments WHERE customer_id = $1',
            [shopper.id],
          )
        )[0].n === 50,
      'a checkout for each of the 50 orders',
    );
    const statementsFor = async (first: number) => {
      resetRequestStatementCounts();
      const result = await t.query(MY_PAYMENTS, { first }, { token: shopper.accessToken });
      expect(result.errors).toBeUndefined();
      const nodes = result.data!.myOrders.edges.map((edge: { node: unknown }) => edge.node);
      expect(nodes).toHaveLength(first);
      expect(nodes.every((node: { payment: unknown }) => node.payment !== null)).toBe(true);
      return requestStatementCounts()[`${t.prefix}_payments`];
    };
    const small = await statementsFor(10);
    expect(await statementsFor(50)).toBe(small);
    // The payments, their refunds.
    expect(small).toBe(2);
  });
});
