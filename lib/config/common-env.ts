import { z } from 'zod';
import { ConfigError } from './config-error';
import { defaultHost, devConveniencesAllowed, nodeEnvSchema } from './node-env';

/** Stands in for SUBGRAPH_SECRET in development and tests only; public, since it is in the source. */
const DEV_SUBGRAPH_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';

/** A TCP port; `0` asks the OS for a free one (tests). */
export const port = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65535).default(defaultPort);

/** How long a process may take to stop; read again by runService and the launcher at a signal. */
export const shutdownEnv = z.object({
  /** Milliseconds from SIGTERM/SIGINT until a process that has not stopped exits with status 1, naming what hung. Default 10000. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

/** Settings every process shares. */
export const commonEnv = z.object({
  /** `development` and `test` turn on dev conveniences (see node-env.ts). Default `production`. */
  NODE_ENV: nodeEnvSchema,
  /** pino level. Default `info`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Interface services bind to. Default `127.0.0.1` in development and test, `0.0.0.0` in production. */
  HOST: z.string().min(1).optional(),
  /** Where dev keys, the embedded database and the dev mailbox live. Default `.data`. */
  DATA_DIR: z.string().min(1).default('.data'),
  ...shutdownEnv.shape,
});

/** Settings of processes that talk to NATS. */
export const natsEnv = z.object({
  /** NATS server URL. Default `nats://127.0.0.1:4222`. */
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  /** Prefix of every subject and stream name, so that separate deployments or test runs never share events. Default `bazaar`. */
  EVENT_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and _, starting with a letter')
    .default('bazaar'),
});

/** Settings of processes with a database. */
export const databaseEnv = z.object({
  /** A PostgreSQL server URL; each service uses its own database on it. Default the local server. */
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  /** Database names are `<DATABASE_PREFIX>_<service>`. Default `bazaar`. */
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,40}$/)
    .default('bazaar'),
});

/** The shared secret between gateway and subgraphs. A fixed dev value in development and test. */
export const subgraphSecretEnv = z.object({
  SUBGRAPH_SECRET: z.string().min(24, 'at least 24 characters').optional(),
});

/** Returns the subgraph secret; the constant dev value only where dev conveniences are allowed. */
export function resolveSubgraphSecret(nodeEnv: string, secret: string | undefined): string {
  if (secret) return secret;
  if (devConveniencesAllowed(nodeEnv)) return DEV_SUBGRAPH_SECRET;
  // parseEnv reports this with everything else first (requiredInProduction); a guard, not a path.
  throw new ConfigError([{ variable: 'SUBGRAPH_SECRET', message: 'required in production' }]);
}

/** `HOST` when set, otherwise loopback in development and test and every interface in production. */
export function resolveHost(nodeEnv: string, host: string | undefined): string {
  return host ?? defaultHost(nodeEnv);
}

/**
 * The URL of one service's database: `<SERVICE>_DATABASE_URL` when given, otherwise the
 * `DATABASE_URL` server with the database `<prefix>_<service>`.
 */
export function serviceDatabaseUrl(
  service: string,
  env: Record<string, string | undefined>,
  serverUrl: string,
  prefix: string,
): string {
  const override = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (override) return override;
  const url = new URL(serverUrl);
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}

/** A `true`/`false` variable. */
export const flag = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .optional();
