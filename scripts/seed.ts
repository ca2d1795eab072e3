/**
 * `npm run seed`: creates the demo world (once per database). Seeds the system that `npm start`
 * is running when its gateway answers at GATEWAY_URL (default http://localhost:4000/graphql);
 * otherwise starts the system just for seeding, with the same defaults as `npm start`.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
import 'reflect-metadata';
import { seedDemoWorld } from '../lib/launcher/demo-world';
import { defaultToDevelopment } from '../lib/launcher/launch-mode';
import { startSystem } from '../lib/launcher/system';
import { createLogger } from '../lib/logger';

const EMBEDDED_URL = `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 54329}/postgres`;
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const logger = createLogger('seed', process.env.LOG_LEVEL ?? 'info');

async function running(): Promise<boolean> {
  try {
    return (await fetch(new URL('/healthz', gatewayUrl))).ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  // Like `npm start`: development unless NODE_ENV says otherwise (the demo world refuses production).
  const notice = defaultToDevelopment(process.env);
  if (notice) process.stdout.write(notice);
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
