import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventEnvelope } from '../../lib/events/catalogue';
import { connectEventBus, type EventBus } from '../../lib/events/event-bus';
import { signUp, type SignedIn } from '../support/accounts';
import { publishEnvelope, testLogger } from '../support/event-streams';
import { FakeStripe, deliverWebhook, stripeEvent } from '../support/fake-stripe';
import { createWarehouse, receive } from '../support/inventory';
import {
  CANCEL_ORDER,
  FULFILL,
  orderReaches,
  placeOrder,
  stockedProduct,
  statusOf,
  type StockedProduct,
} from '../support/orders';
import { paymentOf } from '../support/payments';
import { requestRefund } from '../support/refunds';
import { expectConserved } from '../support/saga-facts';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { TEST_NATS_URL } from '../support/test-env';
import { waitFor } from '../support/wait-for';

/**
 * Random interleavings of the checkout saga against the real services: every scenario places a
 * few small orders and drives each with a random script (pay early, late or twice, cancel,
 * expire, fulfil, refund one unit, every unit left, or one unit twice at once, with or without
 * restock, redeliver any event it caused), some steps at the same moment; at quiescence
 * every conservation invariant of `subgraphs/orders/services/conservation.ts` must hold.
 * PROPERTY_RUNS sets the number of scenarios (`npm run test:soak` runs thousands); a failure
 * prints its seed and path, and PROPERTY_SEED (with PROPERTY_PATH) replays exactly that one.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const SEED =
  process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const PATH = process.env.PROPERTY_PATH;

type Refund = 'refundOne' | 'refundRest' | 'refundRace';
type Step = 'pay' | 'payTwice' | 'cancel' | 'expire' | 'fulfil' | 'redeliver' | Refund;
const STEPS: Step[] = [
  'pay',
  'payTwice',
  'cancel',
  'expire',
  'fulfil',
  'redeliver',
  'refundOne',
  'refundRest',
  'refundRace',
];

const orderScript = fc.record({
  lines: fc.uniqueArray(
    fc.record({ product: fc.nat({ max: 2 }), quantity: fc.integer({ min: 1, max: 3 }) }),
    { minLength: 1, maxLength: 2, selector: (line) => line.product },
  ),
  // Each round's steps start together; rounds follow each other.
  rounds: fc.array(fc.uniqueArray(fc.constantFrom(...STEPS), { minLength: 1, maxLength: 2 }), {
    minLength: 1,
    maxLength: 3,
  }),
  redeliverPick: fc.nat(),
  restock: fc.boolean(),
});
const scenario = fc.array(orderScript, { minLength: 1, maxLength: 3 });

describe('stock and money are conserved under any interleaving', () => {
  const stripe = new FakeStripe();
  let t: TestSystem;
  let bus: EventBus;
  let buyer: SignedIn;
  let vendor: SignedIn;
  const products: StockedProduct[] = [];
  const everyOrder: string[] = [];

  beforeAll(async () => {
    await stripe.start();
    t = await startTestSystem({ ...stripe.env(), RESERVATION_SWEEP_INTERVAL_MS: '100' });
    bus = await connectEventBus({
      url: TEST_NATS_URL,
      prefix: t.prefix,
      name: 'test-redelivery',
      logger: testLogger(),
    });
    buyer = await signUp(t);
    vendor = await signUp(t, { role: 'VENDOR' });
    for (let i = 0; i < 3; i += 1) {
      const item = await stockedProduct(t, vendor, 2000);
      // A second warehouse, so sales and restocks split over levels.
      await receive(t, vendor, item.product.id, (await createWarehouse(t, vendor)).id, 2000);
      products.push(item);
    }
  }, 60_000);

  afterAll(async () => {
    await bus?.close();
    await t?.stop();
    await stripe.stop();
  });

  async function pay(orderId: string, twice: boolean): Promise<void> {
    const payment = await paymentOf(t, orderId);
    if (!payment) return; // never reached AWAITING_PAYMENT (rejected, or not yet): nothing to pay
    const session = stripe.pay(payment.checkout_session_id);
    const event = stripeEvent('checkout.session.completed', session);
    const deliveries = [deliverWebhook(t.system.gatewayUrl, event)];
    // Twice: the same Stripe event again, and another event for the same paid session.
    if (twice) {
      deliveries.push(deliverWebhook(t.system.gatewayUrl, event));
      deliveries.push(
        deliverWebhook(
          t.system.gatewayUrl,
          stripeEvent('checkout.session.async_payment_succeeded', session),
        ),
      );
    }
    for (const answer of await Promise.all(deliveries)) expect(answer.status).toBe(200);
  }

  /** Re-publishes one event this order caused, under a new message id: only inboxes stop it. */
  async function redeliver(orderId: string, pick: number): Promise<void> {
    const envelopes: EventEnvelope[] = [];
    for (const service of ['orders', 'inventory', 'payments']) {
      const rows = await t.sql<{ envelope: EventEnvelope }>(
        service,
        `SELECT envelope FROM outbox WHERE envelope->'data'->>'orderId' = $1 ORDER BY seq`,
        [orderId],
      );
      envelopes.push(...rows.map((row) => row.envelope));
    }
    if (envelopes.length)
      await publishEnvelope(bus, envelopes[pick % envelopes.length], randomUUID());
  }

  /**
   * The vendor refunds one unit of the first line, every unit left, or one unit by two requests
   * at once. Refused only because the order is not refundable (yet, or any more) or the units
   * are gone; then nothing changed.
   */
  async function refund(orderId: string, step: Refund, restock: boolean): Promise<void> {
    const items = await t.sql<{ id: string; left: number }>(
      'orders',
      `SELECT i.id, i.quantity - i.refunded_quantity - coalesce((
                SELECT sum(l.quantity) FROM order_refund_lines l
                  JOIN order_refunds r ON r.id = l.refund_id AND r.status = 'PENDING'
                 WHERE l.item_id = i.id), 0)::int AS left
         FROM order_items i WHERE i.order_id = $1 ORDER BY i.position`,
      [orderId],
    );
    const rest = items
      .filter((item) => item.left > 0)
      .map((item) => ({ itemId: item.id, quantity: item.left }));
    const lines =
      step === 'refundRest' && rest.length ? rest : [{ itemId: items[0].id, quantity: 1 }];
    const answers = await Promise.all(
      Array.from({ length: step === 'refundRace' ? 2 : 1 }, () =>
        requestRefund(t, vendor, orderId, lines, { restock }),
      ),
    );
    for (const answer of answers) {
      if (answer.errors) {
        expect(['INVALID_STATE', 'BAD_USER_INPUT']).toContain(answer.errors[0].extensions?.code);
      }
    }
  }

  async function run(orderId: string, step: Step, pick: number, restock: boolean): Promise<void> {
    switch (step) {
      case 'pay':
      case 'payTwice':
        return pay(orderId, step === 'payTwice');
      case 'cancel': {
        const answer = await t.query(CANCEL_ORDER, { id: orderId }, { token: buyer.accessToken });
        // Refused only because the order moved past cancelling; then nothing changed.
        if (answer.errors) expect(answer.errors[0].extensions?.code).toBe('INVALID_STATE');
        return;
      }
      case 'expire':
        await t.sql(
          'inventory',
          `UPDATE reservations SET expires_at = now() WHERE order_id = $1 AND status = 'RESERVED'`,
          [orderId],
        );
        return;
      case 'fulfil': {
        const answer = await t.query(FULFILL, { id: orderId }, { token: vendor.accessToken });
        if (answer.errors) expect(answer.errors[0].extensions?.code).toBe('INVALID_STATE');
        return;
      }
      case 'redeliver':
        return redeliver(orderId, pick);
      case 'refundOne':
      case 'refundRest':
      case 'refundRace':
        return refund(orderId, step, restock);
    }
  }

  it(
    `holds for ${RUNS} random scenarios`,
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (scripts) => {
          const ids = await Promise.all(
            scripts.map(async (script) => {
              const order = await placeOrder(
                t,
                buyer,
                script.lines.map((line) => ({
                  productId: products[line.product].product.id,
                  quantity: line.quantity,
                })),
              );
              everyOrder.push(order.id);
              // Paying early: the first round may run before payments opened the checkout.
              await waitFor(
                async () => (await statusOf(t, order.id)) !== 'PENDING',
                'the reservation outcome',
              );
              return order.id as string;
            }),
          );
          await Promise.all(
            scripts.map(async (script, i) => {
              for (const round of script.rounds) {
                await Promise.all(
                  round.map((step) => run(ids[i], step, script.redeliverPick, script.restock)),
                );
              }
            }),
          );
          await expectConserved(
            t,
            products.map((item) => item.product.id),
            everyOrder,
            (facts) =>
              facts.orders.every((order) => order.status !== 'PENDING' && !order.pendingRefunds),
          );
        }),
        { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: false, verbose: 1 },
      );
    },
    Math.max(600_000, RUNS * 5_000),
  );

  it('ends a paid order fulfilled with its units sold once', async () => {
    const order = await placeOrder(t, buyer, [{ productId: products[0].product.id, quantity: 2 }]);
    everyOrder.push(order.id);
    await orderReaches(t, order.id, 'AWAITING_PAYMENT');
    await waitFor(async () => (await paymentOf(t, order.id)) !== undefined, 'the checkout');
    await pay(order.id, true);
    await orderReaches(t, order.id, 'PAID');
    await run(order.id, 'fulfil', 0, false);
    await orderReaches(t, order.id, 'FULFILLED');
    const facts = await expectConserved(
      t,
      products.map((item) => item.product.id),
      everyOrder,
      (seen) => seen.reservations.some((r) => r.orderId === order.id && r.status === 'SOLD'),
    );
    expect(facts.orders.find((row) => row.orderId === order.id)).toMatchObject({
      status: 'FULFILLED',
      refunded: 0,
    });
  });
});
