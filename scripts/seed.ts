/**
 * `npm run seed`: creates the demo world (once per database). Seeds the system that `npm start`
 * is running when its gateway answers at GATEWAY_URL (default http://localhost:4000/graphql);
 * when nothing listens there, starts the system just for seeding, with the same defaults as
 * `npm start`; any other failure of that probe is reported and nothing starts.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { seedDemoWorld } from '../launcher/demo-world';
import { devConveniencesAllowed } from '../lib/config/node-env';
import { startSystem } from '../launcher/system';
import { createLogger } from '../lib/logger';
import { connectionFailureReason } from '../lib/process/unreachable';

const EMBEDDED_URL = `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 54329}/postgres`;
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const logger = createLogger('seed', process.env.LOG_LEVEL ?? 'info');

/**
 * Whether a system answers at GATEWAY_URL: true when its /healthz says ok, false only when nothing
 * listens there (connection refused). Anything else (a refused port, no answer, an error status)
 * is said as such: starting a second system on taken ports would only fail later, and worse.
 */
async function running(): Promise<boolean> {
  const health = new URL('/healthz', gatewayUrl);
  let answer: Response;
  try {
    answer = await fetch(health, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') return false;
    throw new Error(
      `GATEWAY_URL: could not ask ${health} whether Bazaar runs (${connectionFailureReason(cause ?? error)}); ` +
        'not starting a second system. Fix GATEWAY_URL, or stop what listens there.',
    );
  }
  if (answer.ok) return true;
  throw new Error(
    `GATEWAY_URL: ${health} answered ${answer.status} ${answer.statusText}; not starting a second ` +
      'system on its port. Fix GATEWAY_URL, or stop what listens there.',
  );
}

async function main(): Promise<void> {
  // Demo accounts with a published password: never by default (NODE_ENV unset is production),
  // so a seed pointed at a real database by mistake writes nothing.
  if (!devConveniencesAllowed(process.env.NODE_ENV)) {
    throw new Error(
      'npm run seed creates demo accounts whose password is published; it runs only with ' +
        'NODE_ENV=development (e.g. `NODE_ENV=development npm run seed`)',
    );
  }
  if (await running()) {
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? EMBEDDED_URL };
    report(await seedDemoWorld(gatewayUrl, env, logger));
    return;
  }
  const system = await startSystem(process.env);
  try {
    const env = { ...process.env, DATABASE_URL: system.infrastructure.postgres.url };
    report(await seedDemoWorld(system.gatewayUrl, env, logger));
  } finally {
    await system.stop();
  }
}

function report(world: Awaited<ReturnType<typeof seedDemoWorld>>): void {
  if (!world) {
    process.stdout.write('The demo world already exists.\n');
    return;
  }
  process.stdout.write(`Demo world created. Password for every account: ${world.password}\n`);
  for (const { email, role } of world.logins)
    process.stdout.write(`  ${role.padEnd(9)} ${email}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`seeding failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
