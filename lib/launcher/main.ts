/**
 * `npm start`: the whole of Bazaar on one machine with nothing to configure. Prints the URLs and
 * stops cleanly on Ctrl-C.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import 'reflect-metadata';
import { ConfigError } from '../config/parse-env';
import { createLogger } from '../logger';
import { seedDemoWorld } from './demo-world';
import { startSystem } from './system';

async function main(): Promise<void> {
  const system = await startSystem(process.env);
  const { postgres, nats, smtp } = system.infrastructure;
  // A fresh database gets the demo world once, so Sandbox has something to show.
  const demo =
    process.env.SEED_DEMO === 'false'
      ? null
      : await seedDemoWorld(
          system.gatewayUrl,
          { ...process.env, DATABASE_URL: postgres.url },
          createLogger('seed', process.env.LOG_LEVEL ?? 'info'),
        );
  const origin = new URL(system.gatewayUrl).origin;
  const lines = [
    '',
    'Bazaar is running.',
    `  GraphQL (Apollo Sandbox)  ${system.gatewayUrl}`,
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
