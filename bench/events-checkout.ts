/**
 * Checkout throughput of the event pipeline: CUSTOMERS customers each place ORDERS_EACH orders
 * one after another, all at once, through the gateway of a test system (the one-process launcher,
 * like `npm start`); every order travels placeOrder → order.placed → inventory reserves →
 * stock.reserved → orders → AWAITING_PAYMENT. Reports orders/s reaching AWAITING_PAYMENT, the
 * latency from placeOrder to AWAITING_PAYMENT, Node CPU per order (less sensitive than the rates
 * to whatever else the machine runs), and checks that nothing was oversold.
 *
 *   node -r @swc-node/register bench/events-checkout.ts [customers] [ordersEach]
 *
 * The latency is taken when `order.status_changed` to AWAITING_PAYMENT is published (a plain
 * NATS subscription on the run's subjects), not by polling. Not `npm run bench`: this measures
 * the events half only, in one process.
 */
import 'reflect-metadata';
import { connect } from '@nats-io/transport-node';
import { signUp } from '../test/support/accounts';
import { FakeStripe } from '../test/support/fake-stripe';
import { placeOrder, stockedProduct, type StockedProduct } from '../test/support/orders';
import { startTestSystem } from '../test/support/test-system';
import { TEST_NATS_URL } from '../test/support/test-env';
import { checkoutHops } from './events-hops';

const CUSTOMERS = Number(process.argv[2] ?? 20);
const ORDERS_EACH = Number(process.argv[3] ?? 40);
const PRODUCTS = 10;

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const stripe = new FakeStripe();
  await stripe.start();
  const t = await startTestSystem(stripe.env());
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const stock = CUSTOMERS * ORDERS_EACH; // each product alone could serve every order
    const products: StockedProduct[] = [];
    for (let i = 0; i < PRODUCTS; i += 1) products.push(await stockedProduct(t, vendor, stock));
    const customers = await Promise.all(Array.from({ length: CUSTOMERS }, () => signUp(t)));

    const placedAt = new Map<string, number>();
    // Wall clock, to compare with the rows' PostgreSQL timestamps (same machine, same clock).
    const sentAtWall = new Map<string, number>();
    const awaitingAt = new Map<string, number>();
    let allAwaiting: () => void = () => {};
    const done = new Promise<void>((resolve) => (allAwaiting = resolve));
    const total = CUSTOMERS * ORDERS_EACH;
    const subscription = nc.subscribe(`${t.prefix}.order.status_changed`, {
      callback: (_, msg) => {
        const { data } = msg.json<{ data: { orderId: string; to: string } }>();
        if (data.to !== 'AWAITING_PAYMENT') return;
        awaitingAt.set(data.orderId, performance.now());
        if (awaitingAt.size === total) allAwaiting();
      },
    });

    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      customers.map(async (buyer, c) => {
        for (let n = 0; n < ORDERS_EACH; n += 1) {
          const product = products[(c + n) % PRODUCTS].product;
          const before = performance.now();
          const sentAt = Date.now();
          const order = await placeOrder(t, buyer, [{ productId: product.id, quantity: 1 }]);
          placedAt.set(order.id, before);
          sentAtWall.set(order.id, sentAt);
        }
      }),
    );
    const placed = performance.now();
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 120_000)),
    ]);
    const finished = Math.max(...awaitingAt.values());
    const cpu = process.cpuUsage(cpuBefore);
    subscription.unsubscribe();

    const latencies = [...placedAt]
      .map(([id, at]) => awaitingAt.get(id)! - at)
      .sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    const levels = await t.sql<{ on_hand: number; reserved: number }>(
      'inventory',
      'SELECT on_hand, reserved FROM stock_levels',
    );
    const oversold = levels.filter((level) => level.reserved > level.on_hand).length;
    console.log(
      JSON.stringify(
        {
          customers: CUSTOMERS,
          ordersEach: ORDERS_EACH,
          orders: total,
          placedPerSecond: Math.round(total / ((placed - started) / 1000)),
          awaitingPaymentPerSecond: Math.round(total / ((finished - started) / 1000)),
          latencyMs: {
            p50: Math.round(pct(0.5)),
            p90: Math.round(pct(0.9)),
            p99: Math.round(pct(0.99)),
            max: Math.round(latencies.at(-1)!),
          },
          // Every service runs in this process: Node CPU per order, PostgreSQL and NATS excluded.
          nodeCpuMsPerOrder: Number(((cpu.user + cpu.system) / 1000 / total).toFixed(1)),
          oversoldLevels: oversold,
          hopsMs: await checkoutHops(t, sentAtWall),
        },
        null,
        2,
      ),
    );
    if (oversold) process.exitCode = 1;
  } finally {
    await nc.close();
    await t.stop();
    await stripe.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
