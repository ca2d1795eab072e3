import { signUp, type SignedIn } from '../support/accounts';
import { FakeStripe, deliverWebhook, stripeEvent } from '../support/fake-stripe';
import { CANCEL_ORDER, orderReaches, placeOrder, stockedProduct } from '../support/orders';
import { payThroughStripe, waitForPaymentStatus } from '../support/payments';
import { expectConserved } from '../support/saga-facts';
import { startTestSystem, type TestSystem } from '../support/test-system';

const RUNS = 50;
/** Races run side by side; each has its own order, so they only share the product's levels. */
const AT_ONCE = 10;

describe('a cancellation racing a payment', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let buyer: SignedIn;
  let vendor: SignedIn;

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem(stripe.env());
    buyer = await signUp(t);
    vendor = await signUp(t, { role: 'VENDOR' });
  });

  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  /** Places an order, then cancels it and pays it at the same moment. */
  async function race(productId: string): Promise<string> {
    const order = await placeOrder(t, buyer, [{ productId, quantity: 2 }]);
    const payment = await waitForPaymentStatus(t, order.id, 'OPEN');
    const session = stripe.pay(payment.checkout_session_id);
    const [cancelled, paid] = await Promise.all([
      t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken }),
      deliverWebhook(t.system.gatewayUrl, stripeEvent('checkout.session.completed', session)),
    ]);
    // Whichever came first, a customer may cancel until something ships.
    expect(cancelled.errors).toBeUndefined();
    expect(paid.status).toBe(200);
    return order.id;
  }

  it(`conserves stock and money in ${RUNS} runs, each order ending in a status that explains its money`, async () => {
    const item = await stockedProduct(t, vendor, 2 * AT_ONCE);
    const orderIds: string[] = [];
    for (let batch = 0; batch < RUNS / AT_ONCE; batch += 1) {
      const ids = await Promise.all(Array.from({ length: AT_ONCE }, () => race(item.product.id)));
      orderIds.push(...ids);
      // Every run of the batch is over before the next: no unit sold, no money kept.
      const facts = await expectConserved(t, [item.product.id], ids, (seen) =>
        seen.orders.every((order) => order.status === 'REFUNDED' || order.status === 'CANCELLED'),
      );
      expect(facts.levels).toEqual([expect.objectContaining({ onHand: 2 * AT_ONCE, reserved: 0 })]);
      for (const reservation of facts.reservations) {
        expect(['RELEASED', 'RESTOCKED']).toContain(reservation.status);
      }
    }

    const outcomes = await t.sql<{ paid: boolean; status: string }>(
      'orders',
      `SELECT o.status,
              EXISTS (SELECT 1 FROM order_status_changes h
                       WHERE h.order_id = o.id AND h.to_status = 'PAID') AS paid
         FROM orders o WHERE o.id = ANY($1::uuid[])`,
      [orderIds],
    );
    expect(outcomes).toHaveLength(RUNS);
    // Accepted as paid first: refunded and restocked (REFUNDED). Cancelled first: the payment
    // went back without the order ever being PAID, so nothing was ever sold.
    for (const outcome of outcomes) {
      expect(['REFUNDED', 'CANCELLED']).toContain(outcome.status);
    }
    const restocked = await t.sql<{ n: number }>(
      'inventory',
      `SELECT count(DISTINCT order_id)::int AS n FROM stock_movements
        WHERE kind = 'RESTOCK' AND order_id = ANY($1::uuid[])`,
      [orderIds],
    );
    expect(restocked[0].n).toBe(outcomes.filter((outcome) => outcome.paid).length);
  }, 180_000);

  it('cancelling a PAID order refunds it and puts its units back where they were sold from', async () => {
    const item = await stockedProduct(t, vendor, 5);
    const order = await placeOrder(t, buyer, [{ productId: item.product.id, quantity: 3 }]);
    expect((await payThroughStripe(t, stripe, order.id)).status).toBe(200);
    await orderReaches(t, order.id, 'PAID');
    await expectConserved(t, [item.product.id], [order.id], (facts) =>
      facts.reservations.every((r) => r.status === 'SOLD'),
    );

    const cancelled = await t.query(CANCEL_ORDER, { id: order.id }, { token: buyer.accessToken });
    expect(cancelled.data!.cancelOrder.status).toBe('CANCELLED');
    await orderReaches(t, order.id, 'REFUNDED');

    const facts = await expectConserved(t, [item.product.id], [order.id], (seen) =>
      seen.reservations.every((r) => r.status === 'RESTOCKED'),
    );
    expect(facts.levels).toEqual([
      expect.objectContaining({ warehouseId: item.warehouse.id, onHand: 5, reserved: 0 }),
    ]);
    const ledger = await t.sql(
      'inventory',
      'SELECT kind, quantity FROM stock_movements WHERE order_id = $1 ORDER BY seq',
      [order.id],
    );
    expect(ledger).toEqual([
      { kind: 'RESERVATION', quantity: 3 },
      { kind: 'SALE', quantity: -3 },
      { kind: 'RESTOCK', quantity: 3 },
    ]);
    const [money] = facts.orders;
    expect(money).toMatchObject({
      status: 'REFUNDED',
      captured: money.total,
      refunded: money.total,
    });
    expect(money.total).toBe(3 * item.product.price.amount);
  });
});
