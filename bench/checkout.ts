import type { SignedIn } from '../test/support/accounts';
import { deliverWebhook, stripeEvent, type FakeStripe } from '../test/support/fake-stripe';
import { graphql } from '../test/support/graphql-client';
import { waitForPaymentStatus } from '../test/support/payments';
import type { TestSystem } from '../test/support/test-system';
import { waitFor } from '../test/support/wait-for';
import { watchProcesses, round, type ProcessUsage } from './proc-stats';
import { inParallel, type World } from './seed';

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;
/** Statuses that hold (or held) stock: what may never exceed what was received. */
const HOLDING = ['PENDING', 'AWAITING_PAYMENT', 'PAID', 'FULFILLED'];

export interface LatencySummary {
  count: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface CheckoutResult {
  placed: number;
  awaitingPayment: LatencySummary;
  rejected: number;
  paid: LatencySummary;
  /** Orders that never left PENDING, paid orders that never reached PAID. */
  lost: number;
  /** Units held beyond the stock received, summed over the contested products (must be 0). */
  oversold: number;
  processes: Record<string, ProcessUsage>;
}

export function summarize(latencies: number[], seconds: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.floor((sorted.length - 1) * p)] : 0);
  return {
    count: sorted.length,
    perSecond: seconds > 0 ? round(sorted.length / seconds) : 0,
    p50Ms: Math.round(at(0.5)),
    p99Ms: Math.round(at(0.99)),
  };
}

/** When each order reached `status`, by the orders database's own history. */
async function reachedAt(
  t: TestSystem,
  ids: string[],
  status: string,
): Promise<Map<string, number>> {
  const rows = await t.sql<{ order_id: string; at: Date }>(
    'orders',
    'SELECT order_id, at FROM order_status_changes WHERE to_status = $1 AND order_id = ANY($2)',
    [status, ids],
  );
  return new Map(rows.map((row) => [row.order_id, row.at.getTime()]));
}

/**
 * `customers` each place `ordersEach` one-line orders back to back, all customers at once; a
 * quarter of the lines go to the contested products, so some orders must be refused. Latency is
 * from sending placeOrder to orders recording AWAITING_PAYMENT. Then `toPay` of them are paid at
 * the fake Stripe (20 at a time): latency from delivering the webhook to PAID.
 */
export async function runCheckout(
  t: TestSystem,
  stripe: FakeStripe,
  world: World,
  options: {
    customers: SignedIn[];
    ordersEach: number;
    toPay: number;
    pids: Record<string, number[]>;
    /**
     * Gateways to spread the customers over, customer c on gateway c mod n (each gateway of a
     * replicated system is one lane over its own replicas). Default: the system's gateway.
     */
    gatewayUrls?: string[];
  },
): Promise<CheckoutResult> {
  const gateways = options.gatewayUrls ?? [t.system.gatewayUrl];
  const sentAt = new Map<string, number>();
  const stop = watchProcesses(options.pids);
  const started = Date.now();
  await Promise.all(
    options.customers.map(async (customer, c) => {
      for (let k = 0; k < options.ordersEach; k += 1) {
        const n = c * options.ordersEach + k;
        const product =
          n % 4 === 0
            ? world.contested[n % world.contested.length].product
            : world.products[
                world.contested.length + (n % (world.products.length - world.contested.length))
              ];
        const sent = Date.now();
        const result = await graphql<{ placeOrder: { id: string } }>(
          gateways[c % gateways.length],
          PLACE,
          {
            input: {
              items: [{ productId: product.id, quantity: 1 }],
              idempotencyKey: `bench-${n}-${sent}`,
            },
          },
          { token: customer.accessToken },
        );
        if (result.errors) throw new Error(`placeOrder: ${JSON.stringify(result.errors)}`);
        sentAt.set(result.data!.placeOrder.id, sent);
      }
    }),
  );
  const ids = [...sentAt.keys()];
  const settled = async () =>
    (
      await t.sql<{ n: number }>(
        'orders',
        `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1) AND status <> 'PENDING'`,
        [ids],
      )
    )[0].n;
  let lost = 0;
  await waitFor(async () => (await settled()) === ids.length, 'orders to settle', 120_000).catch(
    async () => (lost += ids.length - (await settled())),
  );
  const awaiting = await reachedAt(t, ids, 'AWAITING_PAYMENT');
  const rejected = (await reachedAt(t, ids, 'REJECTED')).size;
  const latencies = [...awaiting].map(([id, at]) => at - sentAt.get(id)!);
  const lastAt = Math.max(...awaiting.values());
  const placing = summarize(latencies, (lastAt - started) / 1000);

  const toPay = [...awaiting.keys()].slice(0, options.toPay);
  const deliveredAt = new Map<string, number>();
  const payStarted = Date.now();
  await inParallel(toPay, 20, async (orderId) => {
    const payment = await waitForPaymentStatus(t, orderId, 'OPEN');
    const session = stripe.pay(payment.checkout_session_id);
    deliveredAt.set(orderId, Date.now());
    const answer = await deliverWebhook(
      t.system.gatewayUrl,
      stripeEvent('checkout.session.completed', session),
    );
    if (!answer.ok) throw new Error(`webhook answered ${answer.status}`);
  });
  const paidCount = async () => (await reachedAt(t, toPay, 'PAID')).size;
  await waitFor(async () => (await paidCount()) === toPay.length, 'paid orders', 120_000).catch(
    async () => (lost += toPay.length - (await paidCount())),
  );
  const paidAt = await reachedAt(t, toPay, 'PAID');
  const paid = summarize(
    [...paidAt].map(([id, at]) => at - deliveredAt.get(id)!),
    (Math.max(...paidAt.values(), payStarted) - payStarted) / 1000,
  );
  return {
    placed: ids.length,
    awaitingPayment: placing,
    rejected,
    paid,
    lost,
    oversold: await oversold(t, world),
    processes: stop(),
  };
}

/** Units held by orders beyond each contested product's stock, summed. */
async function oversold(t: TestSystem, world: World): Promise<number> {
  const rows = await t.sql<{ product_id: string; held: number }>(
    'orders',
    `SELECT i.product_id, sum(i.quantity)::int AS held
       FROM order_items i JOIN orders o ON o.id = i.order_id
      WHERE o.status = ANY($1) AND i.product_id = ANY($2)
      GROUP BY i.product_id`,
    [HOLDING, world.contested.map((c) => c.product.id)],
  );
  return rows.reduce((sum, row) => {
    const stock = world.contested.find((c) => c.product.id === row.product_id)!.stock;
    return sum + Math.max(0, row.held - stock);
  }, 0);
}
