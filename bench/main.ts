/**
 * `npm run bench [-- --quick] [--only reads,checkout,fanout,single]`: the system as production runs it (compiled JavaScript, one
 * process per service) beside Hive Gateway on the same subgraphs, then the one-process launcher;
 * writes `.data/bench/` (see report.ts). Exits non-zero when an order oversold or a message was
 * lost. Figures are only comparable within one run on one machine.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { build } from '../scripts/build';
import { SECRET_HEADER } from '../lib/auth/caller';
import { FakeStripe } from '../test/support/fake-stripe';
import { startProductionProcesses } from '../test/support/service-processes';
import { startTestSystem } from '../test/support/test-system';
import { runCheckout } from './checkout';
import { compareCheckoutReplicas } from './checkout-replicas';
import { startHiveGateway } from './hive-peer';
import { combine, loadGraphQL, type LoadResult } from './load';
import { memoryAtRest, postgresPids, round } from './proc-stats';
import { perRequestCosts, QUERIES } from './queries';
import { BEFORE, writeReport, type Row } from './report';
import { seedWorld } from './seed';
import { ProcessInspector } from './gateway-inspector';
import { awaitingOrders, runFanOut } from './subscriptions';

const QUICK = process.argv.includes('--quick');
const PARTS = ['reads', 'checkout', 'fanout', 'single'] as const;
type Part = (typeof PARTS)[number];
/** `--only checkout,fanout` runs just those parts (the seeding always runs). */
function onlyParts(argv: string[]): ReadonlySet<Part> {
  const at = argv.indexOf('--only');
  if (at < 0) return new Set(PARTS);
  const asked = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = asked.filter((part) => !PARTS.includes(part as Part));
  if (!asked.length || unknown.length) {
    throw new Error(`--only takes a comma-separated list of ${PARTS.join(', ')}`);
  }
  return new Set(asked as Part[]);
}
const ONLY = onlyParts(process.argv);
const SIZE = QUICK
  ? { vendors: 3, categories: 3, products: 120, customers: 4, contestedStock: 5 }
  : { vendors: 6, categories: 6, products: 240, customers: 20, contestedStock: 30 };
const LOAD = { connections: 32, durationSeconds: QUICK ? 3 : 15 };
/** Generous limits: the benchmark signs up and subscribes far more than a person would. */
const BENCH_ENV = {
  REGISTER_MAX_PER_IP: '100000',
  ACCOUNT_EMAIL_MAX_PER_IP: '100000',
  SUBSCRIPTIONS_PER_USER: '100000',
  SUBSCRIPTIONS_PER_CONNECTION: '100',
};

const rate = (result: LoadResult) =>
  `${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`;

