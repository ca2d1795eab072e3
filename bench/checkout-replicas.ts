/**
 * Whether replicas add checkout throughput: the same checkout load (bench/checkout.ts) against a
 * fresh production-style system with one process per service, then with two inventory, two orders
 * and two gateway processes (each gateway a lane over its own replicas), each in its own run on
 * its own databases and subjects. Reports orders/s to AWAITING_PAYMENT, p50/p99, Node CPU per
 * order summed over the service processes (from /proc) and oversold units per run. PostgreSQL's
 * CPU is left out: its backends come and go with the pools and the server is shared.
 *
 *   node -r @swc-node/register bench/checkout-replicas.ts [customers] [ordersEach] [rounds]
 *
 * builds into its own folder (another engineer's `npm run build` cannot empty it mid-run);
 * `npm run bench -- --only checkout` runs it over the bench's own build.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { join, relative, resolve } from 'node:path';
import { build } from '../scripts/build';
import { FakeStripe } from '../test/support/fake-stripe';
import { startProductionProcesses } from '../test/support/service-processes';
import { runCheckout } from './checkout';
import { round } from './proc-stats';
import { seedWorld, type WorldSize } from './seed';

/** The services checkout's hot path runs through; the replicated run doubles each of them. */
export const CHECKOUT_REPLICAS = { inventory: 2, orders: 2, gateway: 2 };

export interface ReplicaRun {
  replicas: string;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Node CPU (user + system) of every service process in the window, per placed order. */
  nodeCpuMsPerOrder: number;
  oversold: number;
  lost: number;
}

/**
 * Runs the checkout once per configuration and round, alternating (1, 2, 1, 2, ...) so that a
 * change in the machine's other load shifts both alike.
 */
export async function compareCheckoutReplicas(
  stripe: FakeStripe,
  env: Record<string, string>,
  options: { size: WorldSize; ordersEach: number; rounds: number; distDir?: string },
): Promise<ReplicaRun[]> {
  const runs: ReplicaRun[] = [];
  for (let r = 0; r < options.rounds; r += 1) {
    for (const replicas of [{}, CHECKOUT_REPLICAS] as Array<Record<string, number>>) {
      const t = await startProductionProcesses(
        { ...stripe.env(), ...env },
        { compiled: true, replicas, distDir: options.distDir },
      );
      try {
        const world = await seedWorld(t, options.size);
        const gateways = [...t.processes.keys()]
          .filter((key) => key.split('#')[0] === 'gateway')
          .map((key) => t.processes.get(key)!.url);
        const services = [...t.processes.values()].map((service) => service.child.pid!);
        const result = await runCheckout(t, stripe, world, {
          customers: world.customers,
          ordersEach: options.ordersEach,
          toPay: 0,
          pids: { services },
          gatewayUrls: gateways,
        });
        runs.push({
          replicas: describe(replicas),
          ordersPerSecond: result.awaitingPayment.perSecond,
          p50Ms: result.awaitingPayment.p50Ms,
          p99Ms: result.awaitingPayment.p99Ms,
          nodeCpuMsPerOrder: round(result.processes.services.cpuMs / result.placed),
          oversold: result.oversold,
          lost: result.lost,
        });
      } finally {
        await t.stop();
      }
    }
  }
  return runs;
}

function describe(replicas: Record<string, number>): string {
  const replicated = Object.entries(replicas).filter(([, count]) => count > 1);
  if (!replicated.length) return '1 of each';
  return replicated.map(([name, count]) => `${name} x${count}`).join(', ');
}

async function main(): Promise<void> {
  const [customers = 20, ordersEach = 40, rounds = 1] = process.argv.slice(2).map(Number);
  const root = resolve(__dirname, '..');
  const distDir = join(root, '.data', 'bench-checkout-replicas-dist');
  await build(distDir);
  const stripe = new FakeStripe();
  await stripe.start();
  try {
    const runs = await compareCheckoutReplicas(
      stripe,
      { REGISTER_MAX_PER_IP: '100000', ACCOUNT_EMAIL_MAX_PER_IP: '100000' },
      {
        size: { vendors: 3, categories: 3, products: 60, customers, contestedStock: 30 },
        ordersEach,
        rounds,
        distDir: relative(root, distDir),
      },
    );
    console.log(JSON.stringify(runs, null, 2));
    if (runs.some((run) => run.oversold || run.lost)) process.exitCode = 1;
  } finally {
    await stripe.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
