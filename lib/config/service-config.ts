import { z } from 'zod';
import {
  commonEnv,
  databaseEnv,
  natsEnv,
  resolveHost,
  resolveSubgraphSecret,
  serviceDatabaseUrl,
  subgraphSecretEnv,
} from './common-env';
import { eventRetentionFromEnv, retentionEnv } from './retention-env';
import { outboxHealthEnv } from './telemetry-env';
import type { EventRetention } from '../events/retention';
import { parseEnv, type Env } from './parse-env';
import type { NodeEnv } from './node-env';

/** What every subgraph needs to start, whatever its domain. */
export interface ServiceConfig {
  service: string;
  nodeEnv: NodeEnv;
  logLevel: string;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** The event bus; `retention` also governs the outbox and inbox (see retention-env.ts). */
  nats: { url: string; prefix: string; retention: EventRetention };
  subgraphSecret: string;
  /** `/readyz` fails while an unpublished outbox row is older than this (OUTBOX_MAX_AGE_SECONDS). */
  outboxMaxAgeSeconds: number;
}

/** The settings every service shares. */
export const sharedServiceEnv = commonEnv
  .extend(natsEnv.shape)
  .extend(databaseEnv.shape)
  .extend(subgraphSecretEnv.shape)
  .extend(retentionEnv.shape)
  .extend(outboxHealthEnv.shape);

/**
 * Parses a service's env: the shared settings and the service's own (`own`, which includes its
 * `<SERVICE>_PORT`). Every bad variable of both, and every variable of `requiredInProduction`
 * (plus SUBGRAPH_SECRET) missing in production, is reported at once. Returns the shared part as a
 * {@link ServiceConfig} next to everything parsed, so each service's config module only maps its
 * own settings.
 */
export function parseServiceEnv<Own extends z.ZodType>(
  service: string,
  own: Own,
  env: Env,
  portOf: (parsed: z.infer<Own>) => number,
  requiredInProduction: readonly string[] = [],
) {
  const parsed = parseEnv(z.intersection(sharedServiceEnv, own), env, [
    'SUBGRAPH_SECRET',
    ...requiredInProduction,
  ]);
  const base: ServiceConfig = {
    service,
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    host: resolveHost(parsed.NODE_ENV, parsed.HOST),
    port: portOf(parsed),
    dataDir: parsed.DATA_DIR,
    databaseUrl: serviceDatabaseUrl(service, env, parsed.DATABASE_URL, parsed.DATABASE_PREFIX),
    nats: {
      url: parsed.NATS_URL,
      prefix: parsed.EVENT_PREFIX,
      retention: eventRetentionFromEnv(parsed),
    },
    subgraphSecret: resolveSubgraphSecret(parsed.NODE_ENV, parsed.SUBGRAPH_SECRET),
    outboxMaxAgeSeconds: parsed.OUTBOX_MAX_AGE_SECONDS,
  };
  return { base, parsed };
}