async function main(): Promise<number> {
  const root = resolve(__dirname, '..');
  const rows: Row[] = [];
  const details: Record<string, unknown> = {
    quick: QUICK,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    load: LOAD,
    size: SIZE,
  };
  let failed = false;
  const log = (line: string) => process.stdout.write(`${line}\n`);

  log('building dist/ (npm run build)');
  await build();
  const stripe = new FakeStripe();
  await stripe.start();
  try {
    log('separate processes, compiled: starting');
    const t = await startProductionProcesses({ ...stripe.env(), ...BENCH_ENV }, { compiled: true });
    try {
      const world = await seedWorld(t, SIZE);
      const pids = Object.fromEntries(
        [...t.processes].map(([name, service]) => [name, [service.child.pid!]]),
      );
      const withPostgres = { ...pids, 'postgres (machine)': postgresPids() };
      log('memory at rest (a minute idle, then steady)');
      const atRest = await memoryAtRest(
        Object.fromEntries(Object.entries(pids).map(([name, [pid]]) => [name, pid])),
      );
      details.restingRssMb = Object.fromEntries(
        Object.entries(atRest).map(([name, memory]) => [name, round(memory.rssMb)]),
      );
      rows.push({
        scenario: 'resident memory at rest, after seeding',
        before: BEFORE['resident memory at rest, after seeding'] ?? '—',
        now: `${Object.entries(atRest)
          .map(([name, memory]) => `${name} ${round(memory.rssMb)} MB`)
          .join(
            ', ',
          )}${Object.values(atRest).some((memory) => !memory.settled) ? ' (still moving after 3 minutes)' : ''}`,
      });
      if (ONLY.has('reads')) {
        const peer = await startHiveGateway(
          Object.fromEntries(
            ['users', 'catalog', 'inventory', 'orders', 'payments'].map((name) => [
              name,
              t.processes.get(name)!.url,
            ]),
          ),
          t.env.SUBGRAPH_SECRET!,
        );
        try {
          const loads: Record<string, LoadResult> = {};
          for (const scenario of QUERIES(world)) {
            log(`load: ${scenario.name}`);
            // Ours and the peer take turns, twice each, so a change in the machine's other load
            // during the run shifts both alike.
            const half = { ...LOAD, durationSeconds: LOAD.durationSeconds / 2 };
            const ourRuns: LoadResult[] = [];
            const peerRuns: LoadResult[] = [];
            for (let round = 0; round < 2; round += 1) {
              ourRuns.push(
                await loadGraphQL(t.system.gatewayUrl, scenario.query, scenario.variables, {
                  ...half,
                  token: scenario.token,
                  pids: withPostgres,
                }),
              );
              if (scenario.peer) {
                peerRuns.push(
                  await loadGraphQL(peer.url, scenario.query, scenario.variables, {
                    ...half,
                    pids: { 'hive-gateway': [peer.pid], ...withPostgres },
                  }),
                );
              }
            }
            const ours = combine(ourRuns);
            loads[scenario.name] = ours;
            const theirs = peerRuns.length ? combine(peerRuns) : undefined;
            if (theirs) loads[`${scenario.name} (Hive Gateway)`] = theirs;
            rows.push({
              scenario: scenario.name,
              before: BEFORE[scenario.name] ?? '—',
              now: rate(ours),
              peer: theirs
                ? `${theirs.requestsPerSecond} req/s (${(ours.requestsPerSecond / Math.max(1, theirs.requestsPerSecond)).toFixed(2)}×)`
                : undefined,
              chart: { now: ours.requestsPerSecond, peer: theirs?.requestsPerSecond },
            });
          }
          const catalogAlone = await loadGraphQL(
            t.processes.get('catalog')!.url,
            QUERIES(world)[0].subgraphQuery!,
            {},
            { ...LOAD, headers: { [SECRET_HEADER]: t.env.SUBGRAPH_SECRET! }, pids: withPostgres },
          );
          loads['catalog subgraph alone, page 20'] = catalogAlone;
          rows.push({
            scenario: 'catalog subgraph alone, page 20',
            before: BEFORE['catalog subgraph alone, page 20'],
            now: rate(catalogAlone),
            chart: { now: catalogAlone.requestsPerSecond },
          });
          details.loads = loads;
        } finally {
          await peer.stop();
        }
      }

      if (ONLY.has('checkout')) {
        log('checkout');
        const checkout = await runCheckout(t, stripe, world, {
          customers: world.customers,
          ordersEach: QUICK ? 5 : 40,
          toPay: QUICK ? 10 : 200,
          pids: withPostgres,
        });
        details.checkout = checkout;
        rows.push({
          scenario: 'checkout',
          before: BEFORE.checkout,
          now: `${checkout.awaitingPayment.perSecond} orders/s reach AWAITING_PAYMENT, p50 ${checkout.awaitingPayment.p50Ms} ms, p99 ${checkout.awaitingPayment.p99Ms} ms (${world.customers.length} customers, ${checkout.placed} orders, ${checkout.rejected} refused for stock); → PAID p50 ${checkout.paid.p50Ms} ms, p99 ${checkout.paid.p99Ms} ms; oversold ${checkout.oversold}, lost ${checkout.lost}`,
        });
        if (checkout.oversold || checkout.lost) failed = true;
        log('checkout, 1 vs 2 replicas of inventory, orders and the gateway');
        const replicaRuns = await compareCheckoutReplicas(stripe, BENCH_ENV, {
          size: SIZE,
          ordersEach: QUICK ? 5 : 40,
          rounds: 1,
        });
        details.checkoutReplicas = replicaRuns;
        rows.push({
          scenario: 'checkout, 1 vs 2 replicas',
          before: '—',
          now: replicaRuns
            .map(
              (run) =>
                `${run.replicas}: ${run.ordersPerSecond} orders/s, p99 ${run.p99Ms} ms, ${run.nodeCpuMsPerOrder} ms Node CPU per order`,
            )
            .join('; '),
        });
        if (replicaRuns.some((run) => run.oversold || run.lost)) failed = true;
      }

      const subscribers = QUICK ? 100 : 1000;
      const gateway = t.processes.get('gateway')!;
      // Opened (SIGUSR1) only now, so the parts above ran without an inspector.
      const inspector = ONLY.has('fanout')
        ? await ProcessInspector.attach(gateway.child.pid!, () => gateway.output().stderr)
        : null;
      const buyer = world.customers[0];
      const productIds = world.products.slice(world.contested.length).map((product) => product.id);
      for (const [name, orderCount] of !ONLY.has('fanout')
        ? []
        : ([
            ['fan-out, distinct orders', subscribers],
            ['fan-out, shared orders', subscribers / 10],
          ] as const)) {
        log(name);
        const orderIds = await awaitingOrders(t, buyer, productIds, orderCount);
        const fanOut = await runFanOut(t, stripe, buyer, orderIds, {
          subscribers,
          changes: Math.min(orderCount, QUICK ? 20 : 200),
          perSecond: 20,
          gatewayMemory: () => inspector!.collectedMemory(),
        });
        details[name] = fanOut;
        rows.push({
          scenario: name,
          before: BEFORE[name],
          now: `${fanOut.subscribers} subscribers of ${fanOut.orders} orders: open p50 ${fanOut.open.p50Ms} ms; change → client p50 ${fanOut.change.p50Ms} ms, p99 ${fanOut.change.p99Ms} ms; +${fanOut.gatewayKbPerSubscription} KB per subscription; lost ${fanOut.lost}`,
        });
        if (fanOut.lost) failed = true;
      }
      inspector?.close();
    } finally {
      await t.stop();
    }

    if (!ONLY.has('single')) return finish(root, rows, details, failed);
    log('one process (the launcher, as npm start runs it)');
    const single = await startTestSystem({ ...stripe.env(), ...BENCH_ENV });
    try {
      const world = await seedWorld(single, { ...SIZE, customers: 1 });
      const self = { bench: [process.pid] };
      for (const scenario of QUERIES(world).slice(0, 2)) {
        const result = await loadGraphQL(
          single.system.gatewayUrl,
          scenario.query,
          scenario.variables,
          { ...LOAD, token: scenario.token, pids: self },
        );
        rows.push({
          scenario: `${scenario.name}, one process`,
          before: BEFORE[`${scenario.name}, one process`] ?? '—',
          now: rate(result),
          chart: { now: result.requestsPerSecond },
        });
      }
      // Last: counting statements puts an AsyncLocalStorage on every request from here on.
      details.perRequest = await perRequestCosts(single, QUERIES(world));
    } finally {
      await single.stop();
    }
  } finally {
    await stripe.stop();
  }
  return finish(root, rows, details, failed);
}

function finish(
  root: string,
  rows: Row[],
  details: Record<string, unknown>,
  failed: boolean,
): number {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const table = writeReport(root, rows, details);
  log(`\n${table}`);
  if (details.perRequest)
    log(
      `per request (statements by database, subgraph fetches): ${JSON.stringify(details.perRequest)}`,
    );
  if (failed) log('FAILED: an order oversold or a message was lost (see above)');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
