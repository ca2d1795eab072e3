/**
 * Live status alone: `SUBSCRIBERS` (default 1000) graphql-ws clients following orders awaiting
 * payment, on distinct orders and ten to an order, while 20 orders a second are paid; the system
 * runs as production does (one process per service, TypeScript loader). Prints open time,
 * change → client latency, gateway memory per subscription and lost messages (`runFanOut` of the
 * benchmark, focused on the gateway: run it before and after a gateway change). The gateway's
 * memory is read through its inspector right after a full collection (RSS, and V8's heap plus
 * external memory); `SNAPSHOT_DIR` also writes a heap snapshot at each sample (no subscriber, all
 * open) to compare in DevTools.
 * `node -r @swc-node/register bench/gateway-fanout.ts`
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { signUp } from '../test/support/accounts';
import { FakeStripe } from '../test/support/fake-stripe';
import { stockedProduct } from '../test/support/orders';
import { startProductionProcesses } from '../test/support/service-processes';
import { join } from 'node:path';
import { ProcessInspector } from './gateway-inspector';
import { awaitingOrders, runFanOut } from './subscriptions';

const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 1000);
const SNAPSHOT_DIR = process.env.SNAPSHOT_DIR;

async function main(): Promise<void> {
  const stripe = new FakeStripe();
  await stripe.start();
  const t = await startProductionProcesses({
    ...stripe.env(),
    REGISTER_MAX_PER_IP: '100000',
    SUBSCRIPTIONS_PER_USER: '100000',
    SUBSCRIPTIONS_PER_CONNECTION: '100',
  });
  try {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const productIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      productIds.push((await stockedProduct(t, vendor, SUBSCRIBERS)).product.id);
    }
    const buyer = await signUp(t);
    const gateway = t.processes.get('gateway')!;
    const inspector = await ProcessInspector.attach(
      gateway.child.pid!,
      () => gateway.output().stderr,
    );
    let samples = 0;
    for (const [name, orders] of [
      ['distinct orders', SUBSCRIBERS],
      ['ten to an order', SUBSCRIBERS / 10],
    ] as const) {
      const orderIds = await awaitingOrders(t, buyer, productIds, orders);
      const result = await runFanOut(t, stripe, buyer, orderIds, {
        subscribers: SUBSCRIBERS,
        changes: Math.min(orders, 200),
        perSecond: 20,
        gatewayMemory: async () => {
          samples += 1;
          if (SNAPSHOT_DIR)
            await inspector.heapSnapshot(join(SNAPSHOT_DIR, `${samples}.heapsnapshot`));
          return inspector.collectedMemory();
        },
      });
      console.log(
        `${name}: ${result.subscribers} subscribers of ${result.orders} orders; open p50 ` +
          `${result.open.p50Ms} ms; change → client p50 ${result.change.p50Ms} ms, p99 ` +
          `${result.change.p99Ms} ms; +${result.gatewayKbPerSubscription} KB RSS, ` +
          `+${result.heapKbPerSubscription} KB heap and external per subscription; ` +
          `lost ${result.lost}`,
      );
    }
  } finally {
    await t.stop();
    await stripe.stop();
  }
}

void main();
