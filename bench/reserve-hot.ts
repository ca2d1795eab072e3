/**
 * Inventory's reservation transaction alone, driven straight through ReservationService on a
 * test system's inventory database (no gateway, no orders, no NATS hop): how long one takes with
 * nothing else running (its round trips and commit, the time it holds its stock levels' locks),
 * and reservations per second when `workers` transactions at once compete for one hot product
 * (which is at most 1 / lock hold time) and for ten.
 *
 *   node -r @swc-node/register bench/reserve-hot.ts [workers] [reservations]
 *
 * For an A/B run, run the same file from a checkout of the other version, interleaved.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { signUp } from '../test/support/accounts';
import {
  createWarehouse,
  directReservations,
  receive,
  stockableProduct,
} from '../test/support/inventory';
import { startTestSystem } from '../test/support/test-system';
import { summarize } from './checkout';

const WORKERS = Number(process.argv[2] ?? 16);
const RESERVATIONS = Number(process.argv[3] ?? 1600);

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const t = await startTestSystem();
  const { reservations, dataSource } = await directReservations(t, {
    poolSize: WORKERS + 2,
    reservationTtlMs: 600_000,
  });
  try {
    const vendor = await signUp(t, { role: 'VENDOR' });
    const products: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const product = await stockableProduct(t, vendor);
      await receive(t, vendor, product.id, (await createWarehouse(t, vendor)).id, 1_000_000);
      products.push(product.id);
    }
    const reserveOne = async (productId: string) => {
      const started = performance.now();
      await dataSource.transaction((manager) =>
        reservations.reserve(manager, {
          orderId: randomUUID(),
          customerId: randomUUID(),
          lines: [{ productId, vendorId: vendor.id, quantity: 1 }],
        }),
      );
      return performance.now() - started;
    };
    const run = async (workers: number, count: number, hot: string[]) => {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (next < count) {
            const n = next++;
            latencies.push(await reserveOne(hot[n % hot.length]));
          }
        }),
      );
      return summarize(latencies, (performance.now() - started) / 1000);
    };
    await run(4, 100, products); // warm-up
    const cpu = process.cpuUsage();
    const result = {
      alone: await run(1, 200, products),
      [`${WORKERS} at once, one product`]: await run(WORKERS, RESERVATIONS, products.slice(0, 1)),
      [`${WORKERS} at once, ten products`]: await run(WORKERS, RESERVATIONS, products),
    };
    const used = process.cpuUsage(cpu);
    const levels = await t.sql<{ n: number }>(
      'inventory',
      'SELECT count(*)::int AS n FROM stock_levels WHERE reserved > on_hand',
    );
    console.log(
      JSON.stringify(
        {
          ...result,
          nodeCpuMsPerReservation: Number(
            ((used.user + used.system) / 1000 / (200 + 2 * RESERVATIONS)).toFixed(2),
          ),
          oversoldLevels: levels[0].n,
        },
        null,
        2,
      ),
    );
  } finally {
    await dataSource.destroy();
    await t.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
