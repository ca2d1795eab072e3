// First: tracing must hook http, express and pg before anything loads them.
import '../lib/telemetry/register';
/**
 * `npm start`: the whole of Bazaar on one machine with nothing to configure (development mode
 * unless NODE_ENV says otherwise). Prints the URLs and stops cleanly on Ctrl-C.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import 'reflect-metadata';
import { devConveniencesAllowed } from '../lib/config/node-env';
import { createLogger } from '../lib/logger';
import { onTerminationSignal } from '../lib/process/run-service';
import { stopWithin } from '../lib/process/shutdown';
import { stopTracing } from '../lib/telemetry/tracing';
import { startupFailureMessage } from '../lib/process/startup-error';
import { seedDemoWorld } from './demo-world';
import { defaultToDevelopment } from './launch-mode';
import { acquireLauncherLock } from './launcher-lock';
import { readLauncherConfiguration } from './launcher-config';
import { watchParent } from './parent-watch';
import { startSystem, type RunningSystem } from './system';

/** Set at the first stop request; start-up failures after it are the stop's doing. */
let stopping = false;

async function main(): Promise<void> {
  // Set in process.env itself so that libraries reading NODE_ENV (Express, Apollo) agree.
  const notice = defaultToDevelopment(process.env);
  if (notice) process.stdout.write(notice);
  const devConveniences = devConveniencesAllowed(process.env.NODE_ENV);
  // Every variable checked before anything starts, the lock taken before PostgreSQL is touched.
  const settings = readLauncherConfiguration(process.env);
  const lock = acquireLauncherLock(settings.DATA_DIR);
  let starting: Promise<RunningSystem> | null = null;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${why}: stopping Bazaar...\n`);
    // The spans of the last requests are exported (within their share) before the exit.
    const stopSystem = async () => {
      await (await starting?.catch(() => null))?.stop();
      await stopTracing();
    };
    stopWithin(settings.SHUTDOWN_TIMEOUT_MS, stopSystem).then(
      () => {
        process.stdout.write('Bazaar stopped.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Bazaar: unclean shutdown: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  // A signal during start-up stops the system once it is up (a failed start stops itself).
  onTerminationSignal(shutdown);
  // `npm start` runs node under `sh -c`; `kill -TERM <npm>` ends npm and sh, not node.
  watchParent(() => shutdown('the process that started the launcher exited'));
  starting = startSystem(process.env);
  const system = await starting;
  lock.ready(system.gatewayUrl);
  if (stopping) return;
  const { postgres, nats, smtp } = system.infrastructure;
  // A fresh database gets the demo world once, so Sandbox has something to show. Never in
  // production: its passwords are published.
  const seeding = devConveniences && process.env.SEED_DEMO !== 'false';
  if (seeding) process.stdout.write('Preparing the demo world...\n');
  const demo = !seeding
    ? null
    : await seedDemoWorld(
        system.gatewayUrl,
        { ...process.env, DATABASE_URL: postgres.url },
        createLogger('seed', process.env.LOG_LEVEL ?? 'info'),
      ).catch((error: unknown) => {
        // A Ctrl-C while seeding stops the system under the seed: the stop decides the exit.
        if (stopping) return null;
        throw error;
      });
  if (stopping) return;
  const origin = new URL(system.gatewayUrl).origin;
  const lines = [
    '',
    `Bazaar is running (NODE_ENV=${process.env.NODE_ENV}).`,
    `  ${(devConveniences ? 'GraphQL (Apollo Sandbox)' : 'GraphQL').padEnd(26)}${system.gatewayUrl}`,
    ...(smtp.source.startsWith('dev mailbox')
      ? [`  Dev mailbox               ${origin}/dev/mailbox`]
      : []),
    `  Health                    ${origin}/readyz`,
    ...Object.entries(system.urls)
      .filter(([name]) => name !== 'gateway')
      .map(([name, url]) => `  ${name.padEnd(26)}${url}`),
    `  PostgreSQL                ${postgres.source}`,
    `  NATS                      ${nats.source}`,
    `  Mail                      ${smtp.source}`,
    ...(demo
      ? [
          `Demo world created. Every demo account's password is ${demo.password}:`,
          ...demo.logins.map(({ email, role }) => `  ${role.padEnd(9)} ${email}`),
        ]
      : []),
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  // Failing because a stop pulled the system away: the stop under way exits (0 when clean).
  if (stopping) return;
  process.stderr.write(`Bazaar failed to start: ${startupFailureMessage(error)}\n`);
  process.exit(1);
});
