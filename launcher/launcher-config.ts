import { join } from 'node:path';
import { z } from 'zod';
import { commonEnv } from '../lib/config/common-env';
import { readEveryConfiguration } from '../lib/config/config-error';
import { devConveniencesAllowed } from '../lib/config/node-env';
import { parseEnv, type Env } from '../lib/config/parse-env';
import { GATEWAY, SUBGRAPHS, WORKERS } from './services';

const launcherEnv = commonEnv.extend({
  DATABASE_URL: z.url().optional(),
  NATS_URL: z.string().min(1).optional(),
  SMTP_URL: z.url().optional(),
  /** Port of the embedded PostgreSQL when DATABASE_URL is unset. Default 54329. */
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PATH: z.string().default(''),
});

export type LauncherSettings = z.infer<typeof launcherEnv>;

/**
 * The launcher's settings, once every service's configuration has been read the way its start
 * will read it: every problem of the launcher and of every service is reported in one ConfigError
 * before PostgreSQL, NATS or anything else starts. Where the launcher will provide a server
 * itself (embedded PostgreSQL, a local NATS, the dev mailbox) a stand-in URL takes its place; the
 * dev mailbox only where development conveniences are allowed, so production needs SMTP_URL.
 */
export function readLauncherConfiguration(env: Env): LauncherSettings {
  const standIns: Env = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:54329/postgres',
    NATS_URL: 'nats://127.0.0.1:4222',
  };
  if (devConveniencesAllowed(env.NODE_ENV) && !env.SMTP_URL) {
    standIns.SMTP_URL = 'smtp://127.0.0.1:1025';
    standIns.DEV_MAILBOX_DIR = join(env.DATA_DIR ?? '.data', 'mailbox');
  }
  const serviceEnv: Env = { ...env };
  for (const [name, value] of Object.entries(standIns)) serviceEnv[name] ||= value;
  readEveryConfiguration([
    { source: 'launcher', read: () => parseEnv(launcherEnv, env) },
    ...[...SUBGRAPHS, ...WORKERS, GATEWAY].map((entry) => ({
      source: entry.name,
      read: () => entry.config(serviceEnv),
    })),
  ]);
  return parseEnv(launcherEnv, env);
}
