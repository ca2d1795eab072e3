import { z } from 'zod';

const DEV_SUBGRAPH_SECRET = 'bazaar-dev-subgraph-secret-not-for-production';

/** A TCP port; `0` asks the OS for a free one (tests). */
export const port = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65535).default(defaultPort);

/** Settings every process shares. */
export const commonEnv = z.object({
  /** `production` turns off dev conveniences (generated keys, dev secret, Sandbox). Default `development`. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino level. Default `info`. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Interface services bind to. Default `0.0.0.0`. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where dev keys, the embedded database and the dev mailbox live. Default `.data`. */
  DATA_DIR: z.string().min(1).default('.data'),
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

/** The shared secret between gateway and subgraphs. A fixed dev value outside production. */
export const subgraphSecretEnv = z.object({
  SUBGRAPH_SECRET: z.string().min(24, 'at least 24 characters').optional(),
});

/** Returns the subgraph secret, refusing the dev default in production. */
export function resolveSubgraphSecret(nodeEnv: string, secret: string | undefined): string {
  if (secret) return secret;
  if (nodeEnv === 'production') throw new Error('SUBGRAPH_SECRET is required in production');
  return DEV_SUBGRAPH_SECRET;
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
