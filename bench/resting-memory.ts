/**
 * `node -r @swc-node/register bench/resting-memory.ts [--dist DIR] [--no-build] [--warm]`: starts
 * every service as production runs it (compiled JavaScript, NODE_ENV=production, one process
 * each, the way `npm run bench` does) and prints each process's resident memory at rest: once
 * start-up has settled and, with `--warm`, again after a small world is seeded and the storefront
 * read a few hundred times. RSS splits into anonymous memory (heap, V8 code, buffers) and
 * file-backed pages (the node binary, shared libraries): only the first differs between services.
 *
 * Builds into its own folder (default `.data/resting-memory-dist`) so that another `npm run build`
 * cannot empty `dist/` under the running processes. `NODE_OPTIONS` passes through to the services
 * (e.g. a diagnostic `--require`).
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from '../scripts/build';
import { FakeStripe } from '../test/support/fake-stripe';
import { startProductionProcesses, type ProcessSystem } from '../test/support/service-processes';
import { waitFor } from '../test/support/wait-for';
import { loadGraphQL } from './load';
import { round, sampleProcess } from './proc-stats';
import { seedWorld } from './seed';

const ROOT = resolve(__dirname, '..');

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** Resident memory of one process, in MB, from /proc: all of it, anonymous and file-backed. */
export interface ResidentMemory {
  rssMb: number;
  anonymousMb: number;
  fileMb: number;
}

export function residentMemory(pid: number): ResidentMemory {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]);
  const anonymous = kb('Anonymous');
  return {
    rssMb: round(sampleProcess(pid).rssMb),
    anonymousMb: round(anonymous / 1024),
    fileMb: round((kb('Rss') - anonymous) / 1024),
  };
}

function pidsOf(t: ProcessSystem): Array<[string, number]> {
  return [...t.processes].map(([name, service]) => [name, service.child.pid!]);
}

/** Waits until no process's RSS moved by more than 1 MB over the last 3 s (at most a minute). */
async function settled(t: ProcessSystem): Promise<Record<string, ResidentMemory>> {
  const history: number[][] = [];
  let lastSample = 0;
  await waitFor(
    () => {
      if (Date.now() - lastSample < 500) return false;
      lastSample = Date.now();
      history.push(pidsOf(t).map(([, pid]) => sampleProcess(pid).rssMb));
      const window = history.slice(-7);
      return (
        window.length === 7 &&
        window[0].every((first, index) =>
          window.every((sample) => Math.abs(sample[index] - first) <= 1),
        )
      );
    },
    'resting memory to settle',
    60_000,
  );
  return Object.fromEntries(pidsOf(t).map(([name, pid]) => [name, residentMemory(pid)]));
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

async function main(): Promise<void> {
  const distDir = resolve(argument('--dist') ?? join(ROOT, '.data/resting-memory-dist'));
  if (!process.argv.includes('--no-build')) await build(distDir);
  const stripe = new FakeStripe();
  await stripe.start();
  const t = await startProductionProcesses(
    {
      ...stripe.env(),
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
    },
    { compiled: true, distDir: relative(ROOT, distDir) },
  ).catch(async (error: unknown) => {
    await stripe.stop();
    throw error;
  });
  try {
    process.stdout.write(`pids: ${JSON.stringify(Object.fromEntries(pidsOf(t)))}\n`);
    process.stdout.write(table('after start-up', await settled(t)));
    if (process.argv.includes('--warm')) {
      const size = { vendors: 2, categories: 2, products: 40, customers: 2, contestedStock: 5 };
      const world = await seedWorld(t, size);
      const token = world.customers[0].accessToken;
      await loadGraphQL(
        t.system.gatewayUrl,
        'query { products(first: 20) { edges { node { id name vendor { displayName } stock { available } } } } }',
        {},
        { connections: 4, durationSeconds: 5, token, pids: {} },
      );
      process.stdout.write(table('after seeding and 5 s of storefront reads', await settled(t)));
    }
    if (process.argv.includes('--hold')) {
      process.stdout.write('holding; Ctrl-C to stop\n');
      await new Promise((done) => process.once('SIGINT', done));
    }
  } finally {
    await t.stop();
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
