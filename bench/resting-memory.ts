/**
 * `node -r @swc-node/register bench/resting-memory.ts [--dist DIR] [--no-build] [--warm]
 * [--compare "<node options>" [--turns N]]`: starts every service as production runs it (compiled
 * JavaScript, NODE_ENV=production, one process each, the way `npm run bench` does) and prints
 * each process's resident memory at rest (idle for a minute, then steady): after start-up and, with
 * `--warm`, again after a small world is seeded and the storefront read for 5 s. RSS splits into
 * anonymous memory (heap, V8 code, buffers) and file-backed pages (the node binary, shared
 * libraries): only the first differs between services.
 *
 * Builds into its own folder (default `.data/resting-memory-dist`) so that another `npm run build`
 * cannot empty `dist/` under the running processes. A `NODE_OPTIONS` set here reaches every
 * service, to measure a flag (or `--compare` it).
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { join, relative, resolve } from 'node:path';
import { build } from '../scripts/build';
import { FakeStripe } from '../test/support/fake-stripe';
import { startProductionProcesses, type ProcessSystem } from '../test/support/service-processes';
import type { Env } from '../lib/config/parse-env';
import { loadGraphQL, type LoadResult } from './load';
import { memoryAtRest, round, type ResidentMemory } from './proc-stats';
import { QUERIES } from './queries';
import { seedWorld, type World } from './seed';

const ROOT = resolve(__dirname, '..');

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** The variables of `names` that are set here, for every service (a flag being measured). */
function passedThrough(names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  );
}

function pidsOf(t: ProcessSystem): Array<[string, number]> {
  return [...t.processes].map(([name, service]) => [name, service.child.pid!]);
}

async function settled(t: ProcessSystem): Promise<Record<string, ResidentMemory>> {
  return memoryAtRest(Object.fromEntries(pidsOf(t)));
}

function table(title: string, samples: Record<string, ResidentMemory>): string {
  const lines = [
    `${title}`,
    '| process | RSS MB | anonymous MB | file-backed MB |',
    '|---|---:|---:|---:|',
    ...Object.entries(samples).map(
      ([name, sample]) =>
        `| ${name} | ${sample.rssMb} | ${sample.anonymousMb} | ${sample.fileMb} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Storefront loads of each variant in `--compare` (`--turns N`, default 3). */
const TURNS = Number(argument('--turns') ?? 3);

/** A small world: enough products for a storefront page of 20. */
const WORLD = { vendors: 2, categories: 2, products: 40, customers: 2, contestedStock: 5 };

async function startSystem(stripe: FakeStripe, distDir: string, env: Env): Promise<ProcessSystem> {
  return startProductionProcesses(
    { ...stripe.env(), ...env },
    { compiled: true, distDir: relative(ROOT, distDir) },
  );
}

/** The storefront at page 20, signed in (never from the response cache), for `seconds`. */
async function storefront(t: ProcessSystem, world: World, seconds: number): Promise<LoadResult> {
  const scenario = QUERIES(world).find((query) => query.name === 'storefront page 20')!;
  return loadGraphQL(t.system.gatewayUrl, scenario.query, scenario.variables, {
    connections: 16,
    durationSeconds: seconds,
    token: scenario.token,
    pids: Object.fromEntries(pidsOf(t).map(([name, pid]) => [name, [pid]])),
  });
}

async function measureResting(t: ProcessSystem): Promise<void> {
  process.stdout.write(table('after start-up', await settled(t)));
  if (!process.argv.includes('--warm')) return;
  await storefront(t, await seedWorld(t, WORLD), 5);
  process.stdout.write(table('after seeding and 5 s of storefront reads', await settled(t)));
}

/**
 * `--compare "<node options>"`: the system with and without the options side by side; their
 * storefront loads take turns (`--turns`, default 3), so the machine's other load shifts both
 * alike. Prints CPU milliseconds per request (all processes, and the gateway's) and RSS after
 * the loads.
 */
async function compare(stripe: FakeStripe, distDir: string, options: string): Promise<void> {
  const variants: Array<[string, Env]> = [
    ['without', { NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' }],
    [options, { NODE_OPTIONS: options }],
  ];
  const systems: Array<{ name: string; t: ProcessSystem; world: World; cpu: number[] }> = [];
  try {
    for (const [name, env] of variants) {
      const t = await startSystem(stripe, distDir, env);
      systems.push({ name, t, world: await seedWorld(t, WORLD), cpu: [] });
    }
    for (let turn = 0; turn < TURNS; turn += 1) {
      for (const system of systems) {
        const result = await storefront(system.t, system.world, 8);
        const cpu = Object.values(result.processes).reduce((sum, p) => sum + p.cpuMsPerRequest, 0);
        system.cpu.push(cpu);
        process.stdout.write(
          `${system.name}: ${result.requestsPerSecond} req/s, CPU ${round(cpu, 2)} ms/request ` +
            `(gateway ${result.processes.gateway.cpuMsPerRequest})\n`,
        );
      }
    }
    for (const system of systems) {
      const median = [...system.cpu].sort((a, b) => a - b)[Math.floor(TURNS / 2)];
      process.stdout.write(`${system.name}: median CPU ${round(median, 2)} ms/request\n`);
      process.stdout.write(table(`${system.name}, after the loads`, await settled(system.t)));
    }
  } finally {
    for (const system of systems) await system.t.stop();
  }
}

async function main(): Promise<void> {
  const distDir = resolve(argument('--dist') ?? join(ROOT, '.data/resting-memory-dist'));
  if (!process.argv.includes('--no-build')) await build(distDir);
  const stripe = new FakeStripe();
  await stripe.start();
  try {
    const options = argument('--compare');
    if (options) return await compare(stripe, distDir, options);
    const t = await startSystem(stripe, distDir, passedThrough(['NODE_OPTIONS']));
    try {
      process.stdout.write(`pids: ${JSON.stringify(Object.fromEntries(pidsOf(t)))}\n`);
      await measureResting(t);
      if (process.argv.includes('--hold')) {
        process.stdout.write('holding; Ctrl-C to stop\n');
        await new Promise((done) => process.once('SIGINT', done));
      }
    } finally {
      await t.stop();
    }
  } finally {
    await stripe.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`resting-memory failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
