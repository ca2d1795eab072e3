/**
 * A/B of two builds on checkout: two production-style systems (one process per service, compiled,
 * each on its own databases and subjects), seeded alike, loaded at the same time in paired rounds
 * (the machine is shared and noisy: whatever else runs slows both alike). Each round places
 * `customers` × `ordersEach` orders on each system (bench/checkout.ts: placeOrder →
 * AWAITING_PAYMENT, then every order paid at the fake Stripe → PAID) and reads from /proc each
 * process's CPU in the window, per order; PostgreSQL's is the CPU of the backends serving the
 * system's databases (sampled at the window's ends, so a backend that ended in between is left
 * out). Prints each round, then per figure the median of A and B and of the per-round ratios B ÷ A.
 *
 *   node -r @swc-node/register bench/checkout-ab.ts <distA> <distB> [rounds] [customers] [ordersEach]
 *
 * `distA` and `distB` are builds of the two versions (scripts/build.ts's `build(dir)`; a build
 * outside the repository needs `node_modules` beside it, e.g. a symlink). Defaults: 7 rounds after
 * a warm-up round, 10 customers, 20 orders each. Not `npm run bench`: it compares, it does not
 * describe the system.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { FakeStripe } from '../test/support/fake-stripe';
import { startProductionProcesses, type ProcessSystem } from '../test/support/service-processes';
import { TEST_DATABASE_URL } from '../test/support/test-env';
import { runCheckout } from './checkout';
import { sampleProcess } from './proc-stats';
import { seedWorld, type World } from './seed';

interface Side {
  label: 'A' | 'B';
  t: ProcessSystem;
  world: World;
}

interface RoundResult {
  ordersPerSecond: number;
  /** Node CPU per order of each service process, ms. */
  nodeMs: Record<string, number>;
  pgMs: number;
  lost: number;
  oversold: number;
}

async function startSide(
  label: Side['label'],
  dist: string,
  stripe: FakeStripe,
  customers: number,
): Promise<Side> {
  const t = await startProductionProcesses(
    { ...stripe.env(), REGISTER_MAX_PER_IP: '100000', ACCOUNT_EMAIL_MAX_PER_IP: '100000' },
    { compiled: true, distDir: resolve(dist) },
  );
  // Stock enough for every round; the five contested products take a quarter of the orders.
  const size = { vendors: 2, categories: 2, products: 40, customers, contestedStock: 1_000_000 };
  return { label, t, world: await seedWorld(t, size) };
}

/** CPU (user + system, ms) of the PostgreSQL backends serving `prefix`'s databases, by pid. */
async function backendCpu(admin: Client, prefix: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname LIKE $1',
    [`${prefix}%`],
  );
  const result = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      result.set(pid, sampleProcess(pid).cpuMs);
    } catch {
      // ended since the listing
    }
  }
  return result;
}

async function runRound(side: Side, stripe: FakeStripe, admin: Client, ordersEach: number) {
  const pids = Object.fromEntries(
    [...side.t.processes].map(([name, service]) => [name, [service.child.pid!]]),
  );
  const before = await backendCpu(admin, side.t.prefix);
  const result = await runCheckout(side.t, stripe, side.world, {
    customers: side.world.customers,
    ordersEach,
    toPay: side.world.customers.length * ordersEach,
    pids,
  });
  const after = await backendCpu(admin, side.t.prefix);
  let pgMs = 0;
  for (const [pid, cpuMs] of after) pgMs += cpuMs - (before.get(pid) ?? 0);
  return {
    ordersPerSecond: result.awaitingPayment.perSecond,
    nodeMs: Object.fromEntries(
      Object.entries(result.processes).map(([name, usage]) => [name, usage.cpuMs / result.placed]),
    ),
    pgMs: pgMs / result.placed,
    lost: result.lost,
    oversold: result.oversold,
  } satisfies RoundResult;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function describeRound(result: RoundResult): string {
  const processes = Object.entries(result.nodeMs)
    .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
    .join(', ');
  const broken =
    result.lost || result.oversold ? `; LOST ${result.lost}, OVERSOLD ${result.oversold}` : '';
  return `${result.ordersPerSecond} orders/s; ms CPU per order: Node ${sum(Object.values(result.nodeMs)).toFixed(2)} (${processes}), PostgreSQL ${result.pgMs.toFixed(2)}${broken}`;
}

function summarize(rounds: Array<{ A: RoundResult; B: RoundResult }>): void {
  const figure = (name: string, of: (result: RoundResult) => number) => {
    const ratios = rounds.map((round) => of(round.B) / of(round.A));
    console.log(
      `${name.padEnd(12)} A ${median(rounds.map((round) => of(round.A)))
        .toFixed(2)
        .padStart(6)}` +
        `  B ${median(rounds.map((round) => of(round.B)))
          .toFixed(2)
          .padStart(6)}` +
        `  B/A median ${median(ratios).toFixed(3)} [${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}]`,
    );
  };
  figure('orders/s', (result) => result.ordersPerSecond);
  figure('Node', (result) => sum(Object.values(result.nodeMs)));
  figure('PostgreSQL', (result) => result.pgMs);
  for (const name of Object.keys(rounds[0].A.nodeMs)) figure(name, (result) => result.nodeMs[name]);
}

async function main(): Promise<void> {
  const [distA, distB, ...numbers] = process.argv.slice(2);
  if (!distA || !distB)
    throw new Error('usage: checkout-ab.ts <distA> <distB> [rounds] [customers] [ordersEach]');
  const [rounds = 7, customers = 10, ordersEach = 20] = numbers.map(Number);
  const stripe = new FakeStripe();
  await stripe.start();
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  const sides: Side[] = [];
  let failed = false;
  try {
    sides.push(
      ...(await Promise.all([
        startSide('A', distA, stripe, customers),
        startSide('B', distB, stripe, customers),
      ])),
    );
    await Promise.all(sides.map((side) => runRound(side, stripe, admin, ordersEach))); // warm-up
    const results: Array<{ A: RoundResult; B: RoundResult }> = [];
    for (let round = 1; round <= rounds; round += 1) {
      const [a, b] = await Promise.all(
        sides.map((side) => runRound(side, stripe, admin, ordersEach)),
      );
      results.push({ A: a, B: b });
      failed ||= Boolean(a.lost || a.oversold || b.lost || b.oversold);
      console.log(`round ${round}\n  A ${describeRound(a)}\n  B ${describeRound(b)}`);
    }
    summarize(results);
  } finally {
    await admin.end();
    await Promise.all(sides.map((side) => side.t.stop()));
    await stripe.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
