/**
 * `npm start`: the whole of Bazaar on one machine with nothing to configure (development mode
 * unless NODE_ENV says otherwise). Prints the URLs and stops cleanly on Ctrl-C.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import 'reflect-metadata';
import { devConveniencesAllowed } from '../config/node-env';
import { ConfigError } from '../config/parse-env';
import { createLogger } from '../logger';
import { seedDemoWorld } from './demo-world';
import { defaultToDevelopment } from './launch-mode';
import { startSystem } from './system';

async function main(): Promise<void> {
  // Set in process.env itself so that libraries reading NODE_ENV (Express, Apollo) agree.
  const notice = defaultToDevelopment(process.env);
  if (notice) process.stdout.write(notice);
  const devConveniences = devConveniencesAllowed(process.env.NODE_ENV);
  const system = await startSystem(process.env);
  const { postgres, nats, smtp } = system.infrastructure;
  // A fresh database gets the demo world once, so Sandbox has something to show. Never in
  // production: its passwords are published.
  const demo =
    !devConveniences || process.env.SEED_DEMO === 'false'
      ? null
      : await seedDemoWorld(
          system.gatewayUrl,
          { ...process.env, DATABASE_URL: postgres.url },
          createLogger('seed', process.env.LOG_LEVEL ?? 'info'),
        );
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
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Bazaar...\n`);
    system.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).stack;
  process.stderr.write(`Bazaar failed to start: ${message}\n`);
  process.exit(1);
});
